import { z } from 'zod';
import { idSchema, page, PageQuery } from '../common.ts';
import { endpoint } from '../endpoint.ts';
import { Fen, Sku, SkuCode } from './products.ts';

// SKUs: one sellable variant of a product; prices and costs in integer fen.

const SkuParams = z.object({ skuId: idSchema('sku') });

export const listSkus = endpoint({
  id: 'listSkus',
  method: 'GET',
  path: '/api/v1/skus',
  access: 'catalog.read',
  summary: 'SKUs, by product or code',
  tags: ['catalog'],
  query: PageQuery.extend({ productId: idSchema('prd').optional(), code: z.string().max(64).optional(), status: z.enum(['active', 'archived']).optional() }),
  response: { 200: page(Sku) },
});

export const getSku = endpoint({
  id: 'getSku',
  method: 'GET',
  path: '/api/v1/skus/:skuId',
  access: 'catalog.read',
  summary: 'One SKU',
  tags: ['catalog'],
  params: SkuParams,
  response: { 200: Sku },
});

export const updateSku = endpoint({
  id: 'updateSku',
  method: 'PATCH',
  path: '/api/v1/skus/:skuId',
  access: 'catalog.write',
  summary: 'Change a SKU’s code, barcode, price, cost, weight or status (price_below_cost unless allowBelowCost)',
  tags: ['catalog'],
  params: SkuParams,
  body: z
    .object({
      code: SkuCode.optional(),
      barcode: z.string().trim().regex(/^[0-9A-Za-z-]{1,64}$/).nullable().optional(),
      priceFen: Fen.optional(),
      costFen: Fen.optional(),
      weightG: z.int().min(0).max(1_000_000).optional(),
      status: z.enum(['active', 'archived']).optional(),
      allowBelowCost: z.boolean().default(false),
    })
    .strict(),
  response: { 200: Sku },
});

export const deleteSku = endpoint({
  id: 'deleteSku',
  method: 'DELETE',
  path: '/api/v1/skus/:skuId',
  access: 'catalog.write',
  summary: 'Delete a SKU never stocked; archive one with stock history; sku_has_stock while it holds stock',
  tags: ['catalog'],
  params: SkuParams,
  response: { 204: z.null() },
});

export const PriceChange = z.discriminatedUnion('by', [
  z.object({ by: z.literal('amount'), amountFen: z.int().min(-1_000_000_000_000).max(1_000_000_000_000).describe('signed fen') }).strict(),
  z.object({ by: z.literal('percent'), bp: z.int().min(-10_000).max(100_000).describe('signed basis points: -1000 = 10 % off') }).strict(),
]);

export const bulkChangePrices = endpoint({
  id: 'bulkChangePrices',
  method: 'POST',
  path: '/api/v1/skus/bulk-price',
  access: 'catalog.write',
  summary: 'Change the price of many SKUs (by amount or percent, optionally to ¥x.9), all or none',
  tags: ['catalog'],
  body: z
    .object({
      skuIds: z.array(idSchema('sku')).max(1000).default([]),
      productIds: z.array(idSchema('prd')).max(200).default([]).describe('every active SKU of these products'),
      change: PriceChange,
      roundToNinety: z.boolean().default(false).describe('move each new price to the nearest ending in 90 fen (¥x.9)'),
      allowBelowCost: z.boolean().default(false),
    })
    .strict()
    .refine((b) => b.skuIds.length + b.productIds.length > 0, { message: 'name at least one SKU or product', path: ['skuIds'] }),
  response: { 200: z.object({ items: z.array(z.object({ skuId: idSchema('sku'), code: z.string(), beforeFen: z.int(), afterFen: z.int() })) }) },
});

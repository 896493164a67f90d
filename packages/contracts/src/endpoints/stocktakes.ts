import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';

// Stocktake (盘点): count sheets per warehouse, the variance report, posting variances.

const STATUSES = ['open', 'posted', 'cancelled'] as const;

export const StocktakeHeader = z.object({
  stocktakeId: idSchema('stk'),
  warehouseId: idSchema('whs'),
  status: z.enum(STATUSES),
  note: z.string(),
  createdAt: Timestamp,
  closedAt: Timestamp.nullable(),
});

export const Stocktake = StocktakeHeader.extend({
  lines: z.array(
    z.object({
      skuId: idSchema('sku'),
      expectedOnHand: z.int().describe('on hand when the sheet was made'),
      counted: z.int().nullable(),
      variance: z.int().nullable().describe('counted − expected'),
      varianceCostFen: z.int().nullable().describe('variance × cost, fen'),
    }),
  ),
  summary: z.object({ lines: z.int(), counted: z.int(), unitsOver: z.int(), unitsShort: z.int(), varianceCostFen: z.int() }),
});

const StocktakeParams = z.object({ stocktakeId: idSchema('stk') });

export const listStocktakes = endpoint({
  id: 'listStocktakes',
  method: 'GET',
  path: '/api/v1/inventory/stocktakes',
  access: 'inventory.read',
  summary: 'Stocktakes, newest first',
  tags: ['inventory'],
  query: PageQuery.extend({ warehouseId: idSchema('whs').optional(), status: z.enum(STATUSES).optional() }),
  response: { 200: page(StocktakeHeader) },
});

export const createStocktake = endpoint({
  id: 'createStocktake',
  method: 'POST',
  path: '/api/v1/inventory/stocktakes',
  access: 'inventory.write',
  idempotent: true,
  summary: 'Open a count sheet: the named SKUs, or every SKU the warehouse holds',
  tags: ['inventory'],
  body: z
    .object({ warehouseId: idSchema('whs'), skuIds: z.array(idSchema('sku')).min(1).max(5000).optional(), note: z.string().trim().max(200).default('') })
    .strict(),
  response: { 201: Stocktake },
});

export const getStocktake = endpoint({
  id: 'getStocktake',
  method: 'GET',
  path: '/api/v1/inventory/stocktakes/:stocktakeId',
  access: 'inventory.read',
  summary: 'A count sheet with its variance report',
  tags: ['inventory'],
  params: StocktakeParams,
  response: { 200: Stocktake },
});

export const recordStocktakeCounts = endpoint({
  id: 'recordStocktakeCounts',
  method: 'POST',
  path: '/api/v1/inventory/stocktakes/:stocktakeId/counts',
  access: 'inventory.write',
  summary: 'Enter counted quantities (again to correct them) while the sheet is open',
  tags: ['inventory'],
  params: StocktakeParams,
  body: z.object({ counts: z.array(z.object({ skuId: idSchema('sku'), counted: z.int().min(0).max(1_000_000_000) }).strict()).min(1).max(5000) }).strict(),
  response: { 200: Stocktake },
});

export const postStocktake = endpoint({
  id: 'postStocktake',
  method: 'POST',
  path: '/api/v1/inventory/stocktakes/:stocktakeId/post',
  access: 'inventory.write',
  summary: 'Post the variances of counted lines to the ledger, all or none',
  tags: ['inventory'],
  params: StocktakeParams,
  response: { 200: Stocktake },
});

export const cancelStocktake = endpoint({
  id: 'cancelStocktake',
  method: 'POST',
  path: '/api/v1/inventory/stocktakes/:stocktakeId/cancel',
  access: 'inventory.write',
  summary: 'Cancel an open count sheet',
  tags: ['inventory'],
  params: StocktakeParams,
  response: { 200: Stocktake },
});

import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';
import { Fen } from './products.ts';

// Per-channel listing: which SKUs are sold on which channel, at which channel price (fen).

export const LISTING_STATUSES = ['listed', 'unlisted'] as const;

export const ChannelListing = z.object({
  channelId: idSchema('chn'),
  skuId: idSchema('sku'),
  skuCode: z.string(),
  priceFen: z.int().nullable().describe('channel price in fen; null = the SKU’s own price'),
  skuPriceFen: z.int().describe('the SKU’s own price in fen'),
  effectivePriceFen: z.int().describe('the price on this channel in fen: priceFen, or the SKU’s price when null'),
  status: z.enum(LISTING_STATUSES),
  externalId: z.string().nullable().describe('the platform’s item/SKU id'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const ChannelParams = z.object({ channelId: idSchema('chn') });
const ListingParams = z.object({ channelId: idSchema('chn'), skuId: idSchema('sku') });

export const listChannelListings = endpoint({
  id: 'listChannelListings',
  method: 'GET',
  path: '/api/v1/channels/:channelId/listings',
  access: 'catalog.read',
  summary: 'The SKUs listed on a channel, with their channel and effective prices',
  tags: ['catalog', 'channels'],
  params: ChannelParams,
  query: PageQuery.extend({ status: z.enum(LISTING_STATUSES).optional() }),
  response: { 200: page(ChannelListing) },
});

export const putChannelListing = endpoint({
  id: 'putChannelListing',
  method: 'PUT',
  path: '/api/v1/channels/:channelId/listings/:skuId',
  access: 'catalog.write',
  summary: 'List a SKU on a channel or change its listing (price_below_cost unless allowBelowCost); omitted fields keep their value',
  tags: ['catalog', 'channels'],
  params: ListingParams,
  body: z
    .object({
      priceFen: Fen.nullable().optional().describe('channel price in fen; null = the SKU’s own price; omitted = unchanged (null on a new listing)'),
      status: z.enum(LISTING_STATUSES),
      externalId: z.string().trim().min(1).max(100).nullable().optional().describe('the platform’s item/SKU id; omitted = unchanged'),
      allowBelowCost: z.boolean().default(false),
    })
    .strict(),
  response: { 200: ChannelListing },
});

export const unlistChannelListing = endpoint({
  id: 'unlistChannelListing',
  method: 'DELETE',
  path: '/api/v1/channels/:channelId/listings/:skuId',
  access: 'catalog.write',
  summary: 'Unlist a SKU from a channel (the listing stays, status unlisted)',
  tags: ['catalog', 'channels'],
  params: ListingParams,
  response: { 204: z.null() },
});

export const listSkuListings = endpoint({
  id: 'listSkuListings',
  method: 'GET',
  path: '/api/v1/skus/:skuId/listings',
  access: 'catalog.read',
  summary: 'A SKU on every channel it has a listing on, with the effective price',
  tags: ['catalog', 'channels'],
  params: z.object({ skuId: idSchema('sku') }),
  response: { 200: z.object({ items: z.array(ChannelListing) }) },
});

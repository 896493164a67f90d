import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { ChannelListingsTable } from '../schema-channel-listings.ts';

export type ListingStatus = 'listed' | 'unlisted';

export interface ChannelListingRecord {
  channelId: string;
  skuId: string;
  /** Channel price in fen; null = the SKU's own price. */
  priceFen: number | null;
  status: ListingStatus;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A listing with the SKU's code and own price, read with it. */
export interface ListingWithSku extends ChannelListingRecord {
  skuCode: string;
  skuPriceFen: number;
}

function toListing(r: Selectable<ChannelListingsTable>): ChannelListingRecord {
  return {
    channelId: r.channel_id,
    skuId: r.sku_id,
    priceFen: r.price_fen === null ? null : Number(r.price_fen),
    status: r.status as ListingStatus,
    externalId: r.external_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function withSkuQuery(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('channel_listings as l')
    .innerJoin('skus as s', (j) => j.onRef('s.tenant_id', '=', 'l.tenant_id').onRef('s.sku_id', '=', 'l.sku_id'))
    .selectAll('l')
    .select(['s.code as sku_code', 's.price_fen as sku_price_fen'])
    .where('l.tenant_id', '=', tenantId);
}

function toListingWithSku(r: Selectable<ChannelListingsTable> & { sku_code: string; sku_price_fen: number }): ListingWithSku {
  return { ...toListing(r), skuCode: r.sku_code, skuPriceFen: Number(r.sku_price_fen) };
}

export async function findListing(db: Kysely<DB>, tenantId: string, channelId: string, skuId: string, forUpdate = false): Promise<ChannelListingRecord | undefined> {
  let q = db.selectFrom('channel_listings').selectAll().where('tenant_id', '=', tenantId).where('channel_id', '=', channelId).where('sku_id', '=', skuId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toListing(row);
}

/** One listing with its SKU's code and price. */
export async function findListingWithSku(db: Kysely<DB>, tenantId: string, channelId: string, skuId: string): Promise<ListingWithSku | undefined> {
  const row = await withSkuQuery(db, tenantId).where('l.channel_id', '=', channelId).where('l.sku_id', '=', skuId).executeTakeFirst();
  return row && toListingWithSku(row);
}

/** Inserts the listing or replaces its price, status and platform id. */
export async function upsertListing(
  db: Kysely<DB>,
  tenantId: string,
  l: { channelId: string; skuId: string; priceFen: number | null; status: ListingStatus; externalId: string | null },
): Promise<ChannelListingRecord> {
  const now = new Date();
  const row = await db
    .insertInto('channel_listings')
    .values({
      tenant_id: tenantId,
      channel_id: l.channelId,
      sku_id: l.skuId,
      price_fen: l.priceFen,
      status: l.status,
      external_id: l.externalId,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'channel_id', 'sku_id']).doUpdateSet({ price_fen: l.priceFen, status: l.status, external_id: l.externalId, updated_at: now }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toListing(row);
}

/** A channel's listings with their SKUs, in SKU id order (keyset by sku id). */
export async function listChannelListings(
  db: Kysely<DB>,
  tenantId: string,
  channelId: string,
  filter: { status?: string | undefined; limit: number; afterSkuId?: string | undefined },
): Promise<ListingWithSku[]> {
  let q = withSkuQuery(db, tenantId).where('l.channel_id', '=', channelId);
  if (filter.status) q = q.where('l.status', '=', filter.status);
  if (filter.afterSkuId) q = q.where('l.sku_id', '>', filter.afterSkuId);
  const rows = await q.orderBy('l.sku_id').limit(filter.limit).execute();
  return rows.map(toListingWithSku);
}

/** A SKU's listing on every channel it has one on, in channel id order. */
export async function listSkuListings(db: Kysely<DB>, tenantId: string, skuId: string): Promise<ListingWithSku[]> {
  const rows = await withSkuQuery(db, tenantId).where('l.sku_id', '=', skuId).orderBy('l.channel_id').execute();
  return rows.map(toListingWithSku);
}

/** True when any of the SKUs has a listing row (listed or not): its channel history stays. */
export async function hasListings(db: Kysely<DB>, tenantId: string, skuIds: readonly string[]): Promise<boolean> {
  if (skuIds.length === 0) return false;
  const row = await db.selectFrom('channel_listings').select('sku_id').where('tenant_id', '=', tenantId).where('sku_id', 'in', [...skuIds]).limit(1).executeTakeFirst();
  return row !== undefined;
}

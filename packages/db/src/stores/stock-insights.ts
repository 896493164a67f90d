import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { SALE_KIND, unitsSold } from './stock-movements.ts';

// Reads for the stock insights (GET /api/v1/inventory/insights): units sold per SKU per day from
// the ledger's `sale` movements, and the stock of the SKUs on sale.

export interface DailySaleRow {
  skuId: string;
  /** whole days between the sale and `now` (0 = within the last 24 hours) */
  daysAgo: number;
  units: number;
}

/** Units sold (see unitsSold) per SKU per day over the `days` days before `now`. */
export async function salesByDay(db: Kysely<DB>, tenantId: string, now: Date, days: number): Promise<DailySaleRow[]> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const daysAgo = sql<number>`floor(extract(epoch from (${now}::timestamptz - occurred_at)) / 86400)`;
  const rows = await db
    .selectFrom('stock_movements')
    .select(['sku_id', daysAgo.as('days_ago'), unitsSold('stock_movements').as('units')])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', SALE_KIND)
    .where('occurred_at', '>', since)
    .where('occurred_at', '<=', now)
    .groupBy(['sku_id', sql<number>`2`]) // by position: the day expression holds a parameter
    .execute();
  return rows.map((r) => ({ skuId: r.sku_id, daysAgo: Number(r.days_ago), units: Number(r.units) })).filter((r) => r.units > 0);
}

export interface SkuStockRow {
  skuId: string;
  code: string;
  priceFen: number;
  onHand: number;
  available: number;
}

/** Every active SKU of the shop with its on hand and available summed over warehouses, in id order. */
export async function activeSkuStock(db: Kysely<DB>, tenantId: string): Promise<SkuStockRow[]> {
  const rows = await db
    .selectFrom('skus as s')
    .leftJoin('stock_levels as l', (j) => j.onRef('l.tenant_id', '=', 's.tenant_id').onRef('l.sku_id', '=', 's.sku_id'))
    .select([
      's.sku_id',
      's.code',
      's.price_fen',
      (eb) => eb.fn.coalesce(eb.fn.sum<number>('l.on_hand'), sql<number>`0`).as('on_hand'),
      (eb) => eb.fn.coalesce(eb.fn.sum<number>('l.reserved'), sql<number>`0`).as('reserved'),
    ])
    .where('s.tenant_id', '=', tenantId)
    .where('s.status', '=', 'active')
    .groupBy(['s.sku_id', 's.code', 's.price_fen'])
    .orderBy('s.sku_id')
    .execute();
  return rows.map((r) => ({
    skuId: r.sku_id,
    code: r.code,
    priceFen: Number(r.price_fen),
    onHand: Number(r.on_hand),
    available: Number(r.on_hand) - Number(r.reserved),
  }));
}

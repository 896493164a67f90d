import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { StocktakeLinesTable, StocktakesTable } from '../schema-inventory.ts';

export type StocktakeStatus = 'open' | 'posted' | 'cancelled';

export interface StocktakeRecord {
  stocktakeId: string;
  warehouseId: string;
  status: StocktakeStatus;
  note: string;
  createdAt: Date;
  closedAt: Date | null;
}

export interface StocktakeLineRecord {
  skuId: string;
  expectedOnHand: number;
  counted: number | null;
  countedAt: Date | null;
}

function toStocktake(r: Selectable<StocktakesTable>): StocktakeRecord {
  return { stocktakeId: r.stocktake_id, warehouseId: r.warehouse_id, status: r.status as StocktakeStatus, note: r.note, createdAt: r.created_at, closedAt: r.closed_at };
}

function toLine(r: Selectable<StocktakeLinesTable>): StocktakeLineRecord {
  return { skuId: r.sku_id, expectedOnHand: r.expected_on_hand, counted: r.counted, countedAt: r.counted_at };
}

/** Creates a sheet whose lines snapshot the warehouse's current on hand of each SKU (0 when it has no level yet). */
export async function insertStocktake(
  db: Kysely<DB>,
  tenantId: string,
  s: { stocktakeId: string; warehouseId: string; note: string; skuIds: readonly string[] },
): Promise<StocktakeRecord> {
  const row = await db
    .insertInto('stocktakes')
    .values({ tenant_id: tenantId, stocktake_id: s.stocktakeId, warehouse_id: s.warehouseId, note: s.note })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (s.skuIds.length > 0) {
    const levels = await db
      .selectFrom('stock_levels')
      .select(['sku_id', 'on_hand'])
      .where('tenant_id', '=', tenantId)
      .where('warehouse_id', '=', s.warehouseId)
      .where('sku_id', 'in', [...s.skuIds])
      .execute();
    const onHand = new Map(levels.map((l) => [l.sku_id, l.on_hand]));
    await db
      .insertInto('stocktake_lines')
      .values(s.skuIds.map((skuId) => ({ tenant_id: tenantId, stocktake_id: s.stocktakeId, sku_id: skuId, expected_on_hand: onHand.get(skuId) ?? 0 })))
      .execute();
  }
  return toStocktake(row);
}

/** SKU ids with a level in the warehouse (what a full count sheet covers). */
export async function skuIdsInWarehouse(db: Kysely<DB>, tenantId: string, warehouseId: string): Promise<string[]> {
  const rows = await db.selectFrom('stock_levels').select('sku_id').where('tenant_id', '=', tenantId).where('warehouse_id', '=', warehouseId).orderBy('sku_id').execute();
  return rows.map((r) => r.sku_id);
}

export async function findStocktake(db: Kysely<DB>, tenantId: string, stocktakeId: string, forUpdate = false): Promise<StocktakeRecord | undefined> {
  let q = db.selectFrom('stocktakes').selectAll().where('tenant_id', '=', tenantId).where('stocktake_id', '=', stocktakeId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toStocktake(row);
}

export async function stocktakeLines(db: Kysely<DB>, tenantId: string, stocktakeId: string): Promise<StocktakeLineRecord[]> {
  const rows = await db.selectFrom('stocktake_lines').selectAll().where('tenant_id', '=', tenantId).where('stocktake_id', '=', stocktakeId).orderBy('sku_id').execute();
  return rows.map(toLine);
}

export async function listStocktakes(
  db: Kysely<DB>,
  tenantId: string,
  filter: { warehouseId?: string | undefined; status?: string | undefined; limit: number; beforeStocktakeId?: string | undefined },
): Promise<StocktakeRecord[]> {
  let q = db.selectFrom('stocktakes').selectAll().where('tenant_id', '=', tenantId);
  if (filter.warehouseId) q = q.where('warehouse_id', '=', filter.warehouseId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.beforeStocktakeId) q = q.where('stocktake_id', '<', filter.beforeStocktakeId);
  const rows = await q.orderBy('stocktake_id', 'desc').limit(filter.limit).execute();
  return rows.map(toStocktake);
}

/** Records counts on lines of the sheet; returns how many lines matched. */
export async function setStocktakeCounts(db: Kysely<DB>, tenantId: string, stocktakeId: string, counts: readonly { skuId: string; counted: number }[], at: Date): Promise<number> {
  let matched = 0;
  for (const c of counts) {
    const r = await db
      .updateTable('stocktake_lines')
      .set({ counted: c.counted, counted_at: at })
      .where('tenant_id', '=', tenantId)
      .where('stocktake_id', '=', stocktakeId)
      .where('sku_id', '=', c.skuId)
      .executeTakeFirst();
    matched += Number(r.numUpdatedRows);
  }
  return matched;
}

export async function closeStocktake(db: Kysely<DB>, tenantId: string, stocktakeId: string, status: 'posted' | 'cancelled', at: Date): Promise<StocktakeRecord> {
  const row = await db
    .updateTable('stocktakes')
    .set({ status, closed_at: at })
    .where('tenant_id', '=', tenantId)
    .where('stocktake_id', '=', stocktakeId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStocktake(row);
}

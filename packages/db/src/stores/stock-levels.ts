import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { StockLevelsTable } from '../schema-inventory.ts';

export interface StockLevelRecord {
  warehouseId: string;
  skuId: string;
  onHand: number;
  reserved: number;
  /** on hand − reserved, never negative (the table's CHECKs). */
  available: number;
  safetyStock: number;
  reorderPoint: number;
  updatedAt: Date;
}

function toLevel(r: Selectable<StockLevelsTable>): StockLevelRecord {
  return {
    warehouseId: r.warehouse_id,
    skuId: r.sku_id,
    onHand: r.on_hand,
    reserved: r.reserved,
    available: r.on_hand - r.reserved,
    safetyStock: r.safety_stock,
    reorderPoint: r.reorder_point,
    updatedAt: r.updated_at,
  };
}

/** Makes sure the level row of a warehouse × SKU exists (zero stock). */
export async function ensureStockLevel(db: Kysely<DB>, tenantId: string, warehouseId: string, skuId: string): Promise<void> {
  await db
    .insertInto('stock_levels')
    .values({ tenant_id: tenantId, warehouse_id: warehouseId, sku_id: skuId })
    .onConflict((oc) => oc.columns(['tenant_id', 'warehouse_id', 'sku_id']).doNothing())
    .execute();
}

/**
 * Applies deltas to one level in a single conditional UPDATE: nothing changes (and undefined is
 * returned) unless the result keeps 0 ≤ reserved ≤ on hand. This is what makes oversell
 * impossible at any concurrency — the check and the write are one statement on a locked row.
 */
export async function applyStockDelta(
  db: Kysely<DB>,
  tenantId: string,
  warehouseId: string,
  skuId: string,
  delta: { onHand: number; reserved: number },
): Promise<StockLevelRecord | undefined> {
  const row = await db
    .updateTable('stock_levels')
    .set({
      on_hand: sql<number>`on_hand + ${delta.onHand}`,
      reserved: sql<number>`reserved + ${delta.reserved}`,
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('warehouse_id', '=', warehouseId)
    .where('sku_id', '=', skuId)
    .where(sql<boolean>`reserved + ${delta.reserved} >= 0 and on_hand + ${delta.onHand} >= reserved + ${delta.reserved}`)
    .returningAll()
    .executeTakeFirst();
  return row && toLevel(row);
}

export async function findStockLevel(db: Kysely<DB>, tenantId: string, warehouseId: string, skuId: string): Promise<StockLevelRecord | undefined> {
  const row = await db
    .selectFrom('stock_levels')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('warehouse_id', '=', warehouseId)
    .where('sku_id', '=', skuId)
    .executeTakeFirst();
  return row && toLevel(row);
}

/**
 * Locks the levels of one SKU in the given warehouses, in warehouse id order. Every writer locks
 * levels in (sku, warehouse) order, so concurrent reservations and transfers cannot deadlock.
 */
export async function lockLevels(db: Kysely<DB>, tenantId: string, skuId: string, warehouseIds: readonly string[]): Promise<StockLevelRecord[]> {
  return readLevels(db, tenantId, skuId, warehouseIds, true);
}

/** The levels of one SKU in the given warehouses, in warehouse id order (locked when `lock`). */
export async function readLevels(db: Kysely<DB>, tenantId: string, skuId: string, warehouseIds: readonly string[], lock = false): Promise<StockLevelRecord[]> {
  if (warehouseIds.length === 0) return [];
  let q = db
    .selectFrom('stock_levels')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('sku_id', '=', skuId)
    .where('warehouse_id', 'in', [...warehouseIds])
    .orderBy('warehouse_id');
  if (lock) q = q.forUpdate();
  return (await q.execute()).map(toLevel);
}

/** A SKU's levels in every warehouse. */
export async function levelsOfSku(db: Kysely<DB>, tenantId: string, skuId: string): Promise<StockLevelRecord[]> {
  const rows = await db.selectFrom('stock_levels').selectAll().where('tenant_id', '=', tenantId).where('sku_id', '=', skuId).orderBy('warehouse_id').execute();
  return rows.map(toLevel);
}

/** Levels keyed by (sku, warehouse), keyset-paged with `after` = the last row's key. */
export async function listStockLevels(
  db: Kysely<DB>,
  tenantId: string,
  filter: { skuId?: string | undefined; warehouseId?: string | undefined; belowReorderPoint?: boolean | undefined; limit: number; after?: { skuId: string; warehouseId: string } | undefined },
): Promise<StockLevelRecord[]> {
  let q = db.selectFrom('stock_levels').selectAll().where('tenant_id', '=', tenantId);
  if (filter.skuId) q = q.where('sku_id', '=', filter.skuId);
  if (filter.warehouseId) q = q.where('warehouse_id', '=', filter.warehouseId);
  if (filter.belowReorderPoint) q = q.where(sql<boolean>`on_hand - reserved <= reorder_point`);
  if (filter.after) q = q.where(sql<boolean>`(sku_id, warehouse_id) > (${filter.after.skuId}, ${filter.after.warehouseId})`);
  const rows = await q.orderBy('sku_id').orderBy('warehouse_id').limit(filter.limit).execute();
  return rows.map(toLevel);
}

export async function updateStockSettings(
  db: Kysely<DB>,
  tenantId: string,
  warehouseId: string,
  skuId: string,
  patch: { safetyStock?: number | undefined; reorderPoint?: number | undefined },
): Promise<StockLevelRecord | undefined> {
  const row = await db
    .updateTable('stock_levels')
    .set({
      ...(patch.safetyStock !== undefined ? { safety_stock: patch.safetyStock } : {}),
      ...(patch.reorderPoint !== undefined ? { reorder_point: patch.reorderPoint } : {}),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('warehouse_id', '=', warehouseId)
    .where('sku_id', '=', skuId)
    .returningAll()
    .executeTakeFirst();
  return row && toLevel(row);
}

/** Total on hand + reserved of each SKU that has any level row (across warehouses). */
export async function stockTotals(db: Kysely<DB>, tenantId: string, skuIds: readonly string[]): Promise<Map<string, { onHand: number; reserved: number }>> {
  const out = new Map<string, { onHand: number; reserved: number }>();
  if (skuIds.length === 0) return out;
  const rows = await db
    .selectFrom('stock_levels')
    .select(['sku_id', (eb) => eb.fn.sum<number>('on_hand').as('on_hand'), (eb) => eb.fn.sum<number>('reserved').as('reserved')])
    .where('tenant_id', '=', tenantId)
    .where('sku_id', 'in', [...skuIds])
    .groupBy('sku_id')
    .execute();
  for (const r of rows) out.set(r.sku_id, { onHand: Number(r.on_hand), reserved: Number(r.reserved) });
  return out;
}

/** Total on hand + reserved in a warehouse. */
export async function warehouseStockTotal(db: Kysely<DB>, tenantId: string, warehouseId: string): Promise<number> {
  const r = await db
    .selectFrom('stock_levels')
    .select(sql<string>`coalesce(sum(on_hand + reserved), 0)`.as('n'))
    .where('tenant_id', '=', tenantId)
    .where('warehouse_id', '=', warehouseId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

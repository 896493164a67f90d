import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export interface BatchPiece {
  batchNo: string;
  productionDate: string | null;
  expiryDate: string;
  qty: number;
}

export interface StockBatchRecord {
  batchId: string;
  warehouseId: string;
  skuId: string;
  batchNo: string;
  productionDate: string | null;
  expiryDate: string;
  onHand: number;
  receivedAt: Date;
}

const columns = [
  'batch_id',
  'warehouse_id',
  'sku_id',
  'batch_no',
  sql<string | null>`to_char(production_date, 'YYYY-MM-DD')`.as('production_date'),
  sql<string>`to_char(expiry_date, 'YYYY-MM-DD')`.as('expiry_date'),
  'on_hand',
  'received_at',
] as const;

type Row = { batch_id: string; warehouse_id: string; sku_id: string; batch_no: string; production_date: string | null; expiry_date: string; on_hand: number; received_at: Date };

function toBatch(r: Row): StockBatchRecord {
  return {
    batchId: r.batch_id,
    warehouseId: r.warehouse_id,
    skuId: r.sku_id,
    batchNo: r.batch_no,
    productionDate: r.production_date,
    expiryDate: r.expiry_date,
    onHand: r.on_hand,
    receivedAt: r.received_at,
  };
}

/**
 * Adds units to a batch of a level, creating it on first receipt; returns the stored batch's dates
 * (an existing batch keeps its own). Call with the level locked or just written.
 */
export async function addToBatch(
  db: Kysely<DB>,
  tenantId: string,
  level: { warehouseId: string; skuId: string },
  piece: BatchPiece & { batchId: string },
): Promise<{ productionDate: string | null; expiryDate: string }> {
  const row = await db
    .insertInto('stock_batches')
    .values({
      tenant_id: tenantId,
      batch_id: piece.batchId,
      warehouse_id: level.warehouseId,
      sku_id: level.skuId,
      batch_no: piece.batchNo,
      production_date: piece.productionDate,
      expiry_date: piece.expiryDate,
      on_hand: piece.qty,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'warehouse_id', 'sku_id', 'batch_no']).doUpdateSet({ on_hand: sql<number>`stock_batches.on_hand + ${piece.qty}` }))
    .returning([sql<string | null>`to_char(production_date, 'YYYY-MM-DD')`.as('production_date'), sql<string>`to_char(expiry_date, 'YYYY-MM-DD')`.as('expiry_date')])
    .executeTakeFirstOrThrow();
  return { productionDate: row.production_date, expiryDate: row.expiry_date };
}

/**
 * Takes up to `qty` units from a level's batches, earliest expiry first (FEFO), and returns the
 * pieces taken. Units beyond the batches' total are untracked stock and are not reported.
 */
export async function consumeBatchesFefo(db: Kysely<DB>, tenantId: string, warehouseId: string, skuId: string, qty: number): Promise<BatchPiece[]> {
  const batches = await db
    .selectFrom('stock_batches')
    .select(columns)
    .where('tenant_id', '=', tenantId)
    .where('warehouse_id', '=', warehouseId)
    .where('sku_id', '=', skuId)
    .where('on_hand', '>', 0)
    .orderBy('stock_batches.expiry_date')
    .orderBy('batch_id')
    .forUpdate()
    .execute();
  const taken: BatchPiece[] = [];
  let remaining = qty;
  for (const b of batches) {
    if (remaining === 0) break;
    const take = Math.min(remaining, b.on_hand);
    await db
      .updateTable('stock_batches')
      .set({ on_hand: sql<number>`on_hand - ${take}` })
      .where('tenant_id', '=', tenantId)
      .where('batch_id', '=', b.batch_id)
      .execute();
    taken.push({ batchNo: b.batch_no, productionDate: b.production_date, expiryDate: b.expiry_date, qty: take });
    remaining -= take;
  }
  return taken;
}

/** Batches with stock, earliest expiry first; `expiringBy` keeps those expiring on or before that day. */
export async function listBatches(
  db: Kysely<DB>,
  tenantId: string,
  filter: { skuId?: string | undefined; warehouseId?: string | undefined; expiringBy?: string | undefined; limit: number; after?: { expiryDate: string; batchId: string } | undefined },
): Promise<StockBatchRecord[]> {
  let q = db.selectFrom('stock_batches').select(columns).where('tenant_id', '=', tenantId).where('on_hand', '>', 0);
  if (filter.skuId) q = q.where('sku_id', '=', filter.skuId);
  if (filter.warehouseId) q = q.where('warehouse_id', '=', filter.warehouseId);
  if (filter.expiringBy) q = q.where(sql<boolean>`stock_batches.expiry_date <= ${filter.expiringBy}::date`);
  if (filter.after) q = q.where(sql<boolean>`(stock_batches.expiry_date, batch_id) > (${filter.after.expiryDate}::date, ${filter.after.batchId})`);
  const rows = await q.orderBy('stock_batches.expiry_date').orderBy('batch_id').limit(filter.limit).execute();
  return rows.map(toBatch);
}

/** Total batch-tracked units per level where they exceed the level's on hand (must be none). */
export async function batchOverflows(db: Kysely<DB>, tenantId: string): Promise<{ warehouseId: string; skuId: string; batched: number; onHand: number }[]> {
  const rows = await sql<{ warehouse_id: string; sku_id: string; batched: string; on_hand: number }>`
    select b.warehouse_id, b.sku_id, sum(b.on_hand) as batched, l.on_hand
    from stock_batches b join stock_levels l
      on l.tenant_id = b.tenant_id and l.warehouse_id = b.warehouse_id and l.sku_id = b.sku_id
    where b.tenant_id = ${tenantId}
    group by b.warehouse_id, b.sku_id, l.on_hand
    having sum(b.on_hand) > l.on_hand`.execute(db);
  return rows.rows.map((r) => ({ warehouseId: r.warehouse_id, skuId: r.sku_id, batched: Number(r.batched), onHand: r.on_hand }));
}

import {
  addToBatch,
  appendMovements,
  consumeBatchesFefo,
  applyStockDelta,
  ensureStockLevel,
  findSku,
  findStockLevel,
  findWarehouse,
  lockLevels,
  newId,
  updateStockSettings,
  type DB,
  type Kysely,
  type BatchPiece,
  type MovementKind,
  type NewMovement,
  type StockLevelRecord,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { fail, ok, type Actor, type Failure, type Result } from './result.ts';
import { transact } from './transact.ts';

// Stock-changing use cases: receipts and returns, adjustments, transfers, level settings. Every
// balance change is made by a conditional UPDATE (0 ≤ reserved ≤ on hand) with its ledger row and
// an audit entry, in one transaction.

export interface StockChange {
  levels: StockLevelRecord[];
  movements: NewMovement[];
}

const balance = (l: StockLevelRecord | undefined) => (l ? { onHand: l.onHand, reserved: l.reserved } : null);

/** The audit entry of a level's balance change (entity `stock_level`, id `warehouse:sku`). */
export async function auditLevel(db: Kysely<DB>, actor: Actor, action: string, before: StockLevelRecord | undefined, after: StockLevelRecord, extra: Record<string, unknown> = {}): Promise<void> {
  await recordChange(db, actor, {
    action,
    entityType: 'stock_level',
    entityId: `${after.warehouseId}:${after.skuId}`,
    before: before ? { ...balance(before), ...Object.fromEntries(Object.keys(extra).map((k) => [k, null])) } : null,
    after: { ...balance(after), ...extra },
  });
}

export function movement(actor: Actor, m: Omit<NewMovement, 'movementId' | 'actorId' | 'requestId'>): NewMovement {
  return { movementId: newId('mov'), actorId: actor.actorId, requestId: actor.requestId, ...m };
}

/** The warehouse (active) and SKU must be this shop's; unknown ones are not_found. */
async function checkRefs(db: Kysely<DB>, tenantId: string, warehouseIds: string[], skuId: string): Promise<Failure | null> {
  for (const id of warehouseIds) {
    const w = await findWarehouse(db, tenantId, id);
    if (!w || w.status !== 'active') return fail('not_found', `Unknown warehouse ${id}.`, { warehouseId: id });
  }
  if (!(await findSku(db, tenantId, skuId))) return fail('not_found', `Unknown SKU ${skuId}.`, { skuId });
  return null;
}

export function insufficient(skuId: string, requested: number, warehouses: { warehouseId: string; available: number }[]): Failure {
  const available = warehouses.reduce((s, w) => s + w.available, 0);
  return fail('insufficient_stock', `Requested ${requested}, available ${available}.`, { skuId, requested, available, warehouses });
}

export interface ReceiptInput {
  warehouseId: string;
  skuId: string;
  qty: number;
  kind: 'receipt' | 'return';
  reference?: string | undefined;
  /** Perishables: the batch the units belong to (its dates must match an existing batch of that number). */
  batch?: { batchNo: string; productionDate?: string | null | undefined; expiryDate: string } | undefined;
}

/** Receipt or customer return: on hand grows by qty. */
export async function receiveStock(db: Kysely<DB>, actor: Actor, input: ReceiptInput): Promise<Result<StockChange>> {
  return transact(db, (trx) => receiveInTransaction(trx, actor, input));
}

/** receiveStock inside the caller's transaction (purchase-order receiving posts through it). */
export async function receiveInTransaction(trx: Kysely<DB>, actor: Actor, input: ReceiptInput): Promise<Result<StockChange>> {
  const refs = await checkRefs(trx, actor.tenantId, [input.warehouseId], input.skuId);
  if (refs) return refs;
  await ensureStockLevel(trx, actor.tenantId, input.warehouseId, input.skuId);
  const before = await findStockLevel(trx, actor.tenantId, input.warehouseId, input.skuId);
  const after = (await applyStockDelta(trx, actor.tenantId, input.warehouseId, input.skuId, { onHand: input.qty, reserved: 0 }))!;
  if (input.batch) {
    const piece = { batchId: newId('bat'), batchNo: input.batch.batchNo, productionDate: input.batch.productionDate ?? null, expiryDate: input.batch.expiryDate, qty: input.qty };
    const stored = await addToBatch(trx, actor.tenantId, after, piece);
    if (stored.expiryDate !== piece.expiryDate || (piece.productionDate !== null && stored.productionDate !== piece.productionDate)) {
      return fail('validation_failed', `Batch ${piece.batchNo} exists with other dates (expiry ${stored.expiryDate}).`, { batch: { batchNo: piece.batchNo, ...stored } });
    }
  }
  const m = movement(actor, { warehouseId: input.warehouseId, skuId: input.skuId, kind: input.kind, onHandDelta: input.qty, reservedDelta: 0, reference: input.reference ?? null });
  await appendMovements(trx, actor.tenantId, [m]);
  await auditLevel(trx, actor, input.kind, before, after);
  return ok({ levels: [after], movements: [m] });
}

/**
 * Adjusts on hand by a signed delta with a reason (adjustment) or to a counted quantity
 * (stocktake, via `kind`). Taking away more than is available is insufficient_stock.
 */
export async function adjustStock(
  db: Kysely<DB>,
  actor: Actor,
  input: { warehouseId: string; skuId: string; delta: number; reason: string; kind?: Extract<MovementKind, 'adjustment' | 'stocktake'>; reference?: string | undefined },
): Promise<Result<StockChange>> {
  return transact(db, async (trx) => {
    const refs = await checkRefs(trx, actor.tenantId, [input.warehouseId], input.skuId);
    if (refs) return refs;
    await ensureStockLevel(trx, actor.tenantId, input.warehouseId, input.skuId);
    const [before] = await lockLevels(trx, actor.tenantId, input.skuId, [input.warehouseId]);
    const after = await applyStockDelta(trx, actor.tenantId, input.warehouseId, input.skuId, { onHand: input.delta, reserved: 0 });
    if (!after) return insufficient(input.skuId, -input.delta, [{ warehouseId: input.warehouseId, available: before!.available }]);
    if (input.delta < 0) await consumeBatchesFefo(trx, actor.tenantId, input.warehouseId, input.skuId, -input.delta);
    const kind = input.kind ?? 'adjustment';
    const m = movement(actor, { warehouseId: input.warehouseId, skuId: input.skuId, kind, onHandDelta: input.delta, reservedDelta: 0, reason: input.reason, reference: input.reference ?? null });
    await appendMovements(trx, actor.tenantId, [m]);
    await auditLevel(trx, actor, kind, before, after, { reason: input.reason });
    return ok({ levels: [after], movements: [m] });
  });
}

/** Moves available stock between two warehouses (transfer_out + transfer_in under one reference). */
export async function transferStock(
  db: Kysely<DB>,
  actor: Actor,
  input: { fromWarehouseId: string; toWarehouseId: string; skuId: string; qty: number; reference?: string | undefined },
): Promise<Result<StockChange>> {
  return transact(db, async (trx) => {
    if (input.fromWarehouseId === input.toWarehouseId) return fail('validation_failed', 'Transfer between two different warehouses.');
    const refs = await checkRefs(trx, actor.tenantId, [input.fromWarehouseId, input.toWarehouseId], input.skuId);
    if (refs) return refs;
    await ensureStockLevel(trx, actor.tenantId, input.fromWarehouseId, input.skuId);
    await ensureStockLevel(trx, actor.tenantId, input.toWarehouseId, input.skuId);
    const locked = await lockLevels(trx, actor.tenantId, input.skuId, [input.fromWarehouseId, input.toWarehouseId]);
    const from = locked.find((l) => l.warehouseId === input.fromWarehouseId)!;
    const to = locked.find((l) => l.warehouseId === input.toWarehouseId)!;
    if (from.available < input.qty) return insufficient(input.skuId, input.qty, [{ warehouseId: from.warehouseId, available: from.available }]);
    const fromAfter = (await applyStockDelta(trx, actor.tenantId, from.warehouseId, input.skuId, { onHand: -input.qty, reserved: 0 }))!;
    const toAfter = (await applyStockDelta(trx, actor.tenantId, to.warehouseId, input.skuId, { onHand: input.qty, reserved: 0 }))!;
    // batches travel with the units, earliest expiry first
    const pieces: BatchPiece[] = await consumeBatchesFefo(trx, actor.tenantId, from.warehouseId, input.skuId, input.qty);
    for (const p of pieces) await addToBatch(trx, actor.tenantId, toAfter, { ...p, batchId: newId('bat') });
    const reference = input.reference ?? newId('trf');
    const movements = [
      movement(actor, { warehouseId: from.warehouseId, skuId: input.skuId, kind: 'transfer_out', onHandDelta: -input.qty, reservedDelta: 0, reference }),
      movement(actor, { warehouseId: to.warehouseId, skuId: input.skuId, kind: 'transfer_in', onHandDelta: input.qty, reservedDelta: 0, reference }),
    ];
    await appendMovements(trx, actor.tenantId, movements);
    await auditLevel(trx, actor, 'transfer_out', from, fromAfter);
    await auditLevel(trx, actor, 'transfer_in', to, toAfter);
    return ok({ levels: [fromAfter, toAfter], movements });
  });
}

export async function changeStockSettings(
  db: Kysely<DB>,
  actor: Actor,
  warehouseId: string,
  skuId: string,
  patch: { safetyStock?: number | undefined; reorderPoint?: number | undefined },
): Promise<Result<StockLevelRecord>> {
  return transact(db, async (trx) => {
    const refs = await checkRefs(trx, actor.tenantId, [warehouseId], skuId);
    if (refs) return fail('not_found', refs.detail);
    await ensureStockLevel(trx, actor.tenantId, warehouseId, skuId);
    const [before] = await lockLevels(trx, actor.tenantId, skuId, [warehouseId]);
    const after = (await updateStockSettings(trx, actor.tenantId, warehouseId, skuId, patch))!;
    await recordChange(trx, actor, {
      action: 'update',
      entityType: 'stock_level',
      entityId: `${warehouseId}:${skuId}`,
      before: { safetyStock: before!.safetyStock, reorderPoint: before!.reorderPoint },
      after: { safetyStock: after.safetyStock, reorderPoint: after.reorderPoint },
    });
    return ok(after);
  });
}

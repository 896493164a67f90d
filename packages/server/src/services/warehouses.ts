import { findWarehouse, insertWarehouse, newId, updateWarehouse, warehouseStockTotal, type DB, type Kysely, type WarehouseFields, type WarehousePatch, type WarehouseRecord } from '@yunying/db';
import { recordChange } from './audit.ts';
import { fail, ok, type Actor, type Result } from './result.ts';
import { transact } from './transact.ts';

function auditable(w: WarehouseRecord): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...rest } = w;
  return rest;
}

export async function createWarehouse(db: Kysely<DB>, actor: Actor, input: WarehouseFields): Promise<Result<WarehouseRecord>> {
  return transact(db, async (trx) => {
    const warehouse = await insertWarehouse(trx, actor.tenantId, { warehouseId: newId('whs'), ...input });
    if (!warehouse) return fail('warehouse_code_taken', `A warehouse with code ${input.code} exists.`);
    await recordChange(trx, actor, { action: 'create', entityType: 'warehouse', entityId: warehouse.warehouseId, before: null, after: auditable(warehouse) });
    return ok(warehouse);
  });
}

/** Changes a warehouse; archiving one that still holds stock is refused (warehouse_has_stock). */
export async function changeWarehouse(
  db: Kysely<DB>,
  actor: Actor,
  warehouseId: string,
  patch: WarehousePatch,
): Promise<Result<WarehouseRecord>> {
  return transact(db, async (trx) => {
    const before = await findWarehouse(trx, actor.tenantId, warehouseId, true);
    if (!before) return fail('not_found');
    if (patch.status === 'archived' && before.status !== 'archived') {
      const units = await warehouseStockTotal(trx, actor.tenantId, warehouseId);
      if (units > 0) return fail('warehouse_has_stock', 'Move or adjust its stock first.', { units });
    }
    const after = (await updateWarehouse(trx, actor.tenantId, warehouseId, patch))!;
    const action = patch.status === 'archived' && before.status !== 'archived' ? 'archive' : 'update';
    await recordChange(trx, actor, { action, entityType: 'warehouse', entityId: warehouseId, before: auditable(before), after: auditable(after) });
    return ok(after);
  });
}

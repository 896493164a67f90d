import { canTransition, isReceivable, statusAfterReceipt, type PoStatus } from '@yunying/core/purchasing';
import {
  findPurchaseOrder,
  findSkus,
  findSupplier,
  findWarehouse,
  insertPurchaseOrder,
  insertSupplier,
  newId,
  purchaseOrderLines,
  recordPurchaseReceipt,
  setPurchaseOrderStatus,
  updateSupplier,
  type DB,
  type Kysely,
  type PurchaseOrderLineRecord,
  type PurchaseOrderRecord,
  type SupplierFields,
  type SupplierRecord,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { fail, ok, type Actor, type Result } from './result.ts';
import { receiveInTransaction, type ReceiptInput } from './stock.ts';
import { transact } from './transact.ts';

// Suppliers and purchase orders (采购单): create, send, receive (posting stock through the ledger),
// close or cancel.

export type PurchaseOrderWithLines = PurchaseOrderRecord & { lines: PurchaseOrderLineRecord[] };

function auditable<T extends { createdAt: Date; updatedAt: Date }>(r: T): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...rest } = r;
  return rest;
}

export async function createSupplier(db: Kysely<DB>, actor: Actor, input: SupplierFields): Promise<Result<SupplierRecord>> {
  return transact(db, async (trx) => {
    const supplier = await insertSupplier(trx, actor.tenantId, { supplierId: newId('sup'), ...input });
    if (!supplier) return fail('supplier_code_taken', `A supplier with code ${input.code} exists.`);
    await recordChange(trx, actor, { action: 'create', entityType: 'supplier', entityId: supplier.supplierId, before: null, after: auditable(supplier) });
    return ok(supplier);
  });
}

export async function changeSupplier(
  db: Kysely<DB>,
  actor: Actor,
  supplierId: string,
  patch: Partial<Pick<SupplierRecord, 'name' | 'contacts' | 'leadTimeDays' | 'moq' | 'paymentTerms' | 'status'>>,
): Promise<Result<SupplierRecord>> {
  return transact(db, async (trx) => {
    const before = await findSupplier(trx, actor.tenantId, supplierId, true);
    if (!before) return fail('not_found');
    const after = (await updateSupplier(trx, actor.tenantId, supplierId, patch))!;
    await recordChange(trx, actor, { action: 'update', entityType: 'supplier', entityId: supplierId, before: auditable(before), after: auditable(after) });
    return ok(after);
  });
}

export async function purchaseOrderWithLines(db: Kysely<DB>, tenantId: string, poId: string): Promise<PurchaseOrderWithLines | undefined> {
  const po = await findPurchaseOrder(db, tenantId, poId);
  return po && { ...po, lines: await purchaseOrderLines(db, tenantId, poId) };
}

/** A draft purchase order; one line per SKU, every SKU this shop's. */
export async function createPurchaseOrder(
  db: Kysely<DB>,
  actor: Actor,
  input: { supplierId: string; warehouseId: string; expectedAt: Date | null; note: string; lines: { skuId: string; qtyOrdered: number; unitCostFen: number }[] },
): Promise<Result<PurchaseOrderWithLines>> {
  return transact(db, async (trx) => {
    const supplier = await findSupplier(trx, actor.tenantId, input.supplierId);
    if (!supplier || supplier.status !== 'active') return fail('not_found', `Unknown supplier ${input.supplierId}.`);
    const warehouse = await findWarehouse(trx, actor.tenantId, input.warehouseId);
    if (!warehouse || warehouse.status !== 'active') return fail('not_found', `Unknown warehouse ${input.warehouseId}.`);
    const skuIds = input.lines.map((l) => l.skuId);
    if (new Set(skuIds).size !== skuIds.length) return fail('validation_failed', 'List each SKU once.');
    const found = await findSkus(trx, actor.tenantId, skuIds);
    if (found.length !== skuIds.length) return fail('not_found', 'Some SKUs do not exist.', { skuIds: skuIds.filter((id) => !found.some((s) => s.skuId === id)) });
    const po = await insertPurchaseOrder(trx, actor.tenantId, { poId: newId('po'), ...input });
    await recordChange(trx, actor, { action: 'create', entityType: 'purchase_order', entityId: po.poId, before: null, after: { ...auditable(po), lines: input.lines } });
    return ok({ ...po, lines: await purchaseOrderLines(trx, actor.tenantId, po.poId) });
  });
}

/** Moves a purchase order along its lifecycle (send, close, cancel); invalid_status_transition otherwise. */
export async function movePurchaseOrder(db: Kysely<DB>, actor: Actor, poId: string, to: Extract<PoStatus, 'sent' | 'closed' | 'cancelled'>): Promise<Result<PurchaseOrderWithLines>> {
  return transact(db, async (trx) => {
    const before = await findPurchaseOrder(trx, actor.tenantId, poId, true);
    if (!before) return fail('not_found');
    if (!canTransition(before.status as PoStatus, to)) return fail('invalid_status_transition', `A ${before.status} purchase order cannot become ${to}.`, { from: before.status, to });
    const after = await setPurchaseOrderStatus(trx, actor.tenantId, poId, to);
    await recordChange(trx, actor, { action: to === 'sent' ? 'send' : to === 'closed' ? 'close' : 'cancel', entityType: 'purchase_order', entityId: poId, before: auditable(before), after: auditable(after) });
    return ok({ ...after, lines: await purchaseOrderLines(trx, actor.tenantId, poId) });
  });
}

/**
 * Receives goods against a sent purchase order: each line posts a receipt to the ledger (with its
 * batch, if any) into the order's warehouse. All or none: a SKU not on the order is
 * sku_not_on_order, more than is still open on a line is over_receipt.
 */
export async function receivePurchaseOrder(
  db: Kysely<DB>,
  actor: Actor,
  poId: string,
  lines: { skuId: string; qty: number; batch?: ReceiptInput['batch'] }[],
): Promise<Result<PurchaseOrderWithLines>> {
  return transact(db, async (trx) => {
    const po = await findPurchaseOrder(trx, actor.tenantId, poId, true);
    if (!po) return fail('not_found');
    if (!isReceivable(po.status as PoStatus)) return fail('invalid_status_transition', `A ${po.status} purchase order cannot receive goods.`, { from: po.status });
    const open = new Map((await purchaseOrderLines(trx, actor.tenantId, poId)).map((l) => [l.skuId, l]));
    const incoming = new Map<string, number>();
    for (const l of lines) incoming.set(l.skuId, (incoming.get(l.skuId) ?? 0) + l.qty);
    const unknown = [...incoming.keys()].filter((id) => !open.has(id));
    if (unknown.length > 0) return fail('sku_not_on_order', `Not on this order: ${unknown.join(', ')}`, { skuIds: unknown });
    const over = [...incoming].filter(([id, qty]) => open.get(id)!.qtyReceived + qty > open.get(id)!.qtyOrdered);
    if (over.length > 0) {
      return fail('over_receipt', 'More than ordered would be received.', {
        lines: over.map(([skuId, qty]) => ({ skuId, receiving: qty, stillOpen: open.get(skuId)!.qtyOrdered - open.get(skuId)!.qtyReceived })),
      });
    }
    for (const l of [...lines].sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0))) {
      const posted = await receiveInTransaction(trx, actor, { warehouseId: po.warehouseId, skuId: l.skuId, qty: l.qty, kind: 'receipt', reference: poId, batch: l.batch });
      if (!posted.ok) return posted;
      await recordPurchaseReceipt(trx, actor.tenantId, { receiptId: newId('prc'), poId, skuId: l.skuId, qty: l.qty });
    }
    const after = await purchaseOrderLines(trx, actor.tenantId, poId);
    const status = statusAfterReceipt(after);
    const updated = await setPurchaseOrderStatus(trx, actor.tenantId, poId, status);
    await recordChange(trx, actor, { action: 'receive', entityType: 'purchase_order', entityId: poId, before: { status: po.status }, after: { status, received: lines.map((l) => ({ skuId: l.skuId, qty: l.qty })) } });
    return ok({ ...updated, lines: after });
  });
}

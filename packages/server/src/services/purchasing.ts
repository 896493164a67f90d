import { canTransition, isReceivable, priceOrderLines, statusAfterReceipt, type PoStatus } from '@yunying/core/purchasing';
import {
  findPurchaseOrder,
  findSkus,
  appendMovements,
  applyStockDelta,
  consumeBatchesFefo,
  ensureStockLevel,
  findSupplier,
  findWarehouse,
  lockLevels,
  insertPurchaseOrder,
  insertSupplier,
  newId,
  purchaseOrderLines,
  recordPurchaseReceipt,
  recordSupplierReturn,
  setPurchaseOrderStatus,
  supplierSkusFor,
  updateSupplier,
  type DB,
  type Kysely,
  type PurchaseOrderLineRecord,
  type PurchaseOrderRecord,
  type SupplierFields,
  type SupplierRecord,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { fail, ok, type Actor, type Failure, type Result } from './result.ts';
import { auditLevel, insufficient, movement, receiveInTransaction, type ReceiptInput, type StockChange } from './stock.ts';
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

/**
 * A draft purchase order; one line per SKU, every SKU this shop's. Lines are priced and checked
 * against the supplier's SKU terms (core priceOrderLines): a line without a unit cost takes the
 * supplier SKU's purchase price (sku_not_supplied when there is none), a line below the supplier
 * SKU's MOQ is below_moq unless allowBelowMoq.
 */
export async function createPurchaseOrder(
  db: Kysely<DB>,
  actor: Actor,
  input: {
    supplierId: string;
    warehouseId: string;
    expectedAt: Date | null;
    note: string;
    lines: { skuId: string; qtyOrdered: number; unitCostFen?: number | undefined }[];
    allowBelowMoq?: boolean | undefined;
  },
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
    const terms = await supplierSkusFor(trx, actor.tenantId, supplier.supplierId, skuIds);
    const priced = priceOrderLines(input.lines, terms, supplier, input.allowBelowMoq ?? false);
    if (!priced.ok && priced.code === 'sku_not_supplied') {
      return fail('sku_not_supplied', `${supplier.code} does not supply ${priced.skuIds.join(', ')}; give a unit cost or add the SKU to the supplier.`, { skuIds: priced.skuIds });
    }
    if (!priced.ok) {
      return fail('below_moq', priced.lines.map((l) => `${l.skuId}: ${l.qtyOrdered} < MOQ ${l.moq}`).join('; ') + '. Send allowBelowMoq: true to accept.', { lines: priced.lines });
    }
    const po = await insertPurchaseOrder(trx, actor.tenantId, { poId: newId('po'), ...input, lines: priced.lines });
    await recordChange(trx, actor, { action: 'create', entityType: 'purchase_order', entityId: po.poId, before: null, after: { ...auditable(po), lines: priced.lines } });
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
 * Receives goods against a sent purchase order: each line's accepted units post a receipt to the
 * ledger (with its batch, if any) into the order's warehouse; rejected (defective) units are
 * recorded with their reason and never enter stock. All or none: a SKU not on the order is
 * sku_not_on_order, more accepted units than are still open on a line is over_receipt. Rejected
 * units do not fill the line (it stays open for replacements).
 */
export async function receivePurchaseOrder(
  db: Kysely<DB>,
  actor: Actor,
  poId: string,
  lines: { skuId: string; qty: number; rejectedQty?: number | undefined; rejectReason?: string | undefined; batch?: ReceiptInput['batch'] }[],
): Promise<Result<PurchaseOrderWithLines>> {
  return transact(db, async (trx) => {
    const po = await findPurchaseOrder(trx, actor.tenantId, poId, true);
    if (!po) return fail('not_found');
    if (!isReceivable(po.status as PoStatus)) return fail('invalid_status_transition', `A ${po.status} purchase order cannot receive goods.`, { from: po.status });
    const refused = checkAgainstOrder(await purchaseOrderLines(trx, actor.tenantId, poId), lines, (l) => l.qtyOrdered - l.qtyReceived, {
      code: 'over_receipt',
      detail: 'More than ordered would be received.',
      moving: 'receiving',
      room: 'stillOpen',
    });
    if (refused) return refused;
    for (const l of [...lines].sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0))) {
      if (l.qty > 0) {
        const posted = await receiveInTransaction(trx, actor, { warehouseId: po.warehouseId, skuId: l.skuId, qty: l.qty, kind: 'receipt', reference: poId, batch: l.batch });
        if (!posted.ok) return posted;
      }
      await recordPurchaseReceipt(trx, actor.tenantId, { receiptId: newId('prc'), poId, skuId: l.skuId, qty: l.qty, rejectedQty: l.rejectedQty, rejectReason: l.rejectReason });
    }
    const after = await purchaseOrderLines(trx, actor.tenantId, poId);
    const status = statusAfterReceipt(after);
    const updated = await setPurchaseOrderStatus(trx, actor.tenantId, poId, status);
    const received = lines.map((l) => ({ skuId: l.skuId, qty: l.qty, ...((l.rejectedQty ?? 0) > 0 ? { rejectedQty: l.rejectedQty, rejectReason: l.rejectReason } : {}) }));
    await recordChange(trx, actor, { action: 'receive', entityType: 'purchase_order', entityId: poId, before: { status: po.status }, after: { status, received } });
    return ok({ ...updated, lines: after });
  });
}

/**
 * Returns accepted units of a purchase order to its supplier (退供): each line posts an
 * `adjustment` of −qty (reason "退供 return to supplier: …", reference = the PO id) out of the
 * order's warehouse, taking batches earliest expiry first. All or none: a SKU not on the order
 * is sku_not_on_order, more than was accepted and not yet returned is over_return, more than is
 * available in the warehouse is insufficient_stock. The order's status does not change.
 */
export async function returnToSupplier(db: Kysely<DB>, actor: Actor, poId: string, lines: { skuId: string; qty: number; reason: string }[]): Promise<Result<PurchaseOrderWithLines>> {
  return transact(db, async (trx) => {
    const po = await findPurchaseOrder(trx, actor.tenantId, poId, true);
    if (!po) return fail('not_found');
    const refused = checkAgainstOrder(await purchaseOrderLines(trx, actor.tenantId, poId), lines, (l) => l.qtyReceived - l.qtyReturned, {
      code: 'over_return',
      detail: 'More would be returned than was accepted on this order.',
      moving: 'returning',
      room: 'returnable',
    });
    if (refused) return refused;
    for (const l of [...lines].sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0))) {
      const posted = await takeOut(trx, actor, { warehouseId: po.warehouseId, skuId: l.skuId, delta: -l.qty, reason: `退供 return to supplier: ${l.reason}`, reference: poId });
      if (!posted.ok) return posted;
      await recordSupplierReturn(trx, actor.tenantId, { returnId: newId('srt'), poId, skuId: l.skuId, qty: l.qty, reason: l.reason });
    }
    await recordChange(trx, actor, { action: 'return_to_supplier', entityType: 'purchase_order', entityId: poId, before: null, after: { returned: lines } });
    return ok({ ...po, lines: await purchaseOrderLines(trx, actor.tenantId, poId) });
  });
}

/** An outbound `adjustment` with a reason in the caller's transaction (what adjustStock does for a negative delta). */
/**
 * Checks goods moving against a purchase order's lines, quantities summed per SKU: a SKU not on the
 * order is sku_not_on_order; more than `room(line)` for a SKU is `over.code`, listing each such line
 * with the quantity moving and the room left. Null when every line fits.
 */
function checkAgainstOrder(
  orderLines: readonly PurchaseOrderLineRecord[],
  moving: readonly { skuId: string; qty: number }[],
  room: (line: PurchaseOrderLineRecord) => number,
  over: { code: 'over_receipt' | 'over_return'; detail: string; moving: string; room: string },
): Failure | null {
  const bySku = new Map(orderLines.map((l) => [l.skuId, l]));
  const totals = new Map<string, number>();
  for (const l of moving) totals.set(l.skuId, (totals.get(l.skuId) ?? 0) + l.qty);
  const unknown = [...totals.keys()].filter((id) => !bySku.has(id));
  if (unknown.length > 0) return fail('sku_not_on_order', `Not on this order: ${unknown.join(', ')}`, { skuIds: unknown });
  const tooMuch = [...totals].filter(([id, qty]) => qty > room(bySku.get(id)!));
  if (tooMuch.length === 0) return null;
  return fail(over.code, over.detail, { lines: tooMuch.map(([skuId, qty]) => ({ skuId, [over.moving]: qty, [over.room]: room(bySku.get(skuId)!) })) });
}

async function takeOut(trx: Kysely<DB>, actor: Actor, input: { warehouseId: string; skuId: string; delta: number; reason: string; reference: string }): Promise<Result<StockChange>> {
  await ensureStockLevel(trx, actor.tenantId, input.warehouseId, input.skuId);
  const [before] = await lockLevels(trx, actor.tenantId, input.skuId, [input.warehouseId]);
  const after = await applyStockDelta(trx, actor.tenantId, input.warehouseId, input.skuId, { onHand: input.delta, reserved: 0 });
  if (!after) return insufficient(input.skuId, -input.delta, [{ warehouseId: input.warehouseId, available: before!.available }]);
  await consumeBatchesFefo(trx, actor.tenantId, input.warehouseId, input.skuId, -input.delta);
  const m = movement(actor, { warehouseId: input.warehouseId, skuId: input.skuId, kind: 'adjustment', onHandDelta: input.delta, reservedDelta: 0, reason: input.reason, reference: input.reference });
  await appendMovements(trx, actor.tenantId, [m]);
  await auditLevel(trx, actor, 'adjustment', before, after, { reason: input.reason });
  return ok({ levels: [after], movements: [m] });
}

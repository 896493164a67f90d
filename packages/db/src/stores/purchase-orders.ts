import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { PurchaseOrdersTable } from '../schema-purchasing.ts';

export interface PurchaseOrderLineRecord {
  skuId: string;
  qtyOrdered: number;
  /** accepted units */
  qtyReceived: number;
  unitCostFen: number;
  /** units rejected as defective at receiving (never in stock) */
  qtyRejected: number;
  /** accepted units returned to the supplier (退供) */
  qtyReturned: number;
}

export interface PurchaseOrderRecord {
  poId: string;
  supplierId: string;
  warehouseId: string;
  status: string;
  expectedAt: Date | null;
  note: string;
  createdAt: Date;
  updatedAt: Date;
}

function toOrder(r: Selectable<PurchaseOrdersTable>): PurchaseOrderRecord {
  return {
    poId: r.po_id,
    supplierId: r.supplier_id,
    warehouseId: r.warehouse_id,
    status: r.status,
    expectedAt: r.expected_at,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function insertPurchaseOrder(
  db: Kysely<DB>,
  tenantId: string,
  po: { poId: string; supplierId: string; warehouseId: string; expectedAt: Date | null; note: string; lines: readonly { skuId: string; qtyOrdered: number; unitCostFen: number }[] },
): Promise<PurchaseOrderRecord> {
  const row = await db
    .insertInto('purchase_orders')
    .values({ tenant_id: tenantId, po_id: po.poId, supplier_id: po.supplierId, warehouse_id: po.warehouseId, expected_at: po.expectedAt, note: po.note })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('purchase_order_lines')
    .values(po.lines.map((l) => ({ tenant_id: tenantId, po_id: po.poId, sku_id: l.skuId, qty_ordered: l.qtyOrdered, unit_cost_fen: l.unitCostFen })))
    .execute();
  return toOrder(row);
}

export async function findPurchaseOrder(db: Kysely<DB>, tenantId: string, poId: string, forUpdate = false): Promise<PurchaseOrderRecord | undefined> {
  let q = db.selectFrom('purchase_orders').selectAll().where('tenant_id', '=', tenantId).where('po_id', '=', poId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toOrder(row);
}

export async function purchaseOrderLines(db: Kysely<DB>, tenantId: string, poId: string): Promise<PurchaseOrderLineRecord[]> {
  const rows = await db.selectFrom('purchase_order_lines').selectAll().where('tenant_id', '=', tenantId).where('po_id', '=', poId).orderBy('sku_id').execute();
  return rows.map((r) => ({
    skuId: r.sku_id,
    qtyOrdered: r.qty_ordered,
    qtyReceived: r.qty_received,
    unitCostFen: Number(r.unit_cost_fen),
    qtyRejected: r.qty_rejected,
    qtyReturned: r.qty_returned,
  }));
}

export async function listPurchaseOrders(
  db: Kysely<DB>,
  tenantId: string,
  filter: { supplierId?: string | undefined; status?: string | undefined; limit: number; beforePoId?: string | undefined },
): Promise<PurchaseOrderRecord[]> {
  let q = db.selectFrom('purchase_orders').selectAll().where('tenant_id', '=', tenantId);
  if (filter.supplierId) q = q.where('supplier_id', '=', filter.supplierId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.beforePoId) q = q.where('po_id', '<', filter.beforePoId);
  return (await q.orderBy('po_id', 'desc').limit(filter.limit).execute()).map(toOrder);
}

export async function setPurchaseOrderStatus(db: Kysely<DB>, tenantId: string, poId: string, status: string): Promise<PurchaseOrderRecord> {
  const row = await db
    .updateTable('purchase_orders')
    .set({ status, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('po_id', '=', poId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOrder(row);
}

/** Adds accepted (and rejected) units to a line and records the receipt row. */
export async function recordPurchaseReceipt(
  db: Kysely<DB>,
  tenantId: string,
  r: { receiptId: string; poId: string; skuId: string; qty: number; rejectedQty?: number | undefined; rejectReason?: string | null | undefined },
): Promise<void> {
  const rejected = r.rejectedQty ?? 0;
  await db
    .updateTable('purchase_order_lines')
    .set({ qty_received: sql<number>`qty_received + ${r.qty}`, qty_rejected: sql<number>`qty_rejected + ${rejected}` })
    .where('tenant_id', '=', tenantId)
    .where('po_id', '=', r.poId)
    .where('sku_id', '=', r.skuId)
    .execute();
  await db
    .insertInto('purchase_receipts')
    .values({ tenant_id: tenantId, receipt_id: r.receiptId, po_id: r.poId, sku_id: r.skuId, qty: r.qty, rejected_qty: rejected, reject_reason: rejected > 0 ? (r.rejectReason ?? null) : null })
    .execute();
}

/** Records a return to the supplier (退供) of accepted units of a line. */
export async function recordSupplierReturn(db: Kysely<DB>, tenantId: string, r: { returnId: string; poId: string; skuId: string; qty: number; reason: string }): Promise<void> {
  await db
    .updateTable('purchase_order_lines')
    .set({ qty_returned: sql<number>`qty_returned + ${r.qty}` })
    .where('tenant_id', '=', tenantId)
    .where('po_id', '=', r.poId)
    .where('sku_id', '=', r.skuId)
    .execute();
  await db.insertInto('supplier_returns').values({ tenant_id: tenantId, return_id: r.returnId, po_id: r.poId, sku_id: r.skuId, qty: r.qty, reason: r.reason }).execute();
}

/** A supplier's orders with their total ordered and received units, and its receipts (scorecard input). */
export async function supplierHistory(
  db: Kysely<DB>,
  tenantId: string,
  supplierId: string,
): Promise<{
  orders: { poId: string; status: string; expectedAt: Date | null; qtyOrdered: number; qtyReceived: number }[];
  receipts: { poId: string; qty: number; rejectedQty: number; receivedAt: Date }[];
  returns: { poId: string; qty: number; returnedAt: Date }[];
}> {
  const orders = await db
    .selectFrom('purchase_orders as o')
    .innerJoin('purchase_order_lines as l', (j) => j.onRef('l.tenant_id', '=', 'o.tenant_id').onRef('l.po_id', '=', 'o.po_id'))
    .select(['o.po_id', 'o.status', 'o.expected_at', (eb) => eb.fn.sum<number>('l.qty_ordered').as('ordered'), (eb) => eb.fn.sum<number>('l.qty_received').as('received')])
    .where('o.tenant_id', '=', tenantId)
    .where('o.supplier_id', '=', supplierId)
    .groupBy(['o.po_id', 'o.status', 'o.expected_at'])
    .execute();
  const receipts = await db
    .selectFrom('purchase_receipts as r')
    .innerJoin('purchase_orders as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.po_id', '=', 'r.po_id'))
    .select(['r.po_id', 'r.qty', 'r.rejected_qty', 'r.received_at'])
    .where('r.tenant_id', '=', tenantId)
    .where('o.supplier_id', '=', supplierId)
    .execute();
  const returns = await db
    .selectFrom('supplier_returns as r')
    .innerJoin('purchase_orders as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.po_id', '=', 'r.po_id'))
    .select(['r.po_id', 'r.qty', 'r.returned_at'])
    .where('r.tenant_id', '=', tenantId)
    .where('o.supplier_id', '=', supplierId)
    .execute();
  return {
    orders: orders.map((o) => ({ poId: o.po_id, status: o.status, expectedAt: o.expected_at, qtyOrdered: Number(o.ordered), qtyReceived: Number(o.received) })),
    receipts: receipts.map((r) => ({ poId: r.po_id, qty: r.qty, rejectedQty: r.rejected_qty, receivedAt: r.received_at })),
    returns: returns.map((r) => ({ poId: r.po_id, qty: r.qty, returnedAt: r.returned_at })),
  };
}

/** Whether any purchase order (in any state) has a line for one of the SKUs: such a SKU is archived, never deleted. */
export async function hasPurchaseLines(db: Kysely<DB>, tenantId: string, skuIds: readonly string[]): Promise<boolean> {
  if (skuIds.length === 0) return false;
  const row = await db.selectFrom('purchase_order_lines').select('sku_id').where('tenant_id', '=', tenantId).where('sku_id', 'in', [...skuIds]).limit(1).executeTakeFirst();
  return row !== undefined;
}

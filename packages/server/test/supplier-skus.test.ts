import { newId } from '@yunying/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from './harness.ts';

// Supplier SKUs (供应商商品) and what uses them: purchase-order pricing and MOQ, rejected units at
// receiving, returns to suppliers (退供) and the scorecard's defect rate.

let h: Harness;
let owner: Caller;
let warehouseId: string;
let supA: string;
let supB: string;
let cup: string;
let lid: string;
let sleeve: string;

const put = (sup: string, sku: string, body: unknown, caller: Caller = owner) => caller.request({ method: 'PUT', url: `/api/v1/suppliers/${sup}/skus/${sku}`, payload: body as object });
const skusOf = async (sup: string, query = '') => (await owner.get(`/api/v1/suppliers/${sup}/skus${query}`)).json().items as { skuId: string; isPreferred: boolean; [k: string]: unknown }[];
const newSupplier = async (code: string, extra: object = {}) => (await owner.post('/api/v1/suppliers', { code, name: `供应商 ${code}`, ...extra })).json().supplierId as string;
const auditOf = async (entityId: string) =>
  ((await owner.get('/api/v1/audit-events?entityType=supplier_sku&limit=200')).json().items as { entityId: string; action: string; changes: unknown }[]).filter((e) => e.entityId === entityId);

beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
  const p = (
    await owner.post('/api/v1/products', {
      title: '保温杯 供应商',
      specDimensions: [{ name: '部件', values: ['杯', '盖', '套'] }],
      skus: [
        { code: 'SS-CUP', specValues: { 部件: '杯' }, priceFen: 9900, costFen: 3000 },
        { code: 'SS-LID', specValues: { 部件: '盖' }, priceFen: 900, costFen: 300 },
        { code: 'SS-SLV', specValues: { 部件: '套' }, priceFen: 900, costFen: 300 },
      ],
    })
  ).json();
  [cup, lid, sleeve] = p.skus.map((s: { skuId: string }) => s.skuId);
  warehouseId = (await owner.post('/api/v1/warehouses', { code: 'SS-WH', name: '收货仓' })).json().warehouseId;
  supA = await newSupplier('SS-A', { leadTimeDays: 10, moq: 50 });
  supB = await newSupplier('SS-B', { leadTimeDays: 3, moq: 1 });
}, 60_000);
afterAll(async () => h?.close());

describe('supplier SKUs', () => {
  it('adds SKUs to a supplier with its item code and terms, the supplier’s defaults filling the gaps', async () => {
    const created = await put(supA, cup, { supplierItemCode: 'YW-CUP-01', purchasePriceFen: 2800, moq: 20, leadTimeDays: 5, packSize: 12, isPreferred: true });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({
      supplierId: supA,
      skuId: cup,
      skuCode: 'SS-CUP',
      supplierItemCode: 'YW-CUP-01',
      purchasePriceFen: 2800,
      moq: 20,
      leadTimeDays: 5,
      packSize: 12,
      isPreferred: true,
      effectiveMoq: 20,
      effectiveLeadTimeDays: 5,
    });
    const lidRow = (await put(supA, lid, { purchasePriceFen: 250 })).json();
    expect(lidRow).toMatchObject({ supplierItemCode: null, moq: null, leadTimeDays: null, packSize: 1, isPreferred: false, effectiveMoq: 50, effectiveLeadTimeDays: 10 });

    expect((await skusOf(supA)).map((r) => r.skuId)).toEqual([cup, lid].sort());
    expect((await skusOf(supA, '?preferred=true')).map((r) => r.skuId)).toEqual([cup]);
    expect((await skusOf(supA, '?preferred=false')).map((r) => r.skuId)).toEqual([lid]);

    // PATCH changes only what it names; PUT replaces.
    const patched = (await owner.patch(`/api/v1/suppliers/${supA}/skus/${lid}`, { moq: 100 })).json();
    expect(patched).toMatchObject({ purchasePriceFen: 250, moq: 100, effectiveMoq: 100, effectiveLeadTimeDays: 10 });
    expect((await owner.patch(`/api/v1/suppliers/${supA}/skus/${sleeve}`, { moq: 2 })).json().code).toBe('not_found');

    expect((await auditOf(`${supA}:${lid}`)).map((e) => e.action).sort()).toEqual(['create', 'update']);
  });

  it('moves the preferred flag: one preferred supplier per SKU, both changes audited', async () => {
    const b = await put(supB, cup, { purchasePriceFen: 2900, isPreferred: true });
    expect(b.json()).toMatchObject({ isPreferred: true, effectiveMoq: 1, effectiveLeadTimeDays: 3 });
    expect((await skusOf(supA)).find((r) => r.skuId === cup)!.isPreferred).toBe(false);
    expect((await auditOf(`${supA}:${cup}`)).some((e) => e.action === 'update' && JSON.stringify(e.changes).includes('isPreferred'))).toBe(true);
    // …and back.
    expect((await owner.patch(`/api/v1/suppliers/${supA}/skus/${cup}`, { isPreferred: true })).json().isPreferred).toBe(true);
    expect((await skusOf(supB)).find((r) => r.skuId === cup)!.isPreferred).toBe(false);
    // Unsetting keeps none preferred; a PUT without the flag is not preferred.
    expect((await put(supB, cup, { purchasePriceFen: 2950 })).json()).toMatchObject({ isPreferred: false, purchasePriceFen: 2950 });
    expect((await skusOf(supA)).find((r) => r.skuId === cup)!.isPreferred).toBe(true);
  });

  it('keeps one preferred supplier when two requests claim it at once, and the index forbids two', async () => {
    const p = (await owner.post('/api/v1/products', { title: '并发', skus: [{ code: 'SS-RACE', priceFen: 100, costFen: 50 }] })).json();
    const sku = p.skus[0].skuId as string;
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([put(supA, sku, { purchasePriceFen: 10, isPreferred: true }), put(supB, sku, { purchasePriceFen: 11, isPreferred: true })]);
      expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
      const flags = [...(await skusOf(supA)), ...(await skusOf(supB))].filter((r) => r.skuId === sku && r.isPreferred);
      expect(flags).toHaveLength(1);
    }
    const db = h.test.database.db;
    await expect(
      db.updateTable('supplier_skus').set({ is_preferred: true }).where('tenant_id', '=', h.shopA.tenantId).where('sku_id', '=', sku).execute(),
    ).rejects.toThrow();
  });

  it('refuses bad terms, archived SKUs and suppliers, unknown ids and readers', async () => {
    for (const body of [{ purchasePriceFen: -1 }, { purchasePriceFen: 1.5 }, { purchasePriceFen: 100, moq: 0 }, { purchasePriceFen: 100, packSize: 0 }, { purchasePriceFen: 100, leadTimeDays: 366 }, {}, { purchasePriceFen: 1, tenantId: 'x' }]) {
      const res = await put(supB, lid, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    expect((await owner.patch(`/api/v1/suppliers/${supA}/skus/${lid}`, { moq: 0 })).statusCode).toBe(400);

    const p = (await owner.post('/api/v1/products', { title: '旧款', skus: [{ code: 'SS-OLD', priceFen: 100, costFen: 50 }] })).json();
    const old = p.skus[0].skuId;
    expect((await owner.patch(`/api/v1/skus/${old}`, { status: 'archived' })).statusCode).toBe(200);
    const archivedSku = await put(supB, old, { purchasePriceFen: 10 });
    expect(archivedSku.statusCode).toBe(409);
    expect(archivedSku.json()).toMatchObject({ code: 'sku_archived', skuId: old });

    const gone = await newSupplier('SS-GONE');
    expect((await owner.patch(`/api/v1/suppliers/${gone}`, { status: 'archived' })).statusCode).toBe(200);
    const archivedSupplier = await put(gone, lid, { purchasePriceFen: 10 });
    expect(archivedSupplier.statusCode).toBe(409);
    expect(archivedSupplier.json().code).toBe('supplier_archived');
    expect(await skusOf(gone)).toEqual([]);

    expect((await put(newId('sup'), lid, { purchasePriceFen: 10 })).statusCode).toBe(404);
    expect((await put(supB, newId('sku'), { purchasePriceFen: 10 })).statusCode).toBe(404);
    expect((await owner.get(`/api/v1/suppliers/${newId('sup')}/skus`)).statusCode).toBe(404);

    const analyst = await h.member(h.shopA.tenantId, 'analyst');
    expect((await analyst.get(`/api/v1/suppliers/${supA}/skus`)).statusCode).toBe(200);
    expect((await put(supA, lid, { purchasePriceFen: 1 }, analyst)).statusCode).toBe(403);
    const merchandiser = await h.member(h.shopA.tenantId, 'merchandiser');
    expect((await put(supB, lid, { purchasePriceFen: 260 }, merchandiser)).statusCode).toBe(200);

    const ownerB = await h.login(h.shopB.ownerEmail);
    expect((await ownerB.get(`/api/v1/suppliers/${supA}/skus`)).statusCode).toBe(404);
    expect((await put(supA, lid, { purchasePriceFen: 1 }, ownerB)).statusCode).toBe(404);
  });

  it('deletes a supplier SKU, then there is nothing to delete', async () => {
    expect((await owner.delete(`/api/v1/suppliers/${supB}/skus/${lid}`)).statusCode).toBe(204);
    expect((await owner.delete(`/api/v1/suppliers/${supB}/skus/${lid}`)).json().code).toBe('not_found');
    expect((await skusOf(supB)).map((r) => r.skuId)).not.toContain(lid);
    expect((await skusOf(supB)).map((r) => r.skuId)).toContain(cup);
    expect((await auditOf(`${supB}:${lid}`)).map((e) => e.action).sort()).toEqual(['create', 'delete']);
  });
});

describe('purchase orders priced by supplier SKUs', () => {
  const draft = (lines: object[], extra: object = {}) => owner.post('/api/v1/purchase-orders', { supplierId: supA, warehouseId, lines, ...extra });

  it('takes the purchase price when a line has no unit cost, and keeps an explicit one', async () => {
    const res = await draft([{ skuId: cup, qtyOrdered: 24 }, { skuId: lid, qtyOrdered: 100, unitCostFen: 240 }]);
    expect(res.statusCode).toBe(201);
    expect(res.json().lines).toEqual(
      [
        { skuId: cup, qtyOrdered: 24, qtyReceived: 0, unitCostFen: 2800, qtyRejected: 0, qtyReturned: 0 },
        { skuId: lid, qtyOrdered: 100, qtyReceived: 0, unitCostFen: 240, qtyRejected: 0, qtyReturned: 0 },
      ].sort((a, b) => (a.skuId < b.skuId ? -1 : 1)),
    );
  });

  it('refuses SKUs the supplier does not supply without a unit cost, and lines below the MOQ, writing nothing', async () => {
    const before = (await owner.get(`/api/v1/purchase-orders?supplierId=${supA}`)).json().items.length;
    const notSupplied = await draft([{ skuId: sleeve, qtyOrdered: 500 }, { skuId: cup, qtyOrdered: 24 }]);
    expect(notSupplied.statusCode).toBe(422);
    expect(notSupplied.json()).toMatchObject({ code: 'sku_not_supplied', skuIds: [sleeve] });
    const below = await draft([{ skuId: cup, qtyOrdered: 19 }, { skuId: lid, qtyOrdered: 99, unitCostFen: 240 }, { skuId: sleeve, qtyOrdered: 1, unitCostFen: 100 }]);
    expect(below.statusCode).toBe(422);
    expect(below.json()).toMatchObject({ code: 'below_moq', lines: expect.arrayContaining([{ skuId: cup, qtyOrdered: 19, moq: 20 }, { skuId: lid, qtyOrdered: 99, moq: 100 }]) });
    expect(below.json().lines).toHaveLength(2);
    expect((await owner.get(`/api/v1/purchase-orders?supplierId=${supA}`)).json().items).toHaveLength(before);
    // Explicitly allowed; an unsupplied SKU with a unit cost has no MOQ.
    const allowed = await draft([{ skuId: cup, qtyOrdered: 1 }, { skuId: sleeve, qtyOrdered: 1, unitCostFen: 100 }], { allowBelowMoq: true });
    expect(allowed.statusCode).toBe(201);
    expect(allowed.json().lines.find((l: { skuId: string }) => l.skuId === cup).unitCostFen).toBe(2800);
  });
});

describe('rejected units, returns to the supplier and the defect rate', () => {
  let sup: string;
  let poId: string;
  const movesOf = async (ref: string) =>
    ((await owner.get(`/api/v1/inventory/movements?reference=${ref}`)).json().items as { kind: string; onHandDelta: number; reason: string | null }[]).map((m) => [m.kind, m.onHandDelta, m.reason]).sort();
  const onHand = async () => (await owner.get(`/api/v1/inventory/levels?warehouseId=${warehouseId}&skuId=${cup}`)).json().items[0]?.onHand ?? 0;

  beforeAll(async () => {
    sup = await newSupplier('SS-QC');
    expect((await put(sup, cup, { purchasePriceFen: 2700 })).statusCode).toBe(200);
    const expectedAt = new Date(Date.now() + 86_400_000).toISOString();
    poId = (await owner.post('/api/v1/purchase-orders', { supplierId: sup, warehouseId, expectedAt, lines: [{ skuId: cup, qtyOrdered: 24 }] })).json().poId;
    await owner.post(`/api/v1/purchase-orders/${poId}/send`);
  });

  it('records rejected units with a reason at receiving: they never enter stock and do not fill the line', async () => {
    const start = await onHand();
    for (const line of [{ skuId: cup, qty: 1, rejectedQty: 1 }, { skuId: cup, qty: 0 }, { skuId: cup, qty: 0, rejectedQty: 0 }, { skuId: cup, qty: -1, rejectedQty: 2, rejectReason: 'x' }]) {
      const res = await owner.post(`/api/v1/purchase-orders/${poId}/receipts`, { lines: [line] });
      expect(res.statusCode, JSON.stringify(line)).toBe(400);
    }
    const first = (await owner.post(`/api/v1/purchase-orders/${poId}/receipts`, { lines: [{ skuId: cup, qty: 20, rejectedQty: 4, rejectReason: '破损' }] })).json();
    expect(first).toMatchObject({ status: 'partially_received', lines: [{ qtyOrdered: 24, qtyReceived: 20, qtyRejected: 4, qtyReturned: 0 }] });
    expect(await onHand()).toBe(start + 20);
    // The 4 replacements arrive, one of them broken again: 24 accepted of 24 needs one more delivery.
    const over = await owner.post(`/api/v1/purchase-orders/${poId}/receipts`, { lines: [{ skuId: cup, qty: 5 }] });
    expect(over.json()).toMatchObject({ code: 'over_receipt', lines: [{ skuId: cup, receiving: 5, stillOpen: 4 }] });
    expect((await owner.post(`/api/v1/purchase-orders/${poId}/receipts`, { lines: [{ skuId: cup, qty: 3, rejectedQty: 1, rejectReason: '划痕' }] })).json().status).toBe('partially_received');
    const all = (await owner.post(`/api/v1/purchase-orders/${poId}/receipts`, { lines: [{ skuId: cup, qty: 1 }] })).json();
    expect(all).toMatchObject({ status: 'received', lines: [{ qtyReceived: 24, qtyRejected: 5 }] });
    expect(await onHand()).toBe(start + 24);
    expect(await movesOf(poId)).toEqual([['receipt', 1, null], ['receipt', 20, null], ['receipt', 3, null]].sort());
    const audit = (await owner.get('/api/v1/audit-events?entityType=purchase_order&limit=200')).json().items.filter((e: { entityId: string; action: string }) => e.entityId === poId && e.action === 'receive');
    expect(JSON.stringify(audit)).toContain('破损');
  });

  it('returns accepted units to the supplier through the ledger, refusing more than was accepted or is available', async () => {
    const start = await onHand();
    const res = await owner.post(`/api/v1/purchase-orders/${poId}/returns`, { lines: [{ skuId: cup, qty: 3, reason: '质量问题' }] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'received', lines: [{ qtyReceived: 24, qtyRejected: 5, qtyReturned: 3 }] });
    expect(await onHand()).toBe(start - 3);
    expect((await movesOf(poId)).filter((m) => m[0] === 'adjustment')).toEqual([['adjustment', -3, '退供 return to supplier: 质量问题']]);

    const over = await owner.post(`/api/v1/purchase-orders/${poId}/returns`, { lines: [{ skuId: cup, qty: 20, reason: 'x' }, { skuId: cup, qty: 2, reason: 'y' }] });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'over_return', lines: [{ skuId: cup, returning: 22, returnable: 21 }] });
    expect((await owner.post(`/api/v1/purchase-orders/${poId}/returns`, { lines: [{ skuId: lid, qty: 1, reason: 'x' }] })).json().code).toBe('sku_not_on_order');
    expect((await owner.post(`/api/v1/purchase-orders/${newId('po')}/returns`, { lines: [{ skuId: cup, qty: 1, reason: 'x' }] })).statusCode).toBe(404);
    expect((await owner.post(`/api/v1/purchase-orders/${poId}/returns`, { lines: [{ skuId: cup, qty: 1, reason: ' ' }] })).statusCode).toBe(400);

    // Reserved units are not available to return.
    const held = await owner.post('/api/v1/inventory/reservations', { skuId: cup, qty: start - 3 - 1, reference: `ss-hold-${Date.now()}` });
    expect(held.statusCode).toBe(201);
    const short = await owner.post(`/api/v1/purchase-orders/${poId}/returns`, { lines: [{ skuId: cup, qty: 2, reason: '质量问题' }] });
    expect(short.statusCode).toBe(409);
    expect(short.json().code).toBe('insufficient_stock');
    for (const r of held.json().items) await owner.post(`/api/v1/inventory/reservations/${r.reservationId}/release`);
    expect((await owner.get(`/api/v1/purchase-orders/${poId}`)).json().lines[0].qtyReturned).toBe(3);
    expect(await onHand()).toBe(start - 3);
    expect((await owner.get('/api/v1/inventory/ledger-check')).json().ok).toBe(true);
  });

  it('scores the defect rate: (rejected + returned) / (accepted + rejected), and grades by it', async () => {
    const card = (await owner.get(`/api/v1/suppliers/${sup}/scorecard`)).json();
    const month = new Date().toISOString().slice(0, 7);
    // accepted 24, rejected 5, returned 3: (5 + 3) / (24 + 5) = 2758 bp; on time and complete, but > 5 % defective → C
    expect(card).toEqual({
      supplierId: sup,
      onTimeRateBp: 10_000,
      fillRateBp: 10_000,
      defectRateBp: 2758,
      grade: 'C',
      ordersScored: 1,
      unitsRejected: 5,
      unitsReturned: 3,
      trend: [{ month, onTimeRateBp: 10_000, unitsReceived: 24, unitsRejected: 5, unitsReturned: 3, defectRateBp: 2758 }],
    });
  });

  it('accepts a delivery that is all rejected', async () => {
    const po = (await owner.post('/api/v1/purchase-orders', { supplierId: sup, warehouseId, lines: [{ skuId: cup, qtyOrdered: 2 }], allowBelowMoq: true })).json().poId;
    await owner.post(`/api/v1/purchase-orders/${po}/send`);
    const res = await owner.post(`/api/v1/purchase-orders/${po}/receipts`, { lines: [{ skuId: cup, qty: 0, rejectedQty: 2, rejectReason: '错货' }] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'partially_received', lines: [{ qtyReceived: 0, qtyRejected: 2 }] });
    expect(await movesOf(po)).toEqual([]);
    expect((await owner.get(`/api/v1/suppliers/${sup}/scorecard`)).json()).toMatchObject({ unitsRejected: 7, defectRateBp: Math.floor((10 * 10_000) / 31) });
  });
});

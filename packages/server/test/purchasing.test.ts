import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from './harness.ts';

let h: Harness;
let owner: Caller;
let supplierId: string;
let warehouseId: string;
let cup: string;
let lid: string;
let other: string;

beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
  const p = (
    await owner.post('/api/v1/products', {
      title: '保温杯',
      specDimensions: [{ name: '部件', values: ['杯', '盖', '套'] }],
      skus: [
        { code: 'PO-CUP', specValues: { 部件: '杯' }, priceFen: 9900, costFen: 3000 },
        { code: 'PO-LID', specValues: { 部件: '盖' }, priceFen: 900, costFen: 300 },
        { code: 'PO-SLV', specValues: { 部件: '套' }, priceFen: 900, costFen: 300 },
      ],
    })
  ).json();
  [cup, lid, other] = p.skus.map((s: { skuId: string }) => s.skuId);
  warehouseId = (await owner.post('/api/v1/warehouses', { code: 'PO-WH', name: '收货仓' })).json().warehouseId;
  supplierId = (await owner.post('/api/v1/suppliers', { code: 'YW-01', name: '义乌工厂', contacts: [{ name: '王经理', phone: '13800000000' }], leadTimeDays: 10, moq: 50, paymentTerms: '月结30天' })).json().supplierId;
}, 60_000);
afterAll(async () => h?.close());

const order = () =>
  owner.post('/api/v1/purchase-orders', {
    supplierId,
    warehouseId,
    lines: [
      { skuId: cup, qtyOrdered: 10, unitCostFen: 2800 },
      { skuId: lid, qtyOrdered: 5, unitCostFen: 250 },
    ],
  });

describe('suppliers', () => {
  it('keeps contacts, lead time, MOQ and terms, and refuses a duplicate code', async () => {
    const s = (await owner.get(`/api/v1/suppliers/${supplierId}`)).json();
    expect(s).toMatchObject({ code: 'YW-01', leadTimeDays: 10, moq: 50, paymentTerms: '月结30天', contacts: [{ name: '王经理' }] });
    expect((await owner.post('/api/v1/suppliers', { code: 'YW-01', name: 'x' })).json().code).toBe('supplier_code_taken');
  });
});

describe('purchase orders', () => {
  it('goes draft → sent → partially received → received → closed, posting stock to the ledger', async () => {
    const po = (await order()).json();
    expect(po.status).toBe('draft');
    expect((await owner.post(`/api/v1/purchase-orders/${po.poId}/receipts`, { lines: [{ skuId: cup, qty: 1 }] })).json().code).toBe('invalid_status_transition');
    expect((await owner.post(`/api/v1/purchase-orders/${po.poId}/send`)).json().status).toBe('sent');
    const part = (await owner.post(`/api/v1/purchase-orders/${po.poId}/receipts`, { lines: [{ skuId: cup, qty: 6 }] })).json();
    expect(part.status).toBe('partially_received');
    expect(part.lines.find((l: { skuId: string }) => l.skuId === cup).qtyReceived).toBe(6);
    const full = (await owner.post(`/api/v1/purchase-orders/${po.poId}/receipts`, { lines: [{ skuId: cup, qty: 4 }, { skuId: lid, qty: 5, batch: { batchNo: 'L1', expiryDate: '2030-01-01' } }] })).json();
    expect(full.status).toBe('received');
    const moves = (await owner.get(`/api/v1/inventory/movements?reference=${po.poId}`)).json().items;
    expect(moves.map((m: { kind: string; onHandDelta: number }) => [m.kind, m.onHandDelta]).sort()).toEqual([['receipt', 4], ['receipt', 5], ['receipt', 6]]);
    const levels = (await owner.get(`/api/v1/inventory/levels?warehouseId=${warehouseId}`)).json().items;
    expect(levels.find((l: { skuId: string }) => l.skuId === cup).onHand).toBe(10);
    expect((await owner.get(`/api/v1/inventory/batches?skuId=${lid}`)).json().items).toMatchObject([{ batchNo: 'L1', onHand: 5 }]);
    expect((await owner.post(`/api/v1/purchase-orders/${po.poId}/close`)).json().status).toBe('closed');
    expect((await owner.post(`/api/v1/purchase-orders/${po.poId}/cancel`)).json().code).toBe('invalid_status_transition');
    expect((await owner.get('/api/v1/inventory/ledger-check')).json().ok).toBe(true);
    const card = (await owner.get(`/api/v1/suppliers/${supplierId}/scorecard`)).json();
    expect(card).toMatchObject({ onTimeRateBp: null, fillRateBp: 10_000, grade: null, ordersScored: 1 });
    expect(card.trend[0].unitsReceived).toBe(15);
  });

  it('refuses over-receipt and SKUs not on the order, receiving nothing', async () => {
    const po = (await order()).json();
    await owner.post(`/api/v1/purchase-orders/${po.poId}/send`);
    const over = await owner.post(`/api/v1/purchase-orders/${po.poId}/receipts`, { lines: [{ skuId: lid, qty: 3 }, { skuId: cup, qty: 7 }, { skuId: cup, qty: 4 }] });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'over_receipt', lines: [{ skuId: cup, receiving: 11, stillOpen: 10 }] });
    const unknown = await owner.post(`/api/v1/purchase-orders/${po.poId}/receipts`, { lines: [{ skuId: lid, qty: 1 }, { skuId: other, qty: 1 }] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'sku_not_on_order', skuIds: [other] });
    const after = (await owner.get(`/api/v1/purchase-orders/${po.poId}`)).json();
    expect(after.status).toBe('sent');
    expect(after.lines.map((l: { qtyReceived: number }) => l.qtyReceived)).toEqual([0, 0]);
    expect((await owner.get(`/api/v1/inventory/movements?reference=${po.poId}`)).json().items).toEqual([]);
    expect((await owner.post(`/api/v1/purchase-orders/${po.poId}/cancel`)).json().status).toBe('cancelled');
  });

  it('refuses unknown suppliers, warehouses and SKUs on a new order', async () => {
    const res = await owner.post('/api/v1/purchase-orders', { supplierId, warehouseId, lines: [{ skuId: 'sku_00000000000000000000000000', qtyOrdered: 1, unitCostFen: 1 }] });
    expect(res.json().code).toBe('not_found');
    const twice = await owner.post('/api/v1/purchase-orders', { supplierId, warehouseId, lines: [{ skuId: cup, qtyOrdered: 1, unitCostFen: 1 }, { skuId: cup, qtyOrdered: 2, unitCostFen: 1 }] });
    expect(twice.json().code).toBe('validation_failed');
    const analyst = await h.member(h.shopA.tenantId, 'analyst');
    expect((await analyst.get('/api/v1/purchase-orders')).statusCode).toBe(200);
    expect((await analyst.post(`/api/v1/suppliers`, { code: 'X', name: 'x' })).statusCode).toBe(403);
  });

  it('grades a supplier that delivers everything before the expected date S', async () => {
    const sup = (await owner.post('/api/v1/suppliers', { code: 'FAST', name: '准时工厂' })).json().supplierId;
    const expectedAt = new Date(Date.now() + 86_400_000).toISOString();
    const po = (await owner.post('/api/v1/purchase-orders', { supplierId: sup, warehouseId, expectedAt, lines: [{ skuId: other, qtyOrdered: 8, unitCostFen: 200 }] })).json();
    await owner.post(`/api/v1/purchase-orders/${po.poId}/send`);
    await owner.post(`/api/v1/purchase-orders/${po.poId}/receipts`, { lines: [{ skuId: other, qty: 8 }] });
    expect((await owner.get(`/api/v1/suppliers/${sup}/scorecard`)).json()).toMatchObject({ onTimeRateBp: 10_000, fillRateBp: 10_000, grade: 'S', ordersScored: 1 });
  });
});

describe('SKUs on purchase orders', () => {
  it('archives rather than deletes a SKU that only a draft purchase order names, and the order stays readable', async () => {
    const p = (await owner.post('/api/v1/products', { title: '新杯', skus: [{ code: 'NEW-CUP', priceFen: 5000, costFen: 2000 }] })).json();
    const skuId = p.skus[0].skuId;
    const po = await owner.post('/api/v1/purchase-orders', { supplierId, warehouseId, allowBelowMoq: true, lines: [{ skuId, qtyOrdered: 3, unitCostFen: 2000 }] });
    expect(po.statusCode).toBe(201);
    expect((await owner.delete(`/api/v1/skus/${skuId}`)).statusCode).toBe(204);
    expect((await owner.get(`/api/v1/skus/${skuId}`)).json()).toMatchObject({ status: 'archived' });
    expect((await owner.get(`/api/v1/purchase-orders/${po.json().poId}`)).json().lines).toMatchObject([{ skuId, qtyOrdered: 3 }]);
    expect((await owner.delete(`/api/v1/products/${p.productId}`)).statusCode).toBe(204);
    expect((await owner.get(`/api/v1/products/${p.productId}`)).json()).toMatchObject({ status: 'archived' });
  });
});

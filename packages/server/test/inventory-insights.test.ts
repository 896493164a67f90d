import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from './harness.ts';

// GET /api/v1/inventory/insights over stock and sales built through the API: receipts,
// reservations converted on shipment (the ledger's `sale` movements). All sales happen today.

let h: Harness;
let owner: Caller;
let wh: string;
const sku: Record<string, string> = {};

const makeSku = async (code: string, priceFen: number) => {
  const p = (await owner.post('/api/v1/products', { title: `商品 ${code}`, skus: [{ code, priceFen, costFen: Math.floor(priceFen / 2) }] })).json();
  sku[code] = p.skus[0].skuId;
};
const receive = async (code: string, qty: number) => expect((await owner.post('/api/v1/inventory/receipts', { warehouseId: wh, skuId: sku[code], qty })).statusCode).toBe(201);
const reserve = async (code: string, qty: number): Promise<string[]> => {
  const r = await owner.post('/api/v1/inventory/reservations', { skuId: sku[code], qty, reference: `ord-${code}-${qty}-${Math.random()}` });
  expect(r.statusCode).toBe(201);
  return r.json().items.map((i: { reservationId: string }) => i.reservationId);
};
const sell = async (code: string, qty: number) => {
  for (const id of await reserve(code, qty)) expect((await owner.post(`/api/v1/inventory/reservations/${id}/convert`)).json().status).toBe('converted');
};

beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
  wh = (await owner.post('/api/v1/warehouses', { code: 'MAIN', name: '主仓', priority: 1 })).json().warehouseId;
  await makeSku('P1', 10_000);
  await makeSku('P2', 1_000);
  await makeSku('P3', 500);
  await makeSku('P4', 2_000);
  await makeSku('P5', 3_000);
  await receive('P1', 32);
  await sell('P1', 30);
  await reserve('P1', 1); // held: on hand 2, available 1
  await receive('P2', 50);
  await sell('P2', 20);
  await receive('P3', 10);
  await sell('P3', 2);
  await receive('P4', 5); // never sold
  // P5: no stock, no sales
}, 120_000);
afterAll(async () => h?.close());

type Row = { skuId: string; code: string; [k: string]: unknown };

describe('stock insights', () => {
  it('computes the summary and every SKU by hand', async () => {
    const res = await owner.get('/api/v1/inventory/insights?windowDays=90&targetCoverDays=15');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // sales value: P1 30 × 10 000 = 300 000, P2 20 × 1 000 = 20 000, P3 2 × 500 = 1 000; total 321 000
    // value before each: P1 0 → A; P2 93.5 % → B; P3 99.7 % → C; P4, P5 unsold → C
    expect(body.summary).toEqual({
      windowDays: 90,
      skusOnSale: 5,
      skusSold: 3,
      sellThroughSkuRatioBp: 6000, // 3 / 5
      healthy: false,
      classCounts: { A: 1, B: 1, C: 3 },
      slowMovers: 2, // P3 (cover 120), P4 (stock, no sales)
      stockOutRisks: 1, // P1
      unitsSold: 52,
      salesFen: 321_000,
    });
    const by = Object.fromEntries((body.items as Row[]).map((r) => [r.code, r]));
    expect(body.items).toHaveLength(5);
    expect(body.nextCursor).toBeNull();
    // P1: avg 30/30 = 1 a day; cover 2 / 1 = 2 days (< 3, class A); sell-out 30/32; reorder ceil(1 × 15) − 1
    expect(by.P1).toEqual({ skuId: sku.P1, code: 'P1', abcClass: 'A', unitsSold: 30, salesFen: 300_000, onHand: 2, available: 1, coverDays: 2, sellOutRateBp: 9375, flags: { slowMover: false, stockOutRisk: true }, reorderQty: 14, reorderSupplier: null });
    // P2: avg 20/30; cover 30 × 30 / 20 = 45; sell-out 20/50; reorder ceil(10) − 30 < 0 → 0
    expect(by.P2).toMatchObject({ abcClass: 'B', unitsSold: 20, onHand: 30, available: 30, coverDays: 45, sellOutRateBp: 4000, flags: { slowMover: false, stockOutRisk: false }, reorderQty: 0 });
    // P3: cover 8 × 30 / 2 = 120 > 60 → slow; sell-out 2/10
    expect(by.P3).toMatchObject({ abcClass: 'C', unitsSold: 2, salesFen: 1_000, onHand: 8, coverDays: 120, sellOutRateBp: 2000, flags: { slowMover: true, stockOutRisk: false }, reorderQty: 0 });
    expect(by.P4).toMatchObject({ abcClass: 'C', unitsSold: 0, salesFen: 0, onHand: 5, coverDays: null, sellOutRateBp: 0, flags: { slowMover: true, stockOutRisk: false }, reorderQty: 0 });
    expect(by.P5).toMatchObject({ abcClass: 'C', unitsSold: 0, onHand: 0, available: 0, coverDays: null, sellOutRateBp: null, flags: { slowMover: false, stockOutRisk: false }, reorderQty: 0 });
  });

  it('adds the lead time to the target cover and pages by SKU id', async () => {
    const res = (await owner.get('/api/v1/inventory/insights?targetCoverDays=30&leadTimeDays=5&limit=2')).json();
    expect(res.items).toHaveLength(2);
    const seen: Row[] = [...res.items];
    let cursor = res.nextCursor;
    while (cursor) {
      const next = (await owner.get(`/api/v1/inventory/insights?targetCoverDays=30&leadTimeDays=5&limit=2&cursor=${cursor}`)).json();
      expect(next.summary).toEqual(res.summary); // the summary is shop-wide on every page
      seen.push(...next.items);
      cursor = next.nextCursor;
    }
    expect(seen.map((r) => r.skuId)).toEqual(Object.values(sku).sort());
    const p1 = seen.find((r) => r.code === 'P1')!;
    const p2 = seen.find((r) => r.code === 'P2')!;
    expect(p1.reorderQty).toBe(34); // ceil(1 × (5 + 30)) − 1
    expect(p2.reorderQty).toBe(0); // ceil(20/30 × 35) = 24 − 30 < 0
  });

  it('sees only its own shop and refuses bad parameters', async () => {
    const other = await h.login(h.shopB.ownerEmail);
    const res = (await other.get('/api/v1/inventory/insights')).json();
    expect(res.summary).toMatchObject({ skusOnSale: 0, unitsSold: 0, sellThroughSkuRatioBp: 0, healthy: false });
    expect(res.items).toEqual([]);
    expect((await owner.get('/api/v1/inventory/insights?windowDays=0')).statusCode).toBe(400);
    expect((await owner.get('/api/v1/inventory/insights?cursor=nope!')).statusCode).toBe(400);
  });

  it('reorders on the preferred supplier’s lead time, MOQ and pack size, and names the supplier and price', async () => {
    const supplier = async (code: string, leadTimeDays: number, moq: number) => (await owner.post('/api/v1/suppliers', { code, name: `工厂 ${code}`, leadTimeDays, moq })).json().supplierId as string;
    const put = (sup: string, code: string, body: object) => owner.request({ method: 'PUT', url: `/api/v1/suppliers/${sup}/skus/${sku[code]}`, payload: body });
    const fast = await supplier('INS-FAST', 30, 1);
    const slow = await supplier('INS-SLOW', 10, 50);
    expect((await put(fast, 'P1', { supplierItemCode: 'F-P1', purchasePriceFen: 4000, leadTimeDays: 5, moq: 40, packSize: 12, isPreferred: true })).statusCode).toBe(200);
    expect((await put(slow, 'P1', { purchasePriceFen: 3500 })).statusCode).toBe(200); // supplies P1, not preferred
    expect((await put(slow, 'P2', { purchasePriceFen: 400, isPreferred: true })).statusCode).toBe(200); // the supplier's defaults
    const rows = async () => Object.fromEntries(((await owner.get('/api/v1/inventory/insights?targetCoverDays=60&leadTimeDays=3')).json().items as Row[]).map((r) => [r.code, r]));
    let by = await rows();
    // P1: need ceil(1 × (5 + 60)) − 1 = 64 ≥ MOQ 40 → whole packs of 12: 72
    expect(by.P1!.reorderQty).toBe(72);
    expect(by.P1!.reorderSupplier).toEqual({
      supplierId: fast, supplierCode: 'INS-FAST', supplierName: '工厂 INS-FAST', supplierItemCode: 'F-P1', purchasePriceFen: 4000, leadTimeDays: 5, moq: 40, packSize: 12, amountFen: 72 * 4000,
    });
    // P2 on the supplier's defaults: need ceil(20/30 × (10 + 60)) − 30 = 47 − 30 = 17 → MOQ 50
    expect(by.P2).toMatchObject({ reorderQty: 50, reorderSupplier: { supplierId: slow, leadTimeDays: 10, moq: 50, packSize: 1, purchasePriceFen: 400, amountFen: 20_000 } });
    // P3 has no preferred supplier: the query's lead time, no MOQ; ceil(2/30 × 63) = 5 − 8 < 0
    expect(by.P3).toMatchObject({ reorderQty: 0, reorderSupplier: null });

    // A MOQ above the need: P1 at a 15-day cover needs ceil(20) − 1 = 19 → MOQ 40 → 48 (4 packs).
    const p1 = ((await owner.get('/api/v1/inventory/insights?targetCoverDays=15')).json().items as Row[]).find((r) => r.code === 'P1')!;
    expect(p1.reorderQty).toBe(48);

    // An archived preferred supplier is skipped: P2 falls back to the query's lead time, no MOQ.
    expect((await owner.patch(`/api/v1/suppliers/${slow}`, { status: 'archived' })).statusCode).toBe(200);
    by = await rows();
    expect(by.P2).toMatchObject({ reorderQty: 12, reorderSupplier: null }); // ceil(20/30 × 63) = 42 − 30
  });
});

import { ledgerMismatches, sql } from '@yunying/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireReservations } from '../src/services/reservations.ts';
import { createHarness, type Caller, type Harness } from './harness.ts';

let h: Harness;
let owner: Caller;
let skuId: string;
let productId: string;
let east: string;
let west: string;
let north: string;

beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
  const p = (await owner.post('/api/v1/products', { title: '保温杯', skus: [{ code: 'CUP-1', priceFen: 9900, costFen: 3000 }] })).json();
  productId = p.productId;
  skuId = p.skus[0].skuId;
  east = (await owner.post('/api/v1/warehouses', { code: 'EAST', name: '华东仓', priority: 1, region: '上海' })).json().warehouseId;
  west = (await owner.post('/api/v1/warehouses', { code: 'WEST', name: '西南仓', priority: 2, region: '成都' })).json().warehouseId;
  north = (await owner.post('/api/v1/warehouses', { code: 'NORTH', name: '华北仓', priority: 3, region: '北京' })).json().warehouseId;
}, 60_000);
afterAll(async () => h?.close());

const levels = async () =>
  Object.fromEntries(
    (await owner.get(`/api/v1/inventory/levels?skuId=${skuId}`)).json().items.map((l: { warehouseId: string; onHand: number; reserved: number }) => [l.warehouseId, [l.onHand, l.reserved]]),
  );

const ledgerOk = async () => {
  const check = (await owner.get('/api/v1/inventory/ledger-check')).json();
  expect(check.mismatches).toEqual([]);
  expect(check.ok).toBe(true);
};

describe('warehouses', () => {
  it('refuses a duplicate code and archiving a warehouse with stock', async () => {
    expect((await owner.post('/api/v1/warehouses', { code: 'EAST', name: 'x' })).json().code).toBe('warehouse_code_taken');
    await owner.post('/api/v1/inventory/receipts', { warehouseId: north, skuId, qty: 1 });
    expect((await owner.patch(`/api/v1/warehouses/${north}`, { status: 'archived' })).json()).toMatchObject({ code: 'warehouse_has_stock', units: 1 });
    await owner.post('/api/v1/inventory/adjustments', { warehouseId: north, skuId, delta: -1, reason: '报损' });
    expect((await owner.patch(`/api/v1/warehouses/${north}`, { status: 'archived' })).json().status).toBe('archived');
  });
});

describe('stock movements', () => {
  it('receives, adjusts with a reason and transfers, each with its ledger rows', async () => {
    expect((await owner.post('/api/v1/inventory/receipts', { warehouseId: east, skuId, qty: 10, reference: 'PO-1' })).statusCode).toBe(201);
    await owner.post('/api/v1/inventory/receipts', { warehouseId: west, skuId, qty: 4 });
    const adj = await owner.post('/api/v1/inventory/adjustments', { warehouseId: east, skuId, delta: -2, reason: '破损' });
    expect(adj.json().movements[0]).toMatchObject({ kind: 'adjustment', onHandDelta: -2, reason: '破损' });
    const tr = await owner.post('/api/v1/inventory/transfers', { fromWarehouseId: east, toWarehouseId: west, skuId, qty: 3 });
    expect(tr.json().movements.map((m: { kind: string }) => m.kind)).toEqual(['transfer_out', 'transfer_in']);
    expect(await levels()).toMatchObject({ [east]: [5, 0], [west]: [7, 0] });
    const kinds = (await owner.get(`/api/v1/inventory/movements?skuId=${skuId}&limit=200`)).json().items.map((m: { kind: string }) => m.kind);
    expect(kinds.slice(0, 2).sort()).toEqual(['transfer_in', 'transfer_out']); // one transaction: same instant
    expect(kinds.slice(2, 4)).toEqual(['adjustment', 'receipt']);
    await ledgerOk();
  });

  it('refuses moving more than is available, unknown warehouses and a missing reason, changing nothing', async () => {
    const before = await levels();
    const tooMuch = await owner.post('/api/v1/inventory/transfers', { fromWarehouseId: east, toWarehouseId: west, skuId, qty: 6 });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json()).toMatchObject({ code: 'insufficient_stock', requested: 6, available: 5, warehouses: [{ warehouseId: east, available: 5 }] });
    expect((await owner.post('/api/v1/inventory/adjustments', { warehouseId: east, skuId, delta: -6, reason: 'x' })).json().code).toBe('insufficient_stock');
    const unknown = await owner.post('/api/v1/inventory/receipts', { warehouseId: 'whs_00000000000000000000000000', skuId, qty: 1 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('not_found');
    expect((await owner.post('/api/v1/inventory/receipts', { warehouseId: north, skuId, qty: 1 })).json().code).toBe('not_found'); // archived
    expect((await owner.post('/api/v1/inventory/adjustments', { warehouseId: east, skuId, delta: -1, reason: ' ' })).statusCode).toBe(400);
    expect((await owner.post('/api/v1/inventory/receipts', { warehouseId: east, skuId, qty: -1 })).statusCode).toBe(400);
    expect(await levels()).toEqual(before);
  });

  it('keeps the ledger append-only in the database itself', async () => {
    const db = h.test.database.db;
    await expect(db.updateTable('stock_movements').set({ on_hand_delta: 100 }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('stock_movements').execute()).rejects.toThrow(/append-only/);
    await expect(sql`update stock_levels set reserved = on_hand + 1`.execute(db)).rejects.toThrow(/stock_levels_reserved_within_on_hand/);
  });
});

describe('reservations', () => {
  it('reserves from the highest-priority warehouse that can cover the line', async () => {
    const r = (await owner.post('/api/v1/inventory/reservations', { skuId, qty: 4, reference: 'ORD-1' })).json();
    expect(r.items).toMatchObject([{ warehouseId: east, qty: 4, status: 'held' }]);
    expect(await levels()).toMatchObject({ [east]: [5, 4], [west]: [7, 0] });
  });

  it('splits a line across warehouses, each within its own available stock', async () => {
    // east has 1 available and west 7: 8 units need both, but never more than each one holds
    const r = (await owner.post('/api/v1/inventory/reservations', { skuId, qty: 8, reference: 'ORD-2' })).json();
    expect(r.items.map((i: { warehouseId: string; qty: number }) => [i.warehouseId, i.qty])).toEqual([
      [east, 1],
      [west, 7],
    ]);
    const refused = await owner.post('/api/v1/inventory/reservations', { skuId, qty: 1, reference: 'ORD-3' });
    expect(refused.json()).toMatchObject({ code: 'insufficient_stock', requested: 1, available: 0 });
    expect(await levels()).toMatchObject({ [east]: [5, 5], [west]: [7, 7] });
    await ledgerOk();
  });

  it('releases on cancel and converts to a sale on shipment, once', async () => {
    const [first] = (await owner.get('/api/v1/inventory/reservations?reference=ORD-1')).json().items;
    const released = await owner.post(`/api/v1/inventory/reservations/${first.reservationId}/release`);
    expect(released.json()).toMatchObject({ status: 'released', releaseReason: 'cancelled' });
    expect((await owner.post(`/api/v1/inventory/reservations/${first.reservationId}/convert`)).json().code).toBe('reservation_not_held');
    const split = (await owner.get('/api/v1/inventory/reservations?reference=ORD-2')).json().items;
    for (const r of split) expect((await owner.post(`/api/v1/inventory/reservations/${r.reservationId}/convert`)).json().status).toBe('converted');
    expect(await levels()).toMatchObject({ [east]: [4, 0], [west]: [0, 0] });
    await ledgerOk();
  });

  it('expires reservations whose payment window passed, and only those', async () => {
    const short = (await owner.post('/api/v1/inventory/reservations', { skuId, qty: 2, reference: 'ORD-4', ttlMinutes: 1 })).json().items[0];
    const long = (await owner.post('/api/v1/inventory/reservations', { skuId, qty: 1, reference: 'ORD-5' })).json().items[0];
    expect(await expireReservations(h.test.database.db, new Date())).toBe(0);
    expect(await expireReservations(h.test.database.db, new Date(Date.now() + 2 * 60_000))).toBe(1);
    const list = (await owner.get('/api/v1/inventory/reservations?status=released')).json().items;
    expect(list.find((r: { reservationId: string }) => r.reservationId === short.reservationId).releaseReason).toBe('expired');
    expect((await owner.get(`/api/v1/inventory/reservations?reference=ORD-5`)).json().items[0]).toMatchObject({ reservationId: long.reservationId, status: 'held' });
    const audit = (await owner.get(`/api/v1/audit-events?entityType=reservation&entityId=${short.reservationId}`)).json().items;
    expect(audit.map((e: { action: string; actorType: string }) => [e.action, e.actorType])).toEqual([
      ['expire', 'system'],
      ['reserve', 'user'],
    ]);
    expect((await ledgerMismatches(h.test.database.db, h.shopA.tenantId)).mismatches).toEqual([]);
  });

  it('refuses to delete a SKU or product with stock, archives one with history only', async () => {
    expect((await owner.delete(`/api/v1/skus/${skuId}`)).json().code).toBe('sku_has_stock');
    expect((await owner.delete(`/api/v1/products/${productId}`)).json().code).toBe('sku_has_stock');
    const other = (await owner.post('/api/v1/products', { title: '杯盖', skus: [{ code: 'LID-1', priceFen: 900, costFen: 300 }] })).json();
    const lid = other.skus[0].skuId;
    await owner.post('/api/v1/inventory/receipts', { warehouseId: east, skuId: lid, qty: 1 });
    await owner.post('/api/v1/inventory/adjustments', { warehouseId: east, skuId: lid, delta: -1, reason: '丢失' });
    expect((await owner.delete(`/api/v1/products/${other.productId}`)).statusCode).toBe(204);
    const archived = (await owner.get(`/api/v1/products/${other.productId}`)).json();
    expect(archived).toMatchObject({ status: 'archived', skus: [{ status: 'archived' }] });
    const fresh = (await owner.post('/api/v1/products', { title: '杯套', skus: [{ code: 'SLV-1', priceFen: 900, costFen: 300 }] })).json();
    expect((await owner.delete(`/api/v1/skus/${fresh.skus[0].skuId}`)).statusCode).toBe(204);
    expect((await owner.get(`/api/v1/skus/${fresh.skus[0].skuId}`)).statusCode).toBe(404);
  });

  it('lets an analyst read stock but not move it', async () => {
    const analyst = await h.member(h.shopA.tenantId, 'analyst');
    expect((await analyst.get('/api/v1/inventory/levels')).statusCode).toBe(200);
    expect((await analyst.post('/api/v1/inventory/reservations', { skuId, qty: 1, reference: 'X' })).statusCode).toBe(403);
  });
});

describe('stocktake', () => {
  it('snapshots on hand, reports variances valued at cost, and posts them to the ledger once', async () => {
    const wh = (await owner.post('/api/v1/warehouses', { code: 'COUNT', name: '盘点仓', priority: 50 })).json().warehouseId;
    const p = (await owner.post('/api/v1/products', { title: '水杯', skus: [{ code: 'CNT-1', priceFen: 900, costFen: 300 }] })).json();
    const cup = p.skus[0].skuId;
    await owner.post('/api/v1/inventory/receipts', { warehouseId: wh, skuId: cup, qty: 10 });
    await owner.post('/api/v1/inventory/receipts', { warehouseId: wh, skuId, qty: 6 });
    const sheet = (await owner.post('/api/v1/inventory/stocktakes', { warehouseId: wh, note: '月末' })).json();
    expect(sheet.lines.map((l: { skuId: string; expectedOnHand: number }) => [l.skuId, l.expectedOnHand]).sort()).toEqual([[cup, 10], [skuId, 6]].sort());
    // a sale during the count stays: posting applies counted − expected to the current balance
    await owner.post('/api/v1/inventory/reservations', { skuId: cup, qty: 1, reference: 'DURING', warehouseId: wh });
    const counted = (await owner.post(`/api/v1/inventory/stocktakes/${sheet.stocktakeId}/counts`, { counts: [{ skuId: cup, counted: 8 }, { skuId, counted: 7 }] })).json();
    expect(counted.summary).toEqual({ lines: 2, counted: 2, unitsOver: 1, unitsShort: 2, varianceCostFen: -600 + 3000 });
    const notOnSheet = await owner.post(`/api/v1/inventory/stocktakes/${sheet.stocktakeId}/counts`, { counts: [{ skuId: 'sku_00000000000000000000000000', counted: 1 }] });
    expect(notOnSheet.json().code).toBe('validation_failed');
    const posted = (await owner.post(`/api/v1/inventory/stocktakes/${sheet.stocktakeId}/post`)).json();
    expect(posted.status).toBe('posted');
    const lv = (await owner.get(`/api/v1/inventory/levels?warehouseId=${wh}`)).json().items;
    expect(lv.find((l: { skuId: string }) => l.skuId === cup)).toMatchObject({ onHand: 8, reserved: 1 });
    expect(lv.find((l: { skuId: string }) => l.skuId === skuId)).toMatchObject({ onHand: 7 });
    const moves = (await owner.get(`/api/v1/inventory/movements?kind=stocktake&warehouseId=${wh}`)).json().items;
    expect(moves.map((m: { onHandDelta: number }) => m.onHandDelta).sort()).toEqual([-2, 1]);
    expect((await owner.post(`/api/v1/inventory/stocktakes/${sheet.stocktakeId}/post`)).json().code).toBe('stocktake_closed');
    await ledgerOk();
  });

  it('refuses a variance that would take on hand below what is reserved, posting nothing', async () => {
    const wh = (await owner.post('/api/v1/warehouses', { code: 'COUNT2', name: '盘点仓2', priority: 60 })).json().warehouseId;
    await owner.post('/api/v1/inventory/receipts', { warehouseId: wh, skuId, qty: 3 });
    const sheet = (await owner.post('/api/v1/inventory/stocktakes', { warehouseId: wh, skuIds: [skuId] })).json();
    await owner.post('/api/v1/inventory/reservations', { skuId, qty: 2, reference: 'HOLD', warehouseId: wh });
    await owner.post(`/api/v1/inventory/stocktakes/${sheet.stocktakeId}/counts`, { counts: [{ skuId, counted: 0 }] });
    expect((await owner.post(`/api/v1/inventory/stocktakes/${sheet.stocktakeId}/post`)).json().code).toBe('insufficient_stock');
    expect((await owner.get(`/api/v1/inventory/stocktakes/${sheet.stocktakeId}`)).json().status).toBe('open');
    expect((await owner.post(`/api/v1/inventory/stocktakes/${sheet.stocktakeId}/cancel`)).json().status).toBe('cancelled');
    await ledgerOk();
  });
});

describe('batches (FEFO)', () => {
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

  it('ships, transfers and writes off the earliest expiry first, and alerts on batches about to expire', async () => {
    const src = (await owner.post('/api/v1/warehouses', { code: 'COLD-1', name: '冷链仓', priority: 70 })).json().warehouseId;
    const dst = (await owner.post('/api/v1/warehouses', { code: 'COLD-2', name: '冷链仓2', priority: 80 })).json().warehouseId;
    const milk = (await owner.post('/api/v1/products', { title: '鲜牛奶', skus: [{ code: 'MILK-1', priceFen: 1200, costFen: 600 }] })).json().skus[0].skuId;
    const receive = (qty: number, batch?: object) => owner.post('/api/v1/inventory/receipts', { warehouseId: src, skuId: milk, qty, ...(batch ? { batch } : {}) });
    expect((await receive(5, { batchNo: 'LATE', productionDate: day(-2), expiryDate: day(40) })).statusCode).toBe(201);
    expect((await receive(5, { batchNo: 'SOON', expiryDate: day(3) })).statusCode).toBe(201);
    await receive(3);
    const clash = await receive(1, { batchNo: 'SOON', expiryDate: day(9) });
    expect(clash.json().code).toBe('validation_failed');
    const batches = async (warehouseId: string) =>
      (await owner.get(`/api/v1/inventory/batches?skuId=${milk}&warehouseId=${warehouseId}`)).json().items.map((b: { batchNo: string; onHand: number }) => [b.batchNo, b.onHand]);
    expect(await batches(src)).toEqual([['SOON', 5], ['LATE', 5]]);
    const alert = (await owner.get(`/api/v1/inventory/batches?skuId=${milk}&expiringWithinDays=7`)).json().items;
    expect(alert).toMatchObject([{ batchNo: 'SOON', daysToExpiry: 3 }]);

    const reserved = (await owner.post('/api/v1/inventory/reservations', { skuId: milk, qty: 6, reference: 'MILK-ORDER', warehouseId: src })).json().items[0];
    await owner.post(`/api/v1/inventory/reservations/${reserved.reservationId}/convert`);
    expect(await batches(src)).toEqual([['LATE', 4]]);
    await owner.post('/api/v1/inventory/transfers', { fromWarehouseId: src, toWarehouseId: dst, skuId: milk, qty: 2 });
    expect(await batches(src)).toEqual([['LATE', 2]]);
    expect((await owner.get(`/api/v1/inventory/batches?warehouseId=${dst}`)).json().items).toMatchObject([{ batchNo: 'LATE', onHand: 2, expiryDate: day(40), productionDate: day(-2) }]);
    await owner.post('/api/v1/inventory/adjustments', { warehouseId: src, skuId: milk, delta: -4, reason: '过期报废' });
    expect(await batches(src)).toEqual([]);
    expect((await owner.get(`/api/v1/inventory/levels?skuId=${milk}&warehouseId=${src}`)).json().items[0].onHand).toBe(1);
    const check = (await owner.get('/api/v1/inventory/ledger-check')).json();
    expect(check).toMatchObject({ ok: true, mismatches: [], batchOverflows: [] });
  });

  it('refuses impossible dates as validation errors', async () => {
    const bad = await owner.post('/api/v1/inventory/receipts', { warehouseId: east, skuId, qty: 1, batch: { batchNo: 'X', expiryDate: '2026-02-30' } });
    expect(bad.statusCode).toBe(400);
    const reversed = await owner.post('/api/v1/inventory/receipts', { warehouseId: east, skuId, qty: 1, batch: { batchNo: 'X', productionDate: day(5), expiryDate: day(1) } });
    expect(reversed.statusCode).toBe(400);
    const cursor = Buffer.from(JSON.stringify({ k: '2026-13-45|bat_x' })).toString('base64url');
    expect((await owner.get(`/api/v1/inventory/batches?cursor=${cursor}`)).json().code).toBe('invalid_cursor');
  });
});

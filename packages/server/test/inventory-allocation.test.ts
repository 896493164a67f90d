import { isReservationRace, ledgerMismatches, newId, sql, writeReservations } from '@yunying/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reserveLines } from '../src/services/reservations.ts';
import { fail } from '../src/services/result.ts';
import { transact } from '../src/services/transact.ts';
import { createHarness, type Caller, type Harness } from './harness.ts';
import { actorFor } from './inventory-builders.ts';

// Allocation strategies and the one-statement reservation path: nearest warehouse by province or
// coordinates, the statement's self-abort when a level lost its units, and reservations taken
// inside a caller's transaction.

let h: Harness;
let owner: Caller;
let skuId: string;
let shanghai: string;
let guangzhou: string;
let beijing: string;

beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
  skuId = (await owner.post('/api/v1/products', { title: '电热水壶', skus: [{ code: 'KETTLE-1', priceFen: 19900, costFen: 8000 }] })).json().skus[0].skuId;
  shanghai = (await owner.post('/api/v1/warehouses', { code: 'SH', name: '上海仓', priority: 1, region: '上海市' })).json().warehouseId;
  guangzhou = (await owner.post('/api/v1/warehouses', { code: 'GZ', name: '广州仓', priority: 2, region: '44' })).json().warehouseId;
  // labelled with no region, placed by its coordinates (天津 port, near 北京)
  beijing = (await owner.post('/api/v1/warehouses', { code: 'TJ', name: '天津仓', priority: 3, region: '', latitude: 39.0, longitude: 117.7 })).json().warehouseId;
  for (const [w, qty] of [
    [shanghai, 10],
    [guangzhou, 5],
    [beijing, 10],
  ] as const) {
    expect((await owner.post('/api/v1/inventory/receipts', { warehouseId: w, skuId, qty })).statusCode).toBe(201);
  }
}, 60_000);
afterAll(async () => h?.close());

const reserve = (body: Record<string, unknown>) => owner.post('/api/v1/inventory/reservations', { skuId, qty: 1, ...body });
const taken = (res: { json(): { items: { warehouseId: string; qty: number }[] } }) => res.json().items.map((i) => [i.warehouseId, i.qty]);

describe('nearest-warehouse allocation', () => {
  it('takes the line from the warehouse nearest to the destination province, whatever the priorities', async () => {
    expect(taken(await reserve({ reference: 'N-1', allocation: { strategy: 'nearest', destination: { region: '440300' } } }))).toEqual([[guangzhou, 1]]);
    expect(taken(await reserve({ reference: 'N-2', allocation: { strategy: 'nearest', destination: { region: '河北省' } } }))).toEqual([[beijing, 1]]);
    expect(taken(await reserve({ reference: 'N-3', allocation: { strategy: 'nearest', destination: { region: 'Zhejiang' } } }))).toEqual([[shanghai, 1]]);
    // a point in 海口: 广州 is nearest
    expect(taken(await reserve({ reference: 'N-4', allocation: { strategy: 'nearest', destination: { lat: 20.04, lng: 110.35 } } }))).toEqual([[guangzhou, 1]]);
    // without a strategy, priority decides
    expect(taken(await reserve({ reference: 'N-5' }))).toEqual([[shanghai, 1]]);
  });

  it('passes over a near warehouse that cannot cover the line alone, and splits nearest first when none can', async () => {
    // 广州 has 3 left, 上海 8, 天津 9; the split lists warehouses nearest first
    expect(taken(await reserve({ reference: 'N-6', qty: 6, allocation: { strategy: 'nearest', destination: { region: '广东' } } }))).toEqual([[shanghai, 6]]);
    expect(taken(await reserve({ reference: 'N-7', qty: 10, allocation: { strategy: 'nearest', destination: { region: '广东' } } }))).toEqual([
      [guangzhou, 3],
      [shanghai, 2],
      [beijing, 5],
    ]);
    expect((await ledgerMismatches(h.test.database.db, h.shopA.tenantId)).mismatches).toEqual([]);
  });

  it('refuses a destination that names no province, writing nothing', async () => {
    const before = (await owner.get(`/api/v1/inventory/reservations?skuId=${skuId}&limit=100`)).json().items.length;
    const res = await reserve({ reference: 'N-8', allocation: { strategy: 'nearest', destination: { region: '火星' } } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'unknown_region', region: '火星' });
    expect((await owner.get(`/api/v1/inventory/reservations?skuId=${skuId}&limit=100`)).json().items.length).toBe(before);
    const missing = await reserve({ reference: 'N-9', allocation: { strategy: 'nearest' } });
    expect(missing.statusCode).toBe(400);
  });

  it('keeps warehouse coordinates paired and in range', async () => {
    expect((await owner.post('/api/v1/warehouses', { code: 'BAD1', name: 'x', latitude: 30 })).json().code).toBe('validation_failed');
    expect((await owner.post('/api/v1/warehouses', { code: 'BAD2', name: 'x', latitude: 91, longitude: 100 })).json().code).toBe('validation_failed');
    const moved = await owner.patch(`/api/v1/warehouses/${beijing}`, { latitude: null, longitude: null, region: '北京' });
    expect(moved.json()).toMatchObject({ latitude: null, longitude: null, region: '北京' });
    expect((await owner.patch(`/api/v1/warehouses/${beijing}`, { longitude: 116 })).statusCode).toBe(400);
  });
});

describe('the one-statement reservation', () => {
  const actor = () => actorFor(h.shopA.tenantId);
  const counts = async () => {
    const db = h.test.database.db;
    const t = h.shopA.tenantId;
    const r = await sql<{ reservations: string; movements: string; audits: string; reserved: string }>`
      select (select count(*) from reservations where tenant_id = ${t}) as reservations,
             (select count(*) from stock_movements where tenant_id = ${t}) as movements,
             (select count(*) from audit_log where tenant_id = ${t}) as audits,
             (select sum(reserved) from stock_levels where tenant_id = ${t}) as reserved`.execute(db);
    return r.rows[0]!;
  };

  it('aborts itself, writing nothing, when any planned level no longer has the units', async () => {
    const before = await counts();
    const plan = (warehouseId: string, qty: number) => ({
      reservationId: newId('rsv'),
      reference: 'RACE',
      skuId,
      warehouseId,
      qty,
      expiresAt: new Date(Date.now() + 60_000),
      movementId: newId('mov'),
      auditId: newId('aud'),
      auditChanges: {},
      actorType: 'system',
      actorId: null,
      requestId: null,
    });
    // 上海 still has units, 广州 has none left: the whole statement must fail
    const error = await writeReservations(h.test.database.db, h.shopA.tenantId, [plan(guangzhou, 1), plan(shanghai, 1)].sort((a, b) => (a.warehouseId < b.warehouseId ? -1 : 1))).catch((e: unknown) => e);
    expect(isReservationRace(error)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('reserves inside a caller’s transaction and rolls back with it', async () => {
    const before = await counts();
    const result = await transact(h.test.database.db, async (trx) => {
      const r = await reserveLines(trx, actor(), { reference: 'TX-1', lines: [{ skuId, qty: 1 }] });
      expect(r.ok).toBe(true);
      return fail('insufficient_stock', 'the caller gives up');
    });
    expect(result.ok).toBe(false);
    expect(await counts()).toEqual(before);
    const kept = await transact(h.test.database.db, (trx) => reserveLines(trx, actor(), { reference: 'TX-2', lines: [{ skuId, qty: 1 }] }));
    expect(kept.ok).toBe(true);
    expect(Number((await counts()).reserved)).toBe(Number(before.reserved) + 1);
    expect((await ledgerMismatches(h.test.database.db, h.shopA.tenantId)).mismatches).toEqual([]);
  });
});

describe('batched reservations', () => {
  it('writes concurrent reservations of two shops in their own batches, each shop’s units and ledger its own', async () => {
    const ownerB = await h.login(h.shopB.ownerEmail);
    const skuB = (await ownerB.post('/api/v1/products', { title: '水壶', skus: [{ code: 'KETTLE-1', priceFen: 100, costFen: 50 }] })).json().skus[0].skuId;
    const whB = (await ownerB.post('/api/v1/warehouses', { code: 'SH', name: '上海仓', region: '上海' })).json().warehouseId;
    expect((await ownerB.post('/api/v1/inventory/receipts', { warehouseId: whB, skuId: skuB, qty: 7 })).statusCode).toBe(201);
    const skuA = (await owner.post('/api/v1/products', { title: '水杯', skus: [{ code: 'CUP-9', priceFen: 100, costFen: 50 }] })).json().skus[0].skuId;
    expect((await owner.post('/api/v1/inventory/receipts', { warehouseId: shanghai, skuId: skuA, qty: 5 })).statusCode).toBe(201);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2 === 0
          ? owner.post('/api/v1/inventory/reservations', { skuId: skuA, qty: 1, reference: `BA-${i}` })
          : ownerB.post('/api/v1/inventory/reservations', { skuId: skuB, qty: 1, reference: `BB-${i}` }),
      ),
    );
    const okA = results.filter((r, i) => i % 2 === 0 && r.statusCode === 201).length;
    const okB = results.filter((r, i) => i % 2 === 1 && r.statusCode === 201).length;
    expect([okA, okB]).toEqual([5, 7]);
    for (const r of results) if (r.statusCode !== 201) expect(r.json().code).toBe('insufficient_stock');
    // B's SKU id means nothing in shop A, and the other way round
    expect((await owner.post('/api/v1/inventory/reservations', { skuId: skuB, qty: 1, reference: 'X' })).statusCode).toBe(404);
    expect((await ledgerMismatches(h.test.database.db, h.shopA.tenantId)).mismatches).toEqual([]);
    expect((await ledgerMismatches(h.test.database.db, h.shopB.tenantId)).mismatches).toEqual([]);
    const audits = (await ownerB.get(`/api/v1/audit-events?entityType=reservation&limit=100`)).json().items;
    expect(audits.filter((e: { action: string }) => e.action === 'reserve')).toHaveLength(7);
  });
});

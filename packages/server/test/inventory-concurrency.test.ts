import { ledgerMismatches, levelsOfSku, listReservations, type DB, type Kysely } from '@yunying/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeReservationsOf, reserveLines, reserveStock } from '../src/services/reservations.ts';
import type { Actor } from '../src/services/result.ts';
import { actorFor, buildSku, buildWarehouse, receive } from './inventory-builders.ts';
import { createHarness, type Caller, type Harness } from './harness.ts';

// The measured claim, on the real engine under test (PGlite or PostgreSQL, not mocked):
// 50 concurrent clients reserve one unit each of a SKU with 20 available; exactly 20 succeed,
// nothing is oversold, and the ledger agrees with the balances — round after round.

const CLIENTS = 50;
const AVAILABLE = 20;
const ROUNDS = 5;

let h: Harness;
let db: Kysely<DB>;
let actor: Actor;
let owner: Caller;

beforeAll(async () => {
  h = await createHarness();
  db = h.test.database.db;
  actor = actorFor(h.shopA.tenantId, h.shopA.ownerId);
  owner = await h.login(h.shopA.ownerEmail);
}, 60_000);
afterAll(async () => h?.close());

async function expectBalanced(skuId: string, reserved: number): Promise<void> {
  const levels = await levelsOfSku(db, actor.tenantId, skuId);
  for (const l of levels) {
    expect(l.available).toBeGreaterThanOrEqual(0);
    expect(l.reserved).toBeLessThanOrEqual(l.onHand);
  }
  expect(levels.reduce((s, l) => s + l.reserved, 0)).toBe(reserved);
  const check = await ledgerMismatches(db, actor.tenantId);
  expect(check.mismatches).toEqual([]);
}

describe(`${CLIENTS} concurrent reservations of a SKU with ${AVAILABLE} available`, () => {
  it(`lets exactly ${AVAILABLE} succeed in each of ${ROUNDS} rounds (service calls)`, async () => {
    const skuId = await buildSku(db, actor);
    await receive(db, actor, await buildWarehouse(db, actor, 1), skuId, AVAILABLE);
    for (let round = 0; round < ROUNDS; round++) {
      const results = await Promise.all(
        Array.from({ length: CLIENTS }, (_, i) => reserveStock(db, actor, { skuId, qty: 1, reference: `R${round}-${i}` })),
      );
      const won = results.filter((r) => r.ok);
      expect(won).toHaveLength(AVAILABLE);
      for (const r of results) if (!r.ok) expect(r.code).toBe('insufficient_stock');
      await expectBalanced(skuId, AVAILABLE);
      // give the stock back (orders cancelled) for the next round
      for (let i = 0; i < CLIENTS; i++) {
        const released = await closeReservationsOf(db, actor, `R${round}-${i}`, { to: 'released', reason: 'cancelled' });
        expect(released.ok).toBe(true);
      }
      await expectBalanced(skuId, 0);
    }
  }, 120_000);

  it('never oversells a warehouse when lines split across three of them', async () => {
    const skuId = await buildSku(db, actor);
    const stock = [7, 8, 5];
    for (const [i, qty] of stock.entries()) await receive(db, actor, await buildWarehouse(db, actor, 10 + i), skuId, qty);
    const results = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => reserveStock(db, actor, { skuId, qty: 1 + (i % 3), reference: `S-${i}` })));
    const reserved = results.reduce((s, r) => s + (r.ok ? r.value.reduce((t, x) => t + x.qty, 0) : 0), 0);
    expect(reserved).toBeLessThanOrEqual(AVAILABLE);
    expect(reserved).toBeGreaterThanOrEqual(AVAILABLE - 2); // refused lines each wanted more than what was left
    const levels = await levelsOfSku(db, actor.tenantId, skuId);
    expect(levels.map((l) => l.onHand).sort()).toEqual([5, 7, 8]);
    await expectBalanced(skuId, reserved);
  }, 120_000);

  it('reserves multi-line orders all or none, without deadlocks when orders list SKUs in opposite order', async () => {
    const warehouseId = await buildWarehouse(db, actor, 1);
    const a = await buildSku(db, actor);
    const b = await buildSku(db, actor);
    await receive(db, actor, warehouseId, a, AVAILABLE);
    await receive(db, actor, warehouseId, b, 10);
    const results = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        reserveLines(db, actor, { reference: `M-${i}`, lines: i % 2 ? [{ skuId: a, qty: 1 }, { skuId: b, qty: 1 }] : [{ skuId: b, qty: 1 }, { skuId: a, qty: 1 }] }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10); // b runs out first; a refused order reserves nothing of a
    for (const r of results) if (!r.ok) expect(r).toMatchObject({ code: 'insufficient_stock', extra: { skuId: b } });
    const [levelA] = await levelsOfSku(db, actor.tenantId, a);
    expect(levelA!.reserved).toBe(10);
    await expectBalanced(b, 10);
  }, 120_000);

  it(`lets exactly ${AVAILABLE} of ${CLIENTS} concurrent HTTP requests succeed`, async () => {
    const skuId = await buildSku(db, actor);
    await receive(db, actor, await buildWarehouse(db, actor, 1), skuId, AVAILABLE);
    const responses = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => owner.post('/api/v1/inventory/reservations', { skuId, qty: 1, reference: `H-${i}` })),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(AVAILABLE);
    expect(statuses.filter((s) => s === 409)).toHaveLength(CLIENTS - AVAILABLE);
    for (const r of responses.filter((x) => x.statusCode === 409)) expect(r.json()).toMatchObject({ code: 'insufficient_stock', available: 0 });
    const held = await listReservations(db, actor.tenantId, { skuId, status: 'held', limit: 200 });
    expect(held).toHaveLength(AVAILABLE);
    await expectBalanced(skuId, AVAILABLE);
    const check = (await owner.get('/api/v1/inventory/ledger-check')).json();
    expect(check.ok).toBe(true);
  }, 120_000);
});

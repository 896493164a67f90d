import { batchOverflows, ledgerMismatches, levelsOfSku, type DB, type Kysely } from '@yunying/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeReservationById, reserveStock } from '../src/services/reservations.ts';
import type { Actor } from '../src/services/result.ts';
import { adjustStock, receiveStock, transferStock } from '../src/services/stock.ts';
import { actorFor, buildSku, buildWarehouse } from './inventory-builders.ts';
import { createHarness, type Harness } from './harness.ts';

// Random sequences of receive (with or without a batch) / reserve / release / convert / adjust / transfer against the real database,
// checked after every step against a model of the totals: available never negative, a reservation
// succeeds exactly when the warehouses together have enough, the ledger sums to the balances, and
// batch-tracked units never exceed on hand.

let h: Harness;
let db: Kysely<DB>;
let actor: Actor;
let warehouses: string[];

beforeAll(async () => {
  h = await createHarness();
  db = h.test.database.db;
  actor = actorFor(h.shopA.tenantId, h.shopA.ownerId);
  warehouses = [await buildWarehouse(db, actor, 1), await buildWarehouse(db, actor, 2), await buildWarehouse(db, actor, 3)];
}, 60_000);
afterAll(async () => h?.close());

type Op =
  | { op: 'receive'; w: number; qty: number; batch: number | null }
  | { op: 'reserve'; qty: number }
  | { op: 'release'; pick: number }
  | { op: 'convert'; pick: number }
  | { op: 'adjust'; w: number; delta: number }
  | { op: 'transfer'; from: number; to: number; qty: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('receive' as const), w: fc.nat(2), qty: fc.integer({ min: 1, max: 10 }), batch: fc.option(fc.nat(2), { nil: null }) }),
  fc.record({ op: fc.constant('reserve' as const), qty: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('release' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('convert' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('adjust' as const), w: fc.nat(2), delta: fc.integer({ min: -8, max: 8 }).filter((d) => d !== 0) }),
  fc.record({ op: fc.constant('transfer' as const), from: fc.nat(2), to: fc.nat(2), qty: fc.integer({ min: 1, max: 8 }) }).filter((t) => t.from !== t.to),
);

describe('inventory under random operation sequences', () => {
  it('keeps available non-negative, reserves exactly when stock allows, and the ledger equal to the balances', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const skuId = await buildSku(db, actor);
        const model = { onHand: 0, reserved: 0 };
        const held: { id: string; qty: number }[] = [];
        for (const [i, o] of ops.entries()) {
          const levels = await levelsOfSku(db, actor.tenantId, skuId);
          if (o.op === 'receive') {
            const batch = o.batch === null ? undefined : { batchNo: `B${o.batch}`, expiryDate: `2030-0${o.batch + 1}-01` };
            expect((await receiveStock(db, actor, { warehouseId: warehouses[o.w]!, skuId, qty: o.qty, kind: 'receipt', batch })).ok).toBe(true);
            model.onHand += o.qty;
          } else if (o.op === 'reserve') {
            const r = await reserveStock(db, actor, { skuId, qty: o.qty, reference: `P-${i}` });
            expect(r.ok).toBe(model.onHand - model.reserved >= o.qty);
            if (r.ok) {
              model.reserved += o.qty;
              for (const x of r.value) held.push({ id: x.reservationId, qty: x.qty });
            } else expect(r.code).toBe('insufficient_stock');
          } else if (o.op === 'release' || o.op === 'convert') {
            if (held.length === 0) continue;
            const [picked] = held.splice(o.pick % held.length, 1);
            const r = await closeReservationById(db, actor, picked!.id, o.op === 'release' ? { to: 'released', reason: 'cancelled' } : { to: 'converted' });
            expect(r.ok).toBe(true);
            model.reserved -= picked!.qty;
            if (o.op === 'convert') model.onHand -= picked!.qty;
          } else if (o.op === 'transfer') {
            const available = levels.find((l) => l.warehouseId === warehouses[o.from])?.available ?? 0;
            const r = await transferStock(db, actor, { fromWarehouseId: warehouses[o.from]!, toWarehouseId: warehouses[o.to]!, skuId, qty: o.qty });
            expect(r.ok).toBe(available >= o.qty);
          } else {
            const available = levels.find((l) => l.warehouseId === warehouses[o.w])?.available ?? 0;
            const r = await adjustStock(db, actor, { warehouseId: warehouses[o.w]!, skuId, delta: o.delta, reason: 'property test' });
            expect(r.ok).toBe(o.delta > 0 || available >= -o.delta);
            if (r.ok) model.onHand += o.delta;
          }
          const after = await levelsOfSku(db, actor.tenantId, skuId);
          for (const l of after) expect(l.available).toBeGreaterThanOrEqual(0);
          expect(after.reduce((s, l) => s + l.onHand, 0)).toBe(model.onHand);
          expect(after.reduce((s, l) => s + l.reserved, 0)).toBe(model.reserved);
        }
        expect((await ledgerMismatches(db, actor.tenantId)).mismatches).toEqual([]);
        expect(await batchOverflows(db, actor.tenantId)).toEqual([]);
      }),
      { numRuns: 30, seed: Number(process.env.FUZZ_SEED ?? 20261122) },
    );
  }, 300_000);
});

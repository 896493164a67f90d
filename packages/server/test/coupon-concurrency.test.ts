import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCoupon } from '../src/services/coupon-batches.ts';
import { redeemCoupon, releaseCoupon } from '../src/services/coupons.ts';
import type { Actor } from '../src/services/result.ts';
import { createHarness, type Caller, type Harness } from './harness.ts';
import { couponBatch, ownerActor } from './promotion-builders.ts';

// On PostgreSQL these run on a pool of connections, so the transactions really interleave; on
// PGlite they queue on its one connection. Either way the counts must hold exactly.
let h: Harness;
let owner: Caller;
let actor: Actor;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
  actor = ownerActor(h.shopA.tenantId, h.shopA.ownerId);
}, 60_000);
afterAll(async () => h?.close());

const db = () => h.test.database.db;

async function batch(extra: Record<string, unknown> = {}): Promise<string> {
  return (await owner.post('/api/v1/coupon-batches', couponBatch(extra))).json().batchId;
}

describe('coupons under concurrent checkouts', () => {
  it('lets exactly one of 50 concurrent redemptions of one coupon succeed', async () => {
    const claimed = await claimCoupon(db(), actor, await batch(), 'racer');
    if (!claimed.ok) throw new Error(claimed.code);
    const couponId = claimed.value.couponId;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => redeemCoupon(db(), actor, couponId, { orderRef: `ord-${i}`, discountFen: 2000 })));
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    expect(new Set(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code)))).toEqual(new Set(['coupon_already_used']));
    const coupon = (await owner.get(`/api/v1/coupons/${couponId}`)).json();
    expect(coupon.usedOrderRef).toBe(won[0]!.ok ? won[0]!.value.usedOrderRef : null);
    const redeems = (await owner.get(`/api/v1/audit-events?entityType=coupon&entityId=${couponId}&limit=200`)).json().items.filter((e: { action: string }) => e.action === 'redeem');
    expect(redeems).toHaveLength(1);
  });

  it('lets exactly one of 50 concurrent HTTP redemptions win', async () => {
    const couponId = (await owner.post(`/api/v1/coupon-batches/${await batch()}/claims`, { customerRef: 'http-racer' })).json().couponId;
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => owner.post(`/api/v1/coupons/${couponId}/redeem`, { orderRef: `web-${i}`, discountFen: 2000 })));
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode === 409 && r.json().code === 'coupon_already_used')).toHaveLength(49);
  });

  it('gives the use back on cancellation while other checkouts race for it', async () => {
    const claimed = await claimCoupon(db(), actor, await batch(), 'canceller');
    if (!claimed.ok) throw new Error(claimed.code);
    const couponId = claimed.value.couponId;
    expect((await redeemCoupon(db(), actor, couponId, { orderRef: 'first', discountFen: 2000 })).ok).toBe(true);
    const [released, ...racers] = await Promise.all([
      releaseCoupon(db(), actor, couponId, 'first'),
      ...Array.from({ length: 20 }, (_, i) => redeemCoupon(db(), actor, couponId, { orderRef: `next-${i}`, discountFen: 2000 })),
    ]);
    expect(released!.ok).toBe(true);
    expect(racers.filter((r) => r.ok).length).toBeLessThanOrEqual(1);
    const after = (await owner.get(`/api/v1/coupons/${couponId}`)).json();
    if (racers.some((r) => r.ok)) expect(after.status).toBe('used');
    else {
      expect(after.status).toBe('available');
      expect((await redeemCoupon(db(), actor, couponId, { orderRef: 'next-late', discountFen: 2000 })).ok).toBe(true);
    }
  });

  it('never claims more than the total quantity nor the per-customer limit: 50 concurrent claims on 20 coupons', async () => {
    const batchId = await batch({ totalQuantity: 20, perCustomerLimit: 2 });
    const customers = Array.from({ length: 15 }, (_, i) => `cust-${i}`);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => claimCoupon(db(), actor, batchId, customers[i % customers.length]!)));
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    const refusals = new Set(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code)));
    for (const code of refusals) expect(['coupon_sold_out', 'coupon_claim_limit_reached']).toContain(code);
    const coupons = (await owner.get(`/api/v1/coupons?batchId=${batchId}&limit=200`)).json().items as { customerRef: string }[];
    expect(coupons).toHaveLength(20);
    const perCustomer = new Map<string, number>();
    for (const c of coupons) perCustomer.set(c.customerRef, (perCustomer.get(c.customerRef) ?? 0) + 1);
    expect(Math.max(...perCustomer.values())).toBeLessThanOrEqual(2);
    expect((await owner.get(`/api/v1/coupon-batches/${batchId}`)).json().claimedCount).toBe(20);
  });

  it('holds the per-customer limit when one customer claims 30 times at once', async () => {
    const batchId = await batch({ totalQuantity: 100, perCustomerLimit: 3 });
    const results = await Promise.all(Array.from({ length: 30 }, () => claimCoupon(db(), actor, batchId, 'greedy')));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect((await owner.get(`/api/v1/coupons?batchId=${batchId}`)).json().items).toHaveLength(3);
  });
});

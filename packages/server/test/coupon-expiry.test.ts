import { findCoupon } from '@yunying/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCoupon } from '../src/services/coupon-batches.ts';
import { expireCoupons } from '../src/services/coupon-expiry.ts';
import { redeemCoupon, releaseCoupon } from '../src/services/coupons.ts';
import type { Actor } from '../src/services/result.ts';
import { createHarness, type Caller, type Harness } from './harness.ts';
import { couponBatch, ownerActor } from './promotion-builders.ts';

const DAY = 86_400_000;
let h: Harness;
let owner: Caller;
let actorA: Actor;
let actorB: Actor;
// Claimed at T0 with 7 days of validity: they expire at T0 + 7 days.
const T0 = new Date(Date.now() - 10 * DAY);
const expiry = new Date(T0.getTime() + 7 * DAY);

beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
  actorA = ownerActor(h.shopA.tenantId, h.shopA.ownerId);
  actorB = ownerActor(h.shopB.tenantId, h.shopB.ownerId);
}, 60_000);
afterAll(async () => h?.close());

const db = () => h.test.database.db;
const status = async (tenantId: string, couponId: string) => (await findCoupon(db(), tenantId, couponId))?.status;

async function claim(actor: Actor, batchId: string, customerRef: string, at = T0): Promise<string> {
  const r = await claimCoupon(db(), actor, batchId, customerRef, at);
  if (!r.ok) throw new Error(r.code);
  return r.value.couponId;
}

describe('coupon expiry sweeper', () => {
  it('expires claimed coupons whose validity ended, in every shop, audited, and only once', async () => {
    const batchA = (await owner.post('/api/v1/coupon-batches', couponBatch({ totalQuantity: 1000, perCustomerLimit: 1 }))).json().batchId;
    const ownerB = await h.login(h.shopB.ownerEmail);
    const batchB = (await ownerB.post('/api/v1/coupon-batches', couponBatch())).json().batchId;
    const old = await Promise.all(Array.from({ length: 7 }, (_, i) => claim(actorA, batchA, `old-${i}`)));
    const fresh = await claim(actorA, batchA, 'fresh', new Date(T0.getTime() + 5 * DAY));
    const oldB = await claim(actorB, batchB, 'b-old');

    // One instant before the expiry nothing changes; at the expiry instant they are expired.
    expect(await expireCoupons(db(), new Date(expiry.getTime() - 1))).toBe(0);
    expect(await status(h.shopA.tenantId, old[0]!)).toBe('available');
    // Batches of 3: the shop's 7 coupons take three transactions, shop B's one more.
    expect(await expireCoupons(db(), expiry, 3)).toBe(8);
    for (const id of old) expect(await status(h.shopA.tenantId, id)).toBe('expired');
    expect(await status(h.shopB.tenantId, oldB)).toBe('expired');
    expect(await status(h.shopA.tenantId, fresh)).toBe('available');
    expect(await expireCoupons(db(), expiry)).toBe(0);

    const events = (await owner.get(`/api/v1/audit-events?entityType=coupon&entityId=${old[0]}`)).json().items;
    expect(events[0]).toMatchObject({ action: 'expire', actorType: 'system', changes: { status: { before: 'available', after: 'expired' } } });
    const listed = (await owner.get(`/api/v1/coupons?batchId=${batchA}&status=expired&limit=200`)).json().items;
    expect(listed.map((c: { couponId: string }) => c.couponId).sort()).toEqual([...old].sort());
  });

  it('stops after maxBatches per shop and picks the rest up on the next run', async () => {
    const batch = (await owner.post('/api/v1/coupon-batches', couponBatch({ totalQuantity: 1000 }))).json().batchId;
    const ids = await Promise.all(Array.from({ length: 5 }, (_, i) => claim(actorA, batch, `cap-${i}`)));
    expect(await expireCoupons(db(), expiry, 2, 1)).toBe(2);
    expect(await expireCoupons(db(), expiry, 2, 1)).toBe(2);
    expect(await expireCoupons(db(), expiry, 2, 1)).toBe(1);
    for (const id of ids) expect(await status(h.shopA.tenantId, id)).toBe('expired');
  });

  it('never expires a coupon held by an order; once the order releases it, the next sweep does', async () => {
    const batch = (await owner.post('/api/v1/coupon-batches', couponBatch({ totalQuantity: 1000 }))).json().batchId;
    const couponId = await claim(actorA, batch, 'held', new Date());
    const redeemed = await redeemCoupon(db(), actorA, couponId, { orderRef: 'ord-pending', discountFen: 2000 });
    expect(redeemed.ok).toBe(true);
    const later = new Date(Date.now() + 30 * DAY);
    await expireCoupons(db(), later); // sweeps whatever else is left from the cases above
    expect(await status(h.shopA.tenantId, couponId)).toBe('used');
    expect((await releaseCoupon(db(), actorA, couponId, 'ord-pending')).ok).toBe(true);
    expect(await expireCoupons(db(), later)).toBe(1);
    expect(await status(h.shopA.tenantId, couponId)).toBe('expired');
    // An expired coupon stays unusable and can still be revoked.
    expect((await owner.post(`/api/v1/coupons/${couponId}/redeem`, { orderRef: 'ord-2', discountFen: 2000 })).json().code).toBe('coupon_expired');
  });

  it('leaves revoked coupons alone', async () => {
    const batch = (await owner.post('/api/v1/coupon-batches', couponBatch({ totalQuantity: 1000 }))).json().batchId;
    const revoked = await claim(actorA, batch, 'revoked');
    expect((await owner.post(`/api/v1/coupons/${revoked}/revoke`)).statusCode).toBe(200);
    expect(await expireCoupons(db(), expiry)).toBe(0);
    expect(await status(h.shopA.tenantId, revoked)).toBe('revoked');
  });
});

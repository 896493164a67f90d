import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCoupon } from '../src/services/coupon-batches.ts';
import { createHarness, type Caller, type Harness } from './harness.ts';
import { couponBatch, ownerActor } from './promotion-builders.ts';

let h: Harness;
let owner: Caller;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
}, 60_000);
afterAll(async () => h?.close());

async function newBatch(extra: Record<string, unknown> = {}): Promise<string> {
  const res = await owner.post('/api/v1/coupon-batches', couponBatch(extra));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().batchId;
}

async function claim(batchId: string, customerRef: string): Promise<string> {
  const res = await owner.post(`/api/v1/coupon-batches/${batchId}/claims`, { customerRef });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().couponId;
}

describe('coupon batches', () => {
  it('stores the coupon definition and shows it back', async () => {
    const res = await owner.post(
      '/api/v1/coupon-batches',
      couponBatch({
        kind: 'product',
        scope: { type: 'skus', ids: ['sku-1'] },
        discount: { type: 'percent', payBp: 9000, capFen: 3000 },
        validity: { type: 'window', startsAt: '2026-11-01T00:00:00+08:00', endsAt: '2026-11-12T00:00:00+08:00' },
        perCustomerLimit: 2,
        status: 'draft',
      }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'product',
      scope: { type: 'skus', ids: ['sku-1'] },
      discount: { type: 'percent', payBp: 9000, capFen: 3000 },
      validity: { type: 'window', startsAt: '2026-10-31T16:00:00.000Z', endsAt: '2026-11-11T16:00:00.000Z' },
      totalQuantity: 100,
      claimedCount: 0,
      perCustomerLimit: 2,
      status: 'draft',
    });
  });

  it('refuses contradictory coupons with the engine’s codes', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ thresholdFen: 1000, discount: { type: 'amount', amountFen: 2000 } }, 'discount_exceeds_threshold'],
      [{ validity: { type: 'window', startsAt: '2026-11-12T00:00:00+08:00', endsAt: '2026-11-01T00:00:00+08:00' } }, 'window_ends_before_start'],
      [{ discount: { type: 'percent', payBp: 10000 } }, 'invalid_percentage'],
    ];
    for (const [extra, code] of cases) {
      const res = await owner.post('/api/v1/coupon-batches', couponBatch(extra));
      expect(res.statusCode, code).toBe(422);
      expect(res.json().problems.map((p: { code: string }) => p.code)).toContain(code);
    }
  });

  it('lets a customer claim while the batch is active, within the per-customer limit and the total', async () => {
    const batchId = await newBatch({ status: 'draft', totalQuantity: 3, perCustomerLimit: 2 });
    expect((await owner.post(`/api/v1/coupon-batches/${batchId}/claims`, { customerRef: 'c1' })).json().code).toBe('coupon_batch_not_active');
    await owner.post(`/api/v1/coupon-batches/${batchId}/activate`);
    const first = (await owner.post(`/api/v1/coupon-batches/${batchId}/claims`, { customerRef: 'c1' })).json();
    expect(first).toMatchObject({ batchId, customerRef: 'c1', status: 'available', usedOrderRef: null });
    expect(Date.parse(first.expiresAt) - Date.parse(first.claimedAt)).toBe(7 * 86_400_000);
    await claim(batchId, 'c1');
    expect((await owner.post(`/api/v1/coupon-batches/${batchId}/claims`, { customerRef: 'c1' })).json().code).toBe('coupon_claim_limit_reached');
    await claim(batchId, 'c2');
    expect((await owner.post(`/api/v1/coupon-batches/${batchId}/claims`, { customerRef: 'c3' })).json().code).toBe('coupon_sold_out');
    expect((await owner.get(`/api/v1/coupon-batches/${batchId}`)).json().claimedCount).toBe(3);
    await owner.post(`/api/v1/coupon-batches/${batchId}/pause`);
    expect((await owner.post(`/api/v1/coupon-batches/${batchId}/claims`, { customerRef: 'c4' })).json().code).toBe('coupon_batch_not_active');
    expect((await owner.patch(`/api/v1/coupon-batches/${batchId}`, { totalQuantity: 2 })).json().code).toBe('validation_failed');
  });

  it('issues to a list of customers, skipping those at their limit and those beyond the stock', async () => {
    const batchId = await newBatch({ totalQuantity: 4 });
    await claim(batchId, 'vip-1');
    const res = await owner.post(`/api/v1/coupon-batches/${batchId}/issues`, { customerRefs: ['vip-1', 'vip-2', 'vip-3', 'vip-2', 'vip-4', 'vip-5'] });
    expect(res.statusCode).toBe(201);
    expect(res.json().issued.map((c: { customerRef: string }) => c.customerRef).sort()).toEqual(['vip-2', 'vip-3', 'vip-4']);
    expect(res.json().skipped).toEqual([
      { customerRef: 'vip-1', reason: 'coupon_claim_limit_reached' },
      { customerRef: 'vip-2', reason: 'coupon_claim_limit_reached' },
      { customerRef: 'vip-5', reason: 'coupon_sold_out' },
    ]);
    const listed = (await owner.get(`/api/v1/coupons?batchId=${batchId}&limit=200`)).json().items;
    expect(listed).toHaveLength(4);
  });
});

describe('coupon claims with an Idempotency-Key', () => {
  it('claims once when the same request is retried', async () => {
    const batchId = await newBatch({ perCustomerLimit: 5 });
    const send = () => owner.post(`/api/v1/coupon-batches/${batchId}/claims`, { customerRef: 'retry' }, { 'idempotency-key': `claim-${batchId}` });
    const first = await send();
    const again = await send();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().couponId).toBe(first.json().couponId);
    expect((await owner.get(`/api/v1/coupons?batchId=${batchId}`)).json().items).toHaveLength(1);
  });
});

describe('coupon redemption', () => {
  it('uses a coupon for one order only, and gives the use back when that order is cancelled', async () => {
    const batchId = await newBatch();
    const couponId = await claim(batchId, 'buyer');
    const used = await owner.post(`/api/v1/coupons/${couponId}/redeem`, { orderRef: 'ord-1', discountFen: 2000, customerRef: 'buyer' });
    expect(used.json()).toMatchObject({ status: 'used', usedOrderRef: 'ord-1', usedDiscountFen: 2000 });
    expect((await owner.post(`/api/v1/coupons/${couponId}/redeem`, { orderRef: 'ord-1', discountFen: 2000 })).json().status).toBe('used');
    const other = await owner.post(`/api/v1/coupons/${couponId}/redeem`, { orderRef: 'ord-2', discountFen: 2000 });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('coupon_already_used');
    expect((await owner.post(`/api/v1/coupons/${couponId}/release`, { orderRef: 'ord-2' })).json().code).toBe('coupon_not_used_by_order');
    const released = await owner.post(`/api/v1/coupons/${couponId}/release`, { orderRef: 'ord-1' });
    expect(released.json()).toMatchObject({ status: 'available', usedOrderRef: null, usedDiscountFen: null });
    expect((await owner.post(`/api/v1/coupons/${couponId}/release`, { orderRef: 'ord-1' })).json().status).toBe('available');
    expect((await owner.post(`/api/v1/coupons/${couponId}/redeem`, { orderRef: 'ord-2', discountFen: 1500 })).json()).toMatchObject({ status: 'used', usedOrderRef: 'ord-2' });
    const events = (await owner.get(`/api/v1/audit-events?entityType=coupon&entityId=${couponId}`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['redeem', 'release', 'redeem', 'claim']);
  });

  it('does not use up a coupon that gave no discount', async () => {
    const couponId = await claim(await newBatch(), 'zero');
    const res = await owner.post(`/api/v1/coupons/${couponId}/redeem`, { orderRef: 'ord-z', discountFen: 0 });
    expect(res.json()).toMatchObject({ status: 'available', usedOrderRef: null });
  });

  it('explains every refusal with a stable code', async () => {
    const batchId = await newBatch({ perCustomerLimit: 3 });
    const [a, b, c] = [await claim(batchId, 'x'), await claim(batchId, 'x'), await claim(batchId, 'x')];
    expect((await owner.post(`/api/v1/coupons/${a}/redeem`, { orderRef: 'o', discountFen: 1, customerRef: 'y' })).json().code).toBe('coupon_not_held');
    await owner.post(`/api/v1/coupons/${a}/redeem`, { orderRef: 'o', discountFen: 2000 });
    expect((await owner.post(`/api/v1/coupons/${b}/redeem`, { orderRef: 'o', discountFen: 2000 })).json().code).toBe('coupon_order_has_batch');
    expect((await owner.post(`/api/v1/coupons/${b}/revoke`)).json().status).toBe('revoked');
    expect((await owner.post(`/api/v1/coupons/${b}/redeem`, { orderRef: 'o2', discountFen: 2000 })).json().code).toBe('coupon_revoked');
    expect((await owner.post(`/api/v1/coupons/${a}/revoke`)).json().code).toBe('coupon_already_used');
    const old = await claimCoupon(h.test.database.db, ownerActor(h.shopA.tenantId, h.shopA.ownerId), batchId, 'late', new Date(Date.now() - 8 * 86_400_000));
    expect(old.ok).toBe(true);
    const expiredId = old.ok ? old.value.couponId : '';
    expect((await owner.get(`/api/v1/coupons/${expiredId}`)).json().status).toBe('expired');
    expect((await owner.post(`/api/v1/coupons/${expiredId}/redeem`, { orderRef: 'o3', discountFen: 2000 })).json().code).toBe('coupon_expired');
    await owner.post(`/api/v1/coupon-batches/${batchId}/pause`);
    expect((await owner.post(`/api/v1/coupons/${c}/redeem`, { orderRef: 'o4', discountFen: 2000 })).json().code).toBe('coupon_batch_not_active');
    expect((await owner.get(`/api/v1/coupons?customerRef=x&status=available`)).json().items.map((i: { couponId: string }) => i.couponId)).toEqual([c]);
  });
});

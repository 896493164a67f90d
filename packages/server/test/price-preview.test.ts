import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCoupon } from '../src/services/coupon-batches.ts';
import { createHarness, type Caller, type Harness } from './harness.ts';
import { couponBatch, ladder, ownerActor } from './promotion-builders.ts';

let h: Harness;
let owner: Caller;
let productCouponBatch: string;
const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
  // 满300减50 over the whole order, in force from yesterday for 30 days.
  await owner.post('/api/v1/promotions', ladder([[30000, 5000]], { status: 'active', startsAt: inDays(-1), endsAt: inDays(30) }));
  // 商品券: 满100减20 on sku-a.
  productCouponBatch = (
    await owner.post('/api/v1/coupon-batches', couponBatch({ name: '商品券', kind: 'product', scope: { type: 'skus', ids: ['sku-a'] }, thresholdFen: 10000, discount: { type: 'amount', amountFen: 2000 }, perCustomerLimit: 2 }))
  ).json().batchId;
}, 60_000);
afterAll(async () => h?.close());

const cart = [
  { lineId: 'a', skuId: 'sku-a', quantity: 2, unitPrice: 12000, channelId: 'chn-web' },
  { lineId: 'b', skuId: 'sku-b', quantity: 1, unitPrice: 8000, channelId: 'chn-web' },
];
// Coupons are valid for 7 days after their claim (now), so price within that.
const at = inDays(1);

describe('price preview', () => {
  it('prices the worked example: 满300减50 then a 满100减20 product coupon', async () => {
    const couponId = (await owner.post(`/api/v1/coupon-batches/${productCouponBatch}/claims`, { customerRef: 'alice' })).json().couponId;
    const res = await owner.post('/api/v1/promotions/preview', { at, lines: cart, customer: { customerRef: 'alice' } });
    expect(res.statusCode, res.body).toBe(200);
    const { breakdown, heldCouponIds, promotionsInForce } = res.json();
    expect(heldCouponIds).toEqual([couponId]);
    expect(promotionsInForce).toBe(2);
    // List 2 × 120.00 + 80.00 = 320.00 ≥ 300 → 满减 50.00, allocated by amount: a 240/320 × 50 = 37.50, b 12.50.
    // Coupon stage: line a is 240.00 − 37.50 = 202.50 ≥ 100 → 20.00 off line a.
    // Payable 320.00 − 50.00 − 20.00 = 250.00; a = 240 − 37.5 − 20 = 182.50, b = 80 − 12.5 = 67.50.
    expect(breakdown).toMatchObject({ listTotal: 32000, discountTotal: 7000, goodsPayable: 25000, payable: 25000 });
    const lines = Object.fromEntries(breakdown.lines.map((l: { lineId: string; payable: number }) => [l.lineId, l.payable]));
    expect(lines).toEqual({ a: 18250, b: 6750 });
    expect(breakdown.applied.map((a: { code: string; saved: number }) => [a.code, a.saved]).sort()).toEqual([['coupon', 2000], ['spendThresholdDiscount', 5000]]);
    expect(breakdown.couponChoice).toMatchObject({ mode: 'best', heldCouponIds: [couponId], saved: 2000 });
  });

  it('prices with the promotions in force at the given time only', async () => {
    const res = await owner.post('/api/v1/promotions/preview', { at: inDays(60), lines: cart });
    expect(res.json()).toMatchObject({ promotionsInForce: 1, breakdown: { payable: 32000, discountTotal: 0 } });
  });

  it('says why a used coupon did not apply and what a nudge would bring', async () => {
    const couponId = (await owner.post(`/api/v1/coupon-batches/${productCouponBatch}/claims`, { customerRef: 'bob' })).json().couponId;
    await owner.post(`/api/v1/coupons/${couponId}/redeem`, { orderRef: 'ord-bob', discountFen: 2000 });
    const res = await owner.post('/api/v1/promotions/preview', { at, lines: [cart[1]], customer: { customerRef: 'bob', couponIds: [couponId] } });
    const { breakdown } = res.json();
    expect(breakdown.notApplied).toContainEqual(expect.objectContaining({ heldCouponId: couponId, reason: 'coupon_used' }));
    expect(breakdown.nudges).toContainEqual(expect.objectContaining({ kind: 'spend_more', missingAmount: 22000, benefit: { type: 'amount_off', amount: 5000 } }));
  });

  it('refuses bad carts with the engine’s cart problem codes', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ quantity: 0 }, 'quantity_not_positive'],
      [{ quantity: -1 }, 'quantity_not_positive'],
      [{ quantity: 1.5 }, 'quantity_not_integer'],
      [{ unitPrice: -100 }, 'price_negative'],
      [{ unitPrice: 12.5 }, 'price_not_integer'],
      [{ unitPrice: 9_000_000_000_000_000, quantity: 10 }, 'amount_overflow'],
      [{ channelId: undefined }, 'invalid_line'],
    ];
    for (const [patch, code] of cases) {
      const res = await owner.post('/api/v1/promotions/preview', { at, lines: [{ ...cart[0], ...patch }] });
      expect(res.statusCode, code).toBe(422);
      expect(res.json().code).toBe('cart_invalid');
      expect(res.json().problems.map((p: { code: string }) => p.code), code).toContain(code);
    }
    const dup = await owner.post('/api/v1/promotions/preview', { lines: [cart[0], cart[0]] });
    expect(dup.json().problems.map((p: { code: string }) => p.code)).toContain('duplicate_line_id');
  });

  it('refuses coupons the customer does not hold, including another shop’s', async () => {
    const couponId = (await owner.post(`/api/v1/coupon-batches/${productCouponBatch}/claims`, { customerRef: 'carol' })).json().couponId;
    const wrongCustomer = await owner.post('/api/v1/promotions/preview', { lines: cart, customer: { customerRef: 'dave', couponIds: [couponId] } });
    expect(wrongCustomer.statusCode).toBe(422);
    expect(wrongCustomer.json()).toMatchObject({ code: 'coupon_not_held', couponIds: [couponId] });
    const ownerB = await h.login(h.shopB.ownerEmail);
    const otherShop = await ownerB.post('/api/v1/promotions/preview', { lines: cart, customer: { couponIds: [couponId] } });
    expect(otherShop.json().code).toBe('coupon_not_held');
  });

  it('refuses a revoked coupon as not held', async () => {
    const couponId = (await owner.post(`/api/v1/coupon-batches/${productCouponBatch}/claims`, { customerRef: 'frank' })).json().couponId;
    expect((await owner.post(`/api/v1/coupons/${couponId}/revoke`)).json().status).toBe('revoked');
    const res = await owner.post('/api/v1/promotions/preview', { at, lines: cart, customer: { customerRef: 'frank', couponIds: [couponId] } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'coupon_not_held', couponIds: [couponId] });
  });

  it('says an expired coupon did not apply because it expired', async () => {
    // Claimed 8 days ago, valid 7 days after its claim.
    const claimed = await claimCoupon(h.test.database.db, ownerActor(h.shopA.tenantId, h.shopA.ownerId), productCouponBatch, 'erin', new Date(Date.now() - 8 * 86_400_000));
    if (!claimed.ok) throw new Error(claimed.code);
    const couponId = claimed.value.couponId;
    const res = await owner.post('/api/v1/promotions/preview', { at, lines: cart, customer: { customerRef: 'erin', couponIds: [couponId] } });
    expect(res.statusCode, res.body).toBe(200);
    const { breakdown } = res.json();
    expect(breakdown.notApplied).toContainEqual(expect.objectContaining({ heldCouponId: couponId, reason: 'coupon_expired' }));
    expect(breakdown.couponChoice.heldCouponIds).toEqual([]);
    // Left out when the coupons come from the customer: only usable ones are loaded.
    const byRef = (await owner.post('/api/v1/promotions/preview', { at, lines: cart, customer: { customerRef: 'erin' } })).json();
    expect(byRef.heldCouponIds).toEqual([]);
  });

  it('takes prices, category and tags of catalog SKUs from the catalog', async () => {
    const category = (await owner.post('/api/v1/categories', { name: '连衣裙' })).json();
    const product = (
      await owner.post('/api/v1/products', {
        title: '碎花连衣裙',
        categoryId: category.categoryId,
        tags: ['夏季'],
        specDimensions: [{ name: '尺码', values: ['M', 'L'] }],
        generateSkus: { codePrefix: 'PV', priceFen: 19900, costFen: 8000, weightG: 300 },
      })
    ).json();
    const [m, l] = product.skus as { skuId: string }[];
    const res = await owner.post('/api/v1/promotions/preview', {
      at,
      lines: [
        { skuId: m!.skuId, quantity: 1, channelId: 'chn-web' },
        { skuId: l!.skuId, quantity: 1, unitPrice: 15000, channelId: 'chn-web' }, // a price the caller asks about
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const { breakdown } = res.json();
    // 199.00 + 150.00 = 349.00 ≥ 300 → 满300减50: payable 299.00.
    expect(breakdown).toMatchObject({ listTotal: 34900, payable: 29900 });
  });

  it('refuses a catalog SKU id that is not in this shop’s catalog', async () => {
    const ghost = `sku_${'0'.repeat(26)}`;
    const res = await owner.post('/api/v1/promotions/preview', { at, lines: [{ skuId: ghost, quantity: 1, channelId: 'chn-web' }] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'unknown_sku', skuIds: [ghost] });
  });
});

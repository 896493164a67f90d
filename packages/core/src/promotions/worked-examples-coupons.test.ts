// Worked examples, coupons, points, floors and stacking flags: 店铺券, 商品券, 新人券, 运费券, the
// best-combination pick, explicit selection, 积分抵扣 with its cap, exclusives. Each case states
// its computation (fen). Coupon thresholds are measured at the start of the coupon stage.
import { describe, expect } from 'vitest';
import { DAY, ORDER, T0, amountCoupon, buildCustomer, buildLine, held, promo, skus } from './test-builders.ts';
import { runWorkedExamples, type WorkedExample } from './worked-example-runner.ts';

const one = (unitPrice: number, over = {}) => [buildLine('l1', { unitPrice, ...over })];
const holding = (...coupons: [string, string][]) => buildCustomer({ coupons: coupons.map(([id, p]) => held(id, p)) });
const c100_10 = amountCoupon('c100', 10_000, 1000);
const c200_30 = amountCoupon('c200', 20_000, 3000);
const newbie = amountCoupon('nc', 0, 1500, { kind: 'newCustomer' });
const productA = amountCoupon('pa', 5000, 1000, { kind: 'product', scope: skus('sku_a') });
const points = promo('pointsRedemption', 'pts', { pointsPerUnit: 100, unitValue: 100, capBp: 5000 });
const shipRules = { rules: [{ id: 'std', regions: [], firstWeightGrams: 1000, firstFee: 1200, additionalWeightGrams: 1000, additionalFee: 500 }] };
const shipCoupon = amountCoupon('sc', 0, 1000, { kind: 'shipping' });
const flashA = (over = {}) => promo('flashSale', 'fs', { scope: skus('sku_a'), price: { type: 'fixed', unitPrice: 5000 }, promoStock: 10 }, over);
const A = (unitPrice: number, over = {}) => buildLine('l1', { skuId: 'sku_a', unitPrice, ...over });
const B = (unitPrice: number, over = {}) => buildLine('l2', { skuId: 'sku_b', unitPrice, ...over });

const cases: WorkedExample[] = [
  { name: 'takes ¥10 off ¥120 with a 满100减10 store coupon', why: '12000 ≥ 10000 → 1000', input: { lines: one(12_000), promotions: [c100_10], customer: holding(['h1', 'c100']) }, payable: 11_000, saved: { h1: 1000 } },
  {
    name: 'nudges ¥50 more for a held 满200减20 coupon', why: '15000 < 20000', input: { lines: one(15_000), promotions: [amountCoupon('c', 20_000, 2000)], customer: holding(['h1', 'c']) }, payable: 15_000, saved: {}, notApplied: { h1: 'threshold_not_met' },
    check: (r) => expect(r.nudges).toEqual([{ kind: 'spend_more', promotionId: 'c', code: 'coupon', heldCouponId: 'h1', missingAmount: 5000, benefit: { type: 'amount_off', amount: 2000 } }]),
  },
  { name: 'refuses a coupon already used', why: 'usedAt set', input: { lines: one(12_000), promotions: [c100_10], customer: buildCustomer({ coupons: [held('h1', 'c100', { usedAt: T0 - 1 })] }) }, payable: 12_000, saved: {}, notApplied: { h1: 'coupon_used' } },
  { name: 'refuses a coupon past its N days after claim', why: 'claimed 8 days ago, valid 7', input: { lines: one(12_000), promotions: [amountCoupon('c7', 10_000, 1000, { validity: { type: 'daysAfterClaim', days: 7 } })], customer: buildCustomer({ coupons: [held('h1', 'c7', { claimedAt: T0 - 8 * DAY })] }) }, payable: 12_000, saved: {}, notApplied: { h1: 'coupon_expired' } },
  { name: 'refuses a coupon whose validity window has not opened', why: 'valid from tomorrow', input: { lines: one(12_000), promotions: [amountCoupon('cw', 10_000, 1000, { validity: { type: 'window', startsAt: T0 + DAY, endsAt: T0 + 2 * DAY } })], customer: holding(['h1', 'cw']) }, payable: 12_000, saved: {}, notApplied: { h1: 'outside_window' } },
  { name: 'gives a new customer their 新人券', why: '无门槛减15: 10000 − 1500', input: { lines: one(10_000), promotions: [newbie], customer: buildCustomer({ isNewCustomer: true, coupons: [held('h1', 'nc')] }) }, payable: 8500, saved: { h1: 1500 }, check: (r) => expect(r.applied[0]!.personal).toContainEqual({ basis: 'new_customer', isNewCustomer: true }) },
  { name: 'refuses a 新人券 to a returning customer', why: 'isNewCustomer false', input: { lines: one(10_000), promotions: [newbie], customer: holding(['h1', 'nc']) }, payable: 10_000, saved: {}, notApplied: { h1: 'not_new_customer' } },
  { name: 'puts a product coupon only on its SKU', why: 'A 6000 ≥ 5000 → 1000 on l1', input: { lines: [A(6000), B(10_000)], promotions: [productA], customer: holding(['h1', 'pa']) }, payable: 15_000, saved: { h1: 1000 }, lines: { l1: { h1: 1000 }, l2: {} } },
  {
    name: 'stacks a product coupon with a store coupon measured on the stage base', why: 'product 1000 on A; 满100减15 on 16000 → 562.5/937.5, tie → lower index: 563/937',
    input: { lines: [A(6000), B(10_000)], promotions: [productA, amountCoupon('c15', 10_000, 1500)], customer: holding(['h1', 'pa'], ['h2', 'c15']) },
    payable: 13_500, saved: { h1: 1000, h2: 1500 }, lines: { l1: { h1: 1000, h2: 563 }, l2: { h2: 937 } },
  },
  {
    name: 'picks the bigger of two store coupons and explains the pick', why: 'one store coupon per order: 满200减30 beats 满100减10',
    input: { lines: one(25_000), promotions: [c100_10, c200_30], customer: holding(['h1', 'c100'], ['h2', 'c200']) }, payable: 22_000, saved: { h2: 3000 }, notApplied: { h1: 'not_selected' },
    check: (r) => expect(r.couponChoice).toMatchObject({ mode: 'best', heldCouponIds: ['h2'], saved: 3000, candidates: 2, exhaustive: true }),
  },
  {
    name: 'prefers a capped 9折 coupon worth ¥20 over ¥15 off', why: '9折 of 30000 = 3000 capped 2000 > 1500',
    input: { lines: one(30_000), promotions: [promo('coupon', 'p9', { kind: 'order', scope: ORDER, threshold: 0, discount: { type: 'percent', payBp: 9000, cap: 2000 }, validity: { type: 'daysAfterClaim', days: 30 } }), amountCoupon('c15', 10_000, 1500)], customer: holding(['h1', 'p9'], ['h2', 'c15']) },
    payable: 28_000, saved: { h1: 2000 },
  },
  {
    name: 'honours an explicit selection of the smaller coupon', why: 'customer picks h1 (1000) over h2 (3000)',
    input: { lines: one(25_000), promotions: [c100_10, c200_30], customer: holding(['h1', 'c100'], ['h2', 'c200']), selectedCouponIds: ['h1'] }, payable: 24_000, saved: { h1: 1000 }, notApplied: { h2: 'not_selected' },
    check: (r) => expect(r.couponChoice.mode).toBe('explicit'),
  },
  { name: 'reports a selected coupon the customer does not hold', why: 'h9 not held', input: { lines: one(25_000), promotions: [c100_10], customer: holding(['h1', 'c100']), selectedCouponIds: ['h9'] }, payable: 25_000, saved: {}, notApplied: { h9: 'coupon_not_held', h1: 'not_selected' } },
  {
    name: 'uses one product coupon per line', why: 'pa (1000) and pb (800) both on sku_a: only the bigger',
    input: { lines: [A(5000)], promotions: [productA, amountCoupon('pb', 5000, 800, { kind: 'product', scope: skus('sku_a') })], customer: holding(['h1', 'pa'], ['h2', 'pb']) }, payable: 4000, saved: { h1: 1000 }, notApplied: { h2: 'not_selected' },
  },
  {
    name: 'uses one instance of a coupon per order, the one expiring first', why: 'h1 claimed earlier expires first; h2 limit_reached',
    input: { lines: one(12_000), promotions: [c100_10], customer: buildCustomer({ coupons: [held('h2', 'c100'), held('h1', 'c100', { claimedAt: T0 - 2 * DAY })] }) }, payable: 11_000, saved: { h1: 1000 }, notApplied: { h2: 'limit_reached' },
  },
  {
    name: 'takes a 运费券 off the shipping fee', why: 'fee 1200 − 1000 = 200',
    input: { lines: one(5000, { weightGrams: 800 }), shipping: shipRules, promotions: [shipCoupon], customer: holding(['h1', 'sc']) }, payable: 5200, saved: { h1: 1000 },
    check: (r) => expect(r.shipping).toMatchObject({ fee: 1200, discount: 1000, payable: 200, discounts: [{ promotionId: 'sc', code: 'coupon', amount: 1000, heldCouponId: 'h1' }] }),
  },
  {
    name: 'keeps a 运费券 when shipping is already free', why: '包邮 ≥ ¥40 covers the fee; the coupon would save nothing',
    input: { lines: one(5000, { weightGrams: 800 }), shipping: shipRules, promotions: [shipCoupon, promo('freeShipping', 'fsh', { scope: ORDER, threshold: 4000 })], customer: holding(['h1', 'sc']) }, payable: 5000, saved: { fsh: 1200 }, notApplied: { h1: 'no_saving' },
  },
  {
    name: 'keeps flash-sale lines out of a coupon that forbids flash sales', why: 'A at flash 5000 excluded; B 10000 ≥ 10000 → 1000',
    input: { lines: [A(10_000), B(10_000)], promotions: [flashA(), amountCoupon('c', 10_000, 1000, {}, { stacking: { forbid: ['flashSale'] } })], customer: holding(['h1', 'c']) }, payable: 14_000, saved: { fs: 5000, h1: 1000 }, lines: { l1: { fs: 5000 }, l2: { h1: 1000 } },
  },
  { name: 'lets an exclusive flash sale block every coupon on its line', why: 'exclusive: coupon has no line left', input: { lines: [A(10_000)], promotions: [flashA({ exclusive: true }), amountCoupon('c', 0, 1000)], customer: holding(['h1', 'c']) }, payable: 5000, saved: { fs: 5000 }, notApplied: { h1: 'excluded_by_other' } },
  { name: 'lets an exclusive 满减 block a held coupon', why: '不与其他优惠同享: 10000 − 1000 only', input: { lines: one(10_000), promotions: [promo('spendThresholdDiscount', 'm', { scope: ORDER, mode: 'ladder', steps: [{ threshold: 10_000, discount: 1000 }] }, { exclusive: true }), amountCoupon('c', 5000, 500)], customer: holding(['h1', 'c']) }, payable: 9000, saved: { m: 1000 }, notApplied: { h1: 'excluded_by_other' } },
  { name: 'caps points at 50 % of the goods payable', why: '20000 points = ¥200 available; cap 50 % of 10000 = 5000 → 5000 points', input: { lines: one(10_000), promotions: [points], customer: buildCustomer({ pointsBalance: 20_000 }), pointsToRedeem: 'max' }, payable: 5000, saved: { pts: 5000 }, check: (r) => expect(r.points).toMatchObject({ used: 5000, value: 5000, capValue: 5000 }) },
  { name: 'spends points in whole units of 100', why: '1234 points → 12 units = 1200 points = ¥12', input: { lines: one(10_000), promotions: [points], customer: buildCustomer({ pointsBalance: 1234 }), pointsToRedeem: 'max' }, payable: 8800, saved: { pts: 1200 } },
  { name: 'spends only the points asked for', why: '300 of 5000 → ¥3', input: { lines: one(10_000), promotions: [points], customer: buildCustomer({ pointsBalance: 5000 }), pointsToRedeem: 300 }, payable: 9700, saved: { pts: 300 } },
  { name: 'spends no points unless asked', why: 'pointsToRedeem absent', input: { lines: one(10_000), promotions: [points], customer: buildCustomer({ pointsBalance: 5000 }) }, payable: 10_000, saved: {}, notApplied: { pts: 'points_not_requested' } },
  {
    name: 'keeps points off the shipping fee', why: 'cap 50 % of goods 10000 = 5000 points; shipping 1200 still paid: 5000 + 1200',
    input: { lines: one(10_000, { weightGrams: 800 }), shipping: shipRules, promotions: [points], customer: buildCustomer({ pointsBalance: 20_000 }), pointsToRedeem: 'max' }, payable: 6200, saved: { pts: 5000 },
    check: (r) => expect(r.shipping).toMatchObject({ fee: 1200, payable: 1200 }),
  },
  {
    name: 'spreads points value over lines by payable', why: '3000 points = 3000 over 6000:4000 → 1800/1200',
    input: { lines: [buildLine('l1', { unitPrice: 6000 }), buildLine('l2', { unitPrice: 4000 })], promotions: [points], customer: buildCustomer({ pointsBalance: 3000 }), pointsToRedeem: 'max' }, payable: 7000, saved: { pts: 3000 },
    check: (r) => expect(r.lines.map((l) => l.pointsValue)).toEqual([1800, 1200]),
  },
  {
    name: 'moves discount off a line at its floor onto the others', why: '满200减20: 1000/1000, l1 floor leaves 500 → l1 500, l2 1500',
    input: { lines: [buildLine('l1', { floorPrice: 9500 }), buildLine('l2')], promotions: [promo('spendThresholdDiscount', 'm', { scope: ORDER, mode: 'ladder', steps: [{ threshold: 20_000, discount: 2000 }] })] }, payable: 18_000, saved: { m: 2000 }, lines: { l1: { m: 500 }, l2: { m: 1500 } },
  },
  { name: 'gives only what the floor allows', why: 'one line floor 9500: coupon 1000 → 500', input: { lines: one(10_000, { floorPrice: 9500 }), promotions: [c100_10], customer: holding(['h1', 'c100']) }, payable: 9500, saved: { h1: 500 } },
  {
    name: 'combines a product coupon with the 新人券 rather than the store coupon', why: 'store 1000 vs newbie 1500 (one order-level coupon); + product 500 → 2000; newbie split 750/750',
    input: { lines: [A(6000), B(6000)], promotions: [c100_10, newbie, amountCoupon('p5', 5000, 500, { kind: 'product', scope: skus('sku_a') })], customer: buildCustomer({ isNewCustomer: true, coupons: [held('h1', 'c100'), held('h2', 'nc'), held('h3', 'p5')] }) },
    payable: 10_000, saved: { h2: 1500, h3: 500 }, lines: { l1: { h3: 500, h2: 750 }, l2: { h2: 750 } }, notApplied: { h1: 'not_selected' },
  },
  {
    name: 'stacks two store coupons when both allow it', why: 'both allow orderCoupon: 1000 + 3000',
    input: { lines: one(25_000), promotions: [amountCoupon('c100', 10_000, 1000, {}, { stacking: { allow: ['orderCoupon'] } }), amountCoupon('c200', 20_000, 3000, {}, { stacking: { allow: ['orderCoupon'] } })], customer: holding(['h1', 'c100'], ['h2', 'c200']) },
    payable: 21_000, saved: { h1: 1000, h2: 3000 },
  },
  {
    name: 'prices the full 双11 stack: 跨店满减, store coupon and points', why: '61000 → 跨店 10000 (5246/4754); coupon 满300减30 on 51000 → 1574/1426; points 10000 over 25180:22820 → 5246/4754',
    input: {
      lines: [buildLine('l1', { unitPrice: 32_000 }), buildLine('l2', { unitPrice: 29_000, channelId: 'jd' })],
      promotions: [promo('crossChannelThreshold', 'x11', { scope: ORDER, channelIds: ['tmall', 'jd'], mode: 'repeat', every: 30_000, discount: 5000 }), amountCoupon('c300', 30_000, 3000), points],
      customer: buildCustomer({ pointsBalance: 10_000, coupons: [held('h1', 'c300')] }), pointsToRedeem: 'max',
    },
    payable: 38_000, saved: { x11: 10_000, h1: 3000, pts: 10_000 }, lines: { l1: { x11: 5246, h1: 1574 }, l2: { x11: 4754, h1: 1426 } },
    check: (r) => expect(r.lines.map((l) => l.pointsValue)).toEqual([5246, 4754]),
  },
  { name: 'rounds a percentage coupon on the discounted price half up', why: '9折 of 9999 = 8999.1 → 8999, saves 1000', input: { lines: one(9999), promotions: [promo('coupon', 'p9', { kind: 'order', scope: ORDER, threshold: 0, discount: { type: 'percent', payBp: 9000 }, validity: { type: 'daysAfterClaim', days: 30 } })], customer: holding(['h1', 'p9']) }, payable: 8999, saved: { h1: 1000 } },
  { name: 'refuses a coupon for another channel', why: 'jd-only coupon on a tmall cart', input: { lines: one(12_000), promotions: [amountCoupon('c', 10_000, 1000, {}, { channelIds: ['jd'] })], customer: holding(['h1', 'c']) }, payable: 12_000, saved: {}, notApplied: { h1: 'wrong_channel' } },
  { name: 'refuses a gold-only coupon to a silver member', why: 'tiers [gold]', input: { lines: one(12_000), promotions: [amountCoupon('c', 10_000, 1000, {}, { tiers: ['gold'] })], customer: buildCustomer({ tier: 'silver', coupons: [held('h1', 'c')] }) }, payable: 12_000, saved: {}, notApplied: { h1: 'not_eligible_tier' } },
];

describe('priceCart worked examples: coupons, points and stacking', () => {
  runWorkedExamples(cases);
});

// Worked examples, spend thresholds, gifts and shipping: 阶梯满减, 跨店每满减, 满折, 买赠, 包邮 and
// fee rules. Thresholds are measured after item-level prices. Each case states its computation.
import { describe, expect } from 'vitest';
import { ORDER, buildCustomer, buildLine, promo } from './test-builders.ts';
import { runWorkedExamples, type WorkedExample } from './worked-example-runner.ts';

const ladder = promo('spendThresholdDiscount', 'ld', { scope: ORDER, mode: 'ladder', steps: [{ threshold: 19_900, discount: 2000 }, { threshold: 29_900, discount: 4000 }, { threshold: 39_900, discount: 7000 }] });
const cross = (over: Record<string, unknown> = {}) => promo('crossChannelThreshold', 'x11', { scope: ORDER, channelIds: ['tmall', 'jd'], mode: 'repeat', every: 30_000, discount: 5000, ...over });
const one = (unitPrice: number, over = {}) => [buildLine('l1', { unitPrice, ...over })];
const everyThree = (over: Record<string, unknown> = {}) => promo('spendThresholdDiscount', 'em', { scope: ORDER, mode: 'repeat', every: 30_000, discount: 3000, ...over });
const shippingRules = {
  rules: [
    { id: 'std', regions: [], firstWeightGrams: 1000, firstFee: 1000, additionalWeightGrams: 1000, additionalFee: 500 },
    { id: 'xj', regions: ['xinjiang'], firstWeightGrams: 1000, firstFee: 2000, additionalWeightGrams: 1000, additionalFee: 1000 },
  ],
};
const freeOver99 = promo('freeShipping', 'fsh', { scope: ORDER, threshold: 9900, excludedRegions: ['xinjiang'] });
const gift = (over: Record<string, unknown> = {}) => promo('giftWithPurchase', 'gw', { scope: ORDER, condition: { type: 'spend', threshold: 20_000 }, gift: { skuId: 'sku_gift', productId: 'prd_gift', quantity: 1, unitValue: 2900 }, giftStock: 10, ...over });

const cases: WorkedExample[] = [
  {
    name: 'takes ¥20 off ¥250 on the 199-20/299-40/399-70 ladder and nudges toward 299', why: '25000 ≥ 19900 → 2000; 29900 − 25000 = 4900 more for 4000',
    input: { lines: one(25_000), promotions: [ladder] }, payable: 23_000, saved: { ld: 2000 },
    check: (r) => expect(r.nudges).toEqual([{ kind: 'spend_more', promotionId: 'ld', code: 'spendThresholdDiscount', missingAmount: 4900, benefit: { type: 'amount_off', amount: 4000 } }]),
  },
  { name: 'takes ¥40 off ¥300 on the ladder', why: '30000 ≥ 29900 → 4000; 9900 more for 7000', input: { lines: one(30_000), promotions: [ladder] }, payable: 26_000, saved: { ld: 4000 }, check: (r) => expect(r.nudges[0]).toMatchObject({ missingAmount: 9900 }) },
  { name: 'takes ¥70 off ¥450 at the top of the ladder with no further nudge', why: '45000 ≥ 39900 → 7000', input: { lines: one(45_000), promotions: [ladder] }, payable: 38_000, saved: { ld: 7000 }, check: (r) => expect(r.nudges).toEqual([]) },
  { name: 'gives nothing below the first step and nudges ¥9 more', why: '19000 < 19900; 900 more for 2000', input: { lines: one(19_000), promotions: [ladder] }, payable: 19_000, saved: {}, notApplied: { ld: 'threshold_not_met' }, check: (r) => expect(r.nudges[0]).toMatchObject({ missingAmount: 900, benefit: { amount: 2000 } }) },
  {
    name: 'takes ¥30 off every full ¥300 (每满300减30) and nudges toward the next ¥300', why: '75000 → ⌊75000 / 30000⌋ = 2 × 3000 = 6000; 90000 − 75000 = 15000 more for 3 × 3000 = 9000',
    input: { lines: one(75_000), promotions: [everyThree()] }, payable: 69_000, saved: { em: 6000 },
    check: (r) => expect(r.nudges).toEqual([{ kind: 'spend_more', promotionId: 'em', code: 'spendThresholdDiscount', missingAmount: 15_000, benefit: { type: 'amount_off', amount: 9000 } }]),
  },
  { name: 'stops a store 每满减 at its cap and nudges no further', why: '95000 → 3 × 3000 = 9000, cap 5000; capped, so no nudge', input: { lines: one(95_000), promotions: [everyThree({ cap: 5000 })] }, payable: 90_000, saved: { em: 5000 }, check: (r) => expect(r.nudges).toEqual([]) },
  {
    name: 'measures a product-scoped 满减 on that product’s lines only, over all its SKUs', why: 'prd_dress 12000 + 9000 = 21000 ≥ 20000 → 2000 split 12:9 = 1142.9/857.1 → 1143/857; l3 untouched',
    input: {
      lines: [buildLine('l1', { productId: 'prd_dress', unitPrice: 12_000 }), buildLine('l2', { productId: 'prd_dress', unitPrice: 9000 }), buildLine('l3', { unitPrice: 30_000 })],
      promotions: [promo('spendThresholdDiscount', 'prd', { scope: { type: 'products', ids: ['prd_dress'] }, mode: 'ladder', steps: [{ threshold: 20_000, discount: 2000 }] })],
    },
    payable: 49_000, saved: { prd: 2000 }, lines: { l1: { prd: 1143 }, l2: { prd: 857 }, l3: {} },
  },
  {
    name: 'applies 双11 跨店每满300减50 across tmall and jd and allocates it by amount', why: '32000 + 29000 = 61000 → 2×5000; 10000×32/61 = 5245.9 → 5246, 4754',
    input: { lines: [buildLine('l1', { unitPrice: 32_000 }), buildLine('l2', { unitPrice: 29_000, channelId: 'jd' })], promotions: [cross()] },
    payable: 51_000, saved: { x11: 10_000 }, lines: { l1: { x11: 5246 }, l2: { x11: 4754 } },
  },
  {
    name: 'leaves lines of channels outside the 跨店 pool untouched', why: 'pool tmall+jd = 35000 → 5000 split 2857/2143; pdd line pays list',
    input: { lines: [buildLine('l1', { unitPrice: 20_000 }), buildLine('l2', { unitPrice: 15_000, channelId: 'jd' }), buildLine('l3', { unitPrice: 50_000, channelId: 'pdd' })], promotions: [cross()] },
    payable: 80_000, saved: { x11: 5000 }, lines: { l1: { x11: 2857 }, l2: { x11: 2143 }, l3: {} },
  },
  { name: 'caps a repeating 每满减 at its cap', why: '100000 → 3×5000 = 15000, cap 10000', input: { lines: one(100_000), promotions: [cross({ cap: 10_000 })] }, payable: 90_000, saved: { x11: 10_000 } },
  {
    name: 'measures a category 满减 only on lines of that category', why: 'shoes 15000 < 20000: not met, 5000 more',
    input: { lines: [buildLine('l1', { unitPrice: 15_000, categoryIds: ['shoes'] }), buildLine('l2', { categoryIds: ['shirts'] })], promotions: [promo('spendThresholdDiscount', 'cat', { scope: { type: 'categories', ids: ['shoes'] }, mode: 'ladder', steps: [{ threshold: 20_000, discount: 3000 }] })] },
    payable: 25_000, saved: {}, notApplied: { cat: 'threshold_not_met' }, check: (r) => expect(r.nudges[0]).toMatchObject({ missingAmount: 5000 }),
  },
  {
    name: 'puts a tag-scoped 满减 only on tagged lines', why: 'tagged 12000 ≥ 10000 → 1000 on l1',
    input: { lines: [buildLine('l1', { unitPrice: 12_000, tags: ['new'] }), buildLine('l2', { unitPrice: 5000 })], promotions: [promo('spendThresholdDiscount', 'tag', { scope: { type: 'tags', ids: ['new'] }, mode: 'ladder', steps: [{ threshold: 10_000, discount: 1000 }] })] },
    payable: 16_000, saved: { tag: 1000 }, lines: { l1: { tag: 1000 }, l2: {} },
  },
  {
    name: 'measures thresholds after member prices', why: 'gold 9折: 21000 → 18900 < 20000, so 满200减20 is not met',
    input: { lines: one(21_000), customer: buildCustomer({ tier: 'gold' }), promotions: [promo('memberPrice', 'mp', { scope: ORDER, prices: { gold: { type: 'percent', payBp: 9000 } } }), promo('spendThresholdDiscount', 'm', { scope: ORDER, mode: 'ladder', steps: [{ threshold: 20_000, discount: 2000 }] })] },
    payable: 18_900, saved: { mp: 2100 }, notApplied: { m: 'threshold_not_met' },
  },
  { name: 'caps a 满折 saving', why: '35000 ≥ 30000 → 9折 = 3500, cap 2000', input: { lines: one(35_000), promotions: [promo('spendThresholdPercent', 'pc', { scope: ORDER, steps: [{ threshold: 30_000, payBp: 9000 }], cap: 2000 })] }, payable: 33_000, saved: { pc: 2000 } },
  {
    name: 'nudges toward the first 满折 step with the rate it brings', why: '25000 < 30000: 5000 more for 9折',
    input: { lines: one(25_000), promotions: [promo('spendThresholdPercent', 'pc', { scope: ORDER, steps: [{ threshold: 30_000, payBp: 9000 }] })] }, payable: 25_000, saved: {}, notApplied: { pc: 'threshold_not_met' },
    check: (r) => expect(r.nudges).toEqual([{ kind: 'spend_more', promotionId: 'pc', code: 'spendThresholdPercent', missingAmount: 5000, benefit: { type: 'pay_percent', payBp: 9000 } }]),
  },
  { name: 'uses the highest 满折 step reached', why: '45000 ≥ 40000 → 9折 = 4500', input: { lines: one(45_000), promotions: [promo('spendThresholdPercent', 'pc', { scope: ORDER, steps: [{ threshold: 20_000, payBp: 9500 }, { threshold: 40_000, payBp: 9000 }] })] }, payable: 40_500, saved: { pc: 4500 } },
  {
    name: 'lets the higher-priority 满减 win over a 满折 on the same lines', why: 'one 满减/满折 per line by default: 满300减40 (priority 10) → 4000; 满折 excluded',
    input: { lines: one(40_000), promotions: [promo('spendThresholdPercent', 'pc', { scope: ORDER, steps: [{ threshold: 30_000, payBp: 9000 }] }), promo('spendThresholdDiscount', 'm', { scope: ORDER, mode: 'ladder', steps: [{ threshold: 30_000, discount: 4000 }] }, { priority: 10 })] },
    payable: 36_000, saved: { m: 4000 }, notApplied: { pc: 'excluded_by_other' },
  },
  {
    name: 'stacks 满减 and 满折 when both allow each other, both measured on the stage base', why: '40000: 4000 + 9折 of 40000 = 4000',
    input: { lines: one(40_000), promotions: [promo('spendThresholdPercent', 'pc', { scope: ORDER, steps: [{ threshold: 30_000, payBp: 9000 }] }, { stacking: { allow: ['spendThresholdDiscount'] } }), promo('spendThresholdDiscount', 'm', { scope: ORDER, mode: 'ladder', steps: [{ threshold: 30_000, discount: 4000 }] }, { priority: 10, stacking: { allow: ['spendThresholdPercent'] } })] },
    payable: 32_000, saved: { m: 4000, pc: 4000 },
  },
  {
    name: 'stacks 跨店满减 on top of a store 满减', why: 'store 满300减30 on tmall 3000; 跨店 60000 → 10000 split 5000/5000',
    input: { lines: [buildLine('l1', { unitPrice: 30_000 }), buildLine('l2', { unitPrice: 30_000, channelId: 'jd' })], promotions: [cross(), promo('spendThresholdDiscount', 'st', { scope: ORDER, mode: 'ladder', steps: [{ threshold: 30_000, discount: 3000 }] }, { channelIds: ['tmall'] })] },
    payable: 47_000, saved: { x11: 10_000, st: 3000 }, lines: { l1: { x11: 5000, st: 3000 }, l2: { x11: 5000 } },
  },
  {
    name: 'adds a gift line at zero when the spend condition holds', why: '25000 ≥ 20000, stock 10 → 1 gift; payable unchanged',
    input: { lines: one(25_000), promotions: [gift()] }, payable: 25_000, saved: { gw: 0 },
    check: (r) => expect(r.lines[1]).toMatchObject({ lineId: 'gift:gw', skuId: 'sku_gift', isGift: true, quantity: 1, payable: 0, giftUnitValue: 2900 }),
  },
  { name: 'adds no gift when gift stock is gone and says out_of_stock', why: 'stock 0', input: { lines: one(25_000), promotions: [gift({ giftStock: 0 })] }, payable: 25_000, saved: {}, notApplied: { gw: 'out_of_stock' }, check: (r) => expect(r.lines).toHaveLength(1) },
  {
    name: 'gives what is left of gift stock for a repeating gift', why: 'every 10000: 35000 → 3 gifts wanted, stock 2',
    input: { lines: one(35_000), promotions: [gift({ condition: { type: 'spend', threshold: 10_000 }, repeat: true, giftStock: 2 })] }, payable: 35_000, saved: { gw: 0 },
    check: (r) => expect(r.applied[0]!.detail).toEqual({ giftQuantity: 2, giftValue: 5800, shortQuantity: 1, shortReason: 'out_of_stock' }),
  },
  {
    name: 'adds a gift when the unit count reaches a 买3件赠1 condition', why: '3 units ≥ 3 → 1 gift at zero; payable 3 × 5000',
    input: { lines: one(5000, { quantity: 3 }), promotions: [gift({ condition: { type: 'quantity', minQuantity: 3 } })] }, payable: 15_000, saved: { gw: 0 },
    check: (r) => expect(r.lines[1]).toMatchObject({ lineId: 'gift:gw', isGift: true, quantity: 1, payable: 0 }),
  },
  {
    name: 'nudges one more unit toward a 买3件赠1 gift', why: '2 units < 3: add 1',
    input: { lines: one(5000, { quantity: 2 }), promotions: [gift({ condition: { type: 'quantity', minQuantity: 3 } })] }, payable: 10_000, saved: {}, notApplied: { gw: 'threshold_not_met' },
    check: (r) => expect(r.nudges).toEqual([{ kind: 'add_items', promotionId: 'gw', code: 'giftWithPurchase', missingQuantity: 1, benefit: { type: 'gift', skuId: 'sku_gift', quantity: 1 } }]),
  },
  { name: 'nudges toward a gift threshold', why: '15000 < 20000: 5000 more for the gift', input: { lines: one(15_000), promotions: [gift()] }, payable: 15_000, saved: {}, check: (r) => expect(r.nudges).toEqual([{ kind: 'spend_more', promotionId: 'gw', code: 'giftWithPurchase', missingAmount: 5000, benefit: { type: 'gift', skuId: 'sku_gift', quantity: 1 } }]) },
  {
    name: 'charges first weight plus each started extra kilogram', why: '2500 g: 1000 + ⌈1500/1000⌉ × 500 = 2000',
    input: { lines: one(5000, { weightGrams: 1250, quantity: 2 }), shipping: shippingRules, destinationRegion: 'zhejiang' }, payable: 10_000 + 2000, saved: {},
    check: (r) => expect(r.shipping).toMatchObject({ ruleId: 'std', weightGrams: 2500, fee: 2000, payable: 2000 }),
  },
  { name: 'uses the region-specific fee rule', why: 'xinjiang 1200 g: 2000 + 1×1000', input: { lines: one(5000, { weightGrams: 1200 }), shipping: shippingRules, destinationRegion: 'xinjiang' }, payable: 8000, saved: {}, check: (r) => expect(r.shipping.ruleId).toBe('xj') },
  { name: 'waives shipping above ¥99 (包邮)', why: '10000 ≥ 9900 → fee 1000 waived', input: { lines: one(10_000, { weightGrams: 500 }), shipping: shippingRules, destinationRegion: 'zhejiang', promotions: [freeOver99] }, payable: 10_000, saved: { fsh: 1000 } },
  { name: 'charges shipping to an excluded remote region', why: 'xinjiang excluded from 包邮: fee 2000', input: { lines: one(10_000, { weightGrams: 500 }), shipping: shippingRules, destinationRegion: 'xinjiang', promotions: [freeOver99] }, payable: 12_000, saved: {}, notApplied: { fsh: 'region_not_eligible' } },
  {
    name: 'measures free shipping after 满减 and nudges the gap', why: '10500 − 1000 = 9500 < 9900: fee 1000, 400 more for free shipping',
    input: { lines: one(10_500, { weightGrams: 500 }), shipping: shippingRules, destinationRegion: 'zhejiang', promotions: [freeOver99, promo('spendThresholdDiscount', 'm', { scope: ORDER, mode: 'ladder', steps: [{ threshold: 10_000, discount: 1000 }] })] },
    payable: 10_500, saved: { m: 1000 }, notApplied: { fsh: 'threshold_not_met' },
    check: (r) => expect(r.nudges.find((n) => n.promotionId === 'fsh')).toMatchObject({ missingAmount: 400, benefit: { type: 'free_shipping' } }),
  },
  {
    name: 'waives shipping from the 2nd unit on a 满2件包邮 rule', why: '2 units ≥ 2, 0 ≥ 0 → fee 1000 + 1×500 (1000 g) waived',
    input: { lines: one(3000, { weightGrams: 500, quantity: 2 }), shipping: shippingRules, destinationRegion: 'zhejiang', promotions: [promo('freeShipping', 'fsn', { scope: ORDER, threshold: 0, minQuantity: 2 })] },
    payable: 6000, saved: { fsn: 1000 }, check: (r) => expect(r.applied[0]!.detail).toEqual({ base: 6000, quantity: 2 }),
  },
  {
    name: 'needs both the amount and the units when a 包邮 rule names both, and nudges the missing units', why: '1 unit < 3 though 9000 ≥ 5000: fee 1000, 2 more units',
    input: { lines: one(9000, { weightGrams: 500 }), shipping: shippingRules, destinationRegion: 'zhejiang', promotions: [promo('freeShipping', 'fsn', { scope: ORDER, threshold: 5000, minQuantity: 3 })] },
    payable: 10_000, saved: {}, notApplied: { fsn: 'threshold_not_met' },
    check: (r) => expect(r.nudges).toEqual([{ kind: 'add_items', promotionId: 'fsn', code: 'freeShipping', missingQuantity: 2, benefit: { type: 'free_shipping' } }]),
  },
  {
    name: 'marks an order to a region no rule serves as unserviceable', why: 'only a zhejiang rule; tibet gets none',
    input: { lines: one(5000), shipping: { rules: [{ id: 'zj', regions: ['zhejiang'], firstWeightGrams: 1000, firstFee: 800, additionalWeightGrams: 1000, additionalFee: 400 }] }, destinationRegion: 'tibet' },
    payable: 5000, saved: {}, check: (r) => expect(r.shipping).toMatchObject({ serviceable: false, ruleId: null, fee: 0 }),
  },
];

describe('priceCart worked examples: thresholds, gifts and shipping', () => {
  runWorkedExamples(cases);
});

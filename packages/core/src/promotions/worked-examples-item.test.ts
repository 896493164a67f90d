// Worked examples, item-level stages: flash sale, timed price, member price, group buy, presale,
// bundles and quantity discounts. Each case states its hand computation (fen; ¥1 = 100).
import { describe, expect } from 'vitest';
import { DAY, ORDER, T0, buildCustomer, buildLine, promo, skus } from './test-builders.ts';
import { runWorkedExamples, type WorkedExample } from './worked-example-runner.ts';

const flash = (over: Record<string, unknown> = {}, common: Record<string, unknown> = {}) =>
  promo('flashSale', 'fs', { scope: skus('sku_a'), price: { type: 'fixed', unitPrice: 5990 }, promoStock: 100, perCustomerLimit: 1, ...over }, common);
const memberTiers = promo('memberPrice', 'mp', { scope: ORDER, prices: { silver: { type: 'percent', payBp: 9500 }, gold: { type: 'percent', payBp: 9000 }, diamond: { type: 'percent', payBp: 8500 } } });
const lineA = (over = {}) => buildLine('l1', { skuId: 'sku_a', unitPrice: 9900, ...over });
const bundleAB = promo('bundle', 'bd', { items: [{ skuId: 'sku_a', quantity: 1 }, { skuId: 'sku_b', quantity: 1 }], price: 15_000 });
const A = (q: number) => buildLine('l1', { skuId: 'sku_a', unitPrice: 10_000, quantity: q });
const B = (q: number) => buildLine('l2', { skuId: 'sku_b', unitPrice: 8000, quantity: q });
const halfSecond = (among: 'sameSku' | 'cheapest') => promo('quantityDiscount', 'qd', { mode: 'nthItem', scope: ORDER, n: 2, payBp: 5000, among });
const tiers = promo('quantityDiscount', 'qt', { mode: 'tiers', scope: ORDER, tiers: [{ minQuantity: 2, payBp: 9000 }, { minQuantity: 3, payBp: 8000 }] });

const cases: WorkedExample[] = [
  { name: 'charges list price when no promotion is in force', why: '2×10000 + 5000', input: { lines: [buildLine('l1', { quantity: 2 }), buildLine('l2', { unitPrice: 5000 })] }, payable: 25_000, saved: {} },
  {
    name: 'sells one unit at the flash price and the other two at list when the limit is 1 per person',
    why: '秒杀 ¥59.90 limit 1: 5990 + 2×9900 = 25790, saved 3910', input: { lines: [lineA({ quantity: 3 })], promotions: [flash()] }, payable: 25_790, saved: { fs: 3910 },
    check: (r) => {
      expect(r.lines[0]!.unitPrices).toEqual([
        { quantity: 1, unitPrice: 5990, promotionId: 'fs', code: 'flashSale' },
        { quantity: 2, unitPrice: 9900, promotionId: null, code: null, note: 'beyond_customer_limit' },
      ]);
      expect(r.applied[0]!.detail).toEqual({ quantity: 1, excessQuantity: 2, excessReason: 'limit_reached' });
    },
  },
  {
    name: 'prices units beyond the remaining promo stock at list and says so', why: 'stock 2: 2×5990 + 9900 = 21880',
    input: { lines: [lineA({ quantity: 3 })], promotions: [flash({ promoStock: 2, perCustomerLimit: undefined })] }, payable: 21_880, saved: { fs: 7820 },
    check: (r) => expect(r.lines[0]!.unitPrices[1]!.note).toBe('beyond_promo_stock'),
  },
  { name: 'reports a sold-out flash sale as out_of_stock', why: 'stock 0: 3×9900', input: { lines: [lineA({ quantity: 3 })], promotions: [flash({ promoStock: 0 })] }, payable: 29_700, saved: {}, notApplied: { fs: 'out_of_stock' } },
  {
    name: 'reports limit_reached when the customer already bought their flash-sale unit', why: 'usage 1 of limit 1: 9900',
    input: { lines: [lineA()], promotions: [flash()], customer: buildCustomer({ promotionUsage: { fs: 1 } }) }, payable: 9900, saved: {}, notApplied: { fs: 'limit_reached' },
  },
  { name: 'ignores a flash sale outside its window', why: 'ended at T0: list 9900', input: { lines: [lineA()], promotions: [flash({}, { startsAt: T0 - DAY, endsAt: T0 })] }, payable: 9900, saved: {}, notApplied: { fs: 'outside_window' } },
  { name: 'gives a regular member no member price', why: 'no regular entry: 19900', input: { lines: [buildLine('l1', { unitPrice: 19_900 })], promotions: [memberTiers] }, payable: 19_900, saved: {}, notApplied: { mp: 'not_eligible_tier' } },
  { name: 'gives a silver member 95折', why: '19900 × 0.95 = 18905', input: { lines: [buildLine('l1', { unitPrice: 19_900 })], promotions: [memberTiers], customer: buildCustomer({ tier: 'silver' }) }, payable: 18_905, saved: { mp: 995 } },
  { name: 'gives a gold member 9折', why: '19900 × 0.9 = 17910', input: { lines: [buildLine('l1', { unitPrice: 19_900 })], promotions: [memberTiers], customer: buildCustomer({ tier: 'gold' }) }, payable: 17_910, saved: { mp: 1990 } },
  { name: 'gives a diamond member 85折', why: '19900 × 0.85 = 16915', input: { lines: [buildLine('l1', { unitPrice: 19_900 })], promotions: [memberTiers], customer: buildCustomer({ tier: 'diamond' }) }, payable: 16_915, saved: { mp: 2985 } },
  {
    name: 'gives a gold member a fixed member price per unit', why: '会员价 ¥88 on ¥99: 2 × 8800 = 17600, saved 2 × 1100',
    input: { lines: [lineA({ quantity: 2 })], promotions: [promo('memberPrice', 'mpf', { scope: skus('sku_a'), prices: { gold: { type: 'fixed', unitPrice: 8800 } } })], customer: buildCustomer({ tier: 'gold' }) },
    payable: 17_600, saved: { mpf: 2200 }, check: (r) => expect(r.applied[0]!.personal).toContainEqual(expect.objectContaining({ basis: 'tier' })),
  },
  {
    name: 'prices units beyond a timed discount’s per-customer limit at list instead of refusing them', why: '限时 ¥79 limit 2: 2 × 7900 + 9900 = 25700, saved 4000',
    input: { lines: [lineA({ quantity: 3 })], promotions: [promo('timedPrice', 'tl', { scope: skus('sku_a'), price: { type: 'fixed', unitPrice: 7900 }, perCustomerLimit: 2 })] }, payable: 25_700, saved: { tl: 4000 },
    check: (r) => expect(r.lines[0]!.unitPrices).toEqual([
      { quantity: 2, unitPrice: 7900, promotionId: 'tl', code: 'timedPrice' },
      { quantity: 1, unitPrice: 9900, promotionId: null, code: null, note: 'beyond_customer_limit' },
    ]),
  },
  {
    name: 'takes the best single item price instead of stacking member and timed prices', why: '限时8折 15920 beats gold 9折 17910; no stacking',
    input: { lines: [buildLine('l1', { unitPrice: 19_900 })], promotions: [memberTiers, promo('timedPrice', 'tp', { scope: ORDER, price: { type: 'percent', payBp: 8000 } })], customer: buildCustomer({ tier: 'gold' }) },
    payable: 15_920, saved: { tp: 3980 }, notApplied: { mp: 'not_best_price' },
  },
  {
    name: 'falls back to the member price for units beyond the flash-sale limit', why: '1×5000 flash + 2×9000 gold = 23000',
    input: { lines: [A(3)], promotions: [flash({ price: { type: 'fixed', unitPrice: 5000 } }), memberTiers], customer: buildCustomer({ tier: 'gold' }) },
    payable: 23_000, saved: { fs: 5000, mp: 2000 }, lines: { l1: { fs: 5000, mp: 2000 } },
    check: (r) => expect(r.lines[0]!.unitPrices[1]).toMatchObject({ promotionId: 'mp', note: 'beyond_customer_limit' }),
  },
  {
    name: 'never prices an item below its floor price', why: 'flash 5000 < floor 7000 → 7000, saved 3000',
    input: { lines: [buildLine('l1', { skuId: 'sku_a', floorPrice: 7000 })], promotions: [flash({ price: { type: 'fixed', unitPrice: 5000 } })] }, payable: 7000, saved: { fs: 3000 },
    check: (r) => expect(r.lines[0]!.unitPrices[0]!.note).toBe('clamped_to_floor'),
  },
  { name: 'rounds a percentage item price half up per unit', why: '8折 of 999 = 799.2 → 799; ×3 = 2397', input: { lines: [buildLine('l1', { unitPrice: 999, quantity: 3 })], promotions: [promo('timedPrice', 'tp', { scope: ORDER, price: { type: 'percent', payBp: 8000 } })] }, payable: 2397, saved: { tp: 600 } },
  {
    name: 'counts a ¥50 presale deposit as ¥150 against the balance', why: '定金膨胀: 59900 − (15000 − 5000) = 49900; balance 49900 − 5000 = 44900',
    input: { lines: [buildLine('l1', { unitPrice: 59_900 })], promotions: [promo('presale', 'ps', { scope: ORDER, depositPerUnit: 5000, depositValuePerUnit: 15_000, balanceStartsAt: T0 + DAY, balanceEndsAt: T0 + 3 * DAY }, { endsAt: T0 + DAY })] },
    payable: 49_900, saved: { ps: 10_000 },
    check: (r) => expect(r.presale).toEqual([{ promotionId: 'ps', lineId: 'l1', deposit: 5000, depositValue: 15_000, balanceDue: 44_900, balanceStartsAt: T0 + DAY, balanceEndsAt: T0 + 3 * DAY, note: 'deposit_non_refundable_after_balance_window' }]),
  },
  {
    name: 'multiplies the presale deposit by the quantity', why: '2 units: 119800 − 2×10000 = 99800; deposit 10000; balance 89800',
    input: { lines: [buildLine('l1', { unitPrice: 59_900, quantity: 2 })], promotions: [promo('presale', 'ps', { scope: ORDER, depositPerUnit: 5000, depositValuePerUnit: 15_000, balanceStartsAt: T0 + DAY, balanceEndsAt: T0 + 3 * DAY })] },
    payable: 99_800, saved: { ps: 20_000 }, check: (r) => expect(r.presale[0]).toMatchObject({ deposit: 10_000, depositValue: 30_000, balanceDue: 89_800 }),
  },
  {
    name: 'applies a bundle as many times as the cart holds the set', why: 'A×2 B×3, A+B ¥150: 2 sets; consumed 36000 − 30000 = 6000 split 20000:16000 → 3333.3/2666.7 → 3333/2667',
    input: { lines: [A(2), B(3)], promotions: [bundleAB] }, payable: 38_000, saved: { bd: 6000 }, lines: { l1: { bd: 3333 }, l2: { bd: 2667 } },
    check: (r) => expect(r.applied[0]!.detail).toEqual({ times: 2 }),
  },
  {
    name: 'nudges to add the missing SKU of an incomplete bundle', why: 'only A: bundle_incomplete, add 1 of sku_b',
    input: { lines: [A(1)], promotions: [bundleAB] }, payable: 10_000, saved: {}, notApplied: { bd: 'bundle_incomplete' },
    check: (r) => expect(r.nudges).toEqual([{ kind: 'add_items', promotionId: 'bd', code: 'bundle', missingQuantity: 1, skuIds: ['sku_b'], benefit: { type: 'bundle_price', price: 15_000 } }]),
  },
  { name: 'skips a bundle that costs more than its items', why: '10000 + 8000 < 20000', input: { lines: [A(1), B(1)], promotions: [promo('bundle', 'bd', { items: [{ skuId: 'sku_a', quantity: 1 }, { skuId: 'sku_b', quantity: 1 }], price: 20_000 })] }, payable: 18_000, saved: {}, notApplied: { bd: 'no_saving' } },
  { name: 'sells the second unit of a SKU at half price', why: '第二件半价: 10000 + 5000', input: { lines: [A(2)], promotions: [halfSecond('sameSku')] }, payable: 15_000, saved: { qd: 5000 } },
  {
    name: 'discounts one unit in three and nudges for the fourth', why: '3 units: floor(3/2) = 1 at half; one more gives another', input: { lines: [A(3)], promotions: [halfSecond('sameSku')] }, payable: 25_000, saved: { qd: 5000 },
    check: (r) => expect(r.nudges).toEqual([{ kind: 'add_items', promotionId: 'qd', code: 'quantityDiscount', missingQuantity: 1, skuIds: ['sku_a'], benefit: { type: 'pay_percent', payBp: 5000 } }]),
  },
  { name: 'halves the cheaper item when the rule is over the cheapest', why: '¥100 + ¥60: the ¥60 at half = 3000 off', input: { lines: [A(1), buildLine('l2', { unitPrice: 6000 })], promotions: [halfSecond('cheapest')] }, payable: 13_000, saved: { qd: 3000 }, lines: { l1: {}, l2: { qd: 3000 } } },
  {
    name: 'gives the third item free only once when the rule does not repeat', why: '第三件0元, repeat off: 6 units → ⌊6/3⌋ = 2, capped at 1 → 10000 off; no nudge',
    input: { lines: [A(6)], promotions: [promo('quantityDiscount', 'q3', { mode: 'nthItem', scope: ORDER, n: 3, payBp: 0, among: 'cheapest', repeat: false })] }, payable: 50_000, saved: { q3: 10_000 },
    check: (r) => expect(r.nudges).toEqual([]),
  },
  { name: 'gives 8折 on three items under 2件9折/3件8折', why: '3 items ≥ 3 → 8折: 2000 + 2000 + 1000', input: { lines: [A(2), buildLine('l2', { unitPrice: 5000 })], promotions: [tiers] }, payable: 20_000, saved: { qt: 5000 }, lines: { l1: { qt: 4000 }, l2: { qt: 1000 } } },
  {
    name: 'nudges one more item for 9折 when only one is in the cart', why: '1 item < 2', input: { lines: [A(1)], promotions: [tiers] }, payable: 10_000, saved: {}, notApplied: { qt: 'threshold_not_met' },
    check: (r) => expect(r.nudges[0]).toMatchObject({ kind: 'add_items', missingQuantity: 1, benefit: { type: 'pay_percent', payBp: 9000 } }),
  },
  {
    name: 'keeps units consumed by a bundle out of quantity discounts', why: 'bundle takes A+B (3000 off, 1667/1333); one A left → 第二件半价 not met',
    input: { lines: [A(2), B(1)], promotions: [bundleAB, promo('quantityDiscount', 'qd', { mode: 'nthItem', scope: skus('sku_a'), n: 2, payBp: 5000, among: 'sameSku' })] },
    payable: 25_000, saved: { bd: 3000 }, lines: { l1: { bd: 1667 }, l2: { bd: 1333 } }, notApplied: { qd: 'threshold_not_met' },
  },
  {
    name: 'prices a group buy at the group price when the customer joins a group', why: '拼团 ¥39 vs ¥59: saved 2000',
    input: { lines: [buildLine('l1', { unitPrice: 5900 })], promotions: [promo('groupBuy', 'gb', { scope: ORDER, groupPrice: { type: 'fixed', unitPrice: 3900 }, groupSize: 3 }, { endsAt: T0 + DAY })], groupBuyJoin: { promotionId: 'gb' } },
    payable: 3900, saved: { gb: 2000 },
    check: (r) => expect(r.groupBuy).toEqual([{ promotionId: 'gb', groupSize: 3, endsAt: T0 + DAY, lineIds: ['l1'], condition: 'group_of_size_forms_before_end', refundIfGroupFails: true }]),
  },
  { name: 'charges list price for a group-buy SKU bought alone', why: 'not joining: 5900', input: { lines: [buildLine('l1', { unitPrice: 5900 })], promotions: [promo('groupBuy', 'gb', { scope: ORDER, groupPrice: { type: 'fixed', unitPrice: 3900 }, groupSize: 3 })] }, payable: 5900, saved: {}, notApplied: { gb: 'not_joining_group' } },
  { name: 'ignores an item price in another channel', why: 'timed price only on jd; line on tmall', input: { lines: [buildLine('l1')], promotions: [promo('timedPrice', 'tp', { scope: ORDER, price: { type: 'percent', payBp: 8000 } }, { channelIds: ['jd'] })] }, payable: 10_000, saved: {}, notApplied: { tp: 'wrong_channel' } },
];

describe('priceCart worked examples: item-level stages', () => {
  runWorkedExamples(cases);
});

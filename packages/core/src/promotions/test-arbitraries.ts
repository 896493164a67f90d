// fast-check generators of zod-valid pricing inputs for the property tests: small id pools so
// scopes, channels and SKUs overlap often; promotions of every rule type, including ones whose
// configuration is contradictory (the engine must still not throw).
import fc from 'fast-check';
import type { CartLine, Customer, PricingInput, ShippingConfig } from './input-schemas.ts';
import type { Promotion } from './promotion-schema.ts';
import { MEMBER_TIERS, type Scope } from './rule-args.ts';
import { STACK_CLASSES } from './stacking.ts';
import { DAY, T0 } from './test-builders.ts';

const SKUS = ['sku_1', 'sku_2', 'sku_3', 'sku_4', 'sku_5'];
const CHANNELS = ['tmall', 'jd', 'pdd'];
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const sub = <T>(xs: readonly T[]) => fc.subarray([...xs], { minLength: 1 });
const bp = fc.integer({ min: 0, max: 10_000 });
const fen = (max: number) => fc.integer({ min: 0, max });

const scopeArb: fc.Arbitrary<Scope> = fc.oneof(
  fc.constant({ type: 'order' as const }),
  sub(SKUS).map((ids) => ({ type: 'skus' as const, ids })),
  sub(['prd_1', 'prd_2', 'prd_3']).map((ids) => ({ type: 'products' as const, ids })),
  sub(['cat_1', 'cat_2', 'cat_3']).map((ids) => ({ type: 'categories' as const, ids })),
  sub(['tag_1', 'tag_2']).map((ids) => ({ type: 'tags' as const, ids })),
);
const priceSpec = fc.oneof(fen(60_000).map((unitPrice) => ({ type: 'fixed' as const, unitPrice })), bp.map((payBp) => ({ type: 'percent' as const, payBp })));
const increasing = (n: number, max: number) => fc.uniqueArray(fc.integer({ min: 0, max }), { minLength: 1, maxLength: n }).map((xs) => xs.sort((a, b) => a - b));

const spendArgs = fc.oneof(
  fc.record({ scope: scopeArb, mode: fc.constant('ladder' as const), steps: increasing(3, 100_000).map((ts) => ts.map((threshold, i) => ({ threshold, discount: 500 * (i + 1) + (threshold % 700) }))) }),
  fc.record({ scope: scopeArb, mode: fc.constant('repeat' as const), every: fc.integer({ min: 1000, max: 40_000 }), discount: fc.integer({ min: 1, max: 6000 }), cap: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: undefined }) }),
);

const argsByCode: Record<string, fc.Arbitrary<unknown>> = {
  spendThresholdDiscount: spendArgs,
  crossChannelThreshold: fc.tuple(spendArgs, sub(CHANNELS)).map(([a, channelIds]) => ({ ...a, channelIds })),
  spendThresholdPercent: fc.record({ scope: scopeArb, steps: increasing(2, 80_000).map((ts) => ts.map((threshold, i) => ({ threshold, payBp: 9500 - 500 * i }))), cap: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }) }),
  quantityDiscount: fc.oneof(
    fc.record({ mode: fc.constant('nthItem' as const), scope: scopeArb, n: fc.integer({ min: 2, max: 4 }), payBp: bp, among: pick(['cheapest', 'sameSku'] as const), repeat: fc.option(fc.boolean(), { nil: undefined }) }),
    fc.record({ mode: fc.constant('tiers' as const), scope: scopeArb, tiers: increasing(3, 6).map((qs) => qs.map((q, i) => ({ minQuantity: q + 1, payBp: 9500 - 700 * i }))) }),
  ),
  timedPrice: fc.record({ scope: scopeArb, price: priceSpec, perCustomerLimit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) }),
  flashSale: fc.record({ scope: scopeArb, price: priceSpec, promoStock: fc.integer({ min: 0, max: 5 }), perCustomerLimit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) }),
  memberPrice: fc.record({ scope: scopeArb, prices: fc.record({ silver: priceSpec, gold: priceSpec, diamond: priceSpec }, { requiredKeys: [] }) }),
  bundle: fc.record({ items: fc.uniqueArray(fc.record({ skuId: pick(SKUS), quantity: fc.integer({ min: 1, max: 2 }) }), { minLength: 1, maxLength: 3, selector: (i) => i.skuId }), price: fen(40_000), maxApplications: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) }),
  giftWithPurchase: fc.record({
    scope: scopeArb,
    condition: fc.oneof(fen(50_000).map((threshold) => ({ type: 'spend' as const, threshold })), fc.integer({ min: 1, max: 5 }).map((minQuantity) => ({ type: 'quantity' as const, minQuantity }))),
    gift: fc.record({ skuId: fc.constant('sku_gift'), productId: fc.constant('prd_gift'), quantity: fc.integer({ min: 1, max: 2 }), unitValue: fen(5000), weightGrams: fc.option(fen(500), { nil: undefined }) }),
    giftStock: fc.integer({ min: 0, max: 3 }),
    repeat: fc.option(fc.boolean(), { nil: undefined }),
  }),
  pointsRedemption: fc.record({ pointsPerUnit: fc.integer({ min: 1, max: 200 }), unitValue: fc.integer({ min: 1, max: 200 }), capBp: bp }),
  freeShipping: fc.record({ scope: scopeArb, threshold: fen(30_000), minQuantity: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }), excludedRegions: fc.option(fc.constant(['xinjiang']), { nil: undefined }) }),
  presale: fc.record({ scope: scopeArb, depositPerUnit: fc.integer({ min: 1, max: 5000 }), depositValuePerUnit: fc.integer({ min: 1, max: 15_000 }), balanceStartsAt: fc.constant(T0 + DAY), balanceEndsAt: fc.constant(T0 + 2 * DAY) }),
  groupBuy: fc.record({ scope: scopeArb, groupPrice: priceSpec, groupSize: fc.integer({ min: 2, max: 5 }) }),
  coupon: fc.record({
    kind: pick(['order', 'product', 'newCustomer', 'shipping'] as const),
    scope: scopeArb,
    threshold: fen(40_000),
    discount: fc.oneof(fc.integer({ min: 1, max: 8000 }).map((amount) => ({ type: 'amount' as const, amount })), fc.record({ type: fc.constant('percent' as const), payBp: bp, cap: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }) })),
    validity: fc.oneof(fc.constant({ type: 'daysAfterClaim' as const, days: 7 }), fc.constant({ type: 'window' as const, startsAt: T0 - DAY, endsAt: T0 + DAY })),
  }),
};

const commonArb = fc.record({
  priority: fc.option(fc.integer({ min: -2, max: 2 }), { nil: undefined }),
  exclusive: fc.option(fc.boolean(), { nil: undefined, freq: 4 }),
  startsAt: fc.option(pick([T0 - DAY, T0 + 1]), { nil: undefined, freq: 6 }),
  channelIds: fc.option(sub(CHANNELS), { nil: undefined, freq: 4 }),
  tiers: fc.option(sub(MEMBER_TIERS), { nil: undefined, freq: 5 }),
  stacking: fc.option(fc.record({ allow: fc.subarray([...STACK_CLASSES]), forbid: fc.subarray([...STACK_CLASSES], { maxLength: 2 }) }), { nil: undefined, freq: 5 }),
}, { requiredKeys: [] });

export const promotionsArb: fc.Arbitrary<Promotion[]> = fc
  .array(fc.tuple(pick(Object.keys(argsByCode)), commonArb).chain(([code, common]) => argsByCode[code]!.map((args) => ({ code, args, common }))), { maxLength: 12 })
  .map((ps) => ps.map(({ code, args, common }, i) => {
    const clean = Object.fromEntries(Object.entries(common).filter(([, v]) => v !== undefined));
    return { id: `p${i}`, code, args, ...clean } as unknown as Promotion;
  }));

export const linesArb: fc.Arbitrary<CartLine[]> = fc
  .array(fc.record({
    skuIndex: fc.integer({ min: 0, max: 4 }), quantity: fc.integer({ min: 1, max: 5 }), unitPrice: fc.integer({ min: 0, max: 50_000 }),
    floorShare: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), channelId: pick(CHANNELS),
    categoryIds: fc.subarray(['cat_1', 'cat_2', 'cat_3']), tags: fc.subarray(['tag_1', 'tag_2']), weightGrams: fc.option(fen(3000), { nil: undefined }),
  }), { minLength: 0, maxLength: 8 })
  .map((ls) => ls.map((l, i) => {
    const line: CartLine = { lineId: `l${i}`, skuId: SKUS[l.skuIndex]!, productId: `prd_${(l.skuIndex % 3) + 1}`, quantity: l.quantity, unitPrice: l.unitPrice, categoryIds: l.categoryIds, tags: l.tags, channelId: l.channelId };
    if (l.floorShare !== undefined) line.floorPrice = Math.floor((l.unitPrice * l.floorShare) / 100);
    if (l.weightGrams !== undefined) line.weightGrams = l.weightGrams;
    return line;
  }));

/** A customer holding some of the coupon promotions in `promotions` (and one unknown coupon). */
export function customerArb(promotions: readonly Promotion[], id = 'cus_1'): fc.Arbitrary<Customer> {
  const couponIds = [...promotions.filter((p) => p.code === 'coupon').map((p) => p.id), 'gone'];
  return fc.record({
    tier: pick(MEMBER_TIERS),
    isNewCustomer: fc.boolean(),
    pointsBalance: fc.integer({ min: 0, max: 20_000 }),
    held: fc.array(fc.record({ promotionId: pick(couponIds), daysAgo: fc.integer({ min: 0, max: 9 }), used: fc.integer({ min: 0, max: 7 }).map((x) => x === 0) }), { maxLength: 6 }),
    usage: fc.dictionary(pick(promotions.map((p) => p.id).concat(['none'])), fc.integer({ min: 0, max: 2 }), { maxKeys: 2 }),
  }).map((c) => ({
    id, tier: c.tier, isNewCustomer: c.isNewCustomer, pointsBalance: c.pointsBalance,
    coupons: c.held.map((h, i) => ({ id: `h${i}`, promotionId: h.promotionId, claimedAt: T0 - h.daysAgo * DAY, usedAt: h.used ? T0 - 1 : null })),
    promotionUsage: c.usage,
  }));
}

const shippingConfig: ShippingConfig = { rules: [
  { id: 'std', regions: [], firstWeightGrams: 1000, firstFee: 1000, additionalWeightGrams: 1000, additionalFee: 500 },
  { id: 'xj', regions: ['xinjiang'], firstWeightGrams: 1000, firstFee: 2000, additionalWeightGrams: 500, additionalFee: 800 },
] };
const shippingArb = fc.option(fc.constant(shippingConfig), { nil: undefined });

export interface Scenario {
  base: Omit<PricingInput, 'customer'>;
  promotions: Promotion[];
}

/** Cart, promotions, shipping, time and request options (no customer). */
export const scenarioArb: fc.Arbitrary<Omit<PricingInput, 'customer'>> = fc
  .record({ lines: linesArb, promotions: promotionsArb, shipping: shippingArb, region: pick(['zhejiang', 'xinjiang']), points: fc.option(fc.oneof(fc.constant('max' as const), fc.integer({ min: 0, max: 5000 })), { nil: undefined }), join: fc.boolean() })
  .map((s) => {
    const out: Omit<PricingInput, 'customer'> = { now: T0, lines: s.lines, promotions: s.promotions, destinationRegion: s.region };
    if (s.shipping !== undefined) out.shipping = s.shipping;
    if (s.points !== undefined) out.pointsToRedeem = s.points;
    const group = s.promotions.find((p) => p.code === 'groupBuy');
    if (s.join && group !== undefined) out.groupBuyJoin = { promotionId: group.id };
    return out;
  });

/** A full valid pricing input. */
export const pricingInputArb: fc.Arbitrary<PricingInput> = scenarioArb.chain((s) => customerArb(s.promotions).map((customer) => ({ ...s, customer })));

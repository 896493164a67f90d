import { describe, expect, it } from 'vitest';
import { validatePromotion, validatePromotionSet } from './validate-promotion.ts';
import { DAY, ORDER, T0, amountCoupon, promo, skus } from './test-builders.ts';

const codes = (r: { problems: { code: string }[] }) => r.problems.map((p) => p.code);

describe('validatePromotion', () => {
  it('accepts a well-formed 阶梯满减', () => {
    const r = validatePromotion(promo('spendThresholdDiscount', 'ld', { scope: ORDER, mode: 'ladder', steps: [{ threshold: 19_900, discount: 2000 }, { threshold: 29_900, discount: 4000 }] }));
    expect(r).toMatchObject({ ok: true, problems: [] });
  });

  it.each([
    ['threshold_ladder_not_increasing', promo('spendThresholdDiscount', 'a', { scope: ORDER, mode: 'ladder', steps: [{ threshold: 29_900, discount: 2000 }, { threshold: 19_900, discount: 4000 }] })],
    ['ladder_discount_not_increasing', promo('spendThresholdDiscount', 'a', { scope: ORDER, mode: 'ladder', steps: [{ threshold: 19_900, discount: 4000 }, { threshold: 29_900, discount: 4000 }] })],
    ['discount_exceeds_threshold', promo('spendThresholdDiscount', 'a', { scope: ORDER, mode: 'ladder', steps: [{ threshold: 1000, discount: 2000 }] })],
    ['discount_exceeds_threshold', amountCoupon('c', 1000, 2000)],
    ['discount_exceeds_threshold', promo('spendThresholdDiscount', 'a', { scope: ORDER, mode: 'repeat', every: 1000, discount: 2000 })],
    ['ladder_discount_not_increasing', promo('spendThresholdPercent', 'a', { scope: ORDER, steps: [{ threshold: 20_000, payBp: 9000 }, { threshold: 30_000, payBp: 9500 }] })],
    ['threshold_ladder_not_increasing', promo('spendThresholdPercent', 'a', { scope: ORDER, steps: [{ threshold: 30_000, payBp: 9500 }, { threshold: 30_000, payBp: 9000 }] })],
    ['window_ends_before_start', promo('presale', 'p', { scope: ORDER, depositPerUnit: 5000, depositValuePerUnit: 15_000, balanceStartsAt: T0 + 2 * DAY, balanceEndsAt: T0 + DAY })],
    ['invalid_percentage', promo('pointsRedemption', 'pt', { pointsPerUnit: 100, unitValue: 100, capBp: 0 })],
    ['cap_below_discount', promo('spendThresholdDiscount', 'a', { scope: ORDER, mode: 'repeat', every: 30_000, discount: 5000, cap: 4000 })],
    ['window_ends_before_start', promo('flashSale', 'f', { scope: skus('s'), price: { type: 'fixed', unitPrice: 100 }, promoStock: 1 }, { startsAt: T0, endsAt: T0 - 1 })],
    ['window_ends_before_start', amountCoupon('c', 0, 100, { validity: { type: 'window', startsAt: T0, endsAt: T0 } })],
    ['invalid_percentage', promo('timedPrice', 't', { scope: ORDER, price: { type: 'percent', payBp: 10_000 } })],
    ['invalid_percentage', { id: 't', code: 'timedPrice', args: { scope: ORDER, price: { type: 'percent', payBp: 12_000 } } }],
    ['quantity_tiers_not_increasing', promo('quantityDiscount', 'q', { mode: 'tiers', scope: ORDER, tiers: [{ minQuantity: 3, payBp: 8000 }, { minQuantity: 2, payBp: 9000 }] })],
    ['bundle_duplicate_sku', promo('bundle', 'b', { items: [{ skuId: 'a', quantity: 1 }, { skuId: 'a', quantity: 1 }], price: 100 })],
    ['bundle_too_small', promo('bundle', 'b', { items: [{ skuId: 'a', quantity: 1 }], price: 100 })],
    ['deposit_value_not_greater', promo('presale', 'p', { scope: ORDER, depositPerUnit: 5000, depositValuePerUnit: 5000, balanceStartsAt: T0 + DAY, balanceEndsAt: T0 + 2 * DAY })],
    ['balance_window_before_deposit', promo('presale', 'p', { scope: ORDER, depositPerUnit: 5000, depositValuePerUnit: 15_000, balanceStartsAt: T0, balanceEndsAt: T0 + 2 * DAY }, { endsAt: T0 + DAY })],
    ['cross_channel_needs_two_channels', promo('crossChannelThreshold', 'x', { scope: ORDER, channelIds: ['tmall'], mode: 'repeat', every: 30_000, discount: 5000 })],
    ['cross_channel_needs_two_channels', promo('crossChannelThreshold', 'x', { scope: ORDER, channelIds: ['tmall', 'jd'], mode: 'repeat', every: 30_000, discount: 5000 }, { channelIds: ['tmall', 'pdd'] })],
    ['member_price_empty', promo('memberPrice', 'm', { scope: ORDER, prices: {} })],
    ['stacking_allow_and_forbid', amountCoupon('c', 0, 100, {}, { stacking: { allow: ['productCoupon'], forbid: ['productCoupon'] } })],
    ['region_both_included_and_excluded', promo('freeShipping', 'f', { scope: ORDER, threshold: 9900, regions: ['xinjiang'], excludedRegions: ['xinjiang'] })],
    ['repeat_needs_positive_threshold', promo('giftWithPurchase', 'g', { scope: ORDER, condition: { type: 'spend', threshold: 0 }, gift: { skuId: 'g', productId: 'g', quantity: 1, unitValue: 0 }, giftStock: 1, repeat: true })],
    ['unknown_rule_code', { id: 'u', code: 'buyNowPayLater', args: {} }],
    ['invalid_field', { id: 'f', code: 'flashSale', args: { scope: ORDER, price: { type: 'fixed', unitPrice: 1.5 }, promoStock: 1 } }],
  ])('reports %s', (code, raw) => {
    const r = validatePromotion(raw);
    expect(r.ok).toBe(false);
    expect(codes(r)).toContain(code);
  });

  it('accepts a 跨店满减 running in at least two of the channels it pools', () => {
    expect(validatePromotion(promo('crossChannelThreshold', 'x', { scope: ORDER, channelIds: ['tmall', 'jd', 'pdd'], mode: 'repeat', every: 30_000, discount: 5000 }, { channelIds: ['tmall', 'jd'] })).ok).toBe(true);
  });

  it('names the promotion and the failing path in each problem', () => {
    const r = validatePromotion(promo('spendThresholdDiscount', 'ld', { scope: ORDER, mode: 'ladder', steps: [{ threshold: 300, discount: 20 }, { threshold: 200, discount: 40 }] }));
    expect(r.problems[0]).toMatchObject({ code: 'threshold_ladder_not_increasing', promotionId: 'ld', path: ['args', 'steps', 1, 'threshold'] });
  });
});

describe('validatePromotionSet', () => {
  const flash = (id: string, sku: string, startsAt: number, endsAt: number) => promo('flashSale', id, { scope: skus(sku), price: { type: 'fixed', unitPrice: 100 }, promoStock: 5 }, { startsAt, endsAt });

  it('reports two flash sales on one SKU at overlapping times', () => {
    expect(codes(validatePromotionSet([flash('f1', 'a', T0, T0 + 10), flash('f2', 'a', T0 + 5, T0 + 20)]))).toEqual(['overlapping_flash_sale']);
  });

  it('accepts back-to-back flash sales and flash sales on different SKUs', () => {
    expect(validatePromotionSet([flash('f1', 'a', T0, T0 + 10), flash('f2', 'a', T0 + 10, T0 + 20), flash('f3', 'b', T0, T0 + 20)]).ok).toBe(true);
  });

  it('reports duplicate promotion ids and prefixes problem paths with the index', () => {
    const r = validatePromotionSet([amountCoupon('c', 0, 100), amountCoupon('c', 0, 100), amountCoupon('d', 10, 100)]);
    expect(codes(r)).toEqual(expect.arrayContaining(['duplicate_promotion_id', 'discount_exceeds_threshold']));
    expect(r.problems.find((p) => p.code === 'discount_exceeds_threshold')!.path[0]).toBe(2);
  });
});

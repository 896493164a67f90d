// Fixed scenarios shared by the benchmark (bench/promotions-bench.ts) and the performance tests.
import type { PricingInput } from './input-schemas.ts';
import type { Promotion } from './promotion-schema.ts';
import { ORDER, amountCoupon, buildCustomer, buildInput, buildLine, held, promo } from './test-builders.ts';

/** 30 held coupons of every kind over a 10-line cart in 3 categories. */
export function thirtyCouponCase(): PricingInput {
  const lines = Array.from({ length: 10 }, (_, i) => buildLine(`l${i}`, { unitPrice: 3000 + 1700 * i, quantity: 1 + (i % 3), categoryIds: [`cat_${i % 3}`], weightGrams: 400 }));
  const promotions: Promotion[] = [];
  for (let i = 0; i < 10; i++) promotions.push(amountCoupon(`ord${i}`, 10_000 * (i + 1), 800 * (i + 1) + (i % 4) * 150));
  for (let i = 0; i < 12; i++) promotions.push(amountCoupon(`prd${i}`, 2000 + 1500 * i, 300 + 200 * i, { kind: 'product', scope: { type: 'categories', ids: [`cat_${i % 3}`] } }));
  for (let i = 0; i < 4; i++) promotions.push(promo('coupon', `pct${i}`, { kind: i % 2 === 0 ? 'order' : 'newCustomer', scope: ORDER, threshold: 5000 * i, discount: { type: 'percent', payBp: 9500 - 300 * i, cap: 1500 + 700 * i }, validity: { type: 'daysAfterClaim', days: 30 } }));
  for (let i = 0; i < 4; i++) promotions.push(amountCoupon(`shp${i}`, 3000 * i, 300 + 250 * i, { kind: 'shipping' }));
  const customer = buildCustomer({ isNewCustomer: true, coupons: promotions.map((p, i) => held(`h${String(i).padStart(2, '0')}`, p.id)) });
  const shipping = { rules: [{ id: 'std', regions: [], firstWeightGrams: 1000, firstFee: 1000, additionalWeightGrams: 1000, additionalFee: 500 }] };
  return buildInput({ lines, promotions, customer, shipping });
}


/**
 * The benchmark cart: 10 lines over 3 channels and 3 categories, 50 promotions in force of every
 * rule type (of which 10 are coupon definitions), a gold member holding 10 coupons, points and
 * shipping rules.
 */
export function benchCase(): PricingInput {
  const channels = ['tmall', 'jd', 'own'];
  const lines = Array.from({ length: 10 }, (_, i) =>
    buildLine(`l${i}`, { skuId: `sku_${i}`, productId: `prd_${i % 7}`, unitPrice: 2900 + 3100 * i, quantity: 1 + (i % 3), categoryIds: [`cat_${i % 3}`], tags: i % 2 === 0 ? ['new'] : ['hot'], channelId: channels[i % 3]!, weightGrams: 300 + 50 * i, floorPrice: i === 4 ? 10_000 : undefined }));
  const cat = (i: number) => ({ type: 'categories' as const, ids: [`cat_${i % 3}`] });
  const sku = (i: number) => ({ type: 'skus' as const, ids: [`sku_${i % 12}`] });
  const p: Promotion[] = [];
  for (let i = 0; i < 5; i++) p.push(promo('flashSale', `fs${i}`, { scope: sku(i * 2), price: { type: 'percent', payBp: 6000 + 500 * i }, promoStock: 50, perCustomerLimit: 1 }));
  for (let i = 0; i < 7; i++) p.push(promo('timedPrice', `tp${i}`, { scope: sku(i * 2 + 1), price: { type: 'percent', payBp: 8500 } }));
  for (let i = 0; i < 3; i++) p.push(promo('memberPrice', `mp${i}`, { scope: cat(i), prices: { silver: { type: 'percent', payBp: 9800 }, gold: { type: 'percent', payBp: 9500 - 100 * i }, diamond: { type: 'percent', payBp: 9000 } } }));
  for (let i = 0; i < 5; i++) p.push(promo('bundle', `bd${i}`, { items: [{ skuId: `sku_${i}`, quantity: 1 }, { skuId: `sku_${i + 5}`, quantity: 1 }], price: 20_000 + 3000 * i }));
  for (let i = 0; i < 5; i++) p.push(i % 2 === 0
    ? promo('quantityDiscount', `qd${i}`, { mode: 'nthItem', scope: cat(i), n: 2, payBp: 5000, among: 'sameSku' })
    : promo('quantityDiscount', `qd${i}`, { mode: 'tiers', scope: cat(i), tiers: [{ minQuantity: 3, payBp: 9000 }, { minQuantity: 5, payBp: 8500 }] }));
  for (let i = 0; i < 6; i++) p.push(promo('spendThresholdDiscount', `st${i}`, { scope: i < 3 ? cat(i) : { type: 'tags', ids: [i % 2 ? 'hot' : 'new'] }, mode: 'ladder', steps: [{ threshold: 19_900, discount: 2000 }, { threshold: 29_900, discount: 4000 }, { threshold: 39_900, discount: 7000 }] }, { priority: i }));
  for (let i = 0; i < 2; i++) p.push(promo('spendThresholdPercent', `sp${i}`, { scope: cat(i), steps: [{ threshold: 30_000, payBp: 9500 }, { threshold: 60_000, payBp: 9000 }], cap: 5000 }));
  for (let i = 0; i < 2; i++) p.push(promo('crossChannelThreshold', `x${i}`, { scope: ORDER, channelIds: i === 0 ? ['tmall', 'jd'] : ['jd', 'own'], mode: 'repeat', every: 30_000, discount: 5000, cap: 50_000 }));
  for (let i = 0; i < 3; i++) p.push(promo('giftWithPurchase', `gw${i}`, { scope: cat(i), condition: { type: 'spend', threshold: 20_000 * (i + 1) }, gift: { skuId: `gift_${i}`, productId: `gift_${i}`, quantity: 1, unitValue: 1990 }, giftStock: i }));
  for (let i = 0; i < 4; i++) p.push(amountCoupon(`co${i}`, 20_000 * (i + 1), 1500 * (i + 1)));
  for (let i = 0; i < 3; i++) p.push(amountCoupon(`cp${i}`, 5000, 600 + 200 * i, { kind: 'product', scope: cat(i) }));
  p.push(amountCoupon('cn', 0, 2000, { kind: 'newCustomer' }));
  p.push(amountCoupon('cs0', 0, 800, { kind: 'shipping' }));
  p.push(promo('coupon', 'cpct', { kind: 'order', scope: ORDER, threshold: 50_000, discount: { type: 'percent', payBp: 9200, cap: 8000 }, validity: { type: 'daysAfterClaim', days: 30 } }));
  p.push(promo('pointsRedemption', 'pts', { pointsPerUnit: 100, unitValue: 100, capBp: 5000 }));
  p.push(promo('freeShipping', 'free', { scope: ORDER, threshold: 99_900, excludedRegions: ['xinjiang'] }));
  const couponIds = ['co0', 'co1', 'co2', 'co3', 'cp0', 'cp1', 'cp2', 'cn', 'cs0', 'cpct'];
  const customer = buildCustomer({ tier: 'gold', isNewCustomer: true, pointsBalance: 30_000, coupons: couponIds.map((id, i) => held(`h${i}`, id)) });
  const shipping = { rules: [{ id: 'std', regions: [], firstWeightGrams: 1000, firstFee: 1000, additionalWeightGrams: 1000, additionalFee: 500 }] };
  return buildInput({ lines, promotions: p, customer, shipping, destinationRegion: 'zhejiang', pointsToRedeem: 'max' });
}

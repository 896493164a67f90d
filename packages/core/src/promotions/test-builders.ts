// Builders with sensible defaults for the promotions tests and the benchmark (not shipped logic).
// Money in fen: ¥100 = 10000.
import type { CartLine, Customer, HeldCoupon, PricingInput } from './input-schemas.ts';
import type { Promotion, PromotionOf, RuleCode } from './promotion-schema.ts';
import type { PricingResult } from './types.ts';

/** 2024-11-11 00:00 +08:00, the 双11 kick-off. */
export const T0 = Date.parse('2024-11-11T00:00:00+08:00');
export const DAY = 86_400_000;

export function buildLine(lineId: string, over: Partial<CartLine> = {}): CartLine {
  return { lineId, skuId: `sku_${lineId}`, productId: `prd_${lineId}`, quantity: 1, unitPrice: 10_000, categoryIds: [], tags: [], channelId: 'tmall', ...over };
}

export function buildCustomer(over: Partial<Customer> = {}): Customer {
  return { id: 'cus_1', tier: 'regular', isNewCustomer: false, pointsBalance: 0, coupons: [], ...over };
}

export function held(id: string, promotionId: string, over: Partial<HeldCoupon> = {}): HeldCoupon {
  return { id, promotionId, claimedAt: T0 - DAY, ...over };
}

export function buildInput(over: Partial<PricingInput> = {}): PricingInput {
  return { now: T0, lines: [], customer: buildCustomer(), promotions: [], ...over };
}

/** A promotion of `code` with `args`; other common fields via `over`. */
export function promo<C extends RuleCode>(code: C, id: string, args: PromotionOf<C>['args'], over: Partial<Omit<PromotionOf<C>, 'code' | 'args'>> = {}): Promotion {
  return { id, code, args, ...over } as unknown as Promotion;
}

export const ORDER = { type: 'order' } as const;
export const skus = (...ids: string[]) => ({ type: 'skus' as const, ids });

/** An order-level coupon promotion: threshold and amount in fen, valid 30 days after claim. */
export function amountCoupon(id: string, threshold: number, amount: number, over: Partial<PromotionOf<'coupon'>['args']> = {}, common: Partial<Omit<PromotionOf<'coupon'>, 'code' | 'args'>> = {}): Promotion {
  return promo('coupon', id, { kind: 'order', scope: ORDER, threshold, discount: { type: 'amount', amount }, validity: { type: 'daysAfterClaim', days: 30 }, ...over }, common);
}

export function savedBy(r: PricingResult): Record<string, number> {
  return Object.fromEntries(r.applied.map((a) => [a.heldCouponId ?? a.promotionId, a.saved]));
}

export function lineDiscounts(r: PricingResult, lineId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of r.lines.find((l) => l.lineId === lineId)?.discounts ?? []) {
    const key = d.heldCouponId ?? d.promotionId;
    out[key] = (out[key] ?? 0) + d.amount;
  }
  return out;
}


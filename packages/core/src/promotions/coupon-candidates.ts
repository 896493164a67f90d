// Coupons held by the customer → the usable candidates for the coupon stage, each with the lines
// it may apply to and an upper bound of what it can save alone. Unusable coupons are reported
// with a stable reason (coupon_used, coupon_expired, outside_window, not_new_customer, …).
import { percentageDiscount } from '../money/index.ts';
import type { HeldCoupon } from './input-schemas.ts';
import type { PromotionOf } from './promotion-schema.ts';
import { eligibleLines, gate, headroom, infoOf, recordNotApplied, sumBase, type PricingContext, type WorkLine } from './pricing-context.ts';
import { sortSmall } from './small-sort.ts';
import type { StackInfo } from './stacking.ts';
import type { PersonalBasis } from './types.ts';

export type CouponPromotion = PromotionOf<'coupon'>;
const DAY_MS = 86_400_000;

export interface CouponCandidate {
  held: HeldCoupon;
  promotion: CouponPromotion;
  /** Its stacking facts (read at every search node). */
  info: StackInfo;
  /** 0 product, 1 order / new customer, 2 shipping: the order coupons are applied in. */
  rank: 0 | 1 | 2;
  /** Indexes into ctx.lines the coupon may apply to (channel, scope, non-coupon stacking). */
  lines: number[];
  /** Saving on its own at the start of the stage: an upper bound in any combination. */
  upperBound: number;
  expiresAt: number;
  personal: PersonalBasis[];
}

const byHeldId = (a: HeldCoupon, b: HeldCoupon): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Held coupons usually arrive in id order; checking is cheaper than sorting. */
function isSortedById(held: readonly HeldCoupon[]): boolean {
  for (let i = 1; i < held.length; i++) if (byHeldId(held[i - 1]!, held[i]!) > 0) return false;
  return true;
}

/**
 * Up to this many coupons (or usable instances) are matched by a linear scan: cheaper than
 * building a Map on every pricing run. Beyond it, a Map keeps the work linear.
 */
const SCAN_LIMIT = 16;

/** The last coupon promotion with `id` (the one a Map filled in order would keep). */
function lastWithId(coupons: readonly CouponPromotion[], id: string): CouponPromotion | undefined {
  for (let k = coupons.length - 1; k >= 0; k--) if (coupons[k]!.id === id) return coupons[k];
  return undefined;
}

/** Value of a coupon's discount on a measured amount (fen), before floors. */
export function couponValue(p: CouponPromotion, amount: number): number {
  const d = p.args.discount;
  if (d.type === 'amount') return Math.min(d.amount, amount);
  const raw = percentageDiscount(amount, d.payBp);
  return d.cap !== undefined ? Math.min(raw, d.cap) : raw;
}

function validity(p: CouponPromotion, held: HeldCoupon): { startsAt: number; expiresAt: number } {
  const v = p.args.validity;
  return v.type === 'window' ? { startsAt: v.startsAt, expiresAt: v.endsAt } : { startsAt: held.claimedAt, expiresAt: held.claimedAt + v.days * DAY_MS };
}

function personalOf(ctx: PricingContext, p: CouponPromotion, held: HeldCoupon): PersonalBasis[] {
  const personal: PersonalBasis[] = [{ basis: 'coupon', heldCouponId: held.id }];
  if (p.args.kind === 'newCustomer') personal.push({ basis: 'new_customer', isNewCustomer: ctx.customer.isNewCustomer });
  if (p.tiers !== undefined) personal.push({ basis: 'tier', tier: ctx.customer.tier });
  return personal;
}

/**
 * Usable coupon candidates, one per coupon promotion (the instance expiring first), sorted in
 * application order. `shippingFee` is the fee left after free shipping.
 */
export function couponCandidates(ctx: PricingContext, shippingFee: number): CouponCandidate[] {
  const coupons = ctx.byStage.coupon as CouponPromotion[];
  let byId: Map<string, CouponPromotion> | null = null;
  if (coupons.length > SCAN_LIMIT) {
    byId = new Map<string, CouponPromotion>();
    for (const p of coupons) byId.set(p.id, p);
  }
  const held = ctx.customer.coupons.slice();
  if (!isSortedById(held)) held.sort(byHeldId);
  const usable: CouponCandidate[] = [];
  for (const h of held) {
    const p = byId !== null ? byId.get(h.promotionId) : lastWithId(coupons, h.promotionId);
    if (p === undefined) {
      recordNotApplied(ctx, { id: h.promotionId, code: 'coupon' }, 'not_in_force', { heldCouponId: h.id, personal: [{ basis: 'coupon', heldCouponId: h.id }] });
      continue;
    }
    const personal = personalOf(ctx, p, h);
    const extra = { heldCouponId: h.id, personal };
    const { startsAt, expiresAt } = validity(p, h);
    const gated = gate(ctx, p);
    if (h.usedAt !== undefined && h.usedAt !== null) recordNotApplied(ctx, p, 'coupon_used', extra);
    else if (ctx.now >= expiresAt) recordNotApplied(ctx, p, 'coupon_expired', extra);
    else if (ctx.now < startsAt) recordNotApplied(ctx, p, 'outside_window', extra);
    else if (gated !== null) recordNotApplied(ctx, p, gated, extra);
    else if (p.args.kind === 'newCustomer' && !ctx.customer.isNewCustomer) recordNotApplied(ctx, p, 'not_new_customer', extra);
    else {
      const candidate = build(ctx, p, h, personal, expiresAt, shippingFee);
      if (candidate !== null) usable.push(candidate);
    }
  }
  // One coupon of each promotion per order: keep the instance that expires first. `best` holds
  // them in the order their promotions first appear (as a Map's values would).
  const best: CouponCandidate[] = [];
  const slotOf = usable.length > SCAN_LIMIT ? new Map<string, number>() : null;
  for (const c of usable) {
    const id = c.promotion.id;
    let slot = -1;
    if (slotOf !== null) slot = slotOf.get(id) ?? -1;
    else for (let k = 0; k < best.length && slot === -1; k++) if (best[k]!.promotion.id === id) slot = k;
    const kept = slot === -1 ? undefined : best[slot]!;
    if (kept === undefined || c.expiresAt < kept.expiresAt) {
      if (kept !== undefined) recordNotApplied(ctx, kept.promotion, 'limit_reached', { heldCouponId: kept.held.id, personal: kept.personal, detail: { rule: 'one_per_coupon_per_order' } });
      if (slot !== -1) best[slot] = c;
      else {
        slotOf?.set(id, best.length);
        best.push(c);
      }
    } else {
      recordNotApplied(ctx, c.promotion, 'limit_reached', { heldCouponId: c.held.id, personal: c.personal, detail: { rule: 'one_per_coupon_per_order' } });
    }
  }
  return sortSmall(best, applicationOrder);
}

function totalHeadroom(lines: readonly WorkLine[]): number {
  let room = 0;
  for (const wl of lines) room += headroom(wl);
  return room;
}

function build(ctx: PricingContext, p: CouponPromotion, h: HeldCoupon, personal: PersonalBasis[], expiresAt: number, shippingFee: number): CouponCandidate | null {
  const extra = { heldCouponId: h.id, personal };
  const { lines, reason } = eligibleLines(ctx, p, p.args.scope);
  if (reason !== null) {
    recordNotApplied(ctx, p, reason, extra);
    return null;
  }
  const base = sumBase(lines);
  if (base < p.args.threshold) {
    recordNotApplied(ctx, p, 'threshold_not_met', { ...extra, detail: { base } });
    const d = p.args.discount;
    ctx.nudges.push({
      kind: 'spend_more', promotionId: p.id, code: p.code, heldCouponId: h.id, missingAmount: p.args.threshold - base,
      benefit: p.args.kind === 'shipping' ? { type: 'free_shipping' } : d.type === 'amount' ? { type: 'amount_off', amount: d.amount } : { type: 'pay_percent', payBp: d.payBp },
    });
    return null;
  }
  const isShipping = p.args.kind === 'shipping';
  const upperBound = isShipping ? couponValue(p, shippingFee) : Math.min(couponValue(p, base), totalHeadroom(lines));
  if (upperBound === 0) {
    recordNotApplied(ctx, p, 'no_saving', extra);
    return null;
  }
  const rank = p.args.kind === 'product' ? 0 : isShipping ? 2 : 1;
  const positions = new Array<number>(lines.length);
  for (let i = 0; i < lines.length; i++) positions[i] = lines[i]!.index;
  return { held: h, promotion: p, info: infoOf(ctx, p), rank, lines: positions, upperBound, expiresAt, personal };
}

/** Coupon application order: product, then order-level, then shipping; priority desc; bigger saving first; id. */
export function applicationOrder(a: CouponCandidate, b: CouponCandidate): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  const pa = a.promotion.priority ?? 0;
  const pb = b.promotion.priority ?? 0;
  if (pa !== pb) return pb - pa;
  if (a.upperBound !== b.upperBound) return b.upperBound - a.upperBound;
  return a.held.id < b.held.id ? -1 : a.held.id > b.held.id ? 1 : 0;
}

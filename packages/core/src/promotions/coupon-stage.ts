// Stage 6 driver: builds the candidates, picks the coupons (explicit selection or exact best
// combination), applies them, and reports every held coupon's outcome. Shipping coupons reduce
// the shipping fee left after free shipping; the rest are spread over lines.
import { couponCandidates, type CouponCandidate } from './coupon-candidates.ts';
import { commitCoupons, describeChoice, searchBestCoupons, type Step } from './choose-coupons.ts';
import { recordApplied, recordNotApplied, type PricingContext } from './pricing-context.ts';
import type { CouponChoice, ShippingBreakdown } from './types.ts';

/** Chooses and applies coupons; mutates `shipping` for shipping coupons. */
export function chooseCoupons(ctx: PricingContext, shipping: ShippingBreakdown): CouponChoice {
  const fee = shipping.fee - shipping.discount;
  const cands = couponCandidates(ctx, fee);
  const selected = ctx.input.selectedCouponIds;
  let chosen: CouponCandidate[];
  let steps: Step[] | null = null;
  // What describeChoice needs besides the saving (no closure: this runs on every pricing).
  let mode: CouponChoice['mode'];
  let explored = 0;
  let exhaustive = true;
  if (selected !== undefined) {
    const wanted = new Set(selected);
    const heldIds = new Set(ctx.customer.coupons.map((c) => c.id));
    for (const id of [...wanted].sort()) {
      if (!heldIds.has(id)) recordNotApplied(ctx, { id, code: 'coupon' }, 'coupon_not_held', { heldCouponId: id });
    }
    chosen = cands.filter((c) => wanted.has(c.held.id));
    for (const c of cands) if (!wanted.has(c.held.id)) recordNotApplied(ctx, c.promotion, 'not_selected', { heldCouponId: c.held.id, personal: c.personal, detail: { couldSave: c.upperBound } });
    mode = 'explicit';
  } else {
    const best = searchBestCoupons(ctx, cands, fee);
    chosen = best.set.map((i) => cands[i]!);
    steps = best.steps;
    // best.set is ascending (the search adds indexes in order): walk it beside cands, no Set.
    let next = 0;
    for (let i = 0; i < cands.length; i++) {
      if (next < best.set.length && best.set[next] === i) {
        next++;
        continue;
      }
      const c = cands[i]!;
      recordNotApplied(ctx, c.promotion, 'not_selected', { heldCouponId: c.held.id, personal: c.personal, detail: { couldSave: c.upperBound } });
    }
    mode = cands.length === 0 ? 'none' : 'best';
    explored = best.explored;
    exhaustive = best.exhaustive;
  }
  let saved = 0;
  const used: CouponCandidate[] = [];
  for (const r of commitCoupons(ctx, chosen, fee, steps)) {
    const c = r.candidate;
    if (r.saved === 0) {
      recordNotApplied(ctx, c.promotion, 'excluded_by_other', { heldCouponId: c.held.id, personal: c.personal });
      continue;
    }
    used.push(c);
    saved += r.saved;
    const isShipping = c.rank === 2;
    if (isShipping) {
      shipping.discount += r.saved;
      shipping.payable -= r.saved;
      shipping.discounts.push({ promotionId: c.promotion.id, code: 'coupon', amount: r.saved, heldCouponId: c.held.id });
    }
    recordApplied(ctx, c.promotion, isShipping ? 'shipping' : 'coupon', r.saved, r.lineIds, {
      heldCouponId: c.held.id, personal: c.personal, detail: { kind: c.promotion.args.kind },
    });
  }
  const result = describeChoice(mode, chosen, saved, cands.length, explored, exhaustive);
  result.heldCouponIds = used.map((c) => c.held.id);
  return result;
}

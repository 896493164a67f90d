// Fairness: two customers pricing the same cart at the same time may pay differently only
// through customer-specific facts the breakdown names (tier, new-customer status, coupons held,
// points, per-customer limits, joining a group). `personalFactors` lists them; equal lists mean
// equal prices (the property tests check this).
import type { PricingResult } from './types.ts';

/** The sorted customer-specific facts behind a result, as stable strings. */
export function personalFactors(result: PricingResult): string[] {
  const out: string[] = [];
  for (const a of result.applied) {
    if (a.personal !== undefined) out.push(`applied|${a.promotionId}|${a.heldCouponId ?? ''}|${JSON.stringify(a.personal)}`);
  }
  for (const n of result.notApplied) {
    if (n.personal !== undefined) out.push(`not_applied|${n.promotionId}|${n.heldCouponId ?? ''}|${n.reason}|${JSON.stringify(n.personal)}`);
  }
  if (result.points.used > 0) out.push(`points|${result.points.used}`);
  return out.sort();
}

// Stage 7, points redemption (积分抵扣): `pointsPerUnit` points are worth `unitValue` fen; the value
// may not exceed capBp of the goods payable after coupons (floor), nor the balance, nor what the
// customer asked for; points are spent in whole units. The value is spread over the lines by
// their payable so partial refunds return exact points value. Points are a means of payment:
// they never touch shipping and do not count against price floors.
import { shareOf } from '../money/index.ts';
import type { PromotionOf } from './promotion-schema.ts';
import { allocateCapped, eligibleLines, gate, recordApplied, recordNotApplied, tierBasis, type PricingContext } from './pricing-context.ts';
import { WHOLE_ORDER } from './scope.ts';
import type { PointsBreakdown } from './types.ts';

/** Applies the first points rule in force (priority order); the others are excluded_by_other. */
export function redeemPoints(ctx: PricingContext): PointsBreakdown {
  const requested = ctx.input.pointsToRedeem ?? null;
  const balance = ctx.customer.pointsBalance;
  const out: PointsBreakdown = { promotionId: null, requested, balance, capValue: 0, used: 0, value: 0 };
  let done = false;
  for (const p of ctx.byStage.points as PromotionOf<'pointsRedemption'>[]) {
    const personal = [...(tierBasis(ctx, p) ?? []), { basis: 'points' as const, points: 0 }];
    if (done) {
      recordNotApplied(ctx, p, 'excluded_by_other');
      continue;
    }
    const blocked = gate(ctx, p);
    if (blocked !== null) {
      recordNotApplied(ctx, p, blocked, blocked === 'not_eligible_tier' ? { personal } : {});
      continue;
    }
    done = true;
    out.promotionId = p.id;
    const { lines } = eligibleLines(ctx, p, WHOLE_ORDER);
    const goods = lines.reduce((s, wl) => s + wl.amount, 0);
    const { pointsPerUnit, unitValue, capBp, minPoints } = p.args;
    out.capValue = shareOf(goods, capBp);
    if (requested === null || requested === 0) {
      recordNotApplied(ctx, p, 'points_not_requested');
      continue;
    }
    const wanted = requested === 'max' ? balance : Math.min(requested, balance);
    const units = Math.min(Math.floor(wanted / pointsPerUnit), Math.floor(out.capValue / unitValue));
    if (units <= 0 || units * pointsPerUnit < (minPoints ?? 0)) {
      recordNotApplied(ctx, p, 'insufficient_points', { personal: [{ basis: 'points', points: balance }] });
      continue;
    }
    out.used = units * pointsPerUnit;
    out.value = units * unitValue;
    // Weighted and capped by the same amounts (allocateCapped only reads them).
    const amounts = new Array<number>(lines.length);
    for (let i = 0; i < lines.length; i++) amounts[i] = lines[i]!.amount;
    const parts = allocateCapped(out.value, amounts, amounts);
    const lineIds: string[] = [];
    lines.forEach((wl, i) => {
      wl.pointsValue += parts[i]!;
      if (parts[i]! > 0) lineIds.push(wl.line.lineId);
    });
    recordApplied(ctx, p, 'points', out.value, lineIds, { personal: [{ basis: 'points', points: out.used }], detail: { pointsUsed: out.used } });
  }
  return out;
}

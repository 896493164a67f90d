// Stage 2, presale with deposit multiplier (定金膨胀): a deposit of D per unit counts as E > D
// against the balance, so each unit is E − D cheaper. The breakdown states the deposit, its value
// and (after all later stages) the balance due; the deposit is non-refundable once the balance
// window has passed unpaid.
import type { PromotionOf } from './promotion-schema.ts';
import {
  admit,
  discountLine, markApplied, headroom, lineIdsOf, recordApplied, type PricingContext,
} from './pricing-context.ts';

/** Applies every presale in force; one presale per line (default stacking). */
export function applyPresales(ctx: PricingContext): void {
  for (const p of ctx.byStage.presale as PromotionOf<'presale'>[]) {
    const admitted = admit(ctx, p, p.args.scope);
    if (admitted === null) continue;
    const { lines, extra } = admitted;
    const { depositPerUnit, depositValuePerUnit, balanceStartsAt, balanceEndsAt } = p.args;
    const perUnit = Math.max(0, depositValuePerUnit - depositPerUnit);
    let saved = 0;
    for (const wl of lines) {
      const give = Math.min(perUnit * wl.line.quantity, headroom(wl));
      discountLine(ctx, wl, p, 'presale', give);
      markApplied(ctx, wl, p);
      saved += give;
      ctx.presale.push({
        promotionId: p.id,
        lineId: wl.line.lineId,
        deposit: depositPerUnit * wl.line.quantity,
        depositValue: depositValuePerUnit * wl.line.quantity,
        balanceDue: 0, // filled in once every stage has run
        balanceStartsAt,
        balanceEndsAt,
        note: 'deposit_non_refundable_after_balance_window',
      });
    }
    recordApplied(ctx, p, 'presale', saved, lineIdsOf(lines), extra, { depositPerUnit, depositValuePerUnit });
  }
}

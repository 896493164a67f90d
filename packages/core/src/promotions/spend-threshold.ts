// Stage 5, spend thresholds: 满减 (ladder or 每满 repeat with cap), 满折 and 跨店满减. Every rule in
// the stage measures its threshold on the line amounts at the START of the stage (after item
// prices, presale, bundles and quantity discounts), so the order of rules inside the stage only
// matters for stacking conflicts and floors. The discount is spread over the rule's lines with
// largest remainder, capped at each line's floor.
import { percentageDiscount } from '../money/index.ts';
import type { PromotionOf } from './promotion-schema.ts';
import {
  admit,
  hasApplied, infoOf, recordApplied, recordNotApplied, spreadDiscount, sumBase, type PricingContext,
} from './pricing-context.ts';
import type { NudgeBenefit } from './types.ts';

type SpendArgs = PromotionOf<'spendThresholdDiscount'>['args'] | PromotionOf<'crossChannelThreshold'>['args'];
type SpendPromotion = PromotionOf<'spendThresholdDiscount' | 'spendThresholdPercent' | 'crossChannelThreshold'>;

export interface SpendOutcome {
  discount: number;
  /** The next step up, if any: how much more to spend and what it brings. */
  next: { missingAmount: number; benefit: NudgeBenefit } | null;
}

/** 满减 / 每满减 discount for a measured base (fen). Ladder: the highest step reached. */
export function spendDiscount(args: SpendArgs, base: number): SpendOutcome {
  if (args.mode === 'repeat') {
    const times = Math.floor(base / args.every);
    const raw = times * args.discount;
    const discount = args.cap !== undefined ? Math.min(raw, args.cap) : raw;
    const capped = args.cap !== undefined && raw >= args.cap;
    const nextDiscount = (times + 1) * args.discount;
    const next = capped ? null : {
      missingAmount: (times + 1) * args.every - base,
      benefit: { type: 'amount_off' as const, amount: args.cap !== undefined ? Math.min(nextDiscount, args.cap) : nextDiscount },
    };
    return { discount, next };
  }
  // Linear scans, no sort: steps are validated increasing but the engine does not rely on it.
  let discount = 0;
  for (const step of args.steps) if (step.threshold <= base && step.discount > discount) discount = step.discount;
  let nextStep: (typeof args.steps)[number] | undefined;
  for (const step of args.steps) {
    if (step.threshold > base && step.discount > discount && (nextStep === undefined || step.threshold < nextStep.threshold)) nextStep = step;
  }
  const next = nextStep === undefined ? null : { missingAmount: nextStep.threshold - base, benefit: { type: 'amount_off' as const, amount: nextStep.discount } };
  return { discount, next };
}

/** 满折 discount: payBp of the highest step reached, capped. */
export function spendPercentDiscount(args: PromotionOf<'spendThresholdPercent'>['args'], base: number): SpendOutcome {
  let payBp: number | null = null;
  for (const step of args.steps) if (step.threshold <= base && (payBp === null || step.payBp < payBp)) payBp = step.payBp;
  let nextStep: (typeof args.steps)[number] | undefined;
  for (const step of args.steps) {
    if (step.threshold > base && (payBp === null || step.payBp < payBp) && (nextStep === undefined || step.threshold < nextStep.threshold)) nextStep = step;
  }
  const next = nextStep === undefined ? null : { missingAmount: nextStep.threshold - base, benefit: { type: 'pay_percent' as const, payBp: nextStep.payBp } };
  const raw = payBp === null ? 0 : percentageDiscount(base, payBp);
  return { discount: args.cap !== undefined ? Math.min(raw, args.cap) : raw, next };
}

/** Applies 满减, 满折 and 跨店满减 rules in priority order. */
export function applySpendThresholds(ctx: PricingContext): void {
  for (const p of ctx.byStage.threshold as (SpendPromotion | PromotionOf<'giftWithPurchase'>)[]) {
    if (p.code === 'giftWithPurchase') continue;
    let channels = p.channelIds;
    if (p.code === 'crossChannelThreshold') {
      const pooled = p.args.channelIds;
      channels = channels === undefined ? pooled : channels.filter((c) => pooled.includes(c));
    }
    const admitted = admit(ctx, p, p.args.scope, channels);
    if (admitted === null) continue;
    const { lines, extra } = admitted;
    const base = sumBase(lines);
    const outcome = p.code === 'spendThresholdPercent' ? spendPercentDiscount(p.args, base) : spendDiscount(p.args, base);
    if (outcome.next !== null) {
      ctx.nudges.push({ kind: 'spend_more', promotionId: p.id, code: p.code, missingAmount: outcome.next.missingAmount, benefit: outcome.next.benefit });
    }
    if (outcome.discount === 0) {
      recordNotApplied(ctx, p, 'threshold_not_met', { ...extra, detail: { base } });
      continue;
    }
    const saved = spreadDiscount(ctx, lines, p, 'threshold', outcome.discount);
    if (saved === 0) {
      recordNotApplied(ctx, p, 'no_saving', { ...extra, detail: { base } });
      continue;
    }
    const info = infoOf(ctx, p);
    const lineIds: string[] = [];
    for (const wl of lines) if (hasApplied(wl, info)) lineIds.push(wl.line.lineId);
    recordApplied(ctx, p, 'threshold', saved, lineIds, extra, { base });
  }
}

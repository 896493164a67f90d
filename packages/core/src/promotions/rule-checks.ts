// Contradictions a zod shape cannot see, one check per rule type. Each returns typed problems with
// stable lower_snake codes so the admin API can refuse impossible configurations.
import type { Promotion, PromotionOf } from './promotion-schema.ts';
import type { PriceSpec } from './rule-args.ts';

export const PROMOTION_PROBLEM_CODES = [
  'invalid_field', 'unknown_rule_code', 'invalid_percentage', 'window_ends_before_start',
  'threshold_ladder_not_increasing', 'ladder_discount_not_increasing', 'discount_exceeds_threshold',
  'cap_below_discount', 'quantity_tiers_not_increasing', 'bundle_duplicate_sku', 'bundle_too_small',
  'deposit_value_not_greater', 'balance_window_before_deposit', 'cross_channel_needs_two_channels',
  'member_price_empty', 'stacking_allow_and_forbid', 'region_both_included_and_excluded',
  'repeat_needs_positive_threshold', 'duplicate_promotion_id', 'overlapping_flash_sale',
] as const;
export type PromotionProblemCode = (typeof PROMOTION_PROBLEM_CODES)[number];

export interface PromotionProblem {
  code: PromotionProblemCode;
  promotionId?: string;
  path: (string | number)[];
  message: string;
}

type Check<P> = (p: P, out: PromotionProblem[]) => void;
const problem = (out: PromotionProblem[], code: PromotionProblemCode, path: (string | number)[], message: string): void => {
  out.push({ code, path, message });
};

function checkDiscountRate(spec: PriceSpec | { payBp: number }, path: (string | number)[], out: PromotionProblem[]): void {
  if ('payBp' in spec && spec.payBp >= 10_000) problem(out, 'invalid_percentage', [...path, 'payBp'], 'a rate of 10000 bp or more gives no discount');
}

function checkLadder(steps: readonly { threshold: number; discount: number }[], out: PromotionProblem[]): void {
  steps.forEach((s, i) => {
    if (s.threshold > 0 && s.discount > s.threshold) problem(out, 'discount_exceeds_threshold', ['args', 'steps', i, 'discount'], 'the discount is larger than the spend that earns it');
    const prev = steps[i - 1];
    if (prev === undefined) return;
    if (s.threshold <= prev.threshold) problem(out, 'threshold_ladder_not_increasing', ['args', 'steps', i, 'threshold'], 'ladder thresholds must be strictly increasing');
    if (s.discount <= prev.discount) problem(out, 'ladder_discount_not_increasing', ['args', 'steps', i, 'discount'], 'a higher step must save more');
  });
}

const spendCheck: Check<PromotionOf<'spendThresholdDiscount'> | PromotionOf<'crossChannelThreshold'>> = (p, out) => {
  const a = p.args;
  if (a.mode === 'ladder') return checkLadder(a.steps, out);
  if (a.discount > a.every) problem(out, 'discount_exceeds_threshold', ['args', 'discount'], '每满 discount is larger than the step');
  if (a.cap !== undefined && a.cap < a.discount) problem(out, 'cap_below_discount', ['args', 'cap'], 'the cap is below one step’s discount');
};

export const RULE_CHECKS: { [C in Promotion['code']]: Check<PromotionOf<C>> } = {
  spendThresholdDiscount: spendCheck,
  crossChannelThreshold: (p, out) => {
    spendCheck(p, out);
    const pooled = new Set(p.args.channelIds);
    if (pooled.size < 2) problem(out, 'cross_channel_needs_two_channels', ['args', 'channelIds'], '跨店满减 pools at least two channels');
    // The engine pools only the channels the promotion runs in (see spend-threshold.ts): fewer than two left is no 跨店 at all.
    else if (p.channelIds !== undefined && new Set(p.channelIds.filter((c) => pooled.has(c))).size < 2) {
      problem(out, 'cross_channel_needs_two_channels', ['channelIds'], '跨店满减 runs in fewer than two of the channels it pools');
    }
  },
  spendThresholdPercent: (p, out) => {
    const steps = p.args.steps;
    steps.forEach((s, i) => {
      checkDiscountRate(s, ['args', 'steps', i], out);
      const prev = steps[i - 1];
      if (prev === undefined) return;
      if (s.threshold <= prev.threshold) problem(out, 'threshold_ladder_not_increasing', ['args', 'steps', i, 'threshold'], 'ladder thresholds must be strictly increasing');
      if (s.payBp >= prev.payBp) problem(out, 'ladder_discount_not_increasing', ['args', 'steps', i, 'payBp'], 'a higher step must pay a smaller share');
    });
  },
  quantityDiscount: (p, out) => {
    if (p.args.mode === 'nthItem') return checkDiscountRate(p.args, ['args'], out);
    const tiers = p.args.tiers;
    tiers.forEach((t, i) => {
      checkDiscountRate(t, ['args', 'tiers', i], out);
      const prev = tiers[i - 1];
      if (prev !== undefined && (t.minQuantity <= prev.minQuantity || t.payBp >= prev.payBp)) {
        problem(out, 'quantity_tiers_not_increasing', ['args', 'tiers', i], 'tiers need strictly more items for a strictly smaller share');
      }
    });
  },
  timedPrice: (p, out) => checkDiscountRate(p.args.price, ['args', 'price'], out),
  flashSale: (p, out) => checkDiscountRate(p.args.price, ['args', 'price'], out),
  groupBuy: (p, out) => checkDiscountRate(p.args.groupPrice, ['args', 'groupPrice'], out),
  memberPrice: (p, out) => {
    const entries = Object.entries(p.args.prices).filter(([, v]) => v !== undefined) as [string, PriceSpec][];
    if (entries.length === 0) problem(out, 'member_price_empty', ['args', 'prices'], 'no tier has a member price');
    for (const [tier, spec] of entries) checkDiscountRate(spec, ['args', 'prices', tier], out);
  },
  bundle: (p, out) => {
    const skus = p.args.items.map((i) => i.skuId);
    if (new Set(skus).size !== skus.length) problem(out, 'bundle_duplicate_sku', ['args', 'items'], 'list each SKU once with its quantity');
    if (p.args.items.reduce((s, i) => s + i.quantity, 0) < 2) problem(out, 'bundle_too_small', ['args', 'items'], 'a bundle needs at least two units');
  },
  giftWithPurchase: (p, out) => {
    const c = p.args.condition;
    if (p.args.repeat === true && (c.type === 'spend' ? c.threshold : c.minQuantity) <= 0) {
      problem(out, 'repeat_needs_positive_threshold', ['args', 'condition'], 'a repeating gift needs a positive condition');
    }
  },
  coupon: (p, out) => {
    const { discount, threshold, validity } = p.args;
    if (discount.type === 'amount' && threshold > 0 && discount.amount > threshold) problem(out, 'discount_exceeds_threshold', ['args', 'discount', 'amount'], 'the coupon is worth more than its threshold');
    if (discount.type === 'percent') checkDiscountRate(discount, ['args', 'discount'], out);
    if (validity.type === 'window' && validity.endsAt <= validity.startsAt) problem(out, 'window_ends_before_start', ['args', 'validity', 'endsAt'], 'the validity window ends before it starts');
  },
  pointsRedemption: (p, out) => {
    if (p.args.capBp === 0) problem(out, 'invalid_percentage', ['args', 'capBp'], 'a cap of 0 bp never lets points be used');
  },
  freeShipping: (p, out) => {
    const inc = p.args.regions ?? [];
    if (inc.some((r) => p.args.excludedRegions?.includes(r))) problem(out, 'region_both_included_and_excluded', ['args', 'regions'], 'a region is both included and excluded');
  },
  presale: (p, out) => {
    const a = p.args;
    if (a.depositValuePerUnit <= a.depositPerUnit) problem(out, 'deposit_value_not_greater', ['args', 'depositValuePerUnit'], '定金膨胀 needs the deposit to count for more than it costs');
    if (a.balanceEndsAt <= a.balanceStartsAt) problem(out, 'window_ends_before_start', ['args', 'balanceEndsAt'], 'the balance window ends before it starts');
    if (p.endsAt !== undefined && a.balanceStartsAt < p.endsAt) problem(out, 'balance_window_before_deposit', ['args', 'balanceStartsAt'], 'the balance window opens before the deposit window closes');
  },
};

/** Checks shared by every rule: window order and contradictory stacking flags. */
export function checkCommon(p: Promotion, out: PromotionProblem[]): void {
  if (p.startsAt !== undefined && p.endsAt !== undefined && p.endsAt <= p.startsAt) problem(out, 'window_ends_before_start', ['endsAt'], 'the promotion ends before it starts');
  const both = (p.stacking?.allow ?? []).filter((c) => p.stacking?.forbid?.includes(c));
  if (both.length > 0) problem(out, 'stacking_allow_and_forbid', ['stacking'], `both allowed and forbidden: ${both.join(', ')}`);
}

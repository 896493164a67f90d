// 会员等级: the member tier a customer's spend earns. Tiers follow the paid amount of the last 12
// months. An upgrade applies as soon as the spend qualifies (the customer sees the new price at
// once); a downgrade waits for the periodic review (定级), so a quiet month never costs a customer
// their tier mid-period.
import { MEMBER_TIERS, type MemberTier } from '../promotions/index.ts';

export type { MemberTier };
export { MEMBER_TIERS };

/**
 * Minimum paid amount (fen) over the last 12 months for each tier above `regular`. These are
 * DEFAULTS (¥1,000 / ¥5,000 / ¥20,000) that an operator will tune per shop; callers pass their own.
 */
export const DEFAULT_TIER_THRESHOLDS: Readonly<Record<Exclude<MemberTier, 'regular'>, number>> = Object.freeze({
  silver: 100_000,
  gold: 500_000,
  diamond: 2_000_000,
});

export type TierThresholds = Readonly<Record<Exclude<MemberTier, 'regular'>, number>>;

const rank = (t: MemberTier): number => MEMBER_TIERS.indexOf(t);

/** The highest tier whose threshold the 12-month spend (fen) reaches. */
export function tierForSpend(paidLast12mFen: number, thresholds: TierThresholds = DEFAULT_TIER_THRESHOLDS): MemberTier {
  let tier: MemberTier = 'regular';
  for (const t of MEMBER_TIERS) if (t !== 'regular' && paidLast12mFen >= thresholds[t]) tier = t;
  return tier;
}

/**
 * The tier a customer holds after their spend changed (`review: false`) or at review time
 * (`review: true`): upgrades always apply; a downgrade only at review.
 */
export function assignTier(
  current: MemberTier,
  paidLast12mFen: number,
  options: { review: boolean; thresholds?: TierThresholds | undefined },
): { tier: MemberTier; change: 'upgrade' | 'downgrade' | 'none' } {
  const earned = tierForSpend(paidLast12mFen, options.thresholds);
  if (rank(earned) > rank(current)) return { tier: earned, change: 'upgrade' };
  if (rank(earned) < rank(current) && options.review) return { tier: earned, change: 'downgrade' };
  return { tier: current, change: 'none' };
}

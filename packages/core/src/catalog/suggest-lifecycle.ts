// The lifecycle stage a product's sales suggest (seed 000: 新品期 → 成长期 → 成熟期 → 衰退期, each
// with its own playbook — launch traffic, scale what works, defend margin, clear stock). The
// operator sets the stage; this only proposes one, with the figures behind it.

export type LifecycleStage = 'new' | 'growing' | 'mature' | 'declining';

/** Why a stage is suggested: a stable code the console translates, never prose. */
export type LifecycleReason = 'recently_created' | 'sales_started' | 'sales_rising' | 'sales_stable' | 'sales_falling' | 'no_sales';

/** The rule's parameters: data, so an operator's different judgement is a change of numbers. */
export const LIFECYCLE_RULE = {
  /** A product younger than this is new, whatever it sells. */
  newForDays: 28,
  /** Each of the two compared windows: the last 4 weeks against the 4 weeks before. */
  windowDays: 28,
  /** Recent sales at least this much above the previous window (basis points): growing. */
  risingBp: 2_000,
  /** Recent sales at least this much below the previous window: declining. */
  fallingBp: 2_000,
} as const;

export interface LifecycleInput {
  /** Whole days since the product was created. */
  ageDays: number;
  /** Units sold in the last `windowDays` days. */
  recentUnits: number;
  /** Units sold in the `windowDays` days before those. */
  previousUnits: number;
}

export interface LifecycleSuggestion {
  stage: LifecycleStage;
  reason: LifecycleReason;
  /** (recent − previous) / previous in basis points, rounded toward zero; null when previous is 0. */
  changeBp: number | null;
}

/**
 * Suggests a stage: new while younger than newForDays; then by the change of units sold between
 * the two windows — no sales in either → declining (滞销), sales only in the recent one → growing,
 * a rise of ≥ risingBp → growing, a fall of ≥ fallingBp → declining, anything between → mature.
 */
export function suggestLifecycle(input: LifecycleInput, rule = LIFECYCLE_RULE): LifecycleSuggestion {
  const { recentUnits: recent, previousUnits: previous } = input;
  const changeBp = previous > 0 ? Math.trunc(((recent - previous) * 10_000) / previous) : null;
  if (input.ageDays < rule.newForDays) return { stage: 'new', reason: 'recently_created', changeBp };
  if (changeBp === null) return recent > 0 ? { stage: 'growing', reason: 'sales_started', changeBp } : { stage: 'declining', reason: 'no_sales', changeBp };
  if (changeBp >= rule.risingBp) return { stage: 'growing', reason: 'sales_rising', changeBp };
  if (changeBp <= -rule.fallingBp) return { stage: 'declining', reason: 'sales_falling', changeBp };
  return { stage: 'mature', reason: 'sales_stable', changeBp };
}

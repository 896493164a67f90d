// The engine's working state for one pricing run: lines sorted by lineId (so results do not
// depend on input order), promotions grouped by stage in evaluation order (priority desc, id asc),
// and the helpers every stage uses to record discounts, outcomes and nudges.
import { allocate } from '../money/index.ts';
import type { CartLine, Customer, PricingInput } from './input-schemas.ts';
import type { Promotion, RuleCode } from './promotion-schema.ts';
import { canStackWith, stackInfoOf, type Stage, type StackInfo } from './stacking.ts';
import type {
  AppliedPromotion, LineDiscount, NotAppliedPromotion, Nudge, PersonalBasis, PresaleBreakdown,
  GroupBuyBreakdown, ReasonCode, UnitPrice,
} from './types.ts';

export interface PricedUnits {
  quantity: number;
  unitPrice: number;
}

export interface WorkLine {
  readonly line: CartLine;
  readonly listAmount: number;
  /** min(floorPrice, list price) × quantity. */
  readonly floorAmount: number;
  unitPrices: UnitPrice[];
  /** Units not consumed by a bundle, highest price first (for quantity discounts). */
  freeUnits: PricedUnits[];
  itemAmount: number;
  /** Current amount after the discounts applied so far. */
  amount: number;
  /** Amount at the start of the current stage: what that stage's thresholds measure. */
  stageBase: number;
  discounts: LineDiscount[];
  /** Stacking facts of the promotions applied to this line so far. */
  stack: StackInfo[];
  pointsValue: number;
}

export interface GiftLine {
  promotionId: string;
  skuId: string;
  productId: string;
  channelId: string;
  quantity: number;
  unitValue: number;
  weightGrams: number;
}

export interface PricingContext {
  readonly input: PricingInput;
  readonly now: number;
  readonly customer: Customer;
  readonly lines: WorkLine[];
  readonly byStage: Readonly<Record<Stage, Promotion[]>>;
  readonly stackInfo: ReadonlyMap<Promotion, StackInfo>;
  readonly applied: AppliedPromotion[];
  readonly notApplied: NotAppliedPromotion[];
  readonly nudges: Nudge[];
  readonly gifts: GiftLine[];
  readonly presale: PresaleBreakdown[];
  readonly groupBuy: GroupBuyBreakdown[];
}

export function headroom(wl: WorkLine): number {
  return wl.amount > wl.floorAmount ? wl.amount - wl.floorAmount : 0;
}

/** Marks the start of a stage: thresholds in the stage measure `stageBase`. */
export function startStage(ctx: PricingContext): void {
  for (const wl of ctx.lines) wl.stageBase = wl.amount;
}

/** Records `amount` off one line (caller guarantees amount ≤ headroom). */
export function infoOf(ctx: PricingContext, p: Promotion): StackInfo {
  return ctx.stackInfo.get(p) ?? stackInfoOf(p);
}

/** Marks `p` as applied to the line for later stacking checks. */
export function markApplied(ctx: PricingContext, wl: WorkLine, p: Promotion): void {
  const info = infoOf(ctx, p);
  if (!wl.stack.includes(info)) wl.stack.push(info);
}

export function discountLine(ctx: PricingContext, wl: WorkLine, promotion: Promotion, stage: Stage, amount: number, heldCouponId?: string): void {
  if (amount <= 0) return;
  wl.amount -= amount;
  const d: LineDiscount = { promotionId: promotion.id, code: promotion.code, stage, amount };
  if (heldCouponId !== undefined) d.heldCouponId = heldCouponId;
  wl.discounts.push(d);
  markApplied(ctx, wl, promotion);
}

/**
 * Splits `total` over lines proportionally to `weights` with largest remainder, never giving a
 * line more than its cap (the excess is re-spread over the others). Returns the parts; their sum
 * is min(total, Σcaps).
 */
export function allocateCapped(total: number, weights: readonly number[], caps: readonly number[]): number[] {
  const n = weights.length;
  const parts = new Array<number>(n).fill(0);
  let capSum = 0;
  for (const c of caps) capSum += c;
  let remaining = Math.min(total, capSum);
  if (remaining <= 0) return parts;
  // Fast path: one proportional split that no cap binds (floors rarely bind).
  const first = allocate(remaining, weights);
  let fits = true;
  for (let i = 0; i < n; i++) if (first[i]! > caps[i]!) fits = false;
  if (fits) return first;
  let active: number[] = [];
  for (let i = 0; i < n; i++) if (caps[i]! > 0) active.push(i);
  while (remaining > 0 && active.length > 0) {
    const shares = allocate(remaining, active.map((i) => weights[i]!));
    const overflowing = active.filter((i, k) => parts[i]! + shares[k]! >= caps[i]!);
    if (overflowing.length === 0) {
      active.forEach((i, k) => (parts[i]! += shares[k]!));
      break;
    }
    for (const i of overflowing) {
      remaining -= caps[i]! - parts[i]!;
      parts[i] = caps[i]!;
    }
    active = active.filter((i) => parts[i]! < caps[i]!);
  }
  return parts;
}

/**
 * Applies an order-level discount of `total` to `lines`, weighted by their stage base and capped
 * by their headroom above the floor. Returns the fen actually given.
 */
export function spreadDiscount(ctx: PricingContext, lines: readonly WorkLine[], promotion: Promotion, stage: Stage, total: number, heldCouponId?: string): number {
  const parts = allocateCapped(total, lines.map((l) => l.stageBase), lines.map(headroom));
  let given = 0;
  lines.forEach((wl, i) => {
    discountLine(ctx, wl, promotion, stage, parts[i]!, heldCouponId);
    given += parts[i]!;
  });
  return given;
}

export function inWindow(startsAt: number | undefined, endsAt: number | undefined, now: number): boolean {
  return (startsAt === undefined || now >= startsAt) && (endsAt === undefined || now < endsAt);
}

/** Customer-independent and tier gates shared by all rules: window, then member tier. */
export function gate(ctx: PricingContext, p: Promotion): ReasonCode | null {
  if (!inWindow(p.startsAt, p.endsAt, ctx.now)) return 'outside_window';
  if (p.tiers !== undefined && !p.tiers.includes(ctx.customer.tier)) return 'not_eligible_tier';
  return null;
}

export function tierBasis(ctx: PricingContext, p: Promotion): PersonalBasis[] | undefined {
  return p.tiers !== undefined ? [{ basis: 'tier', tier: ctx.customer.tier }] : undefined;
}

export interface Eligible {
  lines: WorkLine[];
  reason: ReasonCode | null;
}

/**
 * Lines a promotion may apply to: in its channels, in `inScope`, and able to stack with what the
 * line already has. When none remain, `reason` says which filter emptied the list.
 */
export function eligibleLines(
  ctx: PricingContext,
  p: Promotion,
  inScope: (line: CartLine) => boolean,
  channelIds: readonly string[] | undefined = p.channelIds,
): Eligible {
  const info = infoOf(ctx, p);
  const lines: WorkLine[] = [];
  let anyChannel = false;
  let anyScope = false;
  for (const wl of ctx.lines) {
    if (channelIds !== undefined && !channelIds.includes(wl.line.channelId)) continue;
    anyChannel = true;
    if (!inScope(wl.line)) continue;
    anyScope = true;
    if (canStackWith(info, wl.stack)) lines.push(wl);
  }
  if (lines.length > 0) return { lines, reason: null };
  return { lines, reason: !anyChannel ? 'wrong_channel' : !anyScope ? 'not_in_scope' : 'excluded_by_other' };
}

export function sumBase(lines: readonly WorkLine[]): number {
  let s = 0;
  for (const wl of lines) s += wl.stageBase;
  return s;
}

export function recordApplied(ctx: PricingContext, p: Promotion, stage: Stage, saved: number, lineIds: string[], extra: Partial<AppliedPromotion> = {}): void {
  ctx.applied.push({ promotionId: p.id, code: p.code, stage, saved, lineIds, ...extra });
}

export function recordNotApplied(ctx: PricingContext, p: { id: string; code: RuleCode }, reason: ReasonCode, extra?: Partial<NotAppliedPromotion>): void {
  const entry: NotAppliedPromotion = { promotionId: p.id, code: p.code, reason };
  if (extra !== undefined) {
    if (extra.heldCouponId !== undefined) entry.heldCouponId = extra.heldCouponId;
    if (extra.personal !== undefined) entry.personal = extra.personal;
    if (extra.detail !== undefined) entry.detail = extra.detail;
  }
  ctx.notApplied.push(entry);
}

export function lineIdsOf(lines: readonly WorkLine[]): string[] {
  return lines.map((l) => l.line.lineId);
}

// The engine's working state for one pricing run: lines sorted by lineId (so results do not
// depend on input order), promotions grouped by stage in evaluation order (priority desc, id asc),
// and the helpers every stage uses to record discounts, outcomes and nudges.
import { allocate } from '../money/index.ts';
import type { CartLine, Customer, PricingInput } from './input-schemas.ts';
import type { Promotion, RuleCode } from './promotion-schema.ts';
import type { Scope } from './rule-args.ts';
import { scopeLines, type LineIndex } from './line-index.ts';
import { hasId } from './scope.ts';
import { canStackWith, stackInfoOf, stageSlot, summarise, surelyStacks, type Stage, type StackInfo, type StackSummary } from './stacking.ts';
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
  /** Position in ctx.lines (lineId order). */
  readonly index: number;
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
  /** Their OR (see surelyStacks): most stacking checks end here without the pairwise loop. */
  stackSummary: StackSummary;
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
  /** Lines by SKU, product, category and tag (see line-index.ts). */
  readonly index: LineIndex;
  readonly byStage: Readonly<Record<Stage, Promotion[]>>;
  /** The promotions by stage position in STACKING_ORDER (the arrays of byStage). */
  readonly groups: readonly Promotion[][];
  /** Stacking facts per promotion, parallel to groups, computed once per run on first use (see infoOf). */
  readonly infos: (StackInfo | undefined)[][];
  /** Stacking facts of promotions in long stages (see infoOf), created on first need. */
  stackInfo: Map<Promotion, StackInfo> | null;
  /** The last promotion infoOf answered for, and its StackInfo: most lookups repeat the rule a stage is on. */
  lastInfoFor: Promotion | null;
  lastInfo: StackInfo | null;
  readonly applied: AppliedPromotion[];
  readonly notApplied: NotAppliedPromotion[];
  readonly nudges: Nudge[];
  readonly gifts: GiftLine[];
  readonly presale: PresaleBreakdown[];
  readonly groupBuy: GroupBuyBreakdown[];
}

/** `n` zeros, as a packed array (`new Array(n).fill(0)` is a builtin call and leaves it holey). */
export function zeros(n: number): number[] {
  const a: number[] = [];
  for (let i = 0; i < n; i++) a.push(0);
  return a;
}

export function headroom(wl: WorkLine): number {
  return wl.amount > wl.floorAmount ? wl.amount - wl.floorAmount : 0;
}

/** Marks the start of a stage: thresholds in the stage measure `stageBase`. */
export function startStage(ctx: PricingContext): void {
  for (const wl of ctx.lines) wl.stageBase = wl.amount;
}

/** The promotion's StackInfo, computed on first use in this run. */
export function infoOf(ctx: PricingContext, p: Promotion): StackInfo {
  if (ctx.lastInfoFor === p) return ctx.lastInfo!;
  // Found by identity in its stage's list: stages are short, and the scan is cheaper than a Map
  // filled anew on every run. Long stages (or a promotion not in the input) use the Map.
  const slot = stageSlot(p.code);
  const group = ctx.groups[slot]!;
  const k = group.length <= 32 ? group.indexOf(p) : -1;
  let info: StackInfo | undefined;
  if (k !== -1) {
    const infos = ctx.infos[slot]!;
    info = infos[k] ??= stackInfoOf(p);
  } else {
    const map = (ctx.stackInfo ??= new Map<Promotion, StackInfo>());
    info = map.get(p);
    if (info === undefined) {
      info = stackInfoOf(p);
      map.set(p, info);
    }
  }
  ctx.lastInfoFor = p;
  ctx.lastInfo = info;
  return info;
}

/** True when the promotion of `info` is among those applied to the line (a loop: it inlines, `includes` does not). */
export function hasApplied(wl: WorkLine, info: StackInfo): boolean {
  const stack = wl.stack;
  for (let i = 0; i < stack.length; i++) if (stack[i] === info) return true;
  return false;
}

/** Marks `p` as applied to the line for later stacking checks (`info`: its StackInfo, if at hand). */
export function markApplied(ctx: PricingContext, wl: WorkLine, p: Promotion, info: StackInfo = infoOf(ctx, p)): void {
  if (hasApplied(wl, info)) return;
  wl.stack.push(info);
  summarise(wl.stackSummary, info);
}

/** Records `amount` off one line (caller guarantees amount ≤ headroom); `info` as for markApplied. */
export function discountLine(ctx: PricingContext, wl: WorkLine, promotion: Promotion, stage: Stage, amount: number, heldCouponId?: string, info?: StackInfo): void {
  if (amount <= 0) return;
  wl.amount -= amount;
  const d: LineDiscount = { promotionId: promotion.id, code: promotion.code, stage, amount };
  if (heldCouponId !== undefined) d.heldCouponId = heldCouponId;
  wl.discounts.push(d);
  markApplied(ctx, wl, promotion, info);
}

/**
 * Splits `total` over lines proportionally to `weights` with largest remainder, never giving a
 * line more than its cap (the excess is re-spread over the others). Returns the parts; their sum
 * is min(total, Σcaps).
 */
export function allocateCapped(total: number, weights: readonly number[], caps: readonly number[]): number[] {
  const n = weights.length;
  let capSum = 0;
  for (const c of caps) capSum += c;
  let remaining = Math.min(total, capSum);
  if (remaining <= 0) return zeros(n);
  // Fast path: one proportional split that no cap binds (floors rarely bind).
  const first = allocate(remaining, weights);
  let fits = true;
  for (let i = 0; i < n; i++) if (first[i]! > caps[i]!) fits = false;
  if (fits) return first;
  const parts = zeros(n);
  let active: number[] = [];
  for (let i = 0; i < n; i++) if (caps[i]! > 0) active.push(i);
  while (remaining > 0 && active.length > 0) {
    const activeWeights = new Array<number>(active.length);
    for (let k = 0; k < active.length; k++) activeWeights[k] = weights[active[k]!]!;
    const shares = allocate(remaining, activeWeights);
    let overflow = false;
    for (let k = 0; k < active.length; k++) if (parts[active[k]!]! + shares[k]! >= caps[active[k]!]!) overflow = true;
    if (!overflow) {
      for (let k = 0; k < active.length; k++) parts[active[k]!]! += shares[k]!;
      break;
    }
    // Lines whose share reaches their cap take exactly the cap; the rest is re-spread.
    for (let k = 0; k < active.length; k++) {
      const i = active[k]!;
      if (parts[i]! + shares[k]! < caps[i]!) continue;
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
  const weights = new Array<number>(lines.length);
  const caps = new Array<number>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    weights[i] = lines[i]!.stageBase;
    caps[i] = headroom(lines[i]!);
  }
  const parts = allocateCapped(total, weights, caps);
  const info = infoOf(ctx, promotion);
  let given = 0;
  for (let i = 0; i < lines.length; i++) {
    discountLine(ctx, lines[i]!, promotion, stage, parts[i]!, heldCouponId, info);
    given += parts[i]!;
  }
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
 * Lines a promotion may apply to: in its channels, in `scope`, and able to stack with what the
 * line already has. When none remain, `reason` says which filter emptied the list. Takes the
 * scope as data (not a predicate) so the per-line test is a direct call.
 */
export function eligibleLines(
  ctx: PricingContext,
  p: Promotion,
  scope: Scope,
  channelIds: readonly string[] | undefined = p.channelIds,
): Eligible {
  const info = infoOf(ctx, p);
  const lines: WorkLine[] = [];
  let anyScope = false;
  // Only the scope's lines (from the index), in lineId order; the channel test per line.
  const positions = scopeLines(ctx.index, scope);
  for (let k = 0; k < positions.length; k++) {
    const wl = ctx.lines[positions[k]!]!;
    if (channelIds !== undefined && !hasId(channelIds, wl.line.channelId)) continue;
    anyScope = true;
    if (surelyStacks(info, wl.stackSummary) || canStackWith(info, wl.stack)) lines.push(wl);
  }
  if (lines.length > 0) return { lines, reason: null };
  return { lines, reason: anyScope ? 'excluded_by_other' : anyLineInChannels(ctx, channelIds) ? 'not_in_scope' : 'wrong_channel' };
}

/** True when some line is in `channelIds` (undefined = every channel). */
export function anyLineInChannels(ctx: PricingContext, channelIds: readonly string[] | undefined): boolean {
  if (channelIds === undefined) return ctx.lines.length > 0;
  for (const wl of ctx.lines) if (hasId(channelIds, wl.line.channelId)) return true;
  return false;
}

/** What a rule that passed its gates works with: its lines, and the personal basis to report. */
export interface Admitted {
  lines: WorkLine[];
  /** Read only: shared between rules when there is no personal basis. */
  extra: Readonly<{ personal?: PersonalBasis[] }>;
}

const NO_EXTRA: Admitted['extra'] = Object.freeze({});

/**
 * The opening every line-level rule shares: the window and tier gates, then the eligible lines.
 * A refusal is recorded as not applied (with the tier basis when one applies) and null returned.
 */
export function admit(ctx: PricingContext, p: Promotion, scope: Scope, channelIds: readonly string[] | undefined = p.channelIds): Admitted | null {
  const personal = tierBasis(ctx, p);
  const extra = personal !== undefined ? { personal } : NO_EXTRA;
  const blocked = gate(ctx, p);
  if (blocked !== null) {
    recordNotApplied(ctx, p, blocked, extra);
    return null;
  }
  const { lines, reason } = eligibleLines(ctx, p, scope, channelIds);
  if (reason !== null) {
    recordNotApplied(ctx, p, reason, extra);
    return null;
  }
  return { lines, extra };
}

export function sumBase(lines: readonly WorkLine[]): number {
  let s = 0;
  for (const wl of lines) s += wl.stageBase;
  return s;
}

/**
 * Records an applied promotion. `detail`, when given, replaces `extra.detail` (saves callers an
 * object spread). Optional fields are copied only when set, in the order heldCouponId, personal,
 * detail.
 */
export function recordApplied(
  ctx: PricingContext, p: Promotion, stage: Stage, saved: number, lineIds: string[],
  extra?: Partial<AppliedPromotion>, detail: AppliedPromotion['detail'] = extra?.detail,
): void {
  const entry: AppliedPromotion = { promotionId: p.id, code: p.code, stage, saved, lineIds };
  if (extra !== undefined) {
    if (extra.heldCouponId !== undefined) entry.heldCouponId = extra.heldCouponId;
    if (extra.personal !== undefined) entry.personal = extra.personal;
  }
  if (detail !== undefined) entry.detail = detail;
  ctx.applied.push(entry);
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
  const ids = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i++) ids[i] = lines[i]!.line.lineId;
  return ids;
}

// Stage 6, coupons: which held coupons to use and what each saves. With an explicit selection
// the engine applies exactly those (and says why any gives nothing); otherwise it finds the
// combination that saves the most by exact depth-first branch and bound over the usable
// candidates in application order. Ties: fewer coupons, then the first in application order.
// Defaults: one order-level coupon per order (店铺券 or 新人券), one product coupon per line, one
// shipping coupon; per-rule `stacking.allow` (on both sides) lifts them.
import { allocateCapped, discountLine, headroom, zeros, type PricingContext } from './pricing-context.ts';
import { canStackWith, type StackInfo } from './stacking.ts';
import { couponValue, type CouponCandidate } from './coupon-candidates.ts';
import type { CouponChoice } from './types.ts';

/** Search node budget; beyond it the best found is used and reported as non-exhaustive. */
export const COUPON_SEARCH_NODE_LIMIT = 2_000_000;

// The search state is mutated in place and restored on backtrack (applyStep / undoStep) rather
// than copied per node: the search visits each node once and the copies were most of its cost.
interface State {
  headroom: number[];
  totalHeadroom: number;
  shippingLeft: number;
  /** Coupons applied per line; null until the first (most lines never get one). */
  perLine: (StackInfo[] | null)[];
  orderLevel: StackInfo[];
  shipping: StackInfo[];
}

export interface Step {
  info: StackInfo;
  give: number;
  /** Per-usable-line amounts; null for a shipping coupon. */
  parts: number[] | null;
  usable: number[];
}

/** What coupon `c` would give on top of `s` (null = nothing); does not change `s`. */
function tryCoupon(ctx: PricingContext, s: State, c: CouponCandidate): Step | null {
  const p = c.promotion;
  const info = c.info;
  const orderWide = c.rank === 1 ? s.orderLevel : c.rank === 2 ? s.shipping : null;
  if (orderWide !== null && !canStackWith(info, orderWide)) return null;
  const usable: number[] = [];
  let base = 0;
  for (const i of c.lines) {
    const applied = s.perLine[i] ?? null;
    if (applied !== null && !canStackWith(info, applied)) continue;
    usable.push(i);
    base += ctx.lines[i]!.stageBase;
  }
  if (usable.length === 0 || base < p.args.threshold) return null;
  if (c.rank === 2) {
    const give = couponValue(p, s.shippingLeft);
    return give === 0 ? null : { info, give, parts: null, usable };
  }
  const weights = new Array<number>(usable.length);
  const caps = new Array<number>(usable.length);
  for (let k = 0; k < usable.length; k++) {
    weights[k] = ctx.lines[usable[k]!]!.stageBase;
    caps[k] = s.headroom[usable[k]!]!;
  }
  const parts = allocateCapped(couponValue(p, base), weights, caps);
  let give = 0;
  for (const x of parts) give += x;
  return give === 0 ? null : { info, give, parts, usable };
}

function applyStep(s: State, c: CouponCandidate, step: Step): void {
  if (step.parts === null) {
    s.shippingLeft -= step.give;
    s.shipping.push(step.info);
    return;
  }
  for (let k = 0; k < step.usable.length; k++) {
    const i = step.usable[k]!;
    s.headroom[i]! -= step.parts[k]!;
    (s.perLine[i] ??= []).push(step.info);
  }
  s.totalHeadroom -= step.give;
  if (c.rank === 1) s.orderLevel.push(step.info);
}

/** Exactly reverses applyStep (integer arithmetic, stack pops). */
function undoStep(s: State, c: CouponCandidate, step: Step): void {
  if (step.parts === null) {
    s.shippingLeft += step.give;
    s.shipping.pop();
    return;
  }
  for (let k = 0; k < step.usable.length; k++) {
    const i = step.usable[k]!;
    s.headroom[i]! += step.parts[k]!;
    s.perLine[i]!.pop(); // applyStep pushed it
  }
  s.totalHeadroom += step.give;
  if (c.rank === 1) s.orderLevel.pop();
}

function initialState(ctx: PricingContext, shippingFee: number): State {
  const room = ctx.lines.map(headroom);
  let total = 0;
  for (const r of room) total += r;
  return { headroom: room, totalHeadroom: total, shippingLeft: shippingFee, perLine: ctx.lines.map(() => null), orderLevel: [], shipping: [] };
}

const ORDER_CLASSES = ['orderCoupon', 'newCustomerCoupon'] as const;

/** The branch-and-bound search's fixed inputs and running best (module-level functions, no per-run closures). */
interface Search {
  ctx: PricingContext;
  cands: readonly CouponCandidate[];
  n: number;
  orderExclusive: boolean;
  shipExclusive: boolean;
  sufProduct: number[];
  sufOrder: number[];
  sufShip: number[];
  bestSaving: number;
  bestSet: number[];
  /** The steps of bestSet, as computed on the way down: commitCoupons reuses them. */
  bestSteps: Step[];
  explored: number;
  chosen: number[];
  chosenSteps: Step[];
}

function bound(x: Search, i: number, s: State): number {
  const order = x.orderExclusive && s.orderLevel.length > 0 ? 0 : x.sufOrder[i]!;
  const ship = x.shipExclusive && s.shipping.length > 0 ? 0 : x.sufShip[i]!;
  return Math.min(x.sufProduct[i]! + order, s.totalHeadroom) + Math.min(ship, s.shippingLeft);
}

function dfs(x: Search, i: number, s: State, saving: number): void {
  x.explored++;
  if (x.explored > COUPON_SEARCH_NODE_LIMIT) return;
  if (i === x.n) {
    if (saving > x.bestSaving || (saving === x.bestSaving && x.chosen.length < x.bestSet.length)) {
      x.bestSaving = saving;
      x.bestSet = x.chosen.slice();
      x.bestSteps = x.chosenSteps.slice();
    }
    return;
  }
  const optimistic = saving + bound(x, i, s);
  if (optimistic < x.bestSaving || (optimistic === x.bestSaving && x.chosen.length >= x.bestSet.length)) return;
  const c = x.cands[i]!;
  const step = tryCoupon(x.ctx, s, c);
  if (step !== null) {
    x.chosen.push(i);
    x.chosenSteps.push(step);
    applyStep(s, c, step);
    dfs(x, i + 1, s, saving + step.give);
    undoStep(s, c, step);
    x.chosenSteps.pop();
    x.chosen.pop();
  }
  dfs(x, i + 1, s, saving);
}

/** Exact best combination by branch and bound. Returns indexes into `cands`. */
export function searchBestCoupons(ctx: PricingContext, cands: readonly CouponCandidate[], shippingFee: number) {
  const n = cands.length;
  const orderExclusive = !cands.some((c) => c.rank === 1 && c.promotion.stacking?.allow?.some((a) => (ORDER_CLASSES as readonly string[]).includes(a)));
  const shipExclusive = !cands.some((c) => c.rank === 2 && c.promotion.stacking?.allow?.includes('shippingCoupon'));
  // Suffix bounds: Σ product, max/Σ order-level, max/Σ shipping over candidates i..n-1.
  const sufProduct = zeros(n + 1);
  const sufOrder = zeros(n + 1);
  const sufShip = zeros(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    const c = cands[i]!;
    const ub = c.upperBound;
    sufProduct[i] = sufProduct[i + 1]! + (c.rank === 0 ? ub : 0);
    sufOrder[i] = c.rank === 1 ? (orderExclusive ? Math.max(sufOrder[i + 1]!, ub) : sufOrder[i + 1]! + ub) : sufOrder[i + 1]!;
    sufShip[i] = c.rank === 2 ? (shipExclusive ? Math.max(sufShip[i + 1]!, ub) : sufShip[i + 1]! + ub) : sufShip[i + 1]!;
  }
  const x: Search = { ctx, cands, n, orderExclusive, shipExclusive, sufProduct, sufOrder, sufShip, bestSaving: -1, bestSet: [], bestSteps: [], explored: 0, chosen: [], chosenSteps: [] };
  dfs(x, 0, initialState(ctx, shippingFee), 0);
  return { set: x.bestSet, steps: x.bestSteps, saving: Math.max(0, x.bestSaving), explored: x.explored, exhaustive: x.explored <= COUPON_SEARCH_NODE_LIMIT };
}

export interface CommittedCoupon {
  candidate: CouponCandidate;
  saved: number;
  lineIds: string[];
}

/**
 * Applies the chosen candidates in application order; returns what each saved (0 = gave nothing).
 * `steps`, when given, are the search's steps for exactly these candidates (searchBestCoupons):
 * each was computed on the state the previous ones leave, so recomputing them gives the same.
 */
export function commitCoupons(ctx: PricingContext, chosen: readonly CouponCandidate[], shippingFee: number, steps: readonly Step[] | null = null): CommittedCoupon[] {
  const s = steps === null ? initialState(ctx, shippingFee) : null;
  return chosen.map((c, k) => {
    let step: Step | null;
    if (s === null) step = steps![k]!;
    else {
      step = tryCoupon(ctx, s, c);
      if (step !== null) applyStep(s, c, step);
    }
    if (step === null) return { candidate: c, saved: 0, lineIds: [] };
    const lineIds: string[] = [];
    const parts = step.parts;
    if (parts !== null) {
      for (let j = 0; j < step.usable.length; j++) {
        const wl = ctx.lines[step.usable[j]!]!;
        discountLine(ctx, wl, c.promotion, 'coupon', parts[j]!, c.held.id, step.info);
        if (parts[j]! > 0) lineIds.push(wl.line.lineId);
      }
    } else {
      for (const i of step.usable) lineIds.push(ctx.lines[i]!.line.lineId);
    }
    return { candidate: c, saved: step.give, lineIds };
  });
}

export function describeChoice(mode: CouponChoice['mode'], picked: readonly CouponCandidate[], saved: number, candidates: number, explored: number, exhaustive: boolean): CouponChoice {
  const ids = picked.map((c) => c.held.id);
  const why =
    mode === 'explicit' ? `customer selected ${ids.length} coupon(s)`
    : candidates === 0 ? 'no usable coupon'
    : `best of ${candidates} usable coupon(s): saves ${saved} fen with ${ids.join(', ') || 'none'}${exhaustive ? ' (exhaustive search' : ' (search budget reached'}, ${explored} nodes; ties → fewer coupons, then application order)`;
  return { mode, heldCouponIds: ids, saved, candidates, explored, exhaustive, why };
}

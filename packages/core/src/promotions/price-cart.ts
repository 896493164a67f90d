// The pricing engine's entry point: a pure function from cart, customer, promotions, shipping
// rules and time to a full breakdown. No I/O, no clock, no randomness; the same input always
// gives the same result, whatever the order of lines, promotions or held coupons.
import { DEFAULT_CURRENCY } from '../money/index.ts';
import { applyBundles } from './bundle.ts';
import { chooseCoupons } from './coupon-stage.ts';
import { applyGifts } from './gift-with-purchase.ts';
import { pricingInputSchema, type PricingInput } from './input-schemas.ts';
import { applyItemPrices } from './item-price.ts';
import { buildLineIndex } from './line-index.ts';
import { redeemPoints } from './points.ts';
import { applyPresales } from './presale.ts';
import { startStage, type PricingContext, type WorkLine } from './pricing-context.ts';
import type { Promotion } from './promotion-schema.ts';
import { applyQuantityDiscounts } from './quantity-discount.ts';
import { quoteShipping } from './shipping.ts';
import { applySpendThresholds } from './spend-threshold.ts';
import { STACKING_ORDER, STAGE_RANK, stageSlot, type Stage, type StackInfo } from './stacking.ts';
import { assembleResult } from './assemble-result.ts';
import type { PricingResult } from './types.ts';

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A sorted copy; skips the sort when the input is already in order (the common case). */
function sortedCopy<T>(xs: readonly T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < xs.length; i++) if (compare(xs[i - 1]!, xs[i]!) > 0) return [...xs].sort(compare);
  return [...xs];
}

/**
 * Puts one stage's promotions in evaluation order (priority desc, id asc); skips the sort when they
 * already are (the common case). Reads each promotion's priority and id once: promotions of
 * different rule types have different shapes, so every field read is a slow polymorphic load.
 */
function sortStage(g: Promotion[]): void {
  if (g.length < 2) return;
  let prevPriority = g[0]!.priority ?? 0;
  let prevId = g[0]!.id;
  for (let i = 1; i < g.length; i++) {
    const p = g[i]!;
    const priority = p.priority ?? 0;
    const id = p.id;
    if (priority > prevPriority || (priority === prevPriority && prevId > id)) {
      sortByKeys(g);
      return;
    }
    prevPriority = priority;
    prevId = id;
  }
}

const evaluationOrder = (a: Promotion, b: Promotion): number => {
  const pa = a.priority ?? 0;
  const pb = b.priority ?? 0;
  return pa !== pb ? pb - pa : byId(a, b);
};

/**
 * Sorts a stage by evaluation order (priority desc, id asc), stable. Stages are short: an
 * insertion sort over keys read once per promotion, comparing inline (no comparator calls);
 * long stages use the built-in sort.
 */
function sortByKeys(g: Promotion[]): void {
  const n = g.length;
  if (n > 64) {
    g.sort(evaluationOrder);
    return;
  }
  const priorities = new Array<number>(n);
  const ids = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    priorities[i] = g[i]!.priority ?? 0;
    ids[i] = g[i]!.id;
  }
  for (let i = 1; i < n; i++) {
    const p = g[i]!;
    const priority = priorities[i]!;
    const id = ids[i]!;
    let j = i - 1;
    while (j >= 0 && (priorities[j]! < priority || (priorities[j] === priority && ids[j]! > id))) {
      g[j + 1] = g[j]!;
      priorities[j + 1] = priorities[j]!;
      ids[j + 1] = ids[j]!;
      j--;
    }
    g[j + 1] = p;
    priorities[j + 1] = priority;
    ids[j + 1] = id;
  }
}

function buildContext(input: PricingInput): PricingContext {
  const now = typeof input.now === 'number' ? input.now : Date.parse(input.now);
  // Group first, then sort each (small) stage: the same order as sorting the whole list, since
  // the sort is stable and a stage's order only depends on its own promotions.
  const groups: Promotion[][] = STACKING_ORDER.map(() => []);
  for (const p of input.promotions) groups[stageSlot(p.code)]!.push(p);
  for (const g of groups) sortStage(g);
  const byStage: Record<Stage, Promotion[]> = {
    itemPrice: groups[STAGE_RANK.itemPrice]!, presale: groups[STAGE_RANK.presale]!, bundle: groups[STAGE_RANK.bundle]!,
    quantity: groups[STAGE_RANK.quantity]!, threshold: groups[STAGE_RANK.threshold]!, coupon: groups[STAGE_RANK.coupon]!,
    points: groups[STAGE_RANK.points]!, shipping: groups[STAGE_RANK.shipping]!,
  };
  const lines: WorkLine[] = sortedCopy(input.lines, (a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0))
    .map((line, index) => {
      const listAmount = line.unitPrice * line.quantity;
      return {
        line, index, listAmount, floorAmount: Math.min(line.floorPrice ?? 0, line.unitPrice) * line.quantity,
        unitPrices: [], freeUnits: [], itemAmount: listAmount, amount: listAmount, stageBase: listAmount,
        discounts: [], stack: [], stackSummary: { bits: 0, forbid: 0, exclusive: false }, pointsValue: 0,
      };
    });
  // Filled lazily by infoOf: promotions that never reach a line need no stacking facts.
  const infos = groups.map((g) => new Array<StackInfo | undefined>(g.length));
  return { input, now, customer: input.customer, lines, index: buildLineIndex(lines), byStage, groups, infos, stackInfo: null, lastInfoFor: null, lastInfo: null, applied: [], notApplied: [], nudges: [], gifts: [], presale: [], groupBuy: [] };
}

/**
 * Prices a cart. Contract: `input` satisfies `pricingInputSchema` (use `safePriceCart` for
 * untrusted input); then this never throws and the result satisfies the invariants in types.ts.
 * Amounts are fen; the stacking order is STACKING_ORDER.
 */
export function priceCart(input: PricingInput): PricingResult {
  const ctx = buildContext(input);
  applyItemPrices(ctx);
  startStage(ctx);
  applyPresales(ctx);
  applyBundles(ctx);
  applyQuantityDiscounts(ctx);
  startStage(ctx);
  applySpendThresholds(ctx);
  applyGifts(ctx);
  startStage(ctx);
  const shipping = quoteShipping(ctx);
  const couponChoice = chooseCoupons(ctx, shipping);
  const points = redeemPoints(ctx);
  return assembleResult(ctx, input.currency ?? DEFAULT_CURRENCY, shipping, points, couponChoice);
}

export type SafePriceResult =
  | { ok: true; result: PricingResult }
  | { ok: false; problems: { path: (string | number)[]; message: string }[] };

/** Validates untrusted input with `pricingInputSchema`, then prices it; never throws. */
export function safePriceCart(raw: unknown): SafePriceResult {
  const parsed = pricingInputSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.map((k) => (typeof k === 'symbol' ? String(k) : k)), message: i.message })) };
  }
  return { ok: true, result: priceCart(parsed.data) };
}

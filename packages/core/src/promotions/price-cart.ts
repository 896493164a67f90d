// The pricing engine's entry point: a pure function from cart, customer, promotions, shipping
// rules and time to a full breakdown. No I/O, no clock, no randomness; the same input always
// gives the same result, whatever the order of lines, promotions or held coupons.
import { DEFAULT_CURRENCY } from '../money/index.ts';
import { applyBundles } from './bundle.ts';
import { chooseCoupons } from './coupon-stage.ts';
import { applyGifts } from './gift-with-purchase.ts';
import { pricingInputSchema, type PricingInput } from './input-schemas.ts';
import { applyItemPrices } from './item-price.ts';
import { redeemPoints } from './points.ts';
import { applyPresales } from './presale.ts';
import { startStage, type PricingContext, type WorkLine } from './pricing-context.ts';
import type { Promotion } from './promotion-schema.ts';
import { applyQuantityDiscounts } from './quantity-discount.ts';
import { quoteShipping } from './shipping.ts';
import { applySpendThresholds } from './spend-threshold.ts';
import { RULE_STAGE, STAGE_RANK, stackInfoOf, type Stage } from './stacking.ts';
import { assembleResult } from './assemble-result.ts';
import type { PricingResult } from './types.ts';

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function evaluationOrder(a: Promotion, b: Promotion): number {
  const pa = a.priority ?? 0;
  const pb = b.priority ?? 0;
  return pa !== pb ? pb - pa : byId(a, b);
}

/** A sorted copy; skips the sort when the input is already in order (the common case). */
function sortedCopy<T>(xs: readonly T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < xs.length; i++) if (compare(xs[i - 1]!, xs[i]!) > 0) return [...xs].sort(compare);
  return [...xs];
}

function buildContext(input: PricingInput): PricingContext {
  const now = typeof input.now === 'number' ? input.now : Date.parse(input.now);
  const byStage: Record<Stage, Promotion[]> = { itemPrice: [], presale: [], bundle: [], quantity: [], threshold: [], coupon: [], points: [], shipping: [] };
  for (const p of sortedCopy(input.promotions, evaluationOrder)) byStage[RULE_STAGE[p.code]].push(p);
  const lines: WorkLine[] = sortedCopy(input.lines, (a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0))
    .map((line) => {
      const listAmount = line.unitPrice * line.quantity;
      return {
        line, listAmount, floorAmount: Math.min(line.floorPrice ?? 0, line.unitPrice) * line.quantity,
        unitPrices: [], freeUnits: [], itemAmount: listAmount, amount: listAmount, stageBase: listAmount,
        discounts: [], stack: [], pointsValue: 0,
      };
    });
  const stackInfo = new Map(input.promotions.map((p) => [p, stackInfoOf(p)]));
  return { input, now, customer: input.customer, lines, byStage, stackInfo, applied: [], notApplied: [], nudges: [], gifts: [], presale: [], groupBuy: [] };
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

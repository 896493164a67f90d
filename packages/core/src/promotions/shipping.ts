// Shipping: the fee from the rule serving the destination region (first weight + each started
// additional weight step), then 包邮 free-shipping rules measured on the goods amount after the
// threshold stage (before coupons, so coupon choice never flips free shipping), then at most one
// 运费券 (applied in the coupon stage). Fees are capped at MAX_SHIPPING_FEE.
import { MAX_SHIPPING_FEE, type ShippingRule } from './input-schemas.ts';
import type { PromotionOf } from './promotion-schema.ts';
import { eligibleLines, gate, lineIdsOf, recordApplied, recordNotApplied, sumBase, tierBasis, type PricingContext } from './pricing-context.ts';
import type { ShippingBreakdown } from './types.ts';

function pickRule(rules: readonly ShippingRule[], region: string | undefined): ShippingRule | undefined {
  const sorted = rules.length > 1 ? [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) : rules;
  if (region !== undefined) {
    const specific = sorted.find((r) => r.regions.includes(region));
    if (specific !== undefined) return specific;
  }
  return sorted.find((r) => r.regions.length === 0);
}

/** Fee in fen for `weightGrams` under `rule`: firstFee + ⌈(w − first) / step⌉ × additionalFee. */
export function shippingFee(rule: ShippingRule, weightGrams: number): number {
  const extra = weightGrams > rule.firstWeightGrams ? Math.ceil((weightGrams - rule.firstWeightGrams) / rule.additionalWeightGrams) : 0;
  return Math.min(MAX_SHIPPING_FEE, rule.firstFee + extra * rule.additionalFee);
}

/** Quotes shipping and applies free-shipping rules; shipping coupons are added later. */
export function quoteShipping(ctx: PricingContext): ShippingBreakdown {
  const region = ctx.input.destinationRegion ?? null;
  let weight = 0;
  for (const wl of ctx.lines) weight += (wl.line.weightGrams ?? 0) * wl.line.quantity;
  for (const g of ctx.gifts) weight += g.weightGrams * g.quantity;
  const out: ShippingBreakdown = { ruleId: null, region, serviceable: true, weightGrams: weight, fee: 0, discounts: [], discount: 0, payable: 0 };
  const rules = ctx.input.shipping?.rules;
  if (rules !== undefined && ctx.lines.length > 0) {
    const rule = pickRule(rules, ctx.input.destinationRegion);
    if (rule === undefined) out.serviceable = false;
    else {
      out.ruleId = rule.id;
      out.fee = shippingFee(rule, weight);
    }
  }
  for (const p of ctx.byStage.shipping as PromotionOf<'freeShipping'>[]) applyFreeShipping(ctx, p, out);
  out.payable = out.fee - out.discount;
  return out;
}

function applyFreeShipping(ctx: PricingContext, p: PromotionOf<'freeShipping'>, out: ShippingBreakdown): void {
  const personal = tierBasis(ctx, p);
  const extra = personal !== undefined ? { personal } : {};
  const blocked = gate(ctx, p);
  if (blocked !== null) return recordNotApplied(ctx, p, blocked, extra);
  const region = ctx.input.destinationRegion;
  const { regions, excludedRegions } = p.args;
  if ((regions !== undefined && (region === undefined || !regions.includes(region))) || (region !== undefined && excludedRegions?.includes(region) === true)) {
    return recordNotApplied(ctx, p, 'region_not_eligible', extra);
  }
  const { lines, reason } = eligibleLines(ctx, p, p.args.scope);
  if (reason !== null) return recordNotApplied(ctx, p, reason, extra);
  const base = sumBase(lines);
  const left = out.fee - out.discount;
  const { minQuantity } = p.args;
  let units = 0;
  if (minQuantity !== undefined) for (const wl of lines) units += wl.line.quantity;
  const shortUnits = minQuantity !== undefined && units < minQuantity;
  if (base < p.args.threshold || shortUnits) {
    recordNotApplied(ctx, p, 'threshold_not_met', { ...extra, detail: minQuantity !== undefined ? { base, quantity: units } : { base } });
    if (left > 0 && base < p.args.threshold) ctx.nudges.push({ kind: 'spend_more', promotionId: p.id, code: p.code, missingAmount: p.args.threshold - base, benefit: { type: 'free_shipping' } });
    if (left > 0 && shortUnits) ctx.nudges.push({ kind: 'add_items', promotionId: p.id, code: p.code, missingQuantity: minQuantity - units, benefit: { type: 'free_shipping' } });
    return;
  }
  if (left === 0) return recordNotApplied(ctx, p, 'no_saving', extra);
  out.discount += left;
  out.discounts.push({ promotionId: p.id, code: p.code, amount: left });
  recordApplied(ctx, p, 'shipping', left, lineIdsOf(lines), extra, minQuantity !== undefined ? { base, quantity: units } : { base });
}

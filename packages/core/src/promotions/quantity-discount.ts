// Stage 4, quantity discounts over the units no bundle consumed:
// - tiers (满件折 / N件M折): with ≥ minQuantity units in scope, every unit pays payBp of its price;
// - nthItem (第二件半价): every n-th unit pays payBp; the discounted units are the cheapest ones
//   of the scope ('cheapest') or of each SKU ('sameSku'); once, or per n units when `repeat`.
// Per-unit prices round half-up (see money/basis-points.ts); discounts stop at each line's floor.
import { percentageDiscount } from '../money/index.ts';
import type { PromotionOf } from './promotion-schema.ts';
import {
  admit,
  discountLine, headroom, zeros, recordApplied, recordNotApplied, type PricingContext, type WorkLine,
} from './pricing-context.ts';
import { sortSmall } from './small-sort.ts';

type QuantityPromotion = PromotionOf<'quantityDiscount'>;

interface GroupUnits {
  i: number;
  unitPrice: number;
  quantity: number;
}

const cheapestFirst = (a: GroupUnits, b: GroupUnits): number => a.unitPrice - b.unitPrice || a.i - b.i;

function unitCount(wl: WorkLine): number {
  let q = 0;
  for (const u of wl.freeUnits) q += u.quantity;
  return q;
}

/** Applies every quantity discount in force, in priority order; one per line by default. */
export function applyQuantityDiscounts(ctx: PricingContext): void {
  for (const p of ctx.byStage.quantity as QuantityPromotion[]) {
    const admitted = admit(ctx, p, p.args.scope);
    if (admitted === null) continue;
    const { lines, extra } = admitted;
    const wanted = p.args.mode === 'tiers' ? tierDiscounts(ctx, p, lines) : nthItemDiscounts(ctx, p, lines);
    let saved = 0;
    const lineIds: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const wl = lines[i]!;
      const give = Math.min(wanted[i]!, headroom(wl));
      if (give <= 0) continue;
      discountLine(ctx, wl, p, 'quantity', give);
      saved += give;
      lineIds.push(wl.line.lineId);
    }
    if (saved > 0) recordApplied(ctx, p, 'quantity', saved, lineIds, extra);
    else recordNotApplied(ctx, p, wanted.some((w) => w > 0) ? 'no_saving' : 'threshold_not_met', extra);
  }
}

function tierDiscounts(ctx: PricingContext, p: QuantityPromotion, lines: WorkLine[]): number[] {
  if (p.args.mode !== 'tiers') return [];
  const tiers = p.args.tiers;
  let total = 0;
  for (const wl of lines) total += unitCount(wl);
  // The best tier reached (lowest payBp) and the nearest tier above that pays less; no sort.
  let reached: (typeof tiers)[number] | undefined;
  for (const t of tiers) if (t.minQuantity <= total && (reached === undefined || t.payBp < reached.payBp)) reached = t;
  let next: (typeof tiers)[number] | undefined;
  for (const t of tiers) {
    if (t.minQuantity > total && (reached === undefined || t.payBp < reached.payBp) && (next === undefined || t.minQuantity < next.minQuantity)) next = t;
  }
  if (next !== undefined) {
    ctx.nudges.push({ kind: 'add_items', promotionId: p.id, code: p.code, missingQuantity: next.minQuantity - total, benefit: { type: 'pay_percent', payBp: next.payBp } });
  }
  if (reached === undefined) return zeros(lines.length);
  const payBp = reached.payBp;
  const wanted = zeros(lines.length);
  for (let i = 0; i < lines.length; i++) for (const u of lines[i]!.freeUnits) wanted[i]! += u.quantity * percentageDiscount(u.unitPrice, payBp);
  return wanted;
}

function nthItemDiscounts(ctx: PricingContext, p: QuantityPromotion, lines: WorkLine[]): number[] {
  if (p.args.mode !== 'nthItem') return [];
  const { n, payBp, among } = p.args;
  const repeat = p.args.repeat ?? true;
  const groups = new Map<string, number[]>(); // group key → indexes into lines (lineId order)
  for (let i = 0; i < lines.length; i++) {
    const key = among === 'sameSku' ? lines[i]!.line.skuId : '*';
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [i]);
    else g.push(i);
  }
  const wanted = zeros(lines.length);
  for (const [key, indexes] of groups) {
    const units: GroupUnits[] = [];
    let total = 0;
    for (const i of indexes) {
      for (const u of lines[i]!.freeUnits) if (u.quantity > 0) units.push({ i, unitPrice: u.unitPrice, quantity: u.quantity });
      total += unitCount(lines[i]!);
    }
    let k = Math.floor(total / n);
    if (!repeat) k = Math.min(k, 1);
    if (repeat || k === 0) {
      const missing = n - (total % n);
      const benefit = { type: 'pay_percent' as const, payBp };
      // Two literals rather than a spread: same keys in the same order, no object copy.
      ctx.nudges.push(key === '*'
        ? { kind: 'add_items', promotionId: p.id, code: p.code, missingQuantity: missing, benefit }
        : { kind: 'add_items', promotionId: p.id, code: p.code, missingQuantity: missing, benefit, skuIds: [key] });
    }
    if (units.length > 1) sortSmall(units, cheapestFirst); // cheapest first, then line order
    for (const u of units) {
      if (k === 0) break;
      const take = Math.min(k, u.quantity);
      wanted[u.i]! += take * percentageDiscount(u.unitPrice, payBp);
      k -= take;
    }
  }
  return wanted;
}

// Stage 3, bundles (组合套餐): a set of SKUs at a set price, applied as many times as the cart
// holds the whole set (up to maxApplications). A bundle consumes the highest-priced free units
// of each SKU; consumed units take no quantity discount. The saving is spread over the lines
// whose units were consumed, proportionally to the value consumed.
import type { PromotionOf } from './promotion-schema.ts';
import type { Scope } from './rule-args.ts';
import {
  admit,
  allocateCapped, discountLine, infoOf, zeros, markApplied, headroom, recordApplied, recordNotApplied, tierBasis,
  type PricedUnits, type PricingContext, type WorkLine,
} from './pricing-context.ts';

function unitTotal(units: readonly PricedUnits[]): number {
  let q = 0;
  for (const u of units) q += u.quantity;
  return q;
}

function freeQuantity(wl: WorkLine): number {
  return unitTotal(wl.freeUnits);
}

/** Takes `n` units, highest price first, from `units` (mutates); returns their value. */
function takeUnits(units: PricedUnits[], n: number): number {
  let value = 0;
  let left = n;
  for (const u of units) {
    if (left === 0) break;
    const take = Math.min(u.quantity, left);
    u.quantity -= take;
    left -= take;
    value += take * u.unitPrice;
  }
  return value;
}

/** Applies every bundle in force, in priority order. */
export function applyBundles(ctx: PricingContext): void {
  for (const p of ctx.byStage.bundle as PromotionOf<'bundle'>[]) {
    const skuScope: Scope = { type: 'skus', ids: p.args.items.map((i) => i.skuId) };
    const admitted = admit(ctx, p, skuScope);
    if (admitted === null) continue;
    const { lines, extra } = admitted;
    let times = p.args.maxApplications ?? Infinity;
    const missing: string[] = [];
    let missingQuantity = 0;
    for (const item of p.args.items) {
      let available = 0;
      for (const wl of lines) if (wl.line.skuId === item.skuId) available += freeQuantity(wl);
      times = Math.min(times, Math.floor(available / item.quantity));
      if (available < item.quantity) {
        missing.push(item.skuId);
        missingQuantity += item.quantity - available;
      }
    }
    if (times === 0 || !Number.isFinite(times)) {
      recordNotApplied(ctx, p, 'bundle_incomplete', extra);
      ctx.nudges.push({ kind: 'add_items', promotionId: p.id, code: p.code, missingQuantity, skuIds: missing, benefit: { type: 'bundle_price', price: p.args.price } });
      continue;
    }
    // Tentative consumption on copies, committed only if the bundle actually saves.
    const trial = lines.map((wl) => wl.freeUnits.map((u) => ({ quantity: u.quantity, unitPrice: u.unitPrice })));
    const consumed = zeros(lines.length);
    for (const item of p.args.items) {
      let need = item.quantity * times;
      for (let i = 0; i < lines.length && need > 0; i++) {
        if (lines[i]!.line.skuId !== item.skuId) continue;
        const q = Math.min(need, unitTotal(trial[i]!));
        consumed[i]! += takeUnits(trial[i]!, q);
        need -= q;
      }
    }
    let value = 0;
    for (const c of consumed) value += c;
    const saving = value - p.args.price * times;
    if (saving <= 0) {
      recordNotApplied(ctx, p, 'no_saving', extra);
      continue;
    }
    const caps = new Array<number>(lines.length);
    for (let i = 0; i < lines.length; i++) caps[i] = headroom(lines[i]!);
    const parts = allocateCapped(saving, consumed, caps);
    const info = infoOf(ctx, p);
    let saved = 0;
    const lineIds: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (consumed[i] === 0) continue;
      const wl = lines[i]!;
      wl.freeUnits = trial[i]!.filter((u) => u.quantity > 0);
      discountLine(ctx, wl, p, 'bundle', parts[i]!, undefined, info);
      markApplied(ctx, wl, p, info);
      saved += parts[i]!;
      lineIds.push(wl.line.lineId);
    }
    recordApplied(ctx, p, 'bundle', saved, lineIds, extra, { times });
  }
}

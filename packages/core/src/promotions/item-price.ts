// Stage 1, item-level prices: flash sale, timed discount, member price and group price compete
// per unit; the lowest single price wins, they never stack. Units beyond a promotion's promo
// stock or per-customer limit fall back to the next best price (list price if none) and the
// breakdown marks them, so nothing is refused silently.
import { discountedPrice } from '../money/index.ts';
import type { PriceSpec, Scope } from './rule-args.ts';
import type { Promotion } from './promotion-schema.ts';
import { anyLineInChannels, discountLine, gate, infoOf, recordApplied, recordNotApplied, tierBasis, type PricedUnits, type PricingContext } from './pricing-context.ts';
import { sortSmall } from './small-sort.ts';
import type { StackInfo } from './stacking.ts';
import { scopeLines } from './line-index.ts';
import { hasId } from './scope.ts';
import type { PersonalBasis, ReasonCode, UnitNote, UnitPrice } from './types.ts';

type ItemPromotion = Extract<Promotion, { code: 'flashSale' | 'timedPrice' | 'memberPrice' | 'groupBuy' }>;

interface Tracker {
  promotion: ItemPromotion;
  /** Its stacking facts, fetched on its first offer (saves a map lookup per discounted line). */
  info: StackInfo | null;
  /** The promotion's channels and scope, read once here rather than per line through its args. */
  channelIds: readonly string[] | undefined;
  scope: Scope;
  spec: PriceSpec | null;
  blocked: ReasonCode | null;
  stockLeft: number;
  limitLeft: number;
  personal: PersonalBasis[] | undefined;
  quantity: number;
  excessQuantity: number;
  saved: number;
  lineIds: string[];
  seenScope: boolean;
  hadCandidate: boolean;
  noSaving: boolean;
  shortage: ReasonCode | null;
}

interface Candidate {
  t: Tracker;
  price: number;
  clamped: boolean;
}

/** A line no rule offers a price to (never mutated: only longer lists are sorted). */
const NO_OFFERS: Candidate[] = [];
const byPrice = (a: Candidate, b: Candidate): number => a.price - b.price;
const byPriceDesc = (a: PricedUnits, b: PricedUnits): number => b.unitPrice - a.unitPrice;

function priceOf(spec: PriceSpec, list: number): number {
  return spec.type === 'fixed' ? spec.unitPrice : discountedPrice(list, spec.payBp);
}

function track(ctx: PricingContext, p: ItemPromotion): Tracker {
  const usage = ctx.customer.promotionUsage?.[p.id] ?? 0;
  const t: Tracker = {
    promotion: p, info: null, channelIds: p.channelIds, scope: p.args.scope, spec: null, blocked: gate(ctx, p), stockLeft: Infinity, limitLeft: Infinity,
    personal: tierBasis(ctx, p), quantity: 0, excessQuantity: 0, saved: 0, lineIds: [],
    seenScope: false, hadCandidate: false, noSaving: false, shortage: null,
  };
  const personal: PersonalBasis[] = t.personal ?? []; // tierBasis gives a fresh array: no copy needed
  switch (p.code) {
    case 'memberPrice':
      t.spec = p.args.prices[ctx.customer.tier] ?? null;
      personal.push({ basis: 'tier', tier: ctx.customer.tier });
      if (t.spec === null) t.blocked ??= 'not_eligible_tier';
      break;
    case 'groupBuy':
      t.spec = p.args.groupPrice;
      if (ctx.input.groupBuyJoin?.promotionId !== p.id) t.blocked ??= 'not_joining_group';
      else personal.push({ basis: 'group_join' });
      break;
    case 'flashSale':
      t.spec = p.args.price;
      t.stockLeft = p.args.promoStock;
      break;
    case 'timedPrice':
      t.spec = p.args.price;
      break;
  }
  const limit = p.code === 'memberPrice' ? undefined : p.args.perCustomerLimit;
  if (limit !== undefined) {
    t.limitLeft = Math.max(0, limit - usage);
    personal.push({ basis: 'customer_limit', remaining: t.limitLeft });
  }
  t.personal = personal.length > 0 ? personal : undefined;
  return t;
}

/** Sets every line's item-level unit prices and records item-level outcomes. */
export function applyItemPrices(ctx: PricingContext): void {
  const trackers = (ctx.byStage.itemPrice as ItemPromotion[]).map((p) => track(ctx, p));
  // Each open rule visits only its scope's lines (line index) and leaves its offer on the line;
  // a line's offers stay in rule order (priority, id), as the stable price sort below needs.
  // (Created on a line's first offer: most rules reach few lines.)
  const offers: (Candidate[] | null)[] = [];
  for (let i = 0; i < ctx.lines.length; i++) offers.push(null);
  for (const t of trackers) {
    if (t.blocked !== null) continue;
    const positions = scopeLines(ctx.index, t.scope);
    for (let k = 0; k < positions.length; k++) {
      const line = ctx.lines[positions[k]!]!.line;
      if (t.channelIds !== undefined && !hasId(t.channelIds, line.channelId)) continue;
      t.seenScope = true;
      const list = line.unitPrice;
      const floorUnit = Math.min(line.floorPrice ?? 0, list);
      const raw = priceOf(t.spec!, list);
      const price = Math.max(raw, floorUnit);
      if (price >= list) {
        t.noSaving = true;
        continue;
      }
      const offer: Candidate = { t, price, clamped: raw < floorUnit };
      const lineOffers = offers[positions[k]!] ?? null;
      if (lineOffers === null) offers[positions[k]!] = [offer];
      else lineOffers.push(offer);
    }
  }
  for (const wl of ctx.lines) {
    const line = wl.line;
    const list = line.unitPrice;
    const candidates = offers[wl.index] ?? NO_OFFERS;
    if (candidates.length > 1) sortSmall(candidates, byPrice); // stable: ties keep priority/id order
    let remaining = line.quantity;
    let note: UnitNote | undefined;
    const unitPrices: UnitPrice[] = [];
    for (const c of candidates) {
      if (remaining === 0) break;
      const t = c.t;
      t.hadCandidate = true;
      const available = Math.min(remaining, t.stockLeft, t.limitLeft);
      if (available > 0) {
        const u: UnitPrice = { quantity: available, unitPrice: c.price, promotionId: t.promotion.id, code: t.promotion.code };
        if (c.clamped) u.note = 'clamped_to_floor';
        else if (note !== undefined) u.note = note;
        unitPrices.push(u);
        t.stockLeft -= available;
        t.limitLeft -= available;
        t.quantity += available;
        t.saved += (list - c.price) * available;
        t.lineIds.push(line.lineId);
        remaining -= available;
        discountLine(ctx, wl, t.promotion, 'itemPrice', (list - c.price) * available, undefined, (t.info ??= infoOf(ctx, t.promotion)));
      }
      if (remaining > 0) {
        const byLimit = t.limitLeft <= t.stockLeft;
        t.shortage = byLimit ? 'limit_reached' : 'out_of_stock';
        t.excessQuantity += remaining;
        note = byLimit ? 'beyond_customer_limit' : 'beyond_promo_stock';
      }
    }
    if (remaining > 0) {
      const u: UnitPrice = { quantity: remaining, unitPrice: list, promotionId: null, code: null };
      if (note !== undefined) u.note = note;
      unitPrices.push(u);
    }
    wl.unitPrices = unitPrices;
    wl.itemAmount = wl.amount;
    const freeUnits: PricedUnits[] = [];
    for (const u of unitPrices) freeUnits.push({ quantity: u.quantity, unitPrice: u.unitPrice });
    wl.freeUnits = freeUnits;
    if (wl.freeUnits.length > 1) sortSmall(wl.freeUnits, byPriceDesc);
  }
  for (const t of trackers) report(ctx, t);
}

function report(ctx: PricingContext, t: Tracker): void {
  const p = t.promotion;
  const extra = t.personal !== undefined ? { personal: t.personal } : {};
  if (t.quantity > 0) {
    const detail: Record<string, number | string> = { quantity: t.quantity };
    if (t.excessQuantity > 0 && t.shortage !== null) {
      detail.excessQuantity = t.excessQuantity;
      detail.excessReason = t.shortage;
    }
    recordApplied(ctx, p, 'itemPrice', t.saved, t.lineIds, extra, detail);
    return;
  }
  const reason: ReasonCode =
    t.blocked ??
    (!t.seenScope ? (p.channelIds !== undefined && !anyLineInChannels(ctx, p.channelIds) ? 'wrong_channel' : 'not_in_scope')
      : t.shortage ?? (t.hadCandidate ? 'not_best_price' : t.noSaving ? 'no_saving' : 'not_best_price'));
  recordNotApplied(ctx, p, reason, extra);
}

// Turns the working state into the public breakdown: lines in input order (gift lines last),
// outcomes sorted by stage and id so the result never depends on input order.
import type { GiftLine, PricingContext, WorkLine } from './pricing-context.ts';
import type { PromotionOf } from './promotion-schema.ts';
import { sortSmall } from './small-sort.ts';
import { stageRank } from './stacking.ts';
import type { AppliedPromotion, CouponChoice, GroupBuyBreakdown, LineBreakdown, NotAppliedPromotion, Nudge, PointsBreakdown, PricingResult, ShippingBreakdown } from './types.ts';

const cmp = (a: string | undefined, b: string | undefined): number => {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The nudge's SKU list as one string; a one-SKU list (the usual case) without building a string. */
function skuKey(n: Nudge): string | undefined {
  const ids = n.skuIds;
  return ids === undefined ? undefined : ids.length === 1 ? ids[0] : ids.join(',');
}

const byPromotionId = (a: GiftLine, b: GiftLine): number => cmp(a.promotionId, b.promotionId);

// The outcome orders as module-level comparators (no per-run closures); ids are always strings,
// only heldCouponId and the nudge SKUs may be absent.
function appliedOrder(a: AppliedPromotion, b: AppliedPromotion): number {
  const r = stageRank(a.stage) - stageRank(b.stage);
  if (r !== 0) return r;
  const x = a.promotionId;
  const y = b.promotionId;
  return x < y ? -1 : x > y ? 1 : cmp(a.heldCouponId, b.heldCouponId);
}

function notAppliedOrder(a: NotAppliedPromotion, b: NotAppliedPromotion): number {
  const x = a.promotionId;
  const y = b.promotionId;
  return x < y ? -1 : x > y ? 1 : cmp(a.heldCouponId, b.heldCouponId) || cmp(a.reason, b.reason);
}

function nudgeOrder(a: Nudge, b: Nudge): number {
  const x = a.promotionId;
  const y = b.promotionId;
  return x < y ? -1 : x > y ? 1 : cmp(a.heldCouponId, b.heldCouponId) || cmp(skuKey(a), skuKey(b));
}

/** Builds the PricingResult; computes line payables, presale balances and group-buy terms. */
export function assembleResult(ctx: PricingContext, currency: string, shipping: ShippingBreakdown, points: PointsBreakdown, couponChoice: CouponChoice): PricingResult {
  // ctx.lines is input.lines in lineId order; the input usually already is, and then the work
  // line of input line k is ctx.lines[k] (no id map needed).
  const input = ctx.input.lines;
  let inOrder = true;
  for (let k = 0; k < input.length; k++) if (ctx.lines[k]!.line !== input[k]) inOrder = false;
  const byLineId = inOrder ? null : new Map<string, WorkLine>();
  if (byLineId !== null) for (const wl of ctx.lines) byLineId.set(wl.line.lineId, wl);
  const lines: LineBreakdown[] = input.map((line, k) => {
    const wl = byLineId === null ? ctx.lines[k]! : byLineId.get(line.lineId)!;
    const discountTotal = wl.listAmount - wl.amount;
    return {
      lineId: line.lineId, skuId: line.skuId, productId: line.productId, channelId: line.channelId, quantity: line.quantity,
      isGift: false, unitListPrice: line.unitPrice, listAmount: wl.listAmount, unitPrices: wl.unitPrices, itemAmount: wl.itemAmount,
      discounts: wl.discounts, discountTotal, floorAmount: wl.floorAmount, pointsValue: wl.pointsValue,
      payable: wl.listAmount - discountTotal - wl.pointsValue,
    };
  });
  const gifts = ctx.gifts.length > 1 ? sortSmall(ctx.gifts.slice(), byPromotionId) : ctx.gifts;
  for (const g of gifts) {
    lines.push({
      lineId: `gift:${g.promotionId}`, skuId: g.skuId, productId: g.productId, channelId: g.channelId, quantity: g.quantity,
      isGift: true, unitListPrice: 0, listAmount: 0,
      unitPrices: [{ quantity: g.quantity, unitPrice: 0, promotionId: g.promotionId, code: 'giftWithPurchase' }],
      itemAmount: 0, discounts: [], discountTotal: 0, floorAmount: 0, pointsValue: 0, payable: 0, giftUnitValue: g.unitValue,
    });
  }
  let listTotal = 0;
  let discountTotal = 0;
  for (const l of lines) {
    listTotal += l.listAmount;
    discountTotal += l.discountTotal;
  }
  const goodsPayable = listTotal - discountTotal;
  for (const pre of ctx.presale) {
    const wl = ctx.lines.find((x) => x.line.lineId === pre.lineId)!;
    pre.balanceDue = wl.amount - wl.pointsValue - pre.deposit;
  }
  const groupBuy: GroupBuyBreakdown[] = [];
  for (const a of ctx.applied) {
    if (a.code !== 'groupBuy') continue;
    const p = ctx.byStage.itemPrice.find((x) => x.id === a.promotionId) as PromotionOf<'groupBuy'>;
    groupBuy.push({ promotionId: a.promotionId, groupSize: p.args.groupSize, endsAt: p.endsAt ?? null, lineIds: a.lineIds, condition: 'group_of_size_forms_before_end', refundIfGroupFails: true });
  }
  sortSmall(ctx.applied, appliedOrder);
  sortSmall(ctx.notApplied, notAppliedOrder);
  sortSmall(ctx.nudges, nudgeOrder);
  if (ctx.presale.length > 1) ctx.presale.sort((a, b) => cmp(a.promotionId, b.promotionId) || cmp(a.lineId, b.lineId));
  return {
    currency, now: ctx.now, customerId: ctx.customer.id, lines, listTotal, discountTotal, goodsPayable, points, shipping,
    payable: goodsPayable - points.value + shipping.payable,
    applied: ctx.applied, notApplied: ctx.notApplied, nudges: ctx.nudges, couponChoice, presale: ctx.presale, groupBuy,
  };
}

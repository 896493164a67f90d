// Stage 5 (with the thresholds), 买赠: when the scope's spend (measured at the start of the stage)
// or unit count meets the condition, a gift line is added at zero price while gift stock lasts.
// With `repeat`, one gift set per multiple of the condition. Partial stock gives what is left.
import type { PromotionOf } from './promotion-schema.ts';
import { admit, markApplied, lineIdsOf, recordApplied, recordNotApplied, sumBase, type PricingContext } from './pricing-context.ts';

/** Adds gift lines for every 买赠 rule whose condition holds. */
export function applyGifts(ctx: PricingContext): void {
  for (const p of ctx.byStage.threshold) {
    if (p.code !== 'giftWithPurchase') continue;
    const gift = p as PromotionOf<'giftWithPurchase'>;
    const admitted = admit(ctx, gift, gift.args.scope);
    if (admitted === null) continue;
    const { lines, extra } = admitted;
    const { condition, giftStock } = gift.args;
    const measured = condition.type === 'spend' ? sumBase(lines) : lines.reduce((s, wl) => s + wl.line.quantity, 0);
    const needed = condition.type === 'spend' ? condition.threshold : condition.minQuantity;
    const benefit = { type: 'gift' as const, skuId: gift.args.gift.skuId, quantity: gift.args.gift.quantity };
    if (measured < needed) {
      recordNotApplied(ctx, gift, 'threshold_not_met', extra);
      if (giftStock > 0) {
        ctx.nudges.push(condition.type === 'spend'
          ? { kind: 'spend_more', promotionId: gift.id, code: gift.code, missingAmount: needed - measured, benefit }
          : { kind: 'add_items', promotionId: gift.id, code: gift.code, missingQuantity: needed - measured, benefit });
      }
      continue;
    }
    if (giftStock === 0) {
      recordNotApplied(ctx, gift, 'out_of_stock', extra);
      continue;
    }
    const sets = gift.args.repeat === true && needed > 0 ? Math.floor(measured / needed) : 1;
    const wanted = sets * gift.args.gift.quantity;
    const quantity = Math.min(wanted, giftStock);
    ctx.gifts.push({
      promotionId: gift.id,
      skuId: gift.args.gift.skuId,
      productId: gift.args.gift.productId,
      channelId: lines[0]!.line.channelId,
      quantity,
      unitValue: gift.args.gift.unitValue,
      weightGrams: gift.args.gift.weightGrams ?? 0,
    });
    for (const wl of lines) markApplied(ctx, wl, gift);
    const detail: Record<string, number | string> = { giftQuantity: quantity, giftValue: quantity * gift.args.gift.unitValue };
    if (quantity < wanted) {
      detail.shortQuantity = wanted - quantity;
      detail.shortReason = 'out_of_stock';
    }
    recordApplied(ctx, gift, 'threshold', 0, lineIdsOf(lines), extra, detail);
  }
}

// Usage accounting for promotions with limits: an order placed counts its units against the
// promotion's promo stock (秒杀) and the customer's limit; a cancelled order gives them back; an
// order the promotion gave no discount counts nothing.
import {
  countedUnits, findPromotion, findPromotionUsage, releasePromotionUsageRow, upsertPromotionUsage,
  type DB, type Kysely, type PromotionRecord, type PromotionUsageRecord,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { fail, ok, type Actor, type Result } from './result.ts';

export interface UsageOutcome {
  counted: boolean;
  usage: PromotionUsageRecord | null;
}

/** The limits a stored promotion carries in its args: promo stock (秒杀) and units per customer. */
export function limitsOf(p: Pick<PromotionRecord, 'code' | 'args'>): { promoStock?: number; perCustomerLimit?: number } {
  const a = p.args as { promoStock?: unknown; perCustomerLimit?: unknown };
  return {
    ...(p.code === 'flashSale' && typeof a.promoStock === 'number' ? { promoStock: a.promoStock } : {}),
    ...(typeof a.perCustomerLimit === 'number' ? { perCustomerLimit: a.perCustomerLimit } : {}),
  };
}

const auditable = (u: PromotionUsageRecord) => ({ orderRef: u.orderRef, customerRef: u.customerRef, quantity: u.quantity, discountFen: u.discountFen, status: u.status });

/**
 * Counts an order's units against the promotion. The promotion row is locked for the
 * transaction, so concurrent orders see each other: the stock and each customer's limit hold.
 * Recording the same order again answers the usage already counted.
 */
export async function recordPromotionUsage(
  db: Kysely<DB>,
  actor: Actor,
  promotionId: string,
  use: { orderRef: string; customerRef: string; quantity: number; discountFen: number },
  now = new Date(),
): Promise<Result<UsageOutcome>> {
  return db.transaction().execute(async (trx) => {
    const promotion = await findPromotion(trx, actor.tenantId, promotionId, true);
    if (!promotion) return fail('not_found');
    const existing = await findPromotionUsage(trx, actor.tenantId, promotionId, use.orderRef);
    if (existing?.status === 'counted') return ok({ counted: true, usage: existing });
    if (use.discountFen === 0) return ok({ counted: false, usage: null });
    if (promotion.status !== 'active') return fail('promotion_not_active', `The promotion is ${promotion.status}.`);
    const { promoStock, perCustomerLimit } = limitsOf(promotion);
    if (promoStock !== undefined) {
      const used = (await countedUnits(trx, actor.tenantId, [promotionId])).get(promotionId) ?? 0;
      if (used + use.quantity > promoStock) return fail('promotion_sold_out', `${promoStock - used} of ${promoStock} units left.`, { remaining: promoStock - used });
    }
    if (perCustomerLimit !== undefined) {
      const mine = (await countedUnits(trx, actor.tenantId, [promotionId], use.customerRef)).get(promotionId) ?? 0;
      if (mine + use.quantity > perCustomerLimit) return fail('promotion_limit_reached', `${perCustomerLimit - mine} of ${perCustomerLimit} units left for this customer.`, { remaining: perCustomerLimit - mine });
    }
    const usage = await upsertPromotionUsage(trx, actor.tenantId, { promotionId, ...use, at: now });
    await recordChange(trx, actor, { action: 'use', entityType: 'promotion', entityId: promotionId, before: null, after: auditable(usage) });
    return ok({ counted: true, usage });
  });
}

/** Gives an order's use back; releasing twice, or an order that used nothing, changes nothing. */
export async function releasePromotionUsage(db: Kysely<DB>, actor: Actor, promotionId: string, orderRef: string, now = new Date()): Promise<Result<UsageOutcome>> {
  return db.transaction().execute(async (trx) => {
    const promotion = await findPromotion(trx, actor.tenantId, promotionId);
    if (!promotion) return fail('not_found');
    const released = await releasePromotionUsageRow(trx, actor.tenantId, promotionId, orderRef, now);
    if (!released) return ok({ counted: false, usage: (await findPromotionUsage(trx, actor.tenantId, promotionId, orderRef)) ?? null });
    await recordChange(trx, actor, { action: 'release', entityType: 'promotion', entityId: promotionId, before: { status: 'counted', orderRef }, after: auditable(released) });
    return ok({ counted: false, usage: released });
  });
}

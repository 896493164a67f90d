import {
  effectiveCouponStatus, findCoupon, findCouponBatch, markCouponUsed, releaseCouponUse, revokeCouponRow,
  type CouponRecord, type DB, type Kysely,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { fail, ok, type Actor, type Failure, type Result } from './result.ts';

function auditable(c: CouponRecord): Record<string, unknown> {
  return { status: c.status, usedOrderRef: c.usedOrderRef, usedDiscountFen: c.usedDiscountFen };
}

/** Why a coupon could not be used at `now`. */
function unusable(c: CouponRecord, now: Date): Failure {
  if (c.status === 'used') return fail('coupon_already_used', `Used by order ${c.usedOrderRef}.`);
  if (c.status === 'revoked') return fail('coupon_revoked');
  if (effectiveCouponStatus(c, now) === 'expired') return fail('coupon_expired', `Expired at ${c.expiresAt?.toISOString()}.`);
  if (c.validFrom !== null && c.validFrom > now) return fail('coupon_not_yet_valid', `Valid from ${c.validFrom.toISOString()}.`);
  return fail('coupon_already_used');
}

const isUniqueViolation = (e: unknown): boolean => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';

/**
 * Uses a coupon for an order, atomically (a conditional update: of concurrent redemptions exactly
 * one wins; the others get coupon_already_used). Redeeming again for the same order answers the
 * same coupon. A coupon that saved nothing (discountFen 0) is not used up.
 */
export async function redeemCoupon(
  db: Kysely<DB>,
  actor: Actor,
  couponId: string,
  use: { orderRef: string; discountFen: number; customerRef?: string | undefined },
  now = new Date(),
): Promise<Result<CouponRecord>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const coupon = await findCoupon(trx, actor.tenantId, couponId);
      if (!coupon) return fail('not_found');
      if (use.customerRef !== undefined && use.customerRef !== coupon.customerRef) return fail('coupon_not_held', 'The coupon belongs to another customer.');
      if (coupon.status === 'used' && coupon.usedOrderRef === use.orderRef) return ok(coupon);
      const batch = await findCouponBatch(trx, actor.tenantId, coupon.batchId);
      if (batch?.status !== 'active') return fail('coupon_batch_not_active', `The coupon’s batch is ${batch?.status}.`);
      if (use.discountFen === 0) return coupon.status === 'available' && effectiveCouponStatus(coupon, now) === 'available' ? ok(coupon) : unusable(coupon, now);
      const used = await markCouponUsed(trx, actor.tenantId, couponId, { ...use, at: now });
      if (!used) {
        const current = (await findCoupon(trx, actor.tenantId, couponId))!;
        return current.status === 'used' && current.usedOrderRef === use.orderRef ? ok(current) : unusable(current, now);
      }
      await recordChange(trx, actor, { action: 'redeem', entityType: 'coupon', entityId: couponId, before: auditable(coupon), after: auditable(used) });
      return ok(used);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail('coupon_order_has_batch', `Order ${use.orderRef} already uses a coupon of this batch.`);
    throw error;
  }
}

/**
 * Gives the use back when the order that used the coupon is cancelled or timed out. Only that
 * order can release it; releasing a coupon that is not in use changes nothing.
 */
export async function releaseCoupon(db: Kysely<DB>, actor: Actor, couponId: string, orderRef: string): Promise<Result<CouponRecord>> {
  return db.transaction().execute(async (trx) => {
    const released = await releaseCouponUse(trx, actor.tenantId, couponId, orderRef);
    if (released) {
      await recordChange(trx, actor, { action: 'release', entityType: 'coupon', entityId: couponId, before: { status: 'used', usedOrderRef: orderRef }, after: auditable(released) });
      return ok(released);
    }
    const coupon = await findCoupon(trx, actor.tenantId, couponId);
    if (!coupon) return fail('not_found');
    if (coupon.status === 'available') return ok(coupon);
    return fail('coupon_not_used_by_order', coupon.status === 'used' ? 'Another order uses it.' : `The coupon is ${coupon.status}.`);
  });
}

/** Revokes a coupon the customer has not used; revoking twice changes nothing. */
export async function revokeCoupon(db: Kysely<DB>, actor: Actor, couponId: string, now = new Date()): Promise<Result<CouponRecord>> {
  return db.transaction().execute(async (trx) => {
    const revoked = await revokeCouponRow(trx, actor.tenantId, couponId, now);
    if (revoked) {
      await recordChange(trx, actor, { action: 'revoke', entityType: 'coupon', entityId: couponId, before: { status: 'available' }, after: { status: 'revoked' } });
      return ok(revoked);
    }
    const coupon = await findCoupon(trx, actor.tenantId, couponId);
    if (!coupon) return fail('not_found');
    if (coupon.status === 'revoked') return ok(coupon);
    return fail('coupon_already_used', `Used by order ${coupon.usedOrderRef}; release it first.`);
  });
}

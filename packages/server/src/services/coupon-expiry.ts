// The coupon expiry sweeper: claimed coupons whose validity has ended become `expired` for good
// (reads already treat them so, see effectiveCouponStatus; the sweep makes the stored status,
// lists and reports agree). Only `available` coupons are touched: a coupon held by an order
// (`used`, with its order ref) is never expired — if that order is cancelled and the coupon
// released after its expiry, the next sweep expires it.
import { expireCouponRows, tenantsWithExpiredCoupons, type DB, type Kysely } from '@yunying/db';
import { recordChange } from './audit.ts';
import { ok, type Actor } from './result.ts';
import { transact } from './transact.ts';

/**
 * Expires every available coupon whose validity ended at or before `now`, shop by shop, in
 * transactions of at most `batch` coupons (status change + one audit entry each), at most
 * `maxBatches` per shop per run so one big shop cannot hold the janitor. The server runs it every
 * minute. Returns how many coupons it expired.
 */
export async function expireCoupons(db: Kysely<DB>, now = new Date(), batch = 200, maxBatches = 25): Promise<number> {
  let expired = 0;
  for (const tenantId of await tenantsWithExpiredCoupons(db, now)) {
    const actor: Actor = { tenantId, actorType: 'system', actorId: null, userId: null, role: 'owner', requestId: null };
    for (let i = 0; i < maxBatches; i++) {
      const done = await transact(db, async (trx) => {
        const rows = await expireCouponRows(trx, tenantId, now, batch);
        for (const c of rows) {
          await recordChange(trx, actor, { action: 'expire', entityType: 'coupon', entityId: c.couponId, before: { status: 'available' }, after: { status: 'expired' } });
        }
        return ok(rows.length);
      });
      if (!done.ok) break;
      expired += done.value;
      if (done.value < batch) break;
    }
  }
  return expired;
}

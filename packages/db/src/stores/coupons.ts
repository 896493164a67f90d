import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { CouponsTable } from '../schema-promotions.ts';

/** A coupon a customer claimed from a batch. */
export interface CouponRecord {
  couponId: string;
  batchId: string;
  customerRef: string;
  claimedAt: Date;
  validFrom: Date | null;
  expiresAt: Date | null;
  /** As stored: available | used | revoked | expired (see effectiveCouponStatus). */
  status: string;
  usedOrderRef: string | null;
  usedAt: Date | null;
  usedDiscountFen: number | null;
  revokedAt: Date | null;
  updatedAt: Date;
}

function toCoupon(r: Selectable<CouponsTable>): CouponRecord {
  return {
    couponId: r.coupon_id,
    batchId: r.batch_id,
    customerRef: r.customer_ref,
    claimedAt: r.claimed_at,
    validFrom: r.valid_from,
    expiresAt: r.expires_at,
    status: r.status,
    usedOrderRef: r.used_order_ref,
    usedAt: r.used_at,
    usedDiscountFen: r.used_discount_fen,
    revokedAt: r.revoked_at,
    updatedAt: r.updated_at,
  };
}

/** An available coupon past its expiry reads as expired, before the expiry sweeper (expireCoupons) has stored it so. */
export function effectiveCouponStatus(c: CouponRecord, now: Date): string {
  return c.status === 'available' && c.expiresAt !== null && c.expiresAt <= now ? 'expired' : c.status;
}

export async function insertCoupons(
  db: Kysely<DB>,
  tenantId: string,
  coupons: { couponId: string; batchId: string; customerRef: string; claimedAt: Date; validFrom: Date | null; expiresAt: Date | null }[],
): Promise<CouponRecord[]> {
  if (coupons.length === 0) return [];
  const rows = await db
    .insertInto('coupons')
    .values(
      coupons.map((c) => ({
        tenant_id: tenantId,
        coupon_id: c.couponId,
        batch_id: c.batchId,
        customer_ref: c.customerRef,
        claimed_at: c.claimedAt,
        valid_from: c.validFrom,
        expires_at: c.expiresAt,
        used_order_ref: null,
        used_discount_fen: null,
        updated_at: c.claimedAt,
      })),
    )
    .returningAll()
    .execute();
  return rows.map(toCoupon).sort((a, b) => (a.couponId < b.couponId ? -1 : 1));
}

/** Claims per customer ref in a batch (every claim counts, used or revoked alike). */
export async function countClaimsByCustomer(db: Kysely<DB>, tenantId: string, batchId: string, customerRefs: string[]): Promise<Map<string, number>> {
  if (customerRefs.length === 0) return new Map();
  const rows = await db
    .selectFrom('coupons')
    .select(['customer_ref', db.fn.countAll<string | number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('batch_id', '=', batchId)
    .where('customer_ref', 'in', customerRefs)
    .groupBy('customer_ref')
    .execute();
  return new Map(rows.map((r) => [r.customer_ref, Number(r.n)]));
}

export async function findCoupon(db: Kysely<DB>, tenantId: string, couponId: string): Promise<CouponRecord | undefined> {
  const row = await db.selectFrom('coupons').selectAll().where('tenant_id', '=', tenantId).where('coupon_id', '=', couponId).executeTakeFirst();
  return row && toCoupon(row);
}

export async function findCoupons(db: Kysely<DB>, tenantId: string, couponIds: string[]): Promise<CouponRecord[]> {
  if (couponIds.length === 0) return [];
  const rows = await db.selectFrom('coupons').selectAll().where('tenant_id', '=', tenantId).where('coupon_id', 'in', couponIds).execute();
  return rows.map(toCoupon);
}

/** Coupons a customer holds and could still use (available and not past expiry at `at`). */
export async function listUsableCoupons(db: Kysely<DB>, tenantId: string, customerRef: string, at: Date): Promise<CouponRecord[]> {
  const rows = await db
    .selectFrom('coupons')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('customer_ref', '=', customerRef)
    .where('status', '=', 'available')
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
    .orderBy('coupon_id')
    .limit(500)
    .execute();
  return rows.map(toCoupon);
}

export async function listCoupons(
  db: Kysely<DB>,
  tenantId: string,
  filter: { batchId?: string | undefined; customerRef?: string | undefined; status?: string | undefined; now: Date; limit: number; afterCouponId?: string | undefined },
): Promise<CouponRecord[]> {
  let q = db.selectFrom('coupons').selectAll().where('tenant_id', '=', tenantId);
  if (filter.batchId) q = q.where('batch_id', '=', filter.batchId);
  if (filter.customerRef) q = q.where('customer_ref', '=', filter.customerRef);
  if (filter.status === 'available') q = q.where('status', '=', 'available').where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', filter.now)]));
  else if (filter.status === 'expired') q = q.where((eb) => eb.or([eb('status', '=', 'expired'), eb.and([eb('status', '=', 'available'), eb('expires_at', '<=', filter.now)])]));
  else if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.afterCouponId) q = q.where('coupon_id', '>', filter.afterCouponId);
  const rows = await q.orderBy('coupon_id').limit(filter.limit).execute();
  return rows.map(toCoupon);
}

/**
 * Marks a coupon used by an order, atomically: a conditional update that only an available,
 * unexpired coupon passes, so of concurrent redemptions exactly one wins. Undefined when it did not.
 */
export async function markCouponUsed(
  db: Kysely<DB>,
  tenantId: string,
  couponId: string,
  use: { orderRef: string; discountFen: number; at: Date },
): Promise<CouponRecord | undefined> {
  const row = await db
    .updateTable('coupons')
    .set({ status: 'used', used_order_ref: use.orderRef, used_at: use.at, used_discount_fen: use.discountFen, updated_at: use.at })
    .where('tenant_id', '=', tenantId)
    .where('coupon_id', '=', couponId)
    .where('status', '=', 'available')
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', use.at)]))
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', use.at)]))
    .returningAll()
    .executeTakeFirst();
  return row && toCoupon(row);
}

/** Gives the use back when the order that used the coupon is cancelled; only that order can. */
export async function releaseCouponUse(db: Kysely<DB>, tenantId: string, couponId: string, orderRef: string): Promise<CouponRecord | undefined> {
  const row = await db
    .updateTable('coupons')
    .set({ status: 'available', used_order_ref: null, used_at: null, used_discount_fen: null, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('coupon_id', '=', couponId)
    .where('status', '=', 'used')
    .where('used_order_ref', '=', orderRef)
    .returningAll()
    .executeTakeFirst();
  return row && toCoupon(row);
}

/** Revokes an available coupon (a used one stays with its order). */
export async function revokeCouponRow(db: Kysely<DB>, tenantId: string, couponId: string, at: Date): Promise<CouponRecord | undefined> {
  const row = await db
    .updateTable('coupons')
    .set({ status: 'revoked', revoked_at: at, updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('coupon_id', '=', couponId)
    .where('status', 'in', ['available', 'expired'])
    .returningAll()
    .executeTakeFirst();
  return row && toCoupon(row);
}

/** Shops holding available coupons past their expiry at `now` (the expiry sweeper's work list). */
export async function tenantsWithExpiredCoupons(db: Kysely<DB>, now: Date): Promise<string[]> {
  const rows = await db.selectFrom('coupons').select('tenant_id').distinct().where('status', '=', 'available').where('expires_at', '<=', now).orderBy('tenant_id').execute();
  return rows.map((r) => r.tenant_id);
}

/**
 * Marks up to `limit` of a shop's available coupons whose validity ended at or before `now` as
 * expired, earliest expiry first, and returns them. A conditional update: a coupon used (held by an
 * order) or revoked meanwhile is left alone.
 */
export async function expireCouponRows(db: Kysely<DB>, tenantId: string, now: Date, limit: number): Promise<CouponRecord[]> {
  const rows = await db
    .updateTable('coupons')
    .set({ status: 'expired', updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'available')
    .where('expires_at', '<=', now)
    .where('coupon_id', 'in', (eb) =>
      eb.selectFrom('coupons').select('coupon_id').where('tenant_id', '=', tenantId).where('status', '=', 'available').where('expires_at', '<=', now).orderBy('expires_at').orderBy('coupon_id').limit(limit),
    )
    .returningAll()
    .execute();
  return rows.map(toCoupon).sort((a, b) => (a.couponId < b.couponId ? -1 : 1));
}

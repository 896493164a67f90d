import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { PromotionUsagesTable } from '../schema-promotions.ts';

/** One order's use of a promotion's limits (units at the promotion's price). */
export interface PromotionUsageRecord {
  promotionId: string;
  orderRef: string;
  customerRef: string;
  quantity: number;
  discountFen: number;
  status: string;
  usedAt: Date;
  releasedAt: Date | null;
}

function toUsage(r: Selectable<PromotionUsagesTable>): PromotionUsageRecord {
  return {
    promotionId: r.promotion_id,
    orderRef: r.order_ref,
    customerRef: r.customer_ref,
    quantity: r.quantity,
    discountFen: r.discount_fen,
    status: r.status,
    usedAt: r.used_at,
    releasedAt: r.released_at,
  };
}

export async function findPromotionUsage(db: Kysely<DB>, tenantId: string, promotionId: string, orderRef: string): Promise<PromotionUsageRecord | undefined> {
  const row = await db
    .selectFrom('promotion_usages')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('promotion_id', '=', promotionId)
    .where('order_ref', '=', orderRef)
    .executeTakeFirst();
  return row && toUsage(row);
}

/** Units counted against promotions (orders placed and not cancelled), in total and for one customer. */
export async function countedUnits(db: Kysely<DB>, tenantId: string, promotionIds: string[], customerRef?: string): Promise<Map<string, number>> {
  if (promotionIds.length === 0) return new Map();
  let q = db
    .selectFrom('promotion_usages')
    .select(['promotion_id', db.fn.sum<string | number>('quantity').as('units')])
    .where('tenant_id', '=', tenantId)
    .where('promotion_id', 'in', promotionIds)
    .where('status', '=', 'counted');
  if (customerRef !== undefined) q = q.where('customer_ref', '=', customerRef);
  const rows = await q.groupBy('promotion_id').execute();
  return new Map(rows.map((r) => [r.promotion_id, Number(r.units)]));
}

/** Records or re-counts an order's usage (a released row of the same order is counted again). */
export async function upsertPromotionUsage(
  db: Kysely<DB>,
  tenantId: string,
  u: { promotionId: string; orderRef: string; customerRef: string; quantity: number; discountFen: number; at: Date },
): Promise<PromotionUsageRecord> {
  const values = { customer_ref: u.customerRef, quantity: u.quantity, discount_fen: u.discountFen, status: 'counted', used_at: u.at, released_at: null };
  const row = await db
    .insertInto('promotion_usages')
    .values({ tenant_id: tenantId, promotion_id: u.promotionId, order_ref: u.orderRef, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'promotion_id', 'order_ref']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUsage(row);
}

/** Gives an order's usage back (order cancelled or timed out); undefined when none was counted. */
export async function releasePromotionUsageRow(db: Kysely<DB>, tenantId: string, promotionId: string, orderRef: string, at: Date): Promise<PromotionUsageRecord | undefined> {
  const row = await db
    .updateTable('promotion_usages')
    .set({ status: 'released', released_at: at })
    .where('tenant_id', '=', tenantId)
    .where('promotion_id', '=', promotionId)
    .where('order_ref', '=', orderRef)
    .where('status', '=', 'counted')
    .returningAll()
    .executeTakeFirst();
  return row && toUsage(row);
}

export async function listPromotionUsages(
  db: Kysely<DB>,
  tenantId: string,
  promotionId: string,
  filter: { status?: string | undefined; limit: number; afterOrderRef?: string | undefined },
): Promise<PromotionUsageRecord[]> {
  let q = db.selectFrom('promotion_usages').selectAll().where('tenant_id', '=', tenantId).where('promotion_id', '=', promotionId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.afterOrderRef) q = q.where('order_ref', '>', filter.afterOrderRef);
  const rows = await q.orderBy('order_ref').limit(filter.limit).execute();
  return rows.map(toUsage);
}

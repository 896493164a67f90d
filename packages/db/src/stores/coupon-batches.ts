import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { CouponBatchesTable, StackingJson } from '../schema-promotions.ts';

export type CouponDiscount = { type: 'amount'; amountFen: number } | { type: 'percent'; payBp: number; capFen: number | null };
export type CouponValidity = { type: 'window'; startsAt: Date; endsAt: Date } | { type: 'daysAfterClaim'; days: number };

/** A coupon batch: the definition of a coupon (店铺券 / 商品券 / 新人券 / 运费券) and its issuance limits. */
export interface CouponBatchRecord {
  batchId: string;
  name: string;
  kind: string;
  scope: Record<string, unknown>;
  thresholdFen: number;
  discount: CouponDiscount;
  validity: CouponValidity;
  totalQuantity: number;
  claimedCount: number;
  perCustomerLimit: number;
  channelIds: string[] | null;
  tiers: string[] | null;
  priority: number;
  exclusive: boolean;
  stacking: StackingJson;
  status: string;
  campaignId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type CouponBatchFields = Omit<CouponBatchRecord, 'batchId' | 'claimedCount' | 'status' | 'createdAt' | 'updatedAt'>;

function toBatch(r: Selectable<CouponBatchesTable>): CouponBatchRecord {
  const discount: CouponDiscount = r.discount_type === 'amount' ? { type: 'amount', amountFen: r.amount_fen! } : { type: 'percent', payBp: r.pay_bp!, capFen: r.cap_fen };
  const validity: CouponValidity = r.validity_type === 'window' ? { type: 'window', startsAt: r.valid_from!, endsAt: r.valid_until! } : { type: 'daysAfterClaim', days: r.valid_days! };
  return {
    batchId: r.batch_id,
    name: r.name,
    kind: r.kind,
    scope: r.scope,
    thresholdFen: r.threshold_fen,
    discount,
    validity,
    totalQuantity: r.total_quantity,
    claimedCount: r.claimed_count,
    perCustomerLimit: r.per_customer_limit,
    channelIds: r.channel_ids,
    tiers: r.tiers,
    priority: r.priority,
    exclusive: r.exclusive,
    stacking: r.stacking,
    status: r.status,
    campaignId: r.campaign_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const json = (v: unknown): string => JSON.stringify(v);

function columns(f: Partial<CouponBatchFields>) {
  const d = f.discount;
  const v = f.validity;
  return {
    ...(f.name !== undefined ? { name: f.name } : {}),
    ...(f.kind !== undefined ? { kind: f.kind } : {}),
    ...(f.scope !== undefined ? { scope: json(f.scope) } : {}),
    ...(f.thresholdFen !== undefined ? { threshold_fen: f.thresholdFen } : {}),
    ...(d ? { discount_type: d.type, amount_fen: d.type === 'amount' ? d.amountFen : null, pay_bp: d.type === 'percent' ? d.payBp : null, cap_fen: d.type === 'percent' ? d.capFen : null } : {}),
    ...(v
      ? {
          validity_type: v.type,
          valid_from: v.type === 'window' ? v.startsAt : null,
          valid_until: v.type === 'window' ? v.endsAt : null,
          valid_days: v.type === 'daysAfterClaim' ? v.days : null,
        }
      : {}),
    ...(f.totalQuantity !== undefined ? { total_quantity: f.totalQuantity } : {}),
    ...(f.perCustomerLimit !== undefined ? { per_customer_limit: f.perCustomerLimit } : {}),
    ...(f.channelIds !== undefined ? { channel_ids: f.channelIds === null ? null : json(f.channelIds) } : {}),
    ...(f.tiers !== undefined ? { tiers: f.tiers === null ? null : json(f.tiers) } : {}),
    ...(f.priority !== undefined ? { priority: f.priority } : {}),
    ...(f.exclusive !== undefined ? { exclusive: f.exclusive } : {}),
    ...(f.stacking !== undefined ? { stacking: json(f.stacking) } : {}),
    ...(f.campaignId !== undefined ? { campaign_id: f.campaignId } : {}),
  };
}

export async function insertCouponBatch(db: Kysely<DB>, tenantId: string, batchId: string, f: CouponBatchFields, status: string): Promise<CouponBatchRecord> {
  const d = f.discount;
  const row = await db
    .insertInto('coupon_batches')
    .values({
      tenant_id: tenantId,
      batch_id: batchId,
      name: f.name,
      kind: f.kind,
      scope: json(f.scope),
      threshold_fen: f.thresholdFen,
      discount_type: d.type,
      validity_type: f.validity.type,
      total_quantity: f.totalQuantity,
      per_customer_limit: f.perCustomerLimit,
      priority: f.priority,
      exclusive: f.exclusive,
      stacking: json(f.stacking),
      ...columns(f),
      status,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toBatch(row);
}

export async function findCouponBatch(db: Kysely<DB>, tenantId: string, batchId: string, forUpdate = false): Promise<CouponBatchRecord | undefined> {
  let q = db.selectFrom('coupon_batches').selectAll().where('tenant_id', '=', tenantId).where('batch_id', '=', batchId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toBatch(row);
}

export async function listCouponBatches(
  db: Kysely<DB>,
  tenantId: string,
  filter: { status?: string | undefined; kind?: string | undefined; campaignId?: string | undefined; limit: number; afterBatchId?: string | undefined },
): Promise<CouponBatchRecord[]> {
  let q = db.selectFrom('coupon_batches').selectAll().where('tenant_id', '=', tenantId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.campaignId) q = q.where('campaign_id', '=', filter.campaignId);
  if (filter.afterBatchId) q = q.where('batch_id', '>', filter.afterBatchId);
  const rows = await q.orderBy('batch_id').limit(filter.limit).execute();
  return rows.map(toBatch);
}

/** Active batches (the coupon promotions in force for pricing). */
export async function listActiveCouponBatches(db: Kysely<DB>, tenantId: string): Promise<CouponBatchRecord[]> {
  const rows = await db.selectFrom('coupon_batches').selectAll().where('tenant_id', '=', tenantId).where('status', '=', 'active').orderBy('batch_id').execute();
  return rows.map(toBatch);
}

export async function updateCouponBatch(
  db: Kysely<DB>,
  tenantId: string,
  batchId: string,
  patch: Partial<CouponBatchFields> & { status?: string | undefined },
): Promise<CouponBatchRecord | undefined> {
  const row = await db
    .updateTable('coupon_batches')
    .set({ ...columns(patch), ...(patch.status !== undefined ? { status: patch.status } : {}), updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('batch_id', '=', batchId)
    .returningAll()
    .executeTakeFirst();
  return row && toBatch(row);
}

/** Counts `n` more claims; call with the batch row locked (findCouponBatch(…, true)). */
export async function addClaims(db: Kysely<DB>, tenantId: string, batchId: string, n: number): Promise<void> {
  await db
    .updateTable('coupon_batches')
    .set({ claimed_count: sql`claimed_count + ${n}`, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('batch_id', '=', batchId)
    .execute();
}

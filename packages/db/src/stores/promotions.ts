import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { PromotionsTable, StackingJson } from '../schema-promotions.ts';

/** A stored promotion: the engine's `{ code, args }` plus its window, targeting and lifecycle. */
export interface PromotionRecord {
  promotionId: string;
  name: string;
  code: string;
  args: Record<string, unknown>;
  startsAt: Date | null;
  endsAt: Date | null;
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

export type PromotionFields = Omit<PromotionRecord, 'promotionId' | 'status' | 'createdAt' | 'updatedAt'>;

function toPromotion(r: Selectable<PromotionsTable>): PromotionRecord {
  return {
    promotionId: r.promotion_id,
    name: r.name,
    code: r.rule_code,
    args: r.args,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
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

function columns(f: Partial<PromotionFields>) {
  return {
    ...(f.name !== undefined ? { name: f.name } : {}),
    ...(f.code !== undefined ? { rule_code: f.code } : {}),
    ...(f.args !== undefined ? { args: json(f.args) } : {}),
    ...(f.startsAt !== undefined ? { starts_at: f.startsAt } : {}),
    ...(f.endsAt !== undefined ? { ends_at: f.endsAt } : {}),
    ...(f.channelIds !== undefined ? { channel_ids: f.channelIds === null ? null : json(f.channelIds) } : {}),
    ...(f.tiers !== undefined ? { tiers: f.tiers === null ? null : json(f.tiers) } : {}),
    ...(f.priority !== undefined ? { priority: f.priority } : {}),
    ...(f.exclusive !== undefined ? { exclusive: f.exclusive } : {}),
    ...(f.stacking !== undefined ? { stacking: json(f.stacking) } : {}),
    ...(f.campaignId !== undefined ? { campaign_id: f.campaignId } : {}),
  };
}

export async function insertPromotion(db: Kysely<DB>, tenantId: string, promotionId: string, f: PromotionFields, status: string): Promise<PromotionRecord> {
  const row = await db
    .insertInto('promotions')
    .values({ tenant_id: tenantId, promotion_id: promotionId, name: f.name, rule_code: f.code, args: json(f.args), priority: f.priority, exclusive: f.exclusive, ...columns(f), status })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPromotion(row);
}

export async function findPromotion(db: Kysely<DB>, tenantId: string, promotionId: string, forUpdate = false): Promise<PromotionRecord | undefined> {
  let q = db.selectFrom('promotions').selectAll().where('tenant_id', '=', tenantId).where('promotion_id', '=', promotionId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toPromotion(row);
}

export async function listPromotions(
  db: Kysely<DB>,
  tenantId: string,
  filter: { status?: string | undefined; code?: string | undefined; campaignId?: string | undefined; limit: number; afterPromotionId?: string | undefined },
): Promise<PromotionRecord[]> {
  let q = db.selectFrom('promotions').selectAll().where('tenant_id', '=', tenantId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.code) q = q.where('rule_code', '=', filter.code);
  if (filter.campaignId) q = q.where('campaign_id', '=', filter.campaignId);
  if (filter.afterPromotionId) q = q.where('promotion_id', '>', filter.afterPromotionId);
  const rows = await q.orderBy('promotion_id').limit(filter.limit).execute();
  return rows.map(toPromotion);
}

/** Active promotions whose window contains `at` (all of them when `at` is omitted). */
export async function listActivePromotions(db: Kysely<DB>, tenantId: string, at?: Date): Promise<PromotionRecord[]> {
  let q = db.selectFrom('promotions').selectAll().where('tenant_id', '=', tenantId).where('status', '=', 'active');
  if (at) {
    q = q
      .where((eb) => eb.or([eb('starts_at', 'is', null), eb('starts_at', '<=', at)]))
      .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', at)]));
  }
  const rows = await q.orderBy('promotion_id').execute();
  return rows.map(toPromotion);
}

export async function updatePromotion(
  db: Kysely<DB>,
  tenantId: string,
  promotionId: string,
  patch: Partial<PromotionFields> & { status?: string },
): Promise<PromotionRecord | undefined> {
  const row = await db
    .updateTable('promotions')
    .set({ ...columns(patch), ...(patch.status !== undefined ? { status: patch.status } : {}), updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('promotion_id', '=', promotionId)
    .returningAll()
    .executeTakeFirst();
  return row && toPromotion(row);
}

/** The ids among `channelIds` that name no channel of the shop (promotions may only target real channels). */
export async function findUnknownChannels(db: Kysely<DB>, tenantId: string, channelIds: string[]): Promise<string[]> {
  if (channelIds.length === 0) return [];
  const rows = await db.selectFrom('channels').select('channel_id').where('tenant_id', '=', tenantId).where('channel_id', 'in', channelIds).execute();
  const known = new Set(rows.map((r) => r.channel_id));
  return [...new Set(channelIds)].filter((id) => !known.has(id));
}

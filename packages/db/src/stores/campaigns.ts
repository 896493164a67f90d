import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { CampaignPhaseJson, CampaignsTable } from '../schema-promotions.ts';

/** A marketing-calendar campaign (大促) with its phases (预热 / 爆发 / 返场). */
export interface CampaignRecord {
  campaignId: string;
  name: string;
  type: string;
  phases: CampaignPhaseJson[];
  startsAt: Date | null;
  endsAt: Date | null;
  budgetFen: number;
  targetGmvFen: number;
  status: string;
  createdAt: Date;
  updatedAt: Date;
}

export type CampaignFields = Pick<CampaignRecord, 'name' | 'type' | 'phases' | 'budgetFen' | 'targetGmvFen'>;

function toCampaign(r: Selectable<CampaignsTable>): CampaignRecord {
  return {
    campaignId: r.campaign_id,
    name: r.name,
    type: r.campaign_type,
    phases: r.phases,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    budgetFen: r.budget_fen,
    targetGmvFen: r.target_gmv_fen,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The campaign's span: from the first phase's start to the last phase's end. */
function span(phases: CampaignPhaseJson[]): { starts_at: string | null; ends_at: string | null } {
  return { starts_at: phases[0]?.startsAt ?? null, ends_at: phases.at(-1)?.endsAt ?? null };
}

const utc = (phases: CampaignPhaseJson[]): CampaignPhaseJson[] =>
  phases.map((p) => ({ phase: p.phase, startsAt: new Date(p.startsAt).toISOString(), endsAt: new Date(p.endsAt).toISOString() }));

function columns(f: Partial<CampaignFields>) {
  return {
    ...(f.name !== undefined ? { name: f.name } : {}),
    ...(f.type !== undefined ? { campaign_type: f.type } : {}),
    ...(f.phases !== undefined ? { phases: JSON.stringify(utc(f.phases)), ...span(utc(f.phases)) } : {}),
    ...(f.budgetFen !== undefined ? { budget_fen: f.budgetFen } : {}),
    ...(f.targetGmvFen !== undefined ? { target_gmv_fen: f.targetGmvFen } : {}),
  };
}

export async function insertCampaign(db: Kysely<DB>, tenantId: string, campaignId: string, f: CampaignFields): Promise<CampaignRecord> {
  const row = await db
    .insertInto('campaigns')
    .values({ tenant_id: tenantId, campaign_id: campaignId, name: f.name, campaign_type: f.type, budget_fen: f.budgetFen, target_gmv_fen: f.targetGmvFen, ...columns(f) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCampaign(row);
}

export async function findCampaign(db: Kysely<DB>, tenantId: string, campaignId: string, forUpdate = false): Promise<CampaignRecord | undefined> {
  let q = db.selectFrom('campaigns').selectAll().where('tenant_id', '=', tenantId).where('campaign_id', '=', campaignId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toCampaign(row);
}

export async function listCampaigns(
  db: Kysely<DB>,
  tenantId: string,
  filter: { status?: string | undefined; type?: string | undefined; limit: number; afterCampaignId?: string | undefined },
): Promise<CampaignRecord[]> {
  let q = db.selectFrom('campaigns').selectAll().where('tenant_id', '=', tenantId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.type) q = q.where('campaign_type', '=', filter.type);
  if (filter.afterCampaignId) q = q.where('campaign_id', '>', filter.afterCampaignId);
  const rows = await q.orderBy('campaign_id').limit(filter.limit).execute();
  return rows.map(toCampaign);
}

export async function updateCampaign(
  db: Kysely<DB>,
  tenantId: string,
  campaignId: string,
  patch: Partial<CampaignFields> & { status?: string | undefined },
): Promise<CampaignRecord | undefined> {
  const row = await db
    .updateTable('campaigns')
    .set({ ...columns(patch), ...(patch.status !== undefined ? { status: patch.status } : {}), updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('campaign_id', '=', campaignId)
    .returningAll()
    .executeTakeFirst();
  return row && toCampaign(row);
}

/** Ids, names, codes and statuses of what is attached to a campaign (promotions and coupon batches). */
export async function listCampaignAttachments(
  db: Kysely<DB>,
  tenantId: string,
  campaignId: string,
): Promise<{ promotions: { promotionId: string; name: string; code: string; status: string }[]; couponBatches: { batchId: string; name: string; kind: string; status: string }[] }> {
  const promotions = await db
    .selectFrom('promotions')
    .select(['promotion_id', 'name', 'rule_code', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('campaign_id', '=', campaignId)
    .orderBy('promotion_id')
    .limit(1000)
    .execute();
  const batches = await db
    .selectFrom('coupon_batches')
    .select(['batch_id', 'name', 'kind', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('campaign_id', '=', campaignId)
    .orderBy('batch_id')
    .limit(1000)
    .execute();
  return {
    promotions: promotions.map((p) => ({ promotionId: p.promotion_id, name: p.name, code: p.rule_code, status: p.status })),
    couponBatches: batches.map((b) => ({ batchId: b.batch_id, name: b.name, kind: b.kind, status: b.status })),
  };
}

/**
 * Discounts given so far under a campaign, in fen: orders counted against its promotions (not
 * cancelled) plus coupons of its batches in use. Compared with the budget on the calendar.
 */
export async function campaignSpendFen(db: Kysely<DB>, tenantId: string, campaignId: string): Promise<number> {
  const promotions = await db
    .selectFrom('promotion_usages as u')
    .innerJoin('promotions as p', (j) => j.onRef('p.tenant_id', '=', 'u.tenant_id').onRef('p.promotion_id', '=', 'u.promotion_id'))
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('u.discount_fen'), eb.lit(0)).as('fen'))
    .where('u.tenant_id', '=', tenantId)
    .where('p.campaign_id', '=', campaignId)
    .where('u.status', '=', 'counted')
    .executeTakeFirstOrThrow();
  const coupons = await db
    .selectFrom('coupons as c')
    .innerJoin('coupon_batches as b', (j) => j.onRef('b.tenant_id', '=', 'c.tenant_id').onRef('b.batch_id', '=', 'c.batch_id'))
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('c.used_discount_fen'), eb.lit(0)).as('fen'))
    .where('c.tenant_id', '=', tenantId)
    .where('b.campaign_id', '=', campaignId)
    .where('c.status', '=', 'used')
    .executeTakeFirstOrThrow();
  return Number(promotions.fen) + Number(coupons.fen);
}

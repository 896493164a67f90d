import { validatePromotion, validatePromotionSet } from '@yunying/core/promotions';
import {
  findPromotion, insertPromotion, listActivePromotions, newId, sql, updatePromotion,
  type DB, type Kysely, type PromotionFields, type PromotionRecord,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { canTransition, checkLinks, conflict, enginePromotion, invalid, nulInJson } from './promotion-rules.ts';
import { fail, ok, type Actor, type Failure, type Result } from './result.ts';

export type PromotionInput = Pick<PromotionFields, 'name' | 'code' | 'args'> & {
  priority?: number | undefined;
  exclusive?: boolean | undefined;
  stacking?: PromotionFields['stacking'] | undefined;
  startsAt?: string | null | undefined;
  endsAt?: string | null | undefined;
  channelIds?: string[] | null | undefined;
  tiers?: string[] | null | undefined;
  campaignId?: string | null | undefined;
};
export type PromotionPatch = Partial<PromotionInput>;

const toDate = (v: string | null | undefined): Date | null | undefined => (v === undefined ? undefined : v === null ? null : new Date(v));

function auditable(p: PromotionRecord): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, promotionId: _i, ...rest } = p;
  return rest;
}

function fieldsOf(p: PromotionRecord): PromotionFields {
  const { promotionId: _i, status: _s, createdAt: _c, updatedAt: _u, ...fields } = p;
  return fields;
}

/** Serializes activations in a shop, so two conflicting promotions cannot go live side by side. */
async function lockShopPromotions(trx: Kysely<DB>, tenantId: string): Promise<void> {
  await sql`select 1 from tenants where tenant_id = ${tenantId} for no key update`.execute(trx);
}

/** Checks a promotion alone, then (when it is to be in force) against the active promotions of the shop. */
async function check(trx: Kysely<DB>, tenantId: string, promotionId: string, f: PromotionFields, inForce: boolean): Promise<Failure | null> {
  const alone = validatePromotion(enginePromotion(promotionId, f));
  if (!alone.ok) return invalid(alone.problems);
  if (!inForce) return null;
  await lockShopPromotions(trx, tenantId);
  const others = (await listActivePromotions(trx, tenantId)).filter((p) => p.promotionId !== promotionId);
  const set = validatePromotionSet([...others.map((o) => enginePromotion(o.promotionId, fieldsOf(o))), enginePromotion(promotionId, f)]);
  const mine = set.ok ? [] : set.problems.filter((p) => p.promotionId === promotionId);
  return mine.length > 0 ? conflict(mine) : null;
}

function normalize(input: PromotionInput): PromotionFields {
  return {
    name: input.name,
    code: input.code,
    args: input.args,
    startsAt: toDate(input.startsAt) ?? null,
    endsAt: toDate(input.endsAt) ?? null,
    channelIds: input.channelIds ?? null,
    tiers: input.tiers ?? null,
    priority: input.priority ?? 0,
    exclusive: input.exclusive ?? false,
    stacking: input.stacking ?? {},
    campaignId: input.campaignId ?? null,
  };
}

export async function createPromotion(db: Kysely<DB>, actor: Actor, input: PromotionInput & { status?: 'draft' | 'active' | undefined }): Promise<Result<PromotionRecord>> {
  const nul = nulInJson(input.args, 'body.args');
  if (nul) return nul;
  return db.transaction().execute(async (trx) => {
    const promotionId = newId('prm');
    const fields = normalize(input);
    const status = input.status ?? 'draft';
    const problem = (await checkLinks(trx, actor.tenantId, fields)) ?? (await check(trx, actor.tenantId, promotionId, fields, status === 'active'));
    if (problem) return problem;
    const created = await insertPromotion(trx, actor.tenantId, promotionId, fields, status);
    await recordChange(trx, actor, { action: 'create', entityType: 'promotion', entityId: promotionId, before: null, after: auditable(created) });
    return ok(created);
  });
}

export async function changePromotion(db: Kysely<DB>, actor: Actor, promotionId: string, patch: PromotionPatch): Promise<Result<PromotionRecord>> {
  const nul = nulInJson(patch.args, 'body.args');
  if (nul) return nul;
  return db.transaction().execute(async (trx) => {
    const before = await findPromotion(trx, actor.tenantId, promotionId, true);
    if (!before) return fail('not_found');
    if (before.status === 'ended') return fail('promotion_ended');
    const changes: Partial<PromotionFields> = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.code !== undefined ? { code: patch.code } : {}),
      ...(patch.args !== undefined ? { args: patch.args } : {}),
      ...(patch.startsAt !== undefined ? { startsAt: toDate(patch.startsAt)! } : {}),
      ...(patch.endsAt !== undefined ? { endsAt: toDate(patch.endsAt)! } : {}),
      ...(patch.channelIds !== undefined ? { channelIds: patch.channelIds } : {}),
      ...(patch.tiers !== undefined ? { tiers: patch.tiers } : {}),
      ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
      ...(patch.exclusive !== undefined ? { exclusive: patch.exclusive } : {}),
      ...(patch.stacking !== undefined ? { stacking: patch.stacking } : {}),
      ...(patch.campaignId !== undefined ? { campaignId: patch.campaignId } : {}),
    };
    const merged = { ...fieldsOf(before), ...changes };
    const problem = (await checkLinks(trx, actor.tenantId, changes)) ?? (await check(trx, actor.tenantId, promotionId, merged, before.status === 'active'));
    if (problem) return problem;
    const after = (await updatePromotion(trx, actor.tenantId, promotionId, changes))!;
    await recordChange(trx, actor, { action: 'update', entityType: 'promotion', entityId: promotionId, before: auditable(before), after: auditable(after) });
    return ok(after);
  });
}

/** Moves a promotion along its lifecycle; activation re-checks it against the promotions in force. */
export async function transitionPromotion(db: Kysely<DB>, actor: Actor, promotionId: string, to: 'active' | 'paused' | 'ended'): Promise<Result<PromotionRecord>> {
  return db.transaction().execute(async (trx) => {
    const before = await findPromotion(trx, actor.tenantId, promotionId, true);
    if (!before) return fail('not_found');
    if (before.status === to && to === 'ended') return ok(before);
    if (!canTransition(before.status, to)) return fail('invalid_status_transition', `A ${before.status} promotion cannot become ${to}.`, { from: before.status, to });
    if (to === 'active') {
      const problem = await check(trx, actor.tenantId, promotionId, fieldsOf(before), true);
      if (problem) return problem;
    }
    const after = (await updatePromotion(trx, actor.tenantId, promotionId, { status: to }))!;
    const action = to === 'active' ? 'activate' : to === 'paused' ? 'pause' : 'end';
    await recordChange(trx, actor, { action, entityType: 'promotion', entityId: promotionId, before: auditable(before), after: auditable(after) });
    return ok(after);
  });
}

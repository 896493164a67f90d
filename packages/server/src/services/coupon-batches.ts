import { validatePromotion } from '@yunying/core/promotions';
import {
  addClaims, countClaimsByCustomer, findCouponBatch, insertCouponBatch, insertCoupons, newId, updateCouponBatch,
  type CouponBatchFields, type CouponBatchRecord, type CouponRecord, type DB, type Kysely,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { canTransition, checkLinks, engineCouponPromotion, invalid, nulInJson } from './promotion-rules.ts';
import { fail, ok, type Actor, type Failure, type Result } from './result.ts';

const DAY_MS = 86_400_000;

export interface CouponBatchInput {
  name: string;
  kind: string;
  scope: Record<string, unknown>;
  thresholdFen: number;
  discount: { type: 'amount'; amountFen: number } | { type: 'percent'; payBp: number; capFen?: number | null | undefined };
  validity: { type: 'window'; startsAt: string; endsAt: string } | { type: 'daysAfterClaim'; days: number };
  totalQuantity: number;
  perCustomerLimit?: number | undefined;
  channelIds?: string[] | null | undefined;
  tiers?: string[] | null | undefined;
  priority?: number | undefined;
  exclusive?: boolean | undefined;
  stacking?: CouponBatchFields['stacking'] | undefined;
  campaignId?: string | null | undefined;
}

export type CouponBatchPatch = Partial<Pick<CouponBatchInput, 'name' | 'totalQuantity' | 'perCustomerLimit' | 'channelIds' | 'tiers' | 'priority' | 'exclusive' | 'stacking' | 'campaignId'>>;

function auditable(b: CouponBatchRecord): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, batchId: _i, ...rest } = b;
  return rest;
}

function fieldsOf(b: CouponBatchRecord): CouponBatchFields {
  const { batchId: _i, claimedCount: _n, status: _s, createdAt: _c, updatedAt: _u, ...fields } = b;
  return fields;
}

function checkRules(batchId: string, f: CouponBatchFields): Failure | null {
  const r = validatePromotion(engineCouponPromotion(batchId, f));
  return r.ok ? null : invalid(r.problems);
}

export async function createCouponBatch(db: Kysely<DB>, actor: Actor, input: CouponBatchInput & { status?: 'draft' | 'active' | undefined }): Promise<Result<CouponBatchRecord>> {
  const d = input.discount;
  const v = input.validity;
  const fields: CouponBatchFields = {
    name: input.name,
    kind: input.kind,
    scope: input.scope,
    thresholdFen: input.thresholdFen,
    discount: d.type === 'amount' ? d : { type: 'percent', payBp: d.payBp, capFen: d.capFen ?? null },
    validity: v.type === 'window' ? { type: 'window', startsAt: new Date(v.startsAt), endsAt: new Date(v.endsAt) } : v,
    totalQuantity: input.totalQuantity,
    perCustomerLimit: input.perCustomerLimit ?? 1,
    channelIds: input.channelIds ?? null,
    tiers: input.tiers ?? null,
    priority: input.priority ?? 0,
    exclusive: input.exclusive ?? false,
    stacking: input.stacking ?? {},
    campaignId: input.campaignId ?? null,
  };
  const batchId = newId('cpb');
  const problem = nulInJson(fields.scope, 'body.scope') ?? checkRules(batchId, fields);
  if (problem) return problem;
  return db.transaction().execute(async (trx) => {
    const missing = await checkLinks(trx, actor.tenantId, fields);
    if (missing) return missing;
    const created = await insertCouponBatch(trx, actor.tenantId, batchId, fields, input.status ?? 'draft');
    await recordChange(trx, actor, { action: 'create', entityType: 'coupon_batch', entityId: batchId, before: null, after: auditable(created) });
    return ok(created);
  });
}

export async function changeCouponBatch(db: Kysely<DB>, actor: Actor, batchId: string, patch: CouponBatchPatch): Promise<Result<CouponBatchRecord>> {
  return db.transaction().execute(async (trx) => {
    const before = await findCouponBatch(trx, actor.tenantId, batchId, true);
    if (!before) return fail('not_found');
    if (before.status === 'ended') return fail('promotion_ended');
    if (patch.totalQuantity !== undefined && patch.totalQuantity < before.claimedCount) {
      return fail('validation_failed', `${before.claimedCount} coupons are already claimed.`, { errors: [{ path: 'body.totalQuantity', message: 'below the number already claimed' }] });
    }
    const problem = (await checkLinks(trx, actor.tenantId, patch)) ?? checkRules(batchId, { ...fieldsOf(before), ...patch } as CouponBatchFields);
    if (problem) return problem;
    const after = (await updateCouponBatch(trx, actor.tenantId, batchId, patch as Partial<CouponBatchFields>))!;
    await recordChange(trx, actor, { action: 'update', entityType: 'coupon_batch', entityId: batchId, before: auditable(before), after: auditable(after) });
    return ok(after);
  });
}

export async function transitionCouponBatch(db: Kysely<DB>, actor: Actor, batchId: string, to: 'active' | 'paused' | 'ended'): Promise<Result<CouponBatchRecord>> {
  return db.transaction().execute(async (trx) => {
    const before = await findCouponBatch(trx, actor.tenantId, batchId, true);
    if (!before) return fail('not_found');
    if (before.status === to && to === 'ended') return ok(before);
    if (!canTransition(before.status, to)) return fail('invalid_status_transition', `A ${before.status} coupon batch cannot become ${to}.`, { from: before.status, to });
    const after = (await updateCouponBatch(trx, actor.tenantId, batchId, { status: to }))!;
    const action = to === 'active' ? 'activate' : to === 'paused' ? 'pause' : 'end';
    await recordChange(trx, actor, { action, entityType: 'coupon_batch', entityId: batchId, before: auditable(before), after: auditable(after) });
    return ok(after);
  });
}

export interface IssueOutcome {
  issued: CouponRecord[];
  skipped: { customerRef: string; reason: 'coupon_claim_limit_reached' | 'coupon_sold_out' }[];
}

/**
 * Gives one coupon of the batch to each customer ref, in order. The batch row is locked for the
 * transaction, so concurrent claims see each other's counts: claimed_count never exceeds the
 * total quantity and no customer exceeds the per-customer limit.
 */
async function issue(trx: Kysely<DB>, actor: Actor, batchId: string, refs: string[], now: Date): Promise<Result<IssueOutcome & { batch: CouponBatchRecord }>> {
  const batch = await findCouponBatch(trx, actor.tenantId, batchId, true);
  if (!batch) return fail('not_found');
  if (batch.status !== 'active') return fail('coupon_batch_not_active', `The batch is ${batch.status}.`);
  const v = batch.validity;
  if (v.type === 'window' && v.endsAt <= now) return fail('coupon_batch_not_active', 'The coupon’s validity window is over.');
  const counts = await countClaimsByCustomer(trx, actor.tenantId, batchId, [...new Set(refs)]);
  let left = batch.totalQuantity - batch.claimedCount;
  const planned: Parameters<typeof insertCoupons>[2] = [];
  const skipped: IssueOutcome['skipped'] = [];
  for (const customerRef of refs) {
    const held = counts.get(customerRef) ?? 0;
    if (held >= batch.perCustomerLimit) skipped.push({ customerRef, reason: 'coupon_claim_limit_reached' });
    else if (left <= 0) skipped.push({ customerRef, reason: 'coupon_sold_out' });
    else {
      counts.set(customerRef, held + 1);
      left -= 1;
      planned.push({
        couponId: newId('cpn', now.getTime()),
        batchId,
        customerRef,
        claimedAt: now,
        validFrom: v.type === 'window' ? v.startsAt : null,
        expiresAt: v.type === 'window' ? v.endsAt : new Date(now.getTime() + v.days * DAY_MS),
      });
    }
  }
  const issued = await insertCoupons(trx, actor.tenantId, planned);
  if (issued.length > 0) await addClaims(trx, actor.tenantId, batchId, issued.length);
  return ok({ issued, skipped, batch });
}

/** A customer claims one coupon (领券). */
export async function claimCoupon(db: Kysely<DB>, actor: Actor, batchId: string, customerRef: string, now = new Date()): Promise<Result<CouponRecord>> {
  return db.transaction().execute(async (trx) => {
    const r = await issue(trx, actor, batchId, [customerRef], now);
    if (!r.ok) return r;
    const skip = r.value.skipped[0];
    if (skip) return fail(skip.reason);
    const coupon = r.value.issued[0]!;
    await recordChange(trx, actor, { action: 'claim', entityType: 'coupon', entityId: coupon.couponId, before: null, after: { batchId, customerRef, expiresAt: coupon.expiresAt?.toISOString() ?? null } });
    return ok(coupon);
  });
}

/** Issues a coupon to each customer ref (发券); refs at their limit, or beyond the stock, are skipped. */
export async function issueCoupons(db: Kysely<DB>, actor: Actor, batchId: string, customerRefs: string[], now = new Date()): Promise<Result<IssueOutcome>> {
  return db.transaction().execute(async (trx) => {
    const r = await issue(trx, actor, batchId, customerRefs, now);
    if (!r.ok) return r;
    const { issued, skipped, batch } = r.value;
    if (issued.length > 0) {
      await recordChange(trx, actor, {
        action: 'issue',
        entityType: 'coupon_batch',
        entityId: batchId,
        before: { claimedCount: batch.claimedCount },
        after: { claimedCount: batch.claimedCount + issued.length, issuedCouponIds: issued.map((c) => c.couponId) },
      });
    }
    return ok({ issued, skipped });
  });
}

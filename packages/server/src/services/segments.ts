// 人群: saved segment rules, their members, and coupon issuance to a segment (定向发券).
import { compileSegmentRule, segmentRuleSchema, type SegmentRule } from '@yunying/core/customers';
import { findCouponBatch, findSegment, insertSegment, listSegmentMemberRefs, countSegmentMembers, newId, updateSegment, type DB, type Kysely, type SegmentRecord } from '@yunying/db';
import { recordChange } from './audit.ts';
import { issueCoupons } from './coupon-batches.ts';
import { fail, ok, type Actor, type Result } from './result.ts';
import { transact } from './transact.ts';

function auditable(s: SegmentRecord): Record<string, unknown> {
  return { name: s.name, description: s.description, rule: s.rule };
}

export async function createSegment(db: Kysely<DB>, actor: Actor, input: { name: string; description?: string | null | undefined; rule: SegmentRule }): Promise<Result<SegmentRecord>> {
  return transact(db, async (trx) => {
    const created = await insertSegment(trx, actor.tenantId, { segmentId: newId('seg'), name: input.name, description: input.description ?? null, rule: input.rule });
    if (!created) return fail('segment_name_taken', `A segment named ${input.name} exists.`);
    await recordChange(trx, actor, { action: 'create', entityType: 'segment', entityId: created.segmentId, before: null, after: auditable(created) });
    return ok(created);
  });
}

export async function changeSegment(
  db: Kysely<DB>,
  actor: Actor,
  segmentId: string,
  patch: { name?: string | undefined; description?: string | null | undefined; rule?: SegmentRule | undefined },
): Promise<Result<SegmentRecord>> {
  try {
    return await transact(db, async (trx) => {
      const before = await findSegment(trx, actor.tenantId, segmentId, true);
      if (!before) return fail('not_found');
      const after = (await updateSegment(trx, actor.tenantId, segmentId, patch))!;
      await recordChange(trx, actor, { action: 'update', entityType: 'segment', entityId: segmentId, before: auditable(before), after: auditable(after) });
      return ok(after);
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return fail('segment_name_taken', `A segment named ${patch.name} exists.`);
    throw error;
  }
}

/** The stored rule, checked again (a rule saved by an older version may no longer pass) and compiled. */
export function compiledRule(segment: SegmentRecord) {
  const parsed = segmentRuleSchema.safeParse(segment.rule);
  return parsed.success ? compileSegmentRule(parsed.data) : undefined;
}

export async function countMatching(db: Kysely<DB>, tenantId: string, rule: SegmentRule, now = new Date()): Promise<number> {
  return countSegmentMembers(db, tenantId, compileSegmentRule(rule), now);
}

export interface SegmentIssueOutcome {
  segmentId: string;
  members: number;
  issued: number;
  skipped: { coupon_claim_limit_reached: number; coupon_sold_out: number };
}

/** Members handed to issueCoupons per call: its 1,000-ref limit, one transaction (and one batch-row lock) per page. */
export const ISSUE_PAGE = 500;

/**
 * Issues one coupon of the batch to each member of the segment (定向发券). Members are read in
 * customer-id pages and each page goes through issueCoupons, the same claim logic as a list of refs,
 * so total quantity and the per-customer limit hold exactly and a second run gives nobody more
 * than the limit. A batch that cannot issue (not active, over) fails before anything is issued;
 * one that stops mid-run (paused meanwhile) ends the run with what was issued so far.
 */
export async function issueToSegment(db: Kysely<DB>, actor: Actor, batchId: string, segmentId: string, now = new Date()): Promise<Result<SegmentIssueOutcome>> {
  const [segment, batch] = await Promise.all([findSegment(db, actor.tenantId, segmentId), findCouponBatch(db, actor.tenantId, batchId)]);
  if (!segment || !batch) return fail('not_found', !segment ? 'No such segment.' : 'No such coupon batch.');
  const node = compiledRule(segment);
  if (!node) return fail('validation_failed', 'The segment’s stored rule is no longer valid; save it again.');
  const outcome: SegmentIssueOutcome = { segmentId, members: 0, issued: 0, skipped: { coupon_claim_limit_reached: 0, coupon_sold_out: 0 } };
  let after: string | undefined;
  for (;;) {
    const page = await listSegmentMemberRefs(db, actor.tenantId, node, { now, limit: ISSUE_PAGE, afterCustomerId: after });
    if (page.length === 0) break;
    after = page.at(-1)!.customerId;
    const r = await issueCoupons(db, actor, batchId, page.map((m) => m.customerRef), now);
    if (!r.ok) {
      if (outcome.members === 0) return r;
      break;
    }
    outcome.members += page.length;
    outcome.issued += r.value.issued.length;
    for (const s of r.value.skipped) outcome.skipped[s.reason] += 1;
    if (page.length < ISSUE_PAGE) break;
  }
  await transact(db, async (trx) => {
    await recordChange(trx, actor, {
      action: 'issue_to_segment',
      entityType: 'coupon_batch',
      entityId: batchId,
      before: null,
      after: { segmentId, members: outcome.members, issued: outcome.issued, skipped: outcome.skipped },
    });
    return ok(null);
  });
  return ok(outcome);
}

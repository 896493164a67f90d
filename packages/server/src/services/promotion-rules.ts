// The bridge between stored promotions / coupon batches and the pure engine's shapes:
// records → engine promotions (instants as epoch ms), the lifecycle transition table shared by
// promotions and coupon batches, and engine problems → failures.
import { findCampaign, findUnknownChannels, type CouponBatchFields, type DB, type Kysely, type PromotionFields } from '@yunying/db';
import type { PromotionProblem } from '@yunying/core/promotions';
import { fail, type Failure } from './result.ts';

/** Lifecycle of promotions and coupon batches: from → allowed next statuses. */
export const LIFECYCLE: Record<string, readonly string[]> = {
  draft: ['active', 'ended'],
  active: ['paused', 'ended'],
  paused: ['active', 'ended'],
  ended: [],
};

export function canTransition(from: string, to: string): boolean {
  return LIFECYCLE[from]?.includes(to) ?? false;
}

const ms = (d: Date | null): number | undefined => (d === null ? undefined : d.getTime());

function common(id: string, f: Pick<PromotionFields, 'name' | 'startsAt' | 'endsAt' | 'channelIds' | 'tiers' | 'priority' | 'exclusive' | 'stacking'>) {
  return {
    id,
    name: f.name,
    priority: f.priority,
    exclusive: f.exclusive,
    stacking: f.stacking,
    ...(f.startsAt !== null ? { startsAt: ms(f.startsAt) } : {}),
    ...(f.endsAt !== null ? { endsAt: ms(f.endsAt) } : {}),
    ...(f.channelIds !== null ? { channelIds: f.channelIds } : {}),
    ...(f.tiers !== null ? { tiers: f.tiers } : {}),
  };
}

/** A stored promotion as the engine's raw promotion (validate with validatePromotion before use). */
export function enginePromotion(id: string, f: PromotionFields): Record<string, unknown> {
  return { ...common(id, f), code: f.code, args: f.args };
}

/** A coupon batch as the engine's `coupon` promotion. */
export function engineCouponPromotion(id: string, f: CouponBatchFields): Record<string, unknown> {
  const d = f.discount;
  const v = f.validity;
  return {
    ...common(id, { ...f, startsAt: null, endsAt: null }),
    code: 'coupon',
    args: {
      kind: f.kind,
      scope: f.scope,
      threshold: f.thresholdFen,
      discount: d.type === 'amount' ? { type: 'amount', amount: d.amountFen } : { type: 'percent', payBp: d.payBp, ...(d.capFen !== null ? { cap: d.capFen } : {}) },
      validity: v.type === 'window' ? { type: 'window', startsAt: v.startsAt.getTime(), endsAt: v.endsAt.getTime() } : { type: 'daysAfterClaim', days: v.days },
    },
  };
}

const plain = (problems: readonly PromotionProblem[]) => problems.map(({ code, path, message }) => ({ code, path, message }));

/** promotion_invalid with the engine's problems (stable codes) in `problems`. */
export function invalid(problems: readonly PromotionProblem[]): Failure {
  return fail('promotion_invalid', problems.map((p) => p.code).join(', '), { problems: plain(problems) });
}

/** promotion_conflict with the engine's set problems (e.g. overlapping_flash_sale). */
export function conflict(problems: readonly PromotionProblem[]): Failure {
  return fail('promotion_conflict', problems.map((p) => p.message).join('; '), { problems: plain(problems) });
}

/** jsonb cannot hold a NUL character: refuse it as invalid input rather than fail in the database. */
export function nulInJson(value: unknown, path: string): Failure | null {
  const text = JSON.stringify(value) ?? '';
  return text.includes('\\u0000') ? fail('validation_failed', `${path} contains a NUL character.`, { errors: [{ path, message: 'contains a NUL character' }] }) : null;
}

/** The campaign and channels a promotion or coupon batch points at must exist in the shop. */
export async function checkLinks(trx: Kysely<DB>, tenantId: string, links: { campaignId?: string | null | undefined; channelIds?: string[] | null | undefined }): Promise<Failure | null> {
  const errors: { path: string; message: string }[] = [];
  if (links.campaignId && !(await findCampaign(trx, tenantId, links.campaignId))) errors.push({ path: 'body.campaignId', message: 'no such campaign' });
  const unknown = links.channelIds ? await findUnknownChannels(trx, tenantId, links.channelIds) : [];
  if (unknown.length > 0) errors.push({ path: 'body.channelIds', message: `no such channel: ${unknown.join(', ')}` });
  return errors.length > 0 ? fail('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors }) : null;
}

import { findCampaign, insertCampaign, newId, updateCampaign, type CampaignFields, type CampaignRecord, type DB, type Kysely } from '@yunying/db';
import { recordChange } from './audit.ts';
import { fail, ok, type Actor, type Result } from './result.ts';

/** Campaign lifecycle: planned → active → ended; cancelled from planned or active. */
const NEXT: Record<string, readonly string[]> = {
  planned: ['planned', 'active', 'ended', 'cancelled'],
  active: ['active', 'ended', 'cancelled'],
  ended: ['ended'],
  cancelled: ['cancelled'],
};

type CampaignPatch = Partial<CampaignFields> & { status?: string | undefined };

function auditable(c: CampaignRecord): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, campaignId: _i, startsAt: _s, endsAt: _e, ...rest } = c;
  return rest;
}

export async function createCampaign(db: Kysely<DB>, actor: Actor, input: CampaignFields): Promise<Result<CampaignRecord>> {
  return db.transaction().execute(async (trx) => {
    const campaign = await insertCampaign(trx, actor.tenantId, newId('cmp'), input);
    await recordChange(trx, actor, { action: 'create', entityType: 'campaign', entityId: campaign.campaignId, before: null, after: auditable(campaign) });
    return ok(campaign);
  });
}

export async function changeCampaign(db: Kysely<DB>, actor: Actor, campaignId: string, patch: CampaignPatch): Promise<Result<CampaignRecord>> {
  return db.transaction().execute(async (trx) => {
    const before = await findCampaign(trx, actor.tenantId, campaignId, true);
    if (!before) return fail('not_found');
    if (patch.status !== undefined && !NEXT[before.status]?.includes(patch.status)) {
      return fail('invalid_status_transition', `A ${before.status} campaign cannot become ${patch.status}.`, { from: before.status, to: patch.status });
    }
    if (before.status === 'cancelled' && Object.keys(patch).some((k) => k !== 'status')) return fail('invalid_status_transition', 'A cancelled campaign cannot change.');
    const after = (await updateCampaign(trx, actor.tenantId, campaignId, patch))!;
    const action = patch.status === 'cancelled' && before.status !== 'cancelled' ? 'cancel' : 'update';
    await recordChange(trx, actor, { action, entityType: 'campaign', entityId: campaignId, before: auditable(before), after: auditable(after) });
    return ok(after);
  });
}

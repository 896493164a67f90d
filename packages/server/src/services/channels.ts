import { findChannel, insertChannel, newId, updateChannel, type ChannelRecord, type DB, type Kysely } from '@yunying/db';
import { recordChange } from './audit.ts';
import { fail, ok, type Actor, type Result } from './result.ts';

type ChannelFields = Pick<ChannelRecord, 'code' | 'name' | 'platform' | 'commissionBp' | 'shipWithinHours'>;
type ChannelPatch = Partial<Pick<ChannelRecord, 'name' | 'commissionBp' | 'shipWithinHours' | 'status'>>;

function auditable(c: ChannelRecord): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, channelId: _i, ...rest } = c;
  return rest;
}

export async function createChannel(db: Kysely<DB>, actor: Actor, input: ChannelFields): Promise<Result<ChannelRecord>> {
  return db.transaction().execute(async (trx) => {
    const channel = await insertChannel(trx, actor.tenantId, { channelId: newId('chn'), ...input });
    if (!channel) return fail('channel_code_taken', `A channel with code ${input.code} exists.`);
    await recordChange(trx, actor, { action: 'create', entityType: 'channel', entityId: channel.channelId, before: null, after: auditable(channel) });
    return ok(channel);
  });
}

export async function changeChannel(db: Kysely<DB>, actor: Actor, channelId: string, patch: ChannelPatch): Promise<Result<ChannelRecord>> {
  return db.transaction().execute(async (trx) => {
    const before = await findChannel(trx, actor.tenantId, channelId, true);
    if (!before) return fail('not_found');
    const after = (await updateChannel(trx, actor.tenantId, channelId, patch))!;
    const action = patch.status === 'archived' && before.status !== 'archived' ? 'archive' : 'update';
    await recordChange(trx, actor, { action, entityType: 'channel', entityId: channelId, before: auditable(before), after: auditable(after) });
    return ok(after);
  });
}

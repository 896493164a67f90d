import type { Kysely, Selectable } from 'kysely';
import type { ChannelsTable, DB } from '../schema.ts';

export interface ChannelRecord {
  channelId: string;
  code: string;
  name: string;
  platform: string;
  commissionBp: number;
  shipWithinHours: number;
  status: string;
  createdAt: Date;
  updatedAt: Date;
}

function toChannel(r: Selectable<ChannelsTable>): ChannelRecord {
  return {
    channelId: r.channel_id,
    code: r.code,
    name: r.name,
    platform: r.platform,
    commissionBp: r.commission_bp,
    shipWithinHours: r.ship_within_hours,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function insertChannel(
  db: Kysely<DB>,
  tenantId: string,
  c: { channelId: string; code: string; name: string; platform: string; commissionBp: number; shipWithinHours: number },
): Promise<ChannelRecord | undefined> {
  const row = await db
    .insertInto('channels')
    .values({
      tenant_id: tenantId,
      channel_id: c.channelId,
      code: c.code,
      name: c.name,
      platform: c.platform,
      commission_bp: c.commissionBp,
      ship_within_hours: c.shipWithinHours,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && toChannel(row);
}

export async function findChannel(db: Kysely<DB>, tenantId: string, channelId: string, forUpdate = false): Promise<ChannelRecord | undefined> {
  let q = db.selectFrom('channels').selectAll().where('tenant_id', '=', tenantId).where('channel_id', '=', channelId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toChannel(row);
}

export async function listChannels(
  db: Kysely<DB>,
  tenantId: string,
  filter: { status?: string | undefined; limit: number; afterChannelId?: string | undefined },
): Promise<ChannelRecord[]> {
  let q = db.selectFrom('channels').selectAll().where('tenant_id', '=', tenantId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.afterChannelId) q = q.where('channel_id', '>', filter.afterChannelId);
  const rows = await q.orderBy('channel_id').limit(filter.limit).execute();
  return rows.map(toChannel);
}

export async function updateChannel(
  db: Kysely<DB>,
  tenantId: string,
  channelId: string,
  patch: { name?: string | undefined; commissionBp?: number | undefined; shipWithinHours?: number | undefined; status?: string | undefined },
): Promise<ChannelRecord | undefined> {
  const row = await db
    .updateTable('channels')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.commissionBp !== undefined ? { commission_bp: patch.commissionBp } : {}),
      ...(patch.shipWithinHours !== undefined ? { ship_within_hours: patch.shipWithinHours } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('channel_id', '=', channelId)
    .returningAll()
    .executeTakeFirst();
  return row && toChannel(row);
}

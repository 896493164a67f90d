import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export interface MembershipRecord {
  tenantId: string;
  tenantName: string;
  userId: string;
  role: string;
}

export interface MemberRecord {
  userId: string;
  email: string;
  displayName: string;
  role: string;
  createdAt: Date;
}

export async function insertMembership(db: Kysely<DB>, m: { tenantId: string; userId: string; role: string }): Promise<void> {
  await db.insertInto('memberships').values({ tenant_id: m.tenantId, user_id: m.userId, role: m.role }).execute();
}

/** A person's shops, oldest membership first. */
export async function listMembershipsOfUser(db: Kysely<DB>, userId: string): Promise<MembershipRecord[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('tenants as t', 't.tenant_id', 'm.tenant_id')
    .select(['m.tenant_id', 't.name', 'm.user_id', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('m.created_at')
    .orderBy('m.tenant_id')
    .execute();
  return rows.map((r) => ({ tenantId: r.tenant_id, tenantName: r.name, userId: r.user_id, role: r.role }));
}

const memberColumns = ['u.user_id', 'u.email', 'u.display_name', 'm.role', 'm.created_at'] as const;

function toMember(r: { user_id: string; email: string; display_name: string; role: string; created_at: Date }): MemberRecord {
  return { userId: r.user_id, email: r.email, displayName: r.display_name, role: r.role, createdAt: r.created_at };
}

export async function findMember(db: Kysely<DB>, tenantId: string, userId: string): Promise<MemberRecord | undefined> {
  const row = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.user_id', 'm.user_id')
    .select(memberColumns)
    .where('m.tenant_id', '=', tenantId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
  return row && toMember(row);
}

/** Members of a shop ordered by user id, after `afterUserId` (keyset page). */
export async function listMembers(
  db: Kysely<DB>,
  tenantId: string,
  page: { limit: number; afterUserId?: string | undefined },
): Promise<MemberRecord[]> {
  let q = db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.user_id', 'm.user_id')
    .select(memberColumns)
    .where('m.tenant_id', '=', tenantId);
  if (page.afterUserId) q = q.where('m.user_id', '>', page.afterUserId);
  const rows = await q.orderBy('m.user_id').limit(page.limit).execute();
  return rows.map(toMember);
}

export async function updateMembershipRole(db: Kysely<DB>, tenantId: string, userId: string, role: string): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ role, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMembership(db: Kysely<DB>, tenantId: string, userId: string): Promise<void> {
  await db.deleteFrom('memberships').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
}

/** Owners of a shop, locked for the rest of the transaction (guards "the last owner"). */
export async function lockOwners(db: Kysely<DB>, tenantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('tenant_id', '=', tenantId)
    .where('role', '=', 'owner')
    .forUpdate()
    .execute();
  return rows.map((r) => r.user_id);
}

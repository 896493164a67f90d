import { canGrant, type Role } from '@yunying/core/access';
import {
  deleteMembership,
  findMember,
  findUserByEmail,
  insertMembership,
  insertUser,
  lockOwners,
  newId,
  updateMembershipRole,
  type DB,
  type Kysely,
  type MemberRecord,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { generatePassword, hashPassword } from './credentials.ts';
import { fail, ok, type Actor, type Result } from './result.ts';

/** Adds a person to the actor's shop; creates the account when the email is new. */
export async function addMember(
  db: Kysely<DB>,
  actor: Actor,
  input: { email: string; displayName: string; role: Role; password?: string | undefined },
): Promise<Result<MemberRecord & { initialPassword: string | null }>> {
  if (!canGrant(actor.role, input.role)) return fail('role_not_grantable', `A ${actor.role} cannot grant ${input.role}.`);
  return db.transaction().execute(async (trx) => {
    let user = await findUserByEmail(trx, input.email);
    let initialPassword: string | null = null;
    if (user) {
      if (await findMember(trx, actor.tenantId, user.userId)) return fail('already_member');
    } else {
      const password = input.password ?? (initialPassword = generatePassword());
      user = await insertUser(trx, {
        userId: newId('usr'),
        email: input.email,
        displayName: input.displayName,
        passwordHash: await hashPassword(password),
      });
    }
    await insertMembership(trx, { tenantId: actor.tenantId, userId: user.userId, role: input.role });
    await recordChange(trx, actor, {
      action: 'create',
      entityType: 'membership',
      entityId: user.userId,
      before: null,
      after: { email: user.email, role: input.role },
    });
    const member = (await findMember(trx, actor.tenantId, user.userId))!;
    return ok({ ...member, initialPassword });
  });
}

/**
 * Changes a member's role. The actor must be able to grant both the old and the new role (an
 * admin cannot demote an owner), and a shop always keeps at least one owner.
 */
export async function changeMemberRole(db: Kysely<DB>, actor: Actor, userId: string, role: Role): Promise<Result<MemberRecord>> {
  return db.transaction().execute(async (trx) => {
    const owners = await lockOwners(trx, actor.tenantId);
    const member = await findMember(trx, actor.tenantId, userId);
    if (!member) return fail('not_found');
    if (!canGrant(actor.role, member.role as Role) || !canGrant(actor.role, role)) {
      return fail('role_not_grantable', `A ${actor.role} cannot change a ${member.role} to ${role}.`);
    }
    if (member.role === 'owner' && role !== 'owner' && owners.length <= 1) return fail('last_owner');
    if (member.role === role) return ok(member);
    await updateMembershipRole(trx, actor.tenantId, userId, role);
    await recordChange(trx, actor, {
      action: 'update',
      entityType: 'membership',
      entityId: userId,
      before: { role: member.role },
      after: { role },
    });
    return ok({ ...member, role });
  });
}

/** Removes a person from the actor's shop; their tokens for it stop working with the membership. */
export async function removeMember(db: Kysely<DB>, actor: Actor, userId: string): Promise<Result<null>> {
  return db.transaction().execute(async (trx) => {
    const owners = await lockOwners(trx, actor.tenantId);
    const member = await findMember(trx, actor.tenantId, userId);
    if (!member) return fail('not_found');
    if (!canGrant(actor.role, member.role as Role)) return fail('role_not_grantable', `A ${actor.role} cannot remove a ${member.role}.`);
    if (member.role === 'owner' && owners.length <= 1) return fail('last_owner');
    await deleteMembership(trx, actor.tenantId, userId);
    await recordChange(trx, actor, {
      action: 'delete',
      entityType: 'membership',
      entityId: userId,
      before: { email: member.email, role: member.role },
      after: null,
    });
    return ok(null);
  });
}

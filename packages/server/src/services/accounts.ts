import { isRole, type Role } from '@yunying/core/access';
import {
  clearFailedLogins,
  countTenants,
  findUserByEmail,
  insertMembership,
  insertSession,
  insertTenant,
  insertUser,
  listMembershipsOfUser,
  newId,
  recordFailedLogin,
  type DB,
  type Kysely,
  type MembershipRecord,
  type TenantRecord,
  type UserRecord,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { burnPasswordCheck, generatePassword, hashPassword, newSecret, sha256, verifyPassword } from './credentials.ts';
import { fail, ok, type Result } from './result.ts';

export interface LoginPolicy {
  maxFailures: number;
  lockMinutes: number;
  sessionTtlHours: number;
}

export interface NewSession {
  cookieValue: string;
  sessionHash: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserRecord;
  tenantId: string | null;
  memberships: MembershipRecord[];
}

/**
 * Signs a person in: checks the password (constant work for unknown emails), counts failures and
 * locks the account after `maxFailures` for `lockMinutes`, then opens a session in the requested
 * shop (or the first one the person belongs to).
 */
export async function login(
  db: Kysely<DB>,
  input: { email: string; password: string; tenantId?: string | undefined },
  policy: LoginPolicy,
  now = new Date(),
): Promise<Result<NewSession>> {
  const user = await findUserByEmail(db, input.email);
  if (!user || user.disabledAt) {
    await burnPasswordCheck(input.password);
    return fail('invalid_credentials');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    return fail('account_locked', undefined, { retryAfterSeconds: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000) });
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const lockUntil = new Date(now.getTime() + policy.lockMinutes * 60_000);
    const after = await recordFailedLogin(db, user.userId, policy.maxFailures, lockUntil);
    if (after.lockedUntil && after.lockedUntil > now) {
      return fail('account_locked', undefined, { retryAfterSeconds: policy.lockMinutes * 60 });
    }
    return fail('invalid_credentials');
  }
  await clearFailedLogins(db, user.userId);
  const memberships = await listMembershipsOfUser(db, user.userId);
  let tenantId = memberships[0]?.tenantId ?? null;
  if (input.tenantId) {
    if (!memberships.some((m) => m.tenantId === input.tenantId)) return fail('not_found', 'You are not a member of that shop.');
    tenantId = input.tenantId;
  }
  const cookieValue = newSecret(32);
  const session = {
    sessionHash: sha256(cookieValue),
    userId: user.userId,
    tenantId,
    csrfToken: newSecret(24),
    expiresAt: new Date(now.getTime() + policy.sessionTtlHours * 3_600_000),
  };
  await insertSession(db, session);
  return ok({ ...session, cookieValue, user, memberships });
}

export interface CreatedAccount {
  tenant: TenantRecord;
  user: UserRecord;
  /** The password to show once, when it was generated here. */
  generatedPassword: string | null;
}

/** Creates a shop with its first owner (a new account, or an existing one by email). */
export async function createTenantWithOwner(
  db: Kysely<DB>,
  input: { tenantName: string; email: string; displayName?: string; password?: string; timeZone?: string; currency?: string },
): Promise<CreatedAccount> {
  return db.transaction().execute(async (trx) => {
    const tenant = await insertTenant(trx, {
      tenantId: newId('tnt'),
      name: input.tenantName,
      ...(input.timeZone ? { timeZone: input.timeZone } : {}),
      ...(input.currency ? { currency: input.currency } : {}),
    });
    const existing = await findUserByEmail(trx, input.email);
    let generatedPassword: string | null = null;
    let user = existing;
    if (!user) {
      const password = input.password ?? (generatedPassword = generatePassword());
      user = await insertUser(trx, {
        userId: newId('usr'),
        email: input.email.toLowerCase(),
        displayName: input.displayName ?? input.email.split('@')[0] ?? input.email,
        passwordHash: await hashPassword(password),
      });
    }
    await insertMembership(trx, { tenantId: tenant.tenantId, userId: user.userId, role: 'owner' });
    const actor = { tenantId: tenant.tenantId, actorType: 'system', actorId: null, userId: null, role: 'owner', requestId: null } as const;
    await recordChange(trx, actor, {
      action: 'create',
      entityType: 'tenant',
      entityId: tenant.tenantId,
      before: null,
      after: { name: tenant.name, timeZone: tenant.timeZone, currency: tenant.currency },
    });
    await recordChange(trx, actor, {
      action: 'create',
      entityType: 'membership',
      entityId: user.userId,
      before: null,
      after: { email: user.email, role: 'owner' },
    });
    return { tenant, user, generatedPassword };
  });
}

/**
 * On an empty database, creates the first shop and its owner with a generated password, to be
 * printed once. Returns null when any shop exists (nothing to do).
 */
export async function bootstrapFirstTenant(
  db: Kysely<DB>,
  input: { email: string; tenantName: string },
): Promise<CreatedAccount | null> {
  if ((await countTenants(db)) > 0) return null;
  return createTenantWithOwner(db, { tenantName: input.tenantName, email: input.email, displayName: '店主' });
}

/** The CLI's `user add`: an account, and optionally a membership with a role. */
export async function createUser(
  db: Kysely<DB>,
  input: { email: string; displayName: string; password?: string; tenantId?: string; role?: string },
): Promise<Result<{ user: UserRecord; generatedPassword: string | null }>> {
  if (input.role !== undefined && !isRole(input.role)) return fail('validation_failed', `unknown role ${input.role}`);
  return db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, input.email)) return fail('email_taken');
    const generatedPassword = input.password ? null : generatePassword();
    const user = await insertUser(trx, {
      userId: newId('usr'),
      email: input.email.toLowerCase(),
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password ?? generatedPassword!),
    });
    if (input.tenantId) {
      const role: Role = (input.role as Role | undefined) ?? 'analyst';
      await insertMembership(trx, { tenantId: input.tenantId, userId: user.userId, role });
      await recordChange(
        trx,
        { tenantId: input.tenantId, actorType: 'system', actorId: null, userId: null, role: 'owner', requestId: null },
        { action: 'create', entityType: 'membership', entityId: user.userId, before: null, after: { email: user.email, role } },
      );
    }
    return ok({ user, generatedPassword });
  });
}

import { canGrant, type Role } from '@yunying/core/access';
import { findApiToken, insertApiToken, newId, revokeApiToken, type ApiTokenRecord, type DB, type Kysely } from '@yunying/db';
import { recordChange } from './audit.ts';
import { formatApiToken, newSecret, sha256 } from './credentials.ts';
import { fail, ok, type Actor, type Result } from './result.ts';

/** Creates a personal API token scoped to a role the creator could grant. The text is returned once. */
export async function createApiToken(
  db: Kysely<DB>,
  actor: Actor,
  input: { name: string; role: Role; expiresInDays?: number | undefined },
  now = new Date(),
): Promise<Result<ApiTokenRecord & { token: string }>> {
  if (!actor.userId) return fail('token_requires_session');
  if (!canGrant(actor.role, input.role)) return fail('role_not_grantable', `A ${actor.role} cannot create a ${input.role} token.`);
  const secret = newSecret(32);
  const tokenId = newId('tok');
  const userId = actor.userId;
  return db.transaction().execute(async (trx) => {
    const record = await insertApiToken(trx, {
      tenantId: actor.tenantId,
      tokenId,
      userId,
      name: input.name,
      role: input.role,
      secretHash: sha256(secret),
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
    });
    await recordChange(trx, actor, {
      action: 'create',
      entityType: 'api_token',
      entityId: tokenId,
      before: null,
      after: { name: record.name, role: record.role, userId, expiresAt: record.expiresAt },
    });
    return ok({ ...record, token: formatApiToken(actor.tenantId, tokenId, secret) });
  });
}

/** Revokes a token: its owner may, and so may anyone who manages members. */
export async function revokeToken(
  db: Kysely<DB>,
  actor: Actor,
  tokenId: string,
  canManageOthers: boolean,
  now = new Date(),
): Promise<Result<null>> {
  return db.transaction().execute(async (trx) => {
    const token = await findApiToken(trx, actor.tenantId, tokenId);
    if (!token || (token.userId !== actor.userId && !canManageOthers)) return fail('not_found');
    if (token.revokedAt) return ok(null);
    await revokeApiToken(trx, actor.tenantId, tokenId, now);
    await recordChange(trx, actor, {
      action: 'revoke',
      entityType: 'api_token',
      entityId: tokenId,
      before: { revokedAt: null },
      after: { revokedAt: now },
    });
    return ok(null);
  });
}

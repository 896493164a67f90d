import type { Kysely, Selectable } from 'kysely';
import type { ApiTokensTable, DB } from '../schema.ts';

export interface ApiTokenRecord {
  tenantId: string;
  tokenId: string;
  userId: string;
  name: string;
  role: string;
  secretHash: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

function toToken(row: Selectable<ApiTokensTable>): ApiTokenRecord {
  return {
    tenantId: row.tenant_id,
    tokenId: row.token_id,
    userId: row.user_id,
    name: row.name,
    role: row.role,
    secretHash: row.secret_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function insertApiToken(
  db: Kysely<DB>,
  t: { tenantId: string; tokenId: string; userId: string; name: string; role: string; secretHash: string; expiresAt: Date | null },
): Promise<ApiTokenRecord> {
  const row = await db
    .insertInto('api_tokens')
    .values({
      tenant_id: t.tenantId,
      token_id: t.tokenId,
      user_id: t.userId,
      name: t.name,
      role: t.role,
      secret_hash: t.secretHash,
      expires_at: t.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toToken(row);
}

/** A token with its owner's current role in the token's shop (null when no longer a member). */
export async function findTokenPrincipal(
  db: Kysely<DB>,
  tenantId: string,
  tokenId: string,
): Promise<(ApiTokenRecord & { email: string; displayName: string; memberRole: string | null; disabled: boolean }) | undefined> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.user_id', 't.user_id')
    .leftJoin('memberships as m', (join) => join.onRef('m.tenant_id', '=', 't.tenant_id').onRef('m.user_id', '=', 't.user_id'))
    .selectAll('t')
    .select(['u.email', 'u.display_name', 'u.disabled_at', 'm.role as member_role'])
    .where('t.tenant_id', '=', tenantId)
    .where('t.token_id', '=', tokenId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...toToken(row),
    email: row.email,
    displayName: row.display_name,
    memberRole: row.member_role,
    disabled: row.disabled_at !== null,
  };
}

export async function findApiToken(db: Kysely<DB>, tenantId: string, tokenId: string): Promise<ApiTokenRecord | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('token_id', '=', tokenId)
    .executeTakeFirst();
  return row && toToken(row);
}

export async function listApiTokens(
  db: Kysely<DB>,
  tenantId: string,
  filter: { userId?: string | undefined; limit: number; afterTokenId?: string | undefined },
): Promise<ApiTokenRecord[]> {
  let q = db.selectFrom('api_tokens').selectAll().where('tenant_id', '=', tenantId);
  if (filter.userId) q = q.where('user_id', '=', filter.userId);
  if (filter.afterTokenId) q = q.where('token_id', '>', filter.afterTokenId);
  const rows = await q.orderBy('token_id').limit(filter.limit).execute();
  return rows.map(toToken);
}

export async function revokeApiToken(db: Kysely<DB>, tenantId: string, tokenId: string, now: Date): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('tenant_id', '=', tenantId)
    .where('token_id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function touchApiToken(db: Kysely<DB>, tenantId: string, tokenId: string, now: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('tenant_id', '=', tenantId).where('token_id', '=', tokenId).execute();
}

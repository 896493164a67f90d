import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** What authenticating a session cookie needs, read in one query. */
export interface SessionPrincipalRow {
  sessionHash: string;
  userId: string;
  email: string;
  displayName: string;
  tenantId: string | null;
  role: string | null;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

export async function insertSession(
  db: Kysely<DB>,
  s: { sessionHash: string; userId: string; tenantId: string | null; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      session_hash: s.sessionHash,
      user_id: s.userId,
      tenant_id: s.tenantId,
      csrf_token: s.csrfToken,
      expires_at: s.expiresAt,
    })
    .execute();
}

/**
 * The live session for a cookie hash with its user and the user's role in the session's shop
 * (null when the membership is gone). Expired sessions and disabled users are not returned.
 */
export async function findSessionPrincipal(db: Kysely<DB>, sessionHash: string, now: Date): Promise<SessionPrincipalRow | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.user_id', 's.user_id')
    .leftJoin('memberships as m', (join) =>
      join.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.user_id', '=', 's.user_id'),
    )
    .select([
      's.session_hash',
      's.user_id',
      'u.email',
      'u.display_name',
      's.tenant_id',
      'm.role',
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
    ])
    .where('s.session_hash', '=', sessionHash)
    .where('s.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    sessionHash: row.session_hash,
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    tenantId: row.tenant_id,
    role: row.role,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
  };
}

/** Slides the session's expiry forward (called at most every few minutes per session). */
export async function touchSession(db: Kysely<DB>, sessionHash: string, now: Date, expiresAt: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('session_hash', '=', sessionHash)
    .execute();
}

export async function setSessionTenant(db: Kysely<DB>, sessionHash: string, tenantId: string): Promise<void> {
  await db.updateTable('sessions').set({ tenant_id: tenantId }).where('session_hash', '=', sessionHash).execute();
}

export async function deleteSession(db: Kysely<DB>, sessionHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('session_hash', '=', sessionHash).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

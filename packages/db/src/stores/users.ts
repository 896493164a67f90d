import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { DB, UsersTable } from '../schema.ts';

export interface UserRecord {
  userId: string;
  email: string;
  displayName: string;
  passwordHash: string;
  failedLogins: number;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
}

function toUser(row: Selectable<UsersTable>): UserRecord {
  return {
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
  };
}

export async function insertUser(
  db: Kysely<DB>,
  u: { userId: string; email: string; displayName: string; passwordHash: string },
): Promise<UserRecord> {
  const row = await db
    .insertInto('users')
    .values({ user_id: u.userId, email: u.email, display_name: u.displayName, password_hash: u.passwordHash })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return row && toUser(row);
}

export async function findUser(db: Kysely<DB>, userId: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row && toUser(row);
}

/** Counts a failed sign-in; locks the account until `lockUntil` when the count reaches `lockAfter`. */
export async function recordFailedLogin(
  db: Kysely<DB>,
  userId: string,
  lockAfter: number,
  lockUntil: Date,
): Promise<{ failedLogins: number; lockedUntil: Date | null }> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({
      failed_logins: eb('failed_logins', '+', 1),
      locked_until: sql<Date | null>`case when failed_logins + 1 >= ${lockAfter} then ${lockUntil}::timestamptz else locked_until end`,
    }))
    .where('user_id', '=', userId)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirstOrThrow();
  return { failedLogins: row.failed_logins, lockedUntil: row.locked_until };
}

export async function clearFailedLogins(db: Kysely<DB>, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('failed_logins', '>', 0), eb('locked_until', 'is not', null)]))
    .execute();
}

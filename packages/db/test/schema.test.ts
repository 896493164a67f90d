import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_ENGINE, type TestDatabase } from './test-database.ts';

// Identity is the control plane and spans shops (see 0001_foundation.sql); every other table is
// a shop's data and must lead its keys and indexes with tenant_id (Citus-ready).
const CONTROL_PLANE = new Set(['tenants', 'users', 'sessions', 'schema_migrations']);

// Column names of src/schema.ts, per table: kept here as the test's independent copy.
const EXPECTED: Record<string, string[]> = {
  tenants: ['tenant_id', 'name', 'time_zone', 'currency', 'created_at', 'updated_at'],
  users: ['user_id', 'email', 'display_name', 'password_hash', 'failed_logins', 'locked_until', 'disabled_at', 'created_at', 'updated_at'],
  memberships: ['tenant_id', 'user_id', 'role', 'created_at', 'updated_at'],
  sessions: ['session_hash', 'user_id', 'tenant_id', 'csrf_token', 'created_at', 'expires_at', 'last_seen_at'],
  api_tokens: ['tenant_id', 'token_id', 'user_id', 'name', 'role', 'secret_hash', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'],
  audit_log: ['tenant_id', 'audit_id', 'occurred_at', 'actor_type', 'actor_id', 'action', 'entity_type', 'entity_id', 'changes', 'request_id'],
  idempotency_keys: ['tenant_id', 'actor_id', 'idem_key', 'method', 'path', 'request_hash', 'status_code', 'response_body', 'created_at'],
  channels: ['tenant_id', 'channel_id', 'code', 'name', 'platform', 'commission_bp', 'ship_within_hours', 'status', 'created_at', 'updated_at'],
  schema_migrations: ['version', 'name', 'checksum', 'applied_at'],
};

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => t?.close());

describe(`schema (${TEST_ENGINE})`, () => {
  it('has exactly the tables and columns the typed query layer declares', async () => {
    const rows = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' order by table_name, ordinal_position`.execute(t.database.db);
    const actual: Record<string, string[]> = {};
    for (const r of rows.rows) (actual[r.table_name] ??= []).push(r.column_name);
    expect(actual).toEqual(EXPECTED);
  });

  it('leads every primary key and index of shop data with tenant_id', async () => {
    const rows = await sql<{ table_name: string; index_name: string; first_column: string }>`
      select t.relname as table_name, i.relname as index_name, a.attname as first_column
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      left join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
      where n.nspname = 'public'`.execute(t.database.db);
    const offenders = rows.rows.filter((r) => !CONTROL_PLANE.has(r.table_name) && r.first_column !== 'tenant_id');
    // memberships_user_idx serves sign-in (a person's shops), the one lookup that starts from a user.
    expect(offenders.map((r) => r.index_name)).toEqual(['memberships_user_idx']);
  });

  it('keeps the audit log append-only in the database itself', async () => {
    const db = t.database.db;
    await db.insertInto('tenants').values({ tenant_id: 'tnt_audit', name: 'x' }).execute();
    await db
      .insertInto('audit_log')
      .values({ tenant_id: 'tnt_audit', audit_id: 'aud_1', actor_type: 'system', action: 'create', entity_type: 'x', entity_id: '1', changes: '{}', actor_id: null, request_id: null })
      .execute();
    await expect(db.updateTable('audit_log').set({ action: 'tampered' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    const left = await db.selectFrom('audit_log').select('action').execute();
    expect(left).toEqual([{ action: 'create' }]);
  });
});

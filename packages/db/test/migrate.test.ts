import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, MigrationMismatchError, MIGRATIONS_DIR } from '../src/migrate.ts';
import { openTestDatabase, TEST_ENGINE, type TestDatabase } from './test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase({ migrate: false });
});
afterAll(async () => t?.close());

describe(`migrate (${TEST_ENGINE})`, () => {
  it('applies every migration once and is a no-op the second time', async () => {
    const first = await migrate(t.database);
    expect(first.applied.length).toBe(loadMigrations().length);
    const second = await migrate(t.database);
    expect(second).toEqual({ applied: [], alreadyApplied: loadMigrations().length });
  });

  it('lets concurrent migrators apply each migration exactly once', async () => {
    if (TEST_ENGINE !== 'postgres') return; // one PGlite backend cannot be shared by two migrators
    const other = await openTestDatabase({ migrate: false });
    try {
      const { openDatabase } = await import('../src/engine.ts');
      const handles = await Promise.all([0, 1, 2].map(() => openDatabase({ engine: 'postgres', url: other.url!, poolSize: 2 })));
      try {
        const reports = await Promise.all(handles.map((d) => migrate(d)));
        expect(reports.reduce((n, r) => n + r.applied.length, 0)).toBe(loadMigrations().length);
      } finally {
        await Promise.all(handles.map((d) => d.close()));
      }
    } finally {
      await other.close();
    }
  });

  it('migrates through a pool of one connection without waiting on itself', async () => {
    if (TEST_ENGINE !== 'postgres') return; // PGlite has exactly one connection by nature
    const other = await openTestDatabase({ migrate: false });
    try {
      const { openDatabase } = await import('../src/engine.ts');
      const single = await openDatabase({ engine: 'postgres', url: other.url!, poolSize: 1 });
      try {
        const report = await migrate(single);
        expect(report.applied.length).toBe(loadMigrations().length);
      } finally {
        await single.close();
      }
    } finally {
      await other.close();
    }
  });

  it('refuses to run when an applied migration was edited', async () => {
    const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
    await expect(migrate(t.database, edited)).rejects.toBeInstanceOf(MigrationMismatchError);
  });

  it('refuses a database migrated by a newer version', async () => {
    await expect(migrate(t.database, loadMigrations().slice(0, 0))).rejects.toThrow(/newer version/);
  });

  it('rolls back a failing migration whole, recording nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yy-mig-'));
    try {
      mkdirSync(dir, { recursive: true });
      for (const m of loadMigrations()) writeFileSync(join(dir, `${m.version}_${m.name}.sql`), readFileSync(join(MIGRATIONS_DIR, `${m.version}_${m.name}.sql`)));
      writeFileSync(join(dir, '9999_broken.sql'), 'create table half_done (id int);\nselect * from no_such_table;');
      await expect(migrate(t.database, loadMigrations(dir))).rejects.toThrow();
      const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'half_done'`.execute(t.database.db);
      expect(tables.rows[0]!.n).toBe(0);
      const recorded = await t.database.db.selectFrom('schema_migrations').select('version').where('version', '=', '9999').execute();
      expect(recorded).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

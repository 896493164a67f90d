import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from './engine.ts';

// Found through the package, so it holds whether this file runs from source or from a bundle.
export const MIGRATIONS_DIR = join(dirname(createRequire(import.meta.url).resolve('@yunying/db/package.json')), 'migrations');

/** A versioned, forward-only SQL migration: `NNNN_name.sql`. */
export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/** Raised when the database holds a migration that differs from, or is missing in, this build. */
export class MigrationMismatchError extends Error {
  override name = 'MigrationMismatchError';
}

/** Reads the migration files in version order. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.slice(5, -4),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

// Any fixed number: serializes concurrent migrators (several API processes starting at once).
const MIGRATION_LOCK_KEY = 7_261_001;

/**
 * Applies pending migrations, each in its own transaction, under a session advisory lock so two
 * processes starting together apply each migration once. Safe to run any number of times. Refuses
 * to run when an applied migration was edited afterwards or is unknown to this build.
 */
export async function migrate(database: Database, migrations = loadMigrations()): Promise<MigrationReport> {
  const { db } = database;
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (
        version text primary key, name text not null, checksum text not null,
        applied_at timestamptz not null default now())`.execute(conn);
      const rows = await conn.selectFrom('schema_migrations').select(['version', 'name', 'checksum']).execute();
      const applied = new Map(rows.map((row) => [row.version, row]));
      const known = new Set(migrations.map((m) => m.version));
      for (const row of rows) {
        if (!known.has(row.version)) {
          throw new MigrationMismatchError(
            `The database has migration ${row.version}_${row.name}, which this version of Yunying does not know. ` +
              'It was migrated by a newer version; run that version instead.',
          );
        }
      }
      const report: MigrationReport = { applied: [], alreadyApplied: 0 };
      for (const migration of migrations) {
        const existing = applied.get(migration.version);
        if (existing) {
          if (existing.checksum !== migration.checksum) {
            throw new MigrationMismatchError(
              `Migration ${migration.version}_${migration.name} was changed after it was applied. ` +
                'Migrations are forward-only: restore the file and add a new migration instead.',
            );
          }
          report.alreadyApplied++;
          continue;
        }
        // The file, and its record, commit together or not at all. Names are [a-z0-9_] and the
        // checksum is hex (see loadMigrations), so they are safe as literals.
        await database.execScript(
          `begin;\n${migration.sql}\n;insert into schema_migrations (version, name, checksum) ` +
            `values ('${migration.version}', '${migration.name}', '${migration.checksum}');\ncommit;`,
        );
        report.applied.push(`${migration.version}_${migration.name}`);
      }
      return report;
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}

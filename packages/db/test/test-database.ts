import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase, type Database, type EngineName } from '../src/index.ts';

/** The engine this run of the suite tests (scripts/test.mjs runs the suite once per engine). */
export const TEST_ENGINE: EngineName = process.env.YUNYING_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

export interface TestDatabase {
  database: Database;
  /** PostgreSQL only: the URL of this test's own database. */
  url?: string;
  close(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set; run the suite with `npm test`');
  return url;
}

/** A URL for `database` on the server of TEST_DATABASE_URL. */
export function urlForDatabase(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty database on the test server and returns its name and a dropper. */
export async function createScratchDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `yy_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: urlForDatabase(name),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * A fresh, migrated database on the engine under test: an in-memory PGlite, or a new database on
 * the PostgreSQL server (dropped again by close()).
 */
export async function openTestDatabase(opts: { migrate?: boolean; poolSize?: number } = {}): Promise<TestDatabase> {
  if (TEST_ENGINE === 'pglite') {
    const database = await openDatabase({ engine: 'pglite', memory: true });
    if (opts.migrate !== false) await migrate(database);
    return { database, close: () => database.close() };
  }
  const scratch = await createScratchDatabase();
  const database = await openDatabase({ engine: 'postgres', url: scratch.url, poolSize: opts.poolSize ?? 10 });
  if (opts.migrate !== false) await migrate(database);
  return {
    database,
    url: scratch.url,
    async close() {
      await database.close();
      await scratch.drop();
    },
  };
}

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { withNamedStatements } from './pg-named-statements.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type EngineName = 'pglite' | 'postgres';

/** Where the data lives: a PostgreSQL URL, a PGlite folder, or an in-memory PGlite (tests). */
export type DatabaseTarget =
  | { engine: 'postgres'; url: string; poolSize?: number }
  | { engine: 'pglite'; dataDir: string; sharedBuffers?: string }
  | { engine: 'pglite'; memory: true };

/** An open database: the typed query builder plus what the migrator and shutdown need. */
export interface Database {
  readonly db: Kysely<DB>;
  readonly engine: EngineName;
  /** Runs a multi-statement SQL script outside any transaction (migrations). */
  execScript(sql: string): Promise<void>;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;

/** bigint columns hold integer minor units and counts; refuse values JavaScript cannot hold exactly. */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return n;
}

pg.types.setTypeParser(INT8, parseInt8);

const PGLITE_OPTIONS = { parsers: { [INT8]: parseInt8, [NUMERIC]: (v: string) => v } };

/**
 * Opens PGlite. A new folder is initialised in a short-lived child process: PGlite's initdb step
 * leaves about 450 MB that this process would otherwise keep for its whole life. shared_buffers defaults to 16MB: the data files are in the operating system's page
 * cache anyway, and PGlite's 128MB default doubles the idle footprint.
 */
async function openPGlite(target: Extract<DatabaseTarget, { engine: 'pglite' }>): Promise<PGlite> {
  if (!('dataDir' in target)) return PGlite.create(PGLITE_OPTIONS);
  const conf = { ...PGLITE_OPTIONS, postgresqlconf: [`shared_buffers = ${target.sharedBuffers ?? '16MB'}`] };
  if (!existsSync(join(target.dataDir, 'PG_VERSION'))) await initialiseInChildProcess(target.dataDir);
  return PGlite.create(target.dataDir, conf);
}

async function initialiseInChildProcess(dataDir: string): Promise<void> {
  const pgliteUrl = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  const script = `const { PGlite } = await import(${JSON.stringify(pgliteUrl)});
const db = await PGlite.create(${JSON.stringify(dataDir)});
await db.close();`;
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 120_000 });
}

/** Opens (and for PGlite folders, locks) the database named by `target`. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it. Queries report their own errors.
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
    return {
      db,
      engine: 'postgres',
      // Its own connection, outside the pool: the migrator holds a pool connection (with the
      // advisory lock) while a script runs, and a pool of one must not wait on itself.
      async execScript(sql) {
        const client = new pg.Client({ connectionString: target.url });
        await client.connect();
        try {
          await client.query(sql);
        } catch (error) {
          await client.query('rollback').catch(() => {});
          throw error;
        } finally {
          await client.end();
        }
      },
      async close() {
        await db.destroy();
      },
    };
  }

  const release = 'dataDir' in target ? lockDataDir(target.dataDir) : () => {};
  let pglite: PGlite;
  try {
    pglite = await openPGlite(target);
  } catch (error) {
    release();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    // Startup only (migrations): runs beside the driver's mutex, not through it.
    async execScript(sql) {
      try {
        await pglite.exec(sql);
      } catch (error) {
        await pglite.exec('rollback').catch(() => {});
        throw error;
      }
    },
    async close() {
      await db.destroy();
      await pglite.close();
      release();
    },
  };
}

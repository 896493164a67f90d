import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { lockDataDir } from './data-dir-lock.ts';
import type { Database, DatabaseTarget } from './engine.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';
import { INT8, NUMERIC, parseInt8, TIMESTAMPTZ, timestamptzParser } from './type-parsers.ts';

const pgliteTimestamptz = pgliteTypes.parsers[TIMESTAMPTZ]!;
const PGLITE_OPTIONS = {
  parsers: { [INT8]: parseInt8, [NUMERIC]: (v: string) => v, [TIMESTAMPTZ]: timestamptzParser((v: string) => pgliteTimestamptz(v, TIMESTAMPTZ)) },
};

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

/** PGlite in a folder (locked against a second process) or in memory. */
export async function openPGliteDatabase(target: Extract<DatabaseTarget, { engine: 'pglite' }>): Promise<Database> {
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

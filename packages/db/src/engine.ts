import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { PgDialect } from './pg-dialect.ts';
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
const TIMESTAMPTZ = 1184;

/** bigint columns hold integer minor units and counts; refuse values JavaScript cannot hold exactly. */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return n;
}

/** Two ASCII digits at `at` as a number, or -1. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil); linear in `day`. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/**
 * A timestamptz as PostgreSQL writes it (DateStyle ISO): `2026-11-22 03:24:33.123456+00`, the offset
 * `±HH` or `±HH:MM`. Undefined for anything else: BC dates, infinity, years before 100, offsets
 * with seconds, other date styles. The instant is computed by integer arithmetic (no Date.UTC, no
 * parseFloat): the fraction's first three digits are the milliseconds, which is what postgres-date's
 * `Date.UTC(…, 1000 * parseFloat(fraction))` keeps too (checked for every 1- to 6-digit fraction).
 */
function readIsoTimestamptz(text: string): Date | undefined {
  const n = text.length;
  if (n < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) {
    return undefined;
  }
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if ((century | yy | month | day | hour | minute | second) < 0 || century === 0) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  let at = 19;
  let ms = 0;
  if (text.charCodeAt(at) === 46) {
    at++;
    let digits = 0;
    for (; at < n; at++, digits++) {
      const d = text.charCodeAt(at) - 48;
      if (d < 0 || d > 9) break;
      if (digits < 3) ms = ms * 10 + d;
    }
    if (digits === 0) return undefined;
    if (digits === 1) ms *= 100;
    else if (digits === 2) ms *= 10;
  }
  const sign = text.charCodeAt(at);
  const offsetHours = twoDigits(text, at + 1);
  if ((sign !== 43 && sign !== 45) || offsetHours < 0) return undefined;
  let offsetMinutes = 0;
  if (n === at + 6 && text.charCodeAt(at + 3) === 58) offsetMinutes = twoDigits(text, at + 4);
  else if (n !== at + 3) return undefined;
  if (offsetMinutes < 0) return undefined;
  const offsetMs = (offsetHours * 3600 + offsetMinutes * 60) * 1000 * (sign === 45 ? -1 : 1);
  const days = daysFromCivil(century * 100 + yy, month, day);
  return new Date(days * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms - offsetMs);
}

/**
 * timestamptz values are read by arithmetic when they have the usual form, else by `fallback`, the
 * driver's own parser. For the usual form both give the same Date (see engine.test.ts); the
 * drivers' general parsers (regular expressions in pg, V8's legacy date parser in PGlite) cost
 * more than the rest of reading a row of a list.
 */
export function timestamptzParser<T>(fallback: (text: string) => T): (text: string) => Date | T {
  return (text) => readIsoTimestamptz(text) ?? fallback(text);
}

pg.types.setTypeParser(INT8, parseInt8);
pg.types.setTypeParser(TIMESTAMPTZ, timestamptzParser(pg.types.getTypeParser(TIMESTAMPTZ, 'text')));

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

/** Opens (and for PGlite folders, locks) the database named by `target`. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it. Queries report their own errors.
    });
    const db = new Kysely<DB>({ dialect: new PgDialect(pool) });
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

import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type EngineName = 'pglite' | 'postgres';

/** Where the data lives: a PostgreSQL URL, a PGlite folder, or an in-memory PGlite (tests). */
export type DatabaseTarget =
  | { engine: 'postgres'; url: string; poolSize?: number }
  | { engine: 'pglite'; dataDir: string }
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

/** Opens (and for PGlite folders, locks) the database named by `target`. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it. Queries report their own errors.
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      engine: 'postgres',
      async execScript(sql) {
        const client = await pool.connect();
        try {
          await client.query(sql);
        } catch (error) {
          await client.query('rollback').catch(() => {});
          throw error;
        } finally {
          client.release();
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
    pglite = await PGlite.create('dataDir' in target ? target.dataDir : undefined, {
      parsers: { [INT8]: parseInt8, [NUMERIC]: (v: string) => v },
    });
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

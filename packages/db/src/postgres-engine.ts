import { Kysely } from 'kysely';
import pg from 'pg';
import type { Database, DatabaseTarget } from './engine.ts';
import { PgDialect } from './pg-dialect.ts';
import type { DB } from './schema.ts';
import { INT8, parseInt8, TIMESTAMPTZ, timestamptzParser } from './type-parsers.ts';

// node-postgres's parsers are global to the module: set once, when this engine is first loaded.
pg.types.setTypeParser(INT8, parseInt8);
pg.types.setTypeParser(TIMESTAMPTZ, timestamptzParser(pg.types.getTypeParser(TIMESTAMPTZ, 'text')));

/** A PostgreSQL server through a pool of node-postgres connections. */
export function openPostgres(target: Extract<DatabaseTarget, { engine: 'postgres' }>): Database {
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

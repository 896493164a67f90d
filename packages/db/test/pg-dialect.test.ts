import { CompiledQuery, Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../src/postgres-engine.ts'; // the type parsers the product installs (int8 as number, timestamptz)
import { PgDialect } from '../src/pg-dialect.ts';
import { createScratchDatabase, TEST_ENGINE } from './test-database.ts';

// The PostgreSQL driver under Kysely: one pooled session per Kysely connection (transactions and
// db.connection() keep theirs), data statements prepared once per session, errors passed through.
interface Tables {
  t: { id: number; name: string };
}

describe.runIf(TEST_ENGINE === 'postgres')('PgDialect', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let pool: pg.Pool;
  let db: Kysely<Tables>;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    pool = new pg.Pool({ connectionString: scratch.url, max: 4 });
    pool.on('error', () => {}); // as the product's pool (postgres-engine.ts): an idle client's lost connection is the pool's to replace
    db = new Kysely({ dialect: new PgDialect(pool) });
    await sql`create table t (id int primary key, name text not null)`.execute(db);
  });

  afterAll(async () => {
    await db.destroy();
    await scratch.drop();
  });

  const backendPid = async (conn: Kysely<Tables>) => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn)).rows[0]!.pid;

  it('inserts, updates and deletes, reporting the rows each changed', async () => {
    const inserted = await db.insertInto('t').values([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]).executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(2n);
    const updated = await db.updateTable('t').set({ name: 'c' }).where('id', '=', 2).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    expect(await db.selectFrom('t').selectAll().orderBy('id').execute()).toEqual([{ id: 1, name: 'a' }, { id: 2, name: 'c' }]);
    const deleted = await db.deleteFrom('t').where('id', '=', 2).executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(1n);
  });

  it('runs a transaction on one session and commits or rolls it back as a whole', async () => {
    const pids = await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ id: 10, name: 'in trx' }).execute();
      return [await backendPid(trx), await backendPid(trx), await backendPid(trx)];
    });
    expect(new Set(pids).size).toBe(1);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ id: 11, name: 'rolled back' }).execute();
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const ids = (await db.selectFrom('t').select('id').where('id', '>=', 10).execute()).map((r) => r.id);
    expect(ids).toEqual([10]);
  });

  it('honours the isolation level and access mode of a transaction', async () => {
    const [level, readOnly] = await db
      .transaction()
      .setIsolationLevel('serializable')
      .setAccessMode('read only')
      .execute(async (trx) => [
        (await sql<{ v: string }>`select current_setting('transaction_isolation') as v`.execute(trx)).rows[0]!.v,
        (await sql<{ v: string }>`select current_setting('transaction_read_only') as v`.execute(trx)).rows[0]!.v,
      ]);
    expect([level, readOnly]).toEqual(['serializable', 'on']);
  });

  it('keeps one session for db.connection(), so a session advisory lock is released by the same session', async () => {
    const unlocked = await db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(42)`.execute(conn);
      const first = await backendPid(conn);
      const second = await backendPid(conn);
      expect(second).toBe(first);
      return (await sql<{ ok: boolean }>`select pg_advisory_unlock(42) as ok`.execute(conn)).rows[0]!.ok;
    });
    expect(unlocked).toBe(true);
  });

  it('returns every client to the pool, also after a failed statement', async () => {
    for (let i = 0; i < 20; i++) {
      await expect(db.executeQuery(CompiledQuery.raw('select * from no_such_table'))).rejects.toMatchObject({ code: '42P01' });
      await expect(db.insertInto('t').values({ id: 1, name: 'dup' }).execute()).rejects.toMatchObject({ code: '23505', constraint: 't_pkey' });
    }
    await Promise.all(Array.from({ length: 40 }, (_, i) => db.selectFrom('t').select('id').where('id', '=', i).execute()));
    expect(pool.totalCount).toBeLessThanOrEqual(4);
    expect(pool.idleCount).toBe(pool.totalCount);
    expect(pool.waitingCount).toBe(0);
  });

  it('prepares a data statement once per session and reuses it', async () => {
    await db.connection().execute(async (conn) => {
      for (let i = 0; i < 3; i++) await conn.selectFrom('t').select('name').where('id', '=', 1).execute();
      const prepared = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where statement like 'select "name" from "t"%'`.execute(conn);
      expect(prepared.rows[0]!.n).toBe(1);
    });
  });

  it('reads every column type, nulls and a "__proto__" column alike on the first and later runs of a statement', async () => {
    await sql`create table v (id int primary key, amount bigint, price numeric(12,2), at timestamptz, flag boolean, tags text[], doc jsonb, note text, "__proto__" text)`.execute(db);
    const at = new Date('2026-11-22T03:24:33.123Z');
    await sql`insert into v values (1, 9007199254740991, 12.30, ${at}, true, ${['a', 'b,c']}, ${JSON.stringify({ k: [1, 'x'] })}, null, 'own')`.execute(db);
    const read = () => sql<Record<string, unknown>>`select * from v where id = ${1}`.execute(db);
    const first = (await read()).rows[0]!;
    const again = (await read()).rows[0]!;
    for (const row of [first, again]) {
      expect(row).toEqual({ id: 1, amount: 9_007_199_254_740_991, price: '12.30', at, flag: true, tags: ['a', 'b,c'], doc: { k: [1, 'x'] }, note: null, ['__proto__']: 'own' });
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      expect(Object.keys(row)).toEqual(['id', 'amount', 'price', 'at', 'flag', 'tags', 'doc', 'note', '__proto__']);
    }
  });

  it('reports a value it cannot read, and the session goes on', async () => {
    await db.connection().execute(async (conn) => {
      const big = () => sql`select ${'9007199254740993'}::bigint as n`.execute(conn);
      await expect(big()).rejects.toThrow(RangeError);
      await expect(big()).rejects.toThrow(RangeError);
      expect((await sql<{ n: number }>`select ${'42'}::bigint as n`.execute(conn)).rows).toEqual([{ n: 42 }]);
    });
  });

  it('reports a parameter it cannot send, and the session goes on', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await db.connection().execute(async (conn) => {
      await expect(sql`select ${circular}::jsonb as j`.execute(conn)).rejects.toThrow(/circular/i);
      expect((await sql<{ j: unknown }>`select ${JSON.stringify({ a: 1 })}::jsonb as j`.execute(conn)).rows).toEqual([{ j: { a: 1 } }]);
    });
  });

  it('counts the rows a prepared update, insert and delete changed, and returns what they return', async () => {
    await db.insertInto('t').values([{ id: 100, name: 'x' }, { id: 101, name: 'x' }, { id: 102, name: 'x' }]).execute();
    for (let i = 0; i < 2; i++) {
      const updated = await db.updateTable('t').set({ name: 'y' }).where('name', 'in', ['x', 'y']).returning('id').execute();
      expect(updated.map((r) => r.id).sort()).toEqual([100, 101, 102]);
      const counted = await db.updateTable('t').set({ name: 'x' }).where('id', '>=', 100).executeTakeFirst();
      expect(counted.numUpdatedRows).toBe(3n);
    }
    const deleted = await db.deleteFrom('t').where('id', '>=', 100).executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(3n);
  });

  it('destroy() returns once every session of the pool has closed on the server', async () => {
    const other = await createScratchDatabase();
    try {
      for (let round = 0; round < 5; round++) {
        const ownPool = new pg.Pool({ connectionString: other.url, max: 4 });
        const own = new Kysely<Tables>({ dialect: new PgDialect(ownPool) });
        await Promise.all(Array.from({ length: 8 }, () => sql`select pg_sleep(0.01)`.execute(own)));
        await own.destroy();
        // Asked through this suite's own database: how many sessions the destroyed pool still has.
        const left = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = ${other.name}`.execute(db);
        expect(left.rows[0]!.n).toBe(0);
      }
    } finally {
      await other.drop();
    }
  });
});

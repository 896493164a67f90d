import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGliteDialect } from './pglite-dialect.ts';

// The dialect reads the backend's answers itself (readStatementResult); PGlite's own query() is
// the reference it must agree with, value for value.
describe('PGliteDialect', () => {
  let pglite: PGlite;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    pglite = await PGlite.create({ parsers: { 20: (v: string) => Number(v) } });
    db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
    await pglite.exec(`
      create table t (id int primary key, name text not null, note text, amount bigint, price numeric(12,2),
        at timestamptz, flag boolean, tags text[], doc jsonb, raw bytea, "__proto__" text);
      create unique index t_name_key on t (name);`);
  });

  afterAll(async () => {
    await db.destroy();
    await pglite.close();
  });

  const run = (sql: string, params: unknown[] = []) => db.executeQuery(CompiledQuery.raw(sql, params));

  it('inserts and reports the rows it changed', async () => {
    const inserted = await run(
      `insert into t (id, name, note, amount, price, at, flag, tags, doc, raw, "__proto__")
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11), ($12, $13, null, null, null, null, null, null, null, null, null)`,
      [1, '渠道 "一" ✓', 'multi\nline', 9_007_199_254_740_991, '12.30', new Date('2026-11-22T03:24:33.123Z'), true, ['a', 'b,c', '"q"'], { k: [1, 'x'] },
        new Uint8Array([0, 1, 254]), 'not a prototype', 2, 'second'],
    );
    expect(inserted.rows).toEqual([]);
    expect(inserted.numAffectedRows).toBe(2n);
  });

  it('reads every column type exactly as PGlite’s own query() does', async () => {
    const sql = 'select * from t where id = any($1) order by id';
    const ours = await run(sql, [[1, 2]]);
    const reference = await pglite.query(sql, [[1, 2]]);
    expect(ours.rows).toEqual(reference.rows);
    expect(ours.rows).toHaveLength(2);
    const first = ours.rows[0] as Record<string, unknown>;
    expect(first.name).toBe('渠道 "一" ✓');
    expect(first.amount).toBe(9_007_199_254_740_991);
    expect(first.at).toEqual(new Date('2026-11-22T03:24:33.123Z'));
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(Object.keys(first)).toContain('__proto__');
    expect(ours.numAffectedRows).toBe(0n);
  });

  it('answers an empty result, an update count and a statement without rows', async () => {
    expect((await run('select id from t where id = $1', [99])).rows).toEqual([]);
    const updated = await run('update t set note = $1 where id > $2', ['x', 0]);
    expect(updated.numAffectedRows).toBe(2n);
    const deleted = await run('delete from t where id = $1', [99]);
    expect(deleted.numAffectedRows).toBe(0n);
  });

  it('reads a result larger than one output chunk of the backend', async () => {
    const sql = "select g as n, repeat('界', 200) as s from generate_series(1, 2000) g";
    const ours = await run(sql);
    expect(ours.rows).toHaveLength(2000);
    expect(ours.rows).toEqual((await pglite.query(sql)).rows);
  });

  it('throws the database error with its code and constraint, and keeps working after it', async () => {
    const error = await run('insert into t (id, name) values ($1, $2)', [3, 'second']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23505', constraint: 't_name_key' });
    const typeError = await run('select $1::int as n', ['not a number']).catch((e: unknown) => e);
    expect(typeError).toMatchObject({ code: '22P02' });
    expect((await run('select count(*)::int as n from t')).rows).toEqual([{ n: 2 }]);
  });

  it('keeps a transaction’s statements together and rolls them back', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.executeQuery(CompiledQuery.raw('insert into t (id, name) values ($1, $2)', [4, 'in a transaction']));
      expect((await trx.executeQuery(CompiledQuery.raw('select name from t where id = $1', [4]))).rows).toEqual([{ name: 'in a transaction' }]);
    });
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.executeQuery(CompiledQuery.raw('delete from t where id = $1', [4]));
        throw new Error('undo');
      })
      .catch(() => {});
    expect((await run('select name from t where id = $1', [4])).rows).toEqual([{ name: 'in a transaction' }]);
  });
});

import { PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type DatabaseIntrospector, type Dialect, type Driver, type Kysely } from 'kysely';

/** A Kysely dialect for one of our PostgreSQL engines: Kysely's Postgres adapter, compiler and introspector over the engine's own driver. */
export abstract class PostgresEngineDialect implements Dialect {
  abstract createDriver(): Driver;
  createAdapter() {
    return new PostgresAdapter();
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

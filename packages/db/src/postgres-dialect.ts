// What the Kysely drivers of our two PostgreSQL engines (PGlite, node-postgres) share.
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  type TransactionSettings,
} from 'kysely';

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

const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

/** Statements worth planning once per session: data queries. Utility statements (begin, commit, DDL) are not. */
export function isPreparable(sql: string): boolean {
  return PREPARABLE.test(sql);
}

/** Command tags whose row count is Kysely's `numAffectedRows`. */
export const COUNTED_COMMANDS: ReadonlySet<string> = new Set(['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE']);

/** A driver of one of our engines: how a transaction opens and ends is the same SQL on both. */
export abstract class PostgresEngineDriver implements Driver {
  abstract init(): Promise<void>;
  abstract acquireConnection(): Promise<DatabaseConnection>;
  abstract releaseConnection(connection: DatabaseConnection): Promise<void>;
  abstract destroy(): Promise<void>;
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(transactionStart(settings)));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
}

/** The statement that opens a transaction with Kysely's settings. */
function transactionStart(settings: TransactionSettings): string {
  if (!settings.isolationLevel && !settings.accessMode) return 'begin';
  let text = 'start transaction';
  if (settings.isolationLevel) text += ` isolation level ${settings.isolationLevel}`;
  if (settings.accessMode) text += ` ${settings.accessMode}`;
  return text;
}

/** Sets a column of a result row; a column named `__proto__` becomes an own property, not the prototype. */
export function setColumn(row: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(row, name, { value, enumerable: true, writable: true, configurable: true });
  else row[name] = value;
}

import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import { COUNTED_COMMANDS, isPreparable, PostgresEngineDialect, PostgresEngineDriver } from './postgres-dialect.ts';
import type pg from 'pg';
import { PreparedStatementQuery, type TypeParsers } from './pg-statement.ts';

const MAX_NAMED = 1_000;
const names = new Map<string, string | null>();

/** The prepared-statement name of a query text, or null to run it unnamed. */
function statementName(text: string): string | null {
  let name = names.get(text);
  if (name === undefined) {
    name = isPreparable(text) && names.size < MAX_NAMED ? `yy_${names.size + 1}` : null;
    if (names.size < MAX_NAMED * 2) names.set(text, name);
  }
  return name;
}

/**
 * Kysely dialect over a node-postgres pool.
 *
 * Kysely's own PostgresDialect checks a client out with promises, runs the query with promises and
 * copies the parameters, on every statement; this driver does the same work with the driver's
 * callbacks and one promise per statement, and runs data statements as PreparedStatementQuery
 * (pg-statement.ts: described once per connection, not on every execution); see bench/README.md
 * for what that saves per request. Semantics are Kysely's: a connection is a pooled
 * client held from its first statement until Kysely releases it, so transactions and
 * `db.connection()` keep one session. Prepared statements: one name per data-query text for the
 * life of the process, parsed and planned once per connection (bounded; beyond MAX_NAMED texts
 * they run unnamed).
 */
export class PgDialect extends PostgresEngineDialect {
  constructor(private readonly pool: pg.Pool) {
    super();
  }
  createDriver(): Driver {
    return new PgDriver(this.pool);
  }
}

class PgDriver extends PostgresEngineDriver {
  #pool: pg.Pool | null;
  /** Clients with an open (or closing) connection; destroy() waits until this is empty. */
  readonly #live = new Set<pg.Client>();
  #closed: (() => void) | null = null;

  constructor(pool: pg.Pool) {
    super();
    this.#pool = pool;
    pool.on('connect', (client) => this.#live.add(client));
    pool.on('remove', (client) => {
      this.#live.delete(client);
      if (this.#live.size === 0) this.#closed?.();
    });
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#pool) throw new Error('driver has already been destroyed');
    return new PgConnection(this.#pool);
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PgConnection).release();
  }
  /**
   * Ends the pool and waits until every client's connection has closed. pg.Pool's end() resolves
   * once it has asked its clients to end, before their sockets close; a caller that drops the
   * database next (the tests) or exits would race those goodbyes, and a backend terminated in
   * between reports an error on a client that nobody listens to any more.
   */
  async destroy(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    if (!pool) return;
    const closed = new Promise<void>((resolve) => {
      this.#closed = resolve;
      if (this.#live.size === 0) resolve();
    });
    await pool.end();
    await closed;
  }
}

class PgConnection implements DatabaseConnection {
  #pool: pg.Pool;
  #client: pg.PoolClient | null = null;
  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const text = compiledQuery.sql;
    const name = statementName(text);
    const values = compiledQuery.parameters as unknown[];
    return new Promise((resolve, reject) => {
      const done = (error: Error | null, result?: { command: string; rowCount: number | null; rows: unknown[] }) => {
        if (error) return reject(error);
        resolve({
          numAffectedRows: COUNTED_COMMANDS.has(result!.command) ? BigInt(result!.rowCount ?? 0) : undefined,
          rows: (result!.rows ?? []) as R[],
        });
      };
      const run = (client: pg.PoolClient) => {
        if (name === null) client.query({ text, values }, done);
        else client.query(new PreparedStatementQuery(name, text, values, client as unknown as TypeParsers, done) as unknown as pg.QueryConfig);
      };
      if (this.#client) return void run(this.#client);
      this.#pool.connect((error, client) => {
        if (error || !client) return reject(error ?? new Error('no client'));
        this.#client = client;
        run(client);
      });
    });
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on PostgreSQL by this driver');
  }

  release(): void {
    const client = this.#client;
    this.#client = null;
    client?.release();
  }
}

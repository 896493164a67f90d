import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';
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
  type QueryResult,
} from 'kysely';


/**
 * Kysely dialect over an embedded PGlite instance.
 *
 * PGlite is a single PostgreSQL backend: it has exactly one connection. The driver hands that
 * connection to one Kysely user at a time (a FIFO mutex), so a transaction opened by one request
 * never interleaves statements with another request. Work is therefore serialized on PGlite,
 * which is the engine's nature; PostgreSQL (pool of connections) runs requests in parallel.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

class PGliteDriver implements Driver {
  readonly #connection: PGliteConnection;
  #queue: Promise<void> = Promise.resolve();

  constructor(pglite: PGlite) {
    this.#connection = new PGliteConnection(pglite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.#queue;
    this.#queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#connection.release = release;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).release?.();
  }

  async destroy(): Promise<void> {}
}

// Statements worth planning once: data queries. Utility statements (begin, commit, DDL) are not cached.
const CACHEABLE = /^\s*(select|insert|update|delete|with)\b/i;
const MAX_PREPARED = 500;

/**
 * The single PGlite connection. Data queries run as named prepared statements, parsed and planned
 * once per distinct SQL text (up to MAX_PREPARED of them), then only bound and executed: planning
 * is most of a simple query's cost on PGlite. Statements are prepared through PGlite's protocol
 * interface exactly as its own query() does for unnamed ones; the driver's mutex guarantees no
 * other statement interleaves.
 */
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

class PGliteConnection implements DatabaseConnection {
  release: (() => void) | undefined;
  readonly #prepared = new Map<string, { name: string; paramTypes: number[] }>();

  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const params = compiled.parameters as unknown[];
    const result =
      CACHEABLE.test(compiled.sql) && (this.#prepared.has(compiled.sql) || this.#prepared.size < MAX_PREPARED)
        ? await this.#runPrepared<R>(compiled.sql, params)
        : await this.pglite.query<R>(compiled.sql, params);
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  async #runPrepared<R>(sql: string, params: unknown[]): Promise<Results<R>> {
    const { serialize } = protocol;
    const pg = this.pglite;
    let statement = this.#prepared.get(sql);
    if (!statement) {
      // Parse and describe, then Sync, in one exchange; a parse error arrives after the Sync.
      const name = `yy_${this.#prepared.size + 1}`;
      const described = await pg.execProtocol(concat(serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()), {
        syncToFs: false,
      });
      statement = { name, paramTypes: parse.parseDescribeStatementResults(described.messages) };
      this.#prepared.set(sql, statement);
    }
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pg.serializers[statement!.paramTypes[i]!];
      return serializer ? serializer(value) : String(value);
    });
    // Bind, describe, execute and Sync go to the backend as one buffer: one crossing into the
    // WebAssembly module instead of four. After an error the backend skips to the Sync.
    const { messages } = await pg.execProtocol(
      concat(serialize.bind({ statement: statement.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()),
      { syncToFs: false },
    );
    if (!pg.isInTransaction()) await pg.syncToFs();
    return parse.parseResults(messages, pg.parsers)[0] as Results<R>;
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on PGlite; page with a cursor instead');
  }
}

import { parse, protocol, types, type PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import { COUNTED_COMMANDS, isPreparable, PostgresEngineDialect, PostgresEngineDriver, setColumn } from './postgres-dialect.ts';


/**
 * Kysely dialect over an embedded PGlite instance.
 *
 * PGlite is a single PostgreSQL backend: it has exactly one connection. The driver hands that
 * connection to one Kysely user at a time (a FIFO mutex), so a transaction opened by one request
 * never interleaves statements with another request. Work is therefore serialized on PGlite,
 * which is the engine's nature; PostgreSQL (pool of connections) runs requests in parallel.
 */
export class PGliteDialect extends PostgresEngineDialect {
  constructor(private readonly pglite: PGlite) {
    super();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
}

class PGliteDriver extends PostgresEngineDriver {
  readonly #connection: PGliteConnection;
  #queue: Promise<void> = Promise.resolve();

  constructor(pglite: PGlite) {
    super();
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

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).release?.();
  }

  async destroy(): Promise<void> {}
}

const MAX_PREPARED = 500;

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

type ValueParser = (value: string, typeId?: number) => unknown;

/** The first result set of an extended-protocol exchange, as PGlite's `parse.parseResults(…)[0]` gives it. */
interface StatementResult<R> {
  rows: R[];
  affectedRows: number;
}

// Backend message codes (PostgreSQL protocol 3.0) that a Bind/Describe/Execute/Sync exchange answers with.
const ROW_DESCRIPTION = 0x54; // T
const DATA_ROW = 0x44; // D
const COMMAND_COMPLETE = 0x43; // C
const ERROR_RESPONSE = 0x45; // E

/** The error of an ErrorResponse message, built by PGlite's own protocol parser (a rare path). */
function databaseError(message: Uint8Array): Error {
  let error: Error | undefined;
  new protocol.Parser().parse(message, (parsed) => {
    if (parsed instanceof Error) error = parsed;
  });
  return error ?? new Error('PGlite answered with an unreadable error message');
}

/**
 * Reads the raw backend messages of one Bind/Describe/Execute/Sync exchange straight from the
 * bytes: text values are decoded once from the buffer and handed to the same type parsers PGlite
 * uses. PGlite's generic reader copies an ArrayBuffer for every field and builds a message object
 * per row, which was the largest cost of a read on this engine. Messages other than row
 * descriptions, rows, command tags and errors (BindComplete, ReadyForQuery, notices …) carry
 * nothing a query result needs and are skipped, as PGlite's `parseResults` skips them.
 * Throws the first error the backend reported.
 */
function readStatementResult<R>(data: Buffer, parsers: Record<number | string, ValueParser>): StatementResult<R> {
  let names: string[] = [];
  let typeIds: number[] = [];
  let columnParsers: (ValueParser | undefined)[] = [];
  let rows: Record<string, unknown>[] = [];
  let result: StatementResult<R> | undefined;
  let affectedRows = 0;
  let offset = 0;
  while (offset + 5 <= data.length) {
    const code = data[offset]!;
    const next = offset + 1 + data.readUInt32BE(offset + 1);
    if (next > data.length) break;
    let at = offset + 5;
    switch (code) {
      case ROW_DESCRIPTION: {
        const count = data.readInt16BE(at);
        at += 2;
        names = new Array<string>(count);
        typeIds = new Array<number>(count);
        columnParsers = new Array<ValueParser | undefined>(count);
        for (let i = 0; i < count; i++) {
          const nul = data.indexOf(0, at);
          names[i] = data.toString('utf8', at, nul);
          at = nul + 1 + 4 + 2; // table oid, column number
          const typeId = data.readInt32BE(at);
          typeIds[i] = typeId;
          columnParsers[i] = parsers[typeId] ?? (types.parsers as Record<number, ValueParser>)[typeId];
          at += 4 + 2 + 4 + 2; // type oid, size, modifier, format
        }
        break;
      }
      case DATA_ROW: {
        const count = data.readInt16BE(at);
        at += 2;
        const row: Record<string, unknown> = {};
        for (let i = 0; i < count; i++) {
          const length = data.readInt32BE(at);
          at += 4;
          let value: unknown = null;
          if (length >= 0) {
            const text = data.toString('utf8', at, at + length);
            at += length;
            const parser = columnParsers[i];
            value = parser ? parser(text, typeIds[i]) : text;
          }
          const name = names[i]!;
          setColumn(row, name, value);
        }
        rows.push(row);
        break;
      }
      case COMMAND_COMPLETE: {
        // "SELECT 2", "UPDATE 3", "INSERT 0 5" carry a row count; "CREATE TABLE" does not.
        const tag = data.toString('utf8', at, data.indexOf(0, at));
        const parts = tag.split(' ');
        if (COUNTED_COMMANDS.has(parts[0]!)) affectedRows += parseInt(parts[parts.length - 1]!, 10);
        result ??= { rows: rows as R[], affectedRows };
        rows = [];
        break;
      }
      case ERROR_RESPONSE:
        throw databaseError(data.subarray(offset, next));
      default:
        break;
    }
    offset = next;
  }
  return result ?? { rows: [], affectedRows: 0 };
}

/**
 * The single PGlite connection. Data queries run as named prepared statements, parsed and planned
 * once per distinct SQL text (up to MAX_PREPARED of them), then only bound and executed: planning
 * is most of a simple query's cost on PGlite. Statements are prepared through PGlite's protocol
 * interface exactly as its own query() does for unnamed ones; the driver's mutex guarantees no
 * other statement interleaves.
 */
class PGliteConnection implements DatabaseConnection {
  release: (() => void) | undefined;
  readonly #prepared = new Map<string, { name: string; paramTypes: number[] }>();
  /** The backend's answer to the statement being run, gathered from PGlite's output callbacks. */
  #chunks: Buffer[] = [];
  readonly #collect = (bytes: Uint8Array) => {
    this.#chunks.push(Buffer.from(bytes)); // a copy: `bytes` is a view of the WebAssembly memory
  };

  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const params = compiled.parameters as unknown[];
    const result: { rows: R[]; affectedRows?: number } =
      isPreparable(compiled.sql) && (this.#prepared.has(compiled.sql) || this.#prepared.size < MAX_PREPARED)
        ? await this.#runPrepared<R>(compiled.sql, params)
        : await this.pglite.query<R>(compiled.sql, params);
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  async #runPrepared<R>(sql: string, params: unknown[]): Promise<StatementResult<R>> {
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
    // WebAssembly module instead of four. After an error the backend skips to the Sync. The
    // answer comes back raw and is read by readStatementResult.
    this.#chunks = [];
    await pg.execProtocolRawStream(
      concat(serialize.bind({ statement: statement.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()),
      { syncToFs: false, onRawData: this.#collect },
    );
    const chunks = this.#chunks;
    this.#chunks = [];
    const result = readStatementResult<R>(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), pg.parsers);
    if (!pg.isInTransaction()) await pg.syncToFs();
    return result;
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on PGlite; page with a cursor instead');
  }
}

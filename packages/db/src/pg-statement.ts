import { createRequire } from 'node:module';
import { setColumn } from './postgres-dialect.ts';

// node-postgres' own value serialisation for Bind (dates, arrays, buffers, JSON), so parameters are
// sent exactly as its Query sends them.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

type Parser = (text: string) => unknown;
export type TypeParsers = { getTypeParser(oid: number, format?: string): Parser };

/** What the backend's RowDescription says about a prepared statement's rows, read once. */
interface RowShape {
  names: string[];
  parsers: Parser[];
}

/** The wire connection of a pg client: the fields this module uses. */
interface WireConnection {
  stream: { cork?: () => void; uncork?: () => void };
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  parse(config: { text: string; name: string; types: unknown[] }): void;
  bind(config: { portal: string; statement: string; values: readonly unknown[]; binary: boolean; valueMapper: (value: unknown) => unknown }): void;
  describe(config: { type: 'P'; name: string }): void;
  execute(config: { portal: string; rows: number }): void;
  sync(): void;
}

/**
 * Row shapes per connection and statement name. A prepared statement's result columns never change
 * while it exists: if a schema change would change them, PostgreSQL refuses to run it ("cached plan
 * must not change result type") rather than answering in another shape.
 */
const shapes = new WeakMap<WireConnection, Map<string, RowShape>>();

// `SELECT 21`, `UPDATE 3`, `INSERT 0 5` (oid, rows): node-postgres' reading of CommandComplete.
const COMMAND = /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/;

export interface StatementResult {
  command: string;
  rowCount: number | null;
  rows: Record<string, unknown>[];
}

/**
 * One execution of a named prepared statement, as a node-postgres "submittable" (the interface its
 * Query, pg-cursor and pg-query-stream implement). node-postgres' Query asks the backend to describe
 * the result on every execution and then rebuilds the column list, the type parsers and a row
 * template from that description each time; for the short statements of an API request that was
 * the largest single cost of reading a result. This one describes a statement once per connection
 * and keeps its shape, then sends Bind, Execute and Sync only.
 */
export class PreparedStatementQuery {
  readonly name: string;
  readonly text: string;
  callback: (error: Error | null, result?: StatementResult) => void;
  #values: readonly unknown[];
  #types: TypeParsers;
  #shape: RowShape | null = null;
  #connection: WireConnection | null = null;
  #rows: Record<string, unknown>[] = [];
  #command = '';
  #rowCount: number | null = null;
  #failure: Error | null = null;

  constructor(name: string, text: string, values: readonly unknown[], types: TypeParsers, callback: PreparedStatementQuery['callback']) {
    this.name = name;
    this.text = text;
    this.#values = values;
    this.#types = types;
    this.callback = callback;
  }

  /** Called by the client when it is this statement's turn; an Error return is reported by the client. */
  submit(connection: WireConnection): Error | null {
    this.#connection = connection;
    const known = connection.parsedStatements[this.name] ?? connection.submittedNamedStatements[this.name];
    if (known !== undefined && known !== this.text) return new Error(`Prepared statement ${this.name} was used for a different text`);
    let byName = shapes.get(connection);
    if (!byName) shapes.set(connection, (byName = new Map()));
    this.#shape = known === undefined ? null : (byName.get(this.name) ?? null);
    connection.stream.cork?.();
    try {
      if (known === undefined) {
        connection.parse({ text: this.text, name: this.name, types: [] });
        connection.submittedNamedStatements[this.name] = this.text;
      }
      connection.bind({ portal: '', statement: this.name, values: this.#values, binary: false, valueMapper: prepareValue });
      if (this.#shape === null) connection.describe({ type: 'P', name: '' });
      connection.execute({ portal: '', rows: 0 });
      connection.sync();
    } catch (error) {
      // A value that cannot be serialised: nothing was sent for it (Sync still ends the exchange).
      connection.sync();
      this.#failure = error as Error;
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(msg: { fields: { name: string; dataTypeID: number; format?: string }[] }): void {
    const names = msg.fields.map((f) => f.name);
    const shape: RowShape = {
      names,
      parsers: msg.fields.map((f) => this.#types.getTypeParser(f.dataTypeID, f.format || 'text')),
    };
    this.#shape = shape;
    shapes.get(this.#connection!)?.set(this.name, shape);
  }

  handleDataRow(msg: { fields: (string | null)[] }): void {
    if (this.#failure) return;
    const shape = this.#shape;
    if (shape === null) {
      this.#failure = new Error(`No row description for prepared statement ${this.name}`);
      return;
    }
    const { names, parsers } = shape;
    const fields = msg.fields;
    try {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < fields.length; i++) {
        const raw = fields[i]!;
        const value = raw === null ? null : parsers[i]!(raw);
        setColumn(row, names[i]!, value);
      }
      this.#rows.push(row);
    } catch (error) {
      this.#failure = error as Error;
    }
  }

  handleCommandComplete(msg: { text: string }): void {
    const match = COMMAND.exec(msg.text);
    this.#command = match?.[1] ?? '';
    const rows = match?.[3] ?? match?.[2];
    this.#rowCount = rows !== undefined ? Number(rows) : null;
  }

  handleEmptyQuery(): void {}

  handlePortalSuspended(): void {}

  handleCopyInResponse(): void {}

  handleCopyData(): void {}

  handleError(error: Error): void {
    this.callback(error);
  }

  handleReadyForQuery(): void {
    if (this.#failure) return this.callback(this.#failure);
    // A statement that returns no rows has no RowDescription: remember that too.
    if (this.#shape === null) {
      this.#shape = { names: [], parsers: [] };
      shapes.get(this.#connection!)?.set(this.name, this.#shape);
    }
    this.callback(null, { command: this.#command, rowCount: this.#rowCount, rows: this.#rows });
  }
}

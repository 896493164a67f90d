import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

export type EngineName = 'pglite' | 'postgres';

/** Where the data lives: a PostgreSQL URL, a PGlite folder, or an in-memory PGlite (tests). */
export type DatabaseTarget =
  | { engine: 'postgres'; url: string; poolSize?: number }
  | { engine: 'pglite'; dataDir: string; sharedBuffers?: string }
  | { engine: 'pglite'; memory: true };

/** An open database: the typed query builder plus what the migrator and shutdown need. */
export interface Database {
  readonly db: Kysely<DB>;
  readonly engine: EngineName;
  /** Runs a multi-statement SQL script outside any transaction (migrations). */
  execScript(sql: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens (and for PGlite folders, locks) the database named by `target`. Each engine's driver is
 * loaded only when it is opened: a server on PostgreSQL never loads PGlite (about 6 MB of heap:
 * its module text and compiled code), nor the embedded one node-postgres.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.engine === 'postgres') return (await import('./postgres-engine.ts')).openPostgres(target);
  return (await import('./pglite-engine.ts')).openPGliteDatabase(target);
}

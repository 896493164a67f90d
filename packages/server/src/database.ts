import { resolve } from 'node:path';
import { migrate, openDatabase, type Database, type MigrationReport } from '@yunying/db';
import type { Config } from './config.ts';

const POOL_CONNECTIONS_IN_ALL = 10;

/**
 * PostgreSQL connections per process: `dbPoolSize` when set, else 10 shared by the workers (at
 * least 2 each). With `serve --workers 2` on two cores, 5 per worker served more than 10 in each of
 * eight alternating rounds (4,758 against 4,638 req/s, medians, and less CPU per request on the
 * machine; 2 per worker served less): more backends than the cores can run only take turns.
 */
export function dbPoolSizeOf(config: Pick<Config, 'dbPoolSize' | 'workers'>): number {
  return config.dbPoolSize ?? Math.max(2, Math.ceil(POOL_CONNECTIONS_IN_ALL / config.workers));
}

/** Opens the configured engine (PostgreSQL when databaseUrl is set, else PGlite in dataDir) and migrates it. */
export async function openConfiguredDatabase(config: Config): Promise<{ database: Database; migrations: MigrationReport }> {
  const database = config.databaseUrl
    ? await openDatabase({ engine: 'postgres', url: config.databaseUrl, poolSize: dbPoolSizeOf(config) })
    : await openDatabase({ engine: 'pglite', dataDir: resolve(config.dataDir), sharedBuffers: config.pgliteSharedBuffers });
  try {
    const migrations = await migrate(database);
    return { database, migrations };
  } catch (error) {
    await database.close();
    throw error;
  }
}

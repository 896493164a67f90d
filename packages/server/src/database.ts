import { resolve } from 'node:path';
import { migrate, openDatabase, type Database, type MigrationReport } from '@yunying/db';
import type { Config } from './config.ts';

/** Opens the configured engine (PostgreSQL when databaseUrl is set, else PGlite in dataDir) and migrates it. */
export async function openConfiguredDatabase(config: Config): Promise<{ database: Database; migrations: MigrationReport }> {
  const database = config.databaseUrl
    ? await openDatabase({ engine: 'postgres', url: config.databaseUrl, poolSize: config.dbPoolSize })
    : await openDatabase({ engine: 'pglite', dataDir: resolve(config.dataDir), sharedBuffers: config.pgliteSharedBuffers });
  try {
    const migrations = await migrate(database);
    return { database, migrations };
  } catch (error) {
    await database.close();
    throw error;
  }
}

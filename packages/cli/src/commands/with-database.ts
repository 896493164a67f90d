import type { Database } from '@yunying/db';
import { loadConfig } from '@yunying/server/config';

/**
 * Opens and migrates the configured database for one command, and always closes it. The database
 * modules are imported here, when a command runs, not when the CLI starts (see ensure-bundle.js).
 */
export async function withDatabase<T>(dataDir: string | undefined, work: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, dataDir ? { dataDir } : {});
  const { openConfiguredDatabase } = await import('@yunying/server/database');
  const { database } = await openConfiguredDatabase(config);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

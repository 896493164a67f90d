import type { Database } from '@yunying/db';
import { loadConfig } from '@yunying/server';
import { openConfiguredDatabase } from '@yunying/server/database';

/** Opens and migrates the configured database for one command, and always closes it. */
export async function withDatabase<T>(dataDir: string | undefined, work: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, dataDir ? { dataDir } : {});
  const { database } = await openConfiguredDatabase(config);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

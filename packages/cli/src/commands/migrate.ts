import { Command } from 'commander';
import { loadConfig } from '@yunying/server/config';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('apply pending database migrations (safe to run any number of times)')
    .option('-d, --data-dir <dir>', 'embedded database folder (env YUNYING_DATA_DIR)')
    .action(async (opts: { dataDir?: string }) => {
      const config = loadConfig(process.env, opts.dataDir ? { dataDir: opts.dataDir } : {});
      const { openConfiguredDatabase } = await import('@yunying/server/database');
      const { database, migrations } = await openConfiguredDatabase(config);
      await database.close();
      if (migrations.applied.length === 0) console.log(`Up to date (${migrations.alreadyApplied} migrations applied before).`);
      else console.log(`Applied ${migrations.applied.join(', ')}.`);
    });
}

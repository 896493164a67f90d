import { Command } from 'commander';
import { withDatabase } from './with-database.ts';

export function tenantCommand(): Command {
  const tenant = new Command('tenant').description('manage shops (tenants)');
  tenant
    .command('add')
    .description('create a shop with its owner (a new account, or an existing one by email)')
    .requiredOption('-n, --name <name>', 'shop name')
    .requiredOption('-o, --owner <email>', 'owner’s email')
    .option('--time-zone <tz>', 'IANA time zone for reports', 'Asia/Shanghai')
    .option('--currency <code>', 'ISO 4217 currency', 'CNY')
    .option('-d, --data-dir <dir>', 'embedded database folder')
    .action(async (opts: { name: string; owner: string; timeZone: string; currency: string; dataDir?: string }) => {
      const { createTenantWithOwner } = await import('@yunying/server/services/accounts');
      const created = await withDatabase(opts.dataDir, (database) =>
        createTenantWithOwner(database.db, { tenantName: opts.name, email: opts.owner, timeZone: opts.timeZone, currency: opts.currency }),
      );
      console.log(`Created shop ${created.tenant.name} (${created.tenant.tenantId}) owned by ${created.user.email}.`);
      if (created.generatedPassword) console.log(`Password for ${created.user.email} (shown this once): ${created.generatedPassword}`);
    });
  tenant
    .command('list')
    .description('list shops')
    .option('-d, --data-dir <dir>', 'embedded database folder')
    .action(async (opts: { dataDir?: string }) => {
      const { listAllTenants } = await import('@yunying/db');
      const tenants = await withDatabase(opts.dataDir, (database) => listAllTenants(database.db));
      for (const t of tenants) console.log(`${t.tenantId}  ${t.name}  ${t.timeZone}  ${t.currency}`);
    });
  return tenant;
}

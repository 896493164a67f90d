import { Command, Option } from 'commander';
import { ROLES } from '@yunying/core/access';
import { CliError } from '../main.ts';
import { withDatabase } from './with-database.ts';

export function userCommand(): Command {
  const user = new Command('user').description('manage accounts');
  user
    .command('add')
    .description('create an account, optionally as a member of a shop with a role')
    .requiredOption('-e, --email <email>', 'sign-in email')
    .option('-n, --name <name>', 'display name (default: the part of the email before @)')
    .option('-t, --tenant <tenantId>', 'shop to add the account to (see `yunying tenant list`)')
    .addOption(new Option('-r, --role <role>', 'role in that shop').choices([...ROLES]).default('analyst'))
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .option('-d, --data-dir <dir>', 'embedded database folder')
    .action(async (opts: { email: string; name?: string; tenant?: string; role: string; passwordStdin?: boolean; dataDir?: string }) => {
      let password: string | undefined;
      if (opts.passwordStdin) {
        const chunks: Buffer[] = [];
        for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
        password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
        if (password.length < 10) throw new CliError('the password needs at least 10 characters');
      }
      const [{ findTenant }, { createUser }] = await Promise.all([import('@yunying/db'), import('@yunying/server/services/accounts')]);
      const result = await withDatabase(opts.dataDir, async (database) => {
        if (opts.tenant && !(await findTenant(database.db, opts.tenant))) throw new CliError(`no shop ${opts.tenant}; see \`yunying tenant list\``);
        return createUser(database.db, {
          email: opts.email,
          displayName: opts.name ?? opts.email.split('@')[0] ?? opts.email,
          ...(password ? { password } : {}),
          ...(opts.tenant ? { tenantId: opts.tenant, role: opts.role } : {}),
        });
      });
      if (!result.ok) throw new CliError(result.code === 'email_taken' ? `${opts.email} already has an account` : (result.detail ?? result.code));
      console.log(`Created ${result.value.user.email} (${result.value.user.userId})${opts.tenant ? ` as ${opts.role} of ${opts.tenant}` : ''}.`);
      if (result.value.generatedPassword) console.log(`Password (shown this once): ${result.value.generatedPassword}`);
    });
  return user;
}

import { Command, CommanderError } from 'commander';
import { migrateCommand } from './commands/migrate.ts';
import { serveCommand } from './commands/serve.ts';
import { tenantCommand } from './commands/tenant.ts';
import { userCommand } from './commands/user.ts';

/**
 * The CLI. Each subcommand lives in its own file under commands/ and is added here; `demo` and
 * `import` join the same way when their modules land.
 */
export function buildProgram(): Command {
  const program = new Command('yunying')
    .description('Yunying (运营): the e-commerce operations platform')
    .version('0.1.0')
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\nConfiguration comes from the environment (DATABASE_URL, YUNYING_DATA_DIR, HOST, PORT, LOG_LEVEL, …)\n' +
        'and the JSON file named by YUNYING_CONFIG. Without DATABASE_URL the embedded database in ./.yunying is used.',
    );
  program.addCommand(serveCommand());
  program.addCommand(migrateCommand());
  program.addCommand(tenantCommand());
  program.addCommand(userCommand());
  return program;
}

/**
 * Failures whose message tells the user what to do (ConfigError of @yunying/server/config,
 * DataDirLockedError and MigrationMismatchError of @yunying/db), known by name: the CLI loads those
 * modules only when a command needs them.
 */
const EXPLAINED_ERRORS = new Set(['ConfigError', 'DataDirLockedError', 'MigrationMismatchError']);

/** Runs the CLI; returns the exit code. Known failures print a clear message, not a stack. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof Error && EXPLAINED_ERRORS.has(error.name)) {
      process.stderr.write(`yunying: ${error.message}\n`);
      return 2;
    }
    if (error instanceof CliError) {
      process.stderr.write(`yunying: ${error.message}\n`);
      return error.exitCode;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      process.stderr.write(`yunying: the port is in use by another program; choose another with PORT=…\n`);
      return 2;
    }
    if (code === 'ECONNREFUSED') {
      process.stderr.write(`yunying: cannot reach PostgreSQL at DATABASE_URL (${(error as Error).message})\n`);
      return 2;
    }
    throw error;
  }
}

/** A failure the CLI explains to its user. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

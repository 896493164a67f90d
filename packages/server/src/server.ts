import { closeAbandonedImports, deleteExpiredSessions, deleteIdempotencyKeysBefore, type Database } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openConfiguredDatabase } from './database.ts';
import { startIdleCollector } from './idle-collector.ts';
import { bootstrapFirstTenant } from './services/accounts.ts';
import { expireCoupons } from './services/coupon-expiry.ts';
import { expireReservations } from './services/reservations.ts';

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  database: Database;
  /** Stops taking requests, finishes those in flight, closes the database. Idempotent. */
  close(): Promise<void>;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * `yunying serve`: open and migrate the database, create the first shop and owner on an empty
 * database (printing the login once), listen, and shut down gracefully on SIGTERM/SIGINT.
 */
export async function startServer(
  config: Config,
  opts: { print?: (line: string) => void; handleSignals?: boolean } = {},
): Promise<RunningServer> {
  const print = opts.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const logger = pino({
    level: config.logLevel,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
  });
  const { database, migrations } = await openConfiguredDatabase(config);
  if (migrations.applied.length > 0) logger.info({ applied: migrations.applied }, 'migrations applied');

  const created = await bootstrapFirstTenant(database.db, { email: config.ownerEmail, tenantName: config.shopName });
  if (created) {
    print('');
    print('  A new shop was created. Sign in with (shown this once):');
    print(`    email:    ${created.user.email}`);
    print(`    password: ${created.generatedPassword}`);
    print('  Change it after signing in, or add people with `yunying user add`.');
    print('');
  }

  const { app, lifecycle } = await buildApp(config, { database, logger });
  const address = await app.listen({ host: config.host, port: config.port });

  // Every minute: release reservations whose payment window has passed and expire coupons whose
  // validity has ended; every hour: drop expired sessions and day-old idempotency keys, and close
  // catalog imports whose process died mid-file (no progress for an hour).
  let lastHourly = Date.now();
  const janitor = setInterval(() => {
    const now = new Date();
    expireReservations(database.db, now).then(
      (released) => released > 0 && logger.info({ released }, 'expired reservations released'),
      (err) => logger.warn({ err }, 'reservation expiry failed'),
    );
    expireCoupons(database.db, now).then(
      (expired) => expired > 0 && logger.info({ expired }, 'expired coupons marked'),
      (err) => logger.warn({ err }, 'coupon expiry failed'),
    );
    if (now.getTime() - lastHourly < HOUR) return;
    lastHourly = now.getTime();
    Promise.all([
      deleteExpiredSessions(database.db, now),
      deleteIdempotencyKeysBefore(database.db, new Date(now.getTime() - 24 * HOUR)),
      closeAbandonedImports(database.db, new Date(now.getTime() - HOUR), now),
    ]).catch(
      (err) => logger.warn({ err }, 'cleanup failed'),
    );
  }, MINUTE);
  janitor.unref();

  const idleCollector =
    config.idleCollectMs > 0
      ? startIdleCollector(config.idleCollectMs, (before, after) => logger.debug({ youngMbBefore: before / 1048576, youngMbAfter: after / 1048576 }, 'idle: collected garbage'))
      : undefined;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      lifecycle.closing = true;
      clearInterval(janitor);
      idleCollector?.stop();
      const timer = setTimeout(() => {
        logger.warn('in-flight requests did not finish within the grace period; closing connections');
        app.server.closeAllConnections();
      }, config.shutdownGraceMs);
      timer.unref();
      await app.close();
      clearTimeout(timer);
      await database.close();
      logger.info('stopped');
    })());

  if (opts.handleSignals) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        logger.info({ signal }, 'shutting down');
        close().then(
          () => process.exit(0),
          (err) => {
            logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      });
    }
  }

  logger.info({ address, engine: database.engine }, 'listening');
  print(`Yunying is running at ${address} (database: ${database.engine}${database.engine === 'pglite' ? `, ${config.dataDir}` : ''})`);
  print(`API docs: ${address}/api/docs`);
  return { url: address, app, database, close };
}

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Every setting, its type, default and meaning. Parsed once at start, then frozen. */
export const ConfigSchema = z.object({
  host: z.string().min(1).default('127.0.0.1').describe('address to bind; 0.0.0.0 to listen on every interface'),
  port: z.coerce.number().int().min(0).max(65_535).default(3300),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .describe('PostgreSQL URL; when absent the embedded PGlite database in dataDir is used'),
  dataDir: z.string().min(1).default('./.yunying').describe('folder of the embedded database'),
  pgliteSharedBuffers: z
    .string()
    .regex(/^\d+(kB|MB|GB)$/, 'a size such as 16MB')
    .default('16MB')
    .describe('shared_buffers of the embedded database'),
  workers: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(1)
    .describe('API processes sharing the port (PostgreSQL only; the embedded database serves one process)'),
  workerSemiSpaceMb: z.coerce
    .number()
    .int()
    .min(0)
    .max(1024)
    .default(64)
    .describe("V8's young-generation semi-space of each worker process (--max-semi-space-size), MB; 0 = V8's default"),
  idleCollectMs: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .refine((ms) => ms === 0 || ms >= 1_000, 'must be 0 (never) or at least 1000')
    .default(10_000)
    .describe('after this long without work, a full garbage collection gives back the memory grown under load (0 = never); see idle-collector.ts'),
  dbPoolSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .optional()
    .describe('PostgreSQL connections per process; unset: 10 in all, shared by the workers (see dbPoolSizeOf)'),
  logLevel: LogLevel.default('info'),
  sessionTtlHours: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
  cookieSecure: z
    .enum(['auto', 'true', 'false'])
    .default('auto')
    .describe('Secure cookies: auto = when the request came over HTTPS'),
  trustProxy: z
    .union([z.boolean(), z.string()])
    .default(false)
    .describe('trust X-Forwarded-* from these proxies (true, or a list of addresses)'),
  authCacheMs: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(5_000)
    .describe('how long a verified session or token is trusted without asking the database (0 = always ask)'),
  loginMaxFailures: z.coerce.number().int().min(1).max(100).default(5),
  loginLockMinutes: z.coerce.number().int().min(1).max(24 * 60).default(15),
  loginRatePerMinute: z.coerce.number().int().min(1).max(10_000).default(20),
  bodyLimitBytes: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
  importLimitBytes: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(50 * 1024 * 1024).describe('largest catalog import file (CSV or XLSX upload)'),
  defaultLocale: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
  shutdownGraceMs: z.coerce.number().int().min(0).max(120_000).default(10_000),
  ownerEmail: z.email().default('owner@yunying.local').describe('login of the owner created on an empty database'),
  shopName: z.string().min(1).max(100).default('我的店铺').describe('name of the shop created on an empty database'),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

/** Environment variable → config key. */
const ENV_KEYS: Record<string, keyof z.infer<typeof ConfigSchema>> = {
  HOST: 'host',
  PORT: 'port',
  DATABASE_URL: 'databaseUrl',
  YUNYING_DATA_DIR: 'dataDir',
  YUNYING_DB_POOL_SIZE: 'dbPoolSize',
  YUNYING_WORKERS: 'workers',
  YUNYING_WORKER_SEMI_SPACE_MB: 'workerSemiSpaceMb',
  YUNYING_IDLE_COLLECT_MS: 'idleCollectMs',
  YUNYING_PGLITE_SHARED_BUFFERS: 'pgliteSharedBuffers',
  LOG_LEVEL: 'logLevel',
  YUNYING_SESSION_TTL_HOURS: 'sessionTtlHours',
  YUNYING_COOKIE_SECURE: 'cookieSecure',
  YUNYING_TRUST_PROXY: 'trustProxy',
  YUNYING_AUTH_CACHE_MS: 'authCacheMs',
  YUNYING_LOGIN_MAX_FAILURES: 'loginMaxFailures',
  YUNYING_LOGIN_LOCK_MINUTES: 'loginLockMinutes',
  YUNYING_LOGIN_RATE_PER_MINUTE: 'loginRatePerMinute',
  YUNYING_BODY_LIMIT_BYTES: 'bodyLimitBytes',
  YUNYING_IMPORT_LIMIT_BYTES: 'importLimitBytes',
  YUNYING_DEFAULT_LOCALE: 'defaultLocale',
  YUNYING_SHUTDOWN_GRACE_MS: 'shutdownGraceMs',
  YUNYING_OWNER_EMAIL: 'ownerEmail',
  YUNYING_SHOP_NAME: 'shopName',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Builds the config from, in rising precedence: defaults, the JSON file named by YUNYING_CONFIG
 * (or `configFile`), environment variables, and explicit overrides. Lists every problem at once.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<z.input<typeof ConfigSchema>> = {},
  configFile = env.YUNYING_CONFIG,
): Config {
  const problems: string[] = [];
  let fromFile: Record<string, unknown> = {};
  if (configFile) {
    const path = resolve(configFile);
    if (!existsSync(path)) problems.push(`config file ${path} does not exist (YUNYING_CONFIG)`);
    else {
      try {
        fromFile = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      } catch (error) {
        problems.push(`config file ${path} is not valid JSON: ${(error as Error).message}`);
      }
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  if (typeof fromEnv.trustProxy === 'string' && ['true', 'false'].includes(fromEnv.trustProxy)) {
    fromEnv.trustProxy = fromEnv.trustProxy === 'true';
  }
  const parsed = ConfigSchema.strict().safeParse({ ...fromFile, ...fromEnv, ...overrides });
  if (!parsed.success) {
    const envName = (key: string) => Object.entries(ENV_KEYS).find(([, k]) => k === key)?.[0];
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      const name = envName(key);
      problems.push(`${key}${name ? ` (${name})` : ''}: ${issue.message}`);
    }
  }
  if (parsed.success && parsed.data.workers > 1 && !parsed.data.databaseUrl) {
    problems.push('workers (YUNYING_WORKERS): more than one process needs PostgreSQL (DATABASE_URL); the embedded database serves one process');
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return Object.freeze(parsed.data);
}

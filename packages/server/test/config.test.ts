import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { dbPoolSizeOf } from '../src/database.ts';
import { negotiateLocale } from '../src/problem.ts';

describe('loadConfig', () => {
  it('binds to loopback and the embedded database by default, frozen', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 3300, dataDir: './.yunying' });
    expect(config.databaseUrl).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('shares 10 PostgreSQL connections among the workers unless a pool size is set', () => {
    const pg = { DATABASE_URL: 'postgres://localhost/yunying' };
    expect(dbPoolSizeOf(loadConfig(pg))).toBe(10);
    expect(dbPoolSizeOf(loadConfig({ ...pg, YUNYING_WORKERS: '2' }))).toBe(5);
    expect(dbPoolSizeOf(loadConfig({ ...pg, YUNYING_WORKERS: '3' }))).toBe(4);
    expect(dbPoolSizeOf(loadConfig({ ...pg, YUNYING_WORKERS: '8' }))).toBe(2);
    expect(dbPoolSizeOf(loadConfig({ ...pg, YUNYING_WORKERS: '2', YUNYING_DB_POOL_SIZE: '12' }))).toBe(12);
    expect(() => loadConfig({ ...pg, YUNYING_DB_POOL_SIZE: '0' })).toThrow(ConfigError);
  });

  it('collects garbage after 10 s without work unless told otherwise; 0 turns it off', () => {
    expect(loadConfig({}).idleCollectMs).toBe(10_000);
    expect(loadConfig({ YUNYING_IDLE_COLLECT_MS: '0' }).idleCollectMs).toBe(0);
    expect(loadConfig({ YUNYING_IDLE_COLLECT_MS: '30000' }).idleCollectMs).toBe(30_000);
    expect(() => loadConfig({ YUNYING_IDLE_COLLECT_MS: '10' })).toThrow(/idleCollectMs \(YUNYING_IDLE_COLLECT_MS\): must be 0 \(never\) or at least 1000/);
  });

  it('lets the environment override a config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yy-cfg-'));
    const file = join(dir, 'yunying.json');
    writeFileSync(file, JSON.stringify({ port: 4000, logLevel: 'debug' }));
    const config = loadConfig({ YUNYING_CONFIG: file, PORT: '5000' });
    expect(config.port).toBe(5000);
    expect(config.logLevel).toBe('debug');
  });

  it('lists every bad value at once, naming the variable to fix', () => {
    try {
      loadConfig({ PORT: '99999', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('port (PORT)');
      expect(message).toContain('databaseUrl (DATABASE_URL)');
      expect(message).toContain('logLevel (LOG_LEVEL)');
    }
  });

  it('refuses unknown keys and unreadable files in the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yy-cfg-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ prot: 1 }));
    writeFileSync(join(dir, 'b.json'), '{not json');
    expect(() => loadConfig({ YUNYING_CONFIG: join(dir, 'a.json') })).toThrow(/prot/);
    expect(() => loadConfig({ YUNYING_CONFIG: join(dir, 'b.json') })).toThrow(/not valid JSON/);
    expect(() => loadConfig({ YUNYING_CONFIG: join(dir, 'missing.json') })).toThrow(/does not exist/);
  });
});

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['en-US,en;q=0.9', 'en-US'],
    ['zh-TW', 'zh-CN'],
    ['fr-FR,en;q=0.5,zh;q=0.8', 'zh-CN'],
    ['de', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
  ] as const)('picks %s → %s', (header, expected) => {
    expect(negotiateLocale(header, 'zh-CN')).toBe(expected);
  });
});

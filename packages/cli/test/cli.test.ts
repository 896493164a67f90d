import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase, TEST_ENGINE } from '@yunying/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', 'bin', 'yunying.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let env: Record<string, string> = {};
let cleanup: () => Promise<void> = async () => {};

function start(args: string[], extraEnv: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env, ...extraEnv }, stdio: ['pipe', 'pipe', 'pipe'] });
}

function run(args: string[], extraEnv: Record<string, string> = {}, stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = start(args, extraEnv);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdin!.end(stdin ?? '');
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function waitFor(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; got:\n${out}`)), timeoutMs);
    const onData = (d: Buffer) => {
      out += d;
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}; got:\n${out}`));
    });
  });
}

beforeAll(async () => {
  if (TEST_ENGINE === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'yy-cli-'));
    env = { YUNYING_DATA_DIR: join(dir, 'data') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const scratch = await createScratchDatabase();
    env = { DATABASE_URL: scratch.url };
    cleanup = scratch.drop;
  }
});
afterAll(async () => cleanup());

describe(`yunying CLI (${TEST_ENGINE})`, () => {
  it('lists its subcommands with --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'tenant', 'user']) expect(r.stdout).toContain(cmd);
    const sub = await run(['tenant', 'add', '--help']);
    expect(sub.stdout).toContain('--owner <email>');
  });

  it('ends quietly when its reader closes the pipe early (yunying --help | head -1)', async () => {
    const child = start(['--help']);
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('migrates, and migrating again changes nothing', async () => {
    const first = await run(['migrate']);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/Applied 0001_foundation/);
    const second = await run(['migrate']);
    expect(second.stdout).toMatch(/Up to date/);
  });

  it('adds a shop with an owner, lists it, and adds a member with a role', async () => {
    const added = await run(['tenant', 'add', '--name', '旗舰店', '--owner', 'boss@example.com']);
    expect(added.code).toBe(0);
    const tenantId = /\((tnt_[0-9a-z]{26})\)/.exec(added.stdout)?.[1];
    expect(tenantId).toBeDefined();
    expect(added.stdout).toMatch(/shown this once\): \S{23}/);
    const list = await run(['tenant', 'list']);
    expect(list.stdout).toContain(tenantId!);
    const user = await run(['user', 'add', '--email', 'mer@example.com', '--tenant', tenantId!, '--role', 'merchandiser', '--password-stdin'], {}, 'a-long-password-1\n');
    expect(user.code).toBe(0);
    expect(user.stdout).toContain('as merchandiser');
    expect(user.stdout).not.toContain('shown this once');
    const again = await run(['user', 'add', '--email', 'mer@example.com']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has an account');
  });

  it('explains bad configuration instead of crashing', async () => {
    const r = await run(['migrate'], { PORT: 'eighty', YUNYING_DEFAULT_LOCALE: 'fr' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('port (PORT)');
    expect(r.stderr).toContain('defaultLocale (YUNYING_DEFAULT_LOCALE)');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('serves, refuses a second process on the same embedded folder, and stops gracefully on SIGTERM', async () => {
    const server = start(['serve', '--port', '0']);
    const out = await waitFor(server, /running at (http:\/\/127\.0\.0\.1:\d+)/);
    const url = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    if (TEST_ENGINE === 'pglite') {
      const second = await run(['serve', '--port', '0']);
      expect(second.code).toBe(2);
      expect(second.stderr).toMatch(/in use by another Yunying process \(pid \d+\)/);
      expect((await fetch(`${url}/healthz`)).status).toBe(200); // the first one is unharmed
    }
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    if (TEST_ENGINE === 'pglite') {
      const after = await run(['migrate']); // the lock was released
      expect(after.code).toBe(0);
    }
  });

  it.runIf(TEST_ENGINE === 'pglite')('creates a new embedded folder on first start and prints the owner login once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yy-cli-new-'));
    try {
      const fresh = { YUNYING_DATA_DIR: join(dir, 'data') };
      const server = start(['serve', '--port', '0'], fresh);
      const out = await waitFor(server, /running at (http:\/\/127\.0\.0\.1:\d+)/);
      expect(out).toMatch(/password: \S+/);
      const url = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      const again = start(['serve', '--port', '0'], fresh);
      const out2 = await waitFor(again, /running at (http:\/\/127\.0\.0\.1:\d+)/);
      expect(out2).not.toMatch(/password:/);
      const exited2 = new Promise<number | null>((resolve) => again.on('exit', resolve));
      again.kill('SIGTERM');
      expect(await exited2).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs several workers on one port with PostgreSQL: the first sets up a new database and prints the login once, and SIGTERM stops them all', async () => {
    if (TEST_ENGINE !== 'postgres') {
      const refused = await run(['serve', '--workers', '2']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('more than one process needs PostgreSQL');
      return;
    }
    const fresh = await createScratchDatabase();
    try {
      const primary = start(['serve', '--port', '0', '--workers', '3'], { DATABASE_URL: fresh.url });
      const out = await waitFor(primary, /(running at http:\/\/127\.0\.0\.1:\d+[\s\S]*){3}/);
      const urls = [...out.matchAll(/running at (http:\/\/127\.0\.0\.1:\d+)/g)].map((m) => m[1]);
      expect(urls).toHaveLength(3);
      expect(new Set(urls).size).toBe(1); // the workers share one port
      expect(out.match(/password: \S+/g)).toHaveLength(1); // one shop, created once
      expect(out.indexOf('password:')).toBeLessThan(out.indexOf('running at')); // by the first worker, before it listened
      for (let i = 0; i < 6; i++) expect((await fetch(`${urls[0]}/readyz`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => primary.on('exit', resolve));
      primary.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await fresh.drop();
    }
  });

  it.runIf(TEST_ENGINE === 'postgres')('with several workers, a first worker that cannot start stops the whole server with its reason and code', async () => {
    const r = await run(['serve', '--port', '0', '--workers', '2'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot reach PostgreSQL at DATABASE_URL');
    expect(r.stderr).toContain('the first worker stopped (exit code 2) before it could listen');
    expect(r.stderr.match(/cannot reach PostgreSQL/g)).toHaveLength(1); // no second worker was tried
  });
});

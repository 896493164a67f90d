import type { Role } from '@yunying/core/access';
import { openTestDatabase, type TestDatabase } from '@yunying/db/testing';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createTenantWithOwner } from '../src/services/accounts.ts';
import { createUser } from '../src/services/accounts.ts';

export const PASSWORD = 'correct horse battery staple';

/** A signed-in caller: injects requests with its cookie (and CSRF token) or bearer token. */
export interface Caller {
  userId: string;
  tenantId: string;
  role: Role;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface Harness {
  app: FastifyInstance;
  config: Config;
  test: TestDatabase;
  /** Shop A and shop B, each with an owner who signs in with PASSWORD. */
  shopA: { tenantId: string; ownerId: string; ownerEmail: string };
  shopB: { tenantId: string; ownerId: string; ownerEmail: string };
  login(email: string, password?: string, tenantId?: string): Promise<Caller>;
  /** A new member of `tenantId` with `role`, signed in. */
  member(tenantId: string, role: Role): Promise<Caller>;
  close(): Promise<void>;
}

let counter = 0;

export function callerFrom(app: FastifyInstance, auth: { cookie?: string; csrf?: string; bearer?: string }, who: { userId: string; tenantId: string; role: Role }): Caller {
  const headersFor = (extra: Record<string, string> = {}) => ({
    ...(auth.cookie ? { cookie: auth.cookie } : {}),
    ...(auth.csrf ? { 'x-csrf-token': auth.csrf } : {}),
    ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}),
    ...extra,
  });
  const request = (opts: InjectOptions) => app.inject({ ...opts, headers: headersFor(opts.headers as Record<string, string>) });
  return {
    ...who,
    request,
    get: (url, headers) => request({ method: 'GET', url, headers: headers ?? {} }),
    post: (url, body, headers) => request({ method: 'POST', url, ...(body !== undefined ? { payload: body as object } : {}), headers: headers ?? {} }),
    patch: (url, body, headers) => request({ method: 'PATCH', url, ...(body !== undefined ? { payload: body as object } : {}), headers: headers ?? {} }),
    delete: (url, headers) => request({ method: 'DELETE', url, headers: headers ?? {} }),
  };
}

/** A running app on a fresh database of the engine under test, with two shops. */
export async function createHarness(overrides: Partial<Parameters<typeof loadConfig>[1]> = {}): Promise<Harness> {
  const test = await openTestDatabase();
  const config = loadConfig({}, { logLevel: 'silent', loginRatePerMinute: 10_000, ...overrides });
  const { app } = await buildApp(config, { database: test.database });
  const db = test.database.db;
  const a = await createTenantWithOwner(db, { tenantName: 'Shop A', email: 'owner-a@example.com', password: PASSWORD });
  const b = await createTenantWithOwner(db, { tenantName: 'Shop B', email: 'owner-b@example.com', password: PASSWORD });

  async function login(email: string, password = PASSWORD, tenantId?: string): Promise<Caller> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password, ...(tenantId ? { tenantId } : {}) } });
    if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.statusCode} ${res.body}`);
    const me = res.json();
    const cookie = res.cookies.find((c) => c.name === 'yy_session');
    return callerFrom(app, { cookie: `yy_session=${cookie!.value}`, csrf: me.csrfToken }, { userId: me.user.userId, tenantId: me.tenantId, role: me.role });
  }

  return {
    app,
    config,
    test,
    shopA: { tenantId: a.tenant.tenantId, ownerId: a.user.userId, ownerEmail: a.user.email },
    shopB: { tenantId: b.tenant.tenantId, ownerId: b.user.userId, ownerEmail: b.user.email },
    login,
    async member(tenantId, role) {
      const email = `${role}-${++counter}-${Date.now()}@example.com`;
      const created = await createUser(db, { email, displayName: role, password: PASSWORD, tenantId, role });
      if (!created.ok) throw new Error(created.code);
      return login(email, PASSWORD, tenantId);
    },
    async close() {
      await app.close();
      await test.close();
    },
  };
}

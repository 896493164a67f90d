import { ROLE_PERMISSIONS, ROLES, type Role } from '@yunying/core/access';
import { ENDPOINTS, type Endpoint } from '@yunying/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, phantomIds } from './examples.ts';
import { callerFrom, createHarness, type Caller, type Harness } from './harness.ts';

let h: Harness;
const sessions = new Map<Role, Caller>();
const tokens = new Map<Role, Caller>();

beforeAll(async () => {
  h = await createHarness();
  const owner = await h.login(h.shopA.ownerEmail);
  for (const role of ROLES) {
    sessions.set(role, role === 'owner' ? owner : await h.member(h.shopA.tenantId, role));
    const created = await owner.post('/api/v1/tokens', { name: `rbac-${role}`, role });
    expect(created.statusCode).toBe(201);
    tokens.set(role, callerFrom(h.app, { bearer: created.json().token }, { userId: h.shopA.ownerId, tenantId: h.shopA.tenantId, role }));
  }
}, 120_000);
afterAll(async () => h?.close());

const guarded = ENDPOINTS.filter((e) => e.access !== 'public' && e.access !== 'session');

function send(caller: Caller, endpoint: Endpoint) {
  const example = EXAMPLES[endpoint.id]!(phantomIds());
  return caller.request({ method: endpoint.method, url: example.url, ...(example.body !== undefined ? { payload: example.body as object } : {}) });
}

describe('the permission matrix, enforced on every route', () => {
  it('has an example request for every endpoint', () => {
    expect(ENDPOINTS.map((e) => e.id).filter((id) => !EXAMPLES[id])).toEqual([]);
  });

  for (const role of ROLES) {
    it(`gives a ${role} exactly the routes its permissions allow, by session and by token`, async () => {
      for (const endpoint of guarded) {
        const allowed = endpoint.access === 'member' || ROLE_PERMISSIONS[role].includes(endpoint.access as never);
        for (const [kind, caller] of [['session', sessions.get(role)!], ['token', tokens.get(role)!]] as const) {
          const res = await send(caller, endpoint);
          const code = res.statusCode >= 400 ? res.json().code : null;
          const where = `${role} ${kind} ${endpoint.method} ${endpoint.path} → ${res.statusCode} ${code ?? ''}`;
          if (kind === 'token' && endpoint.sessionOnly) {
            expect(code, where).toBe('token_requires_session');
          } else if (allowed) {
            expect(code, where).not.toBe('forbidden');
            expect(res.statusCode, where).toBeLessThan(500);
          } else {
            expect(res.statusCode, where).toBe(403);
            expect(code, where).toBe('forbidden');
            expect(res.json().permission, where).toBe(endpoint.access);
          }
        }
      }
    });
  }

  it('asks for sign-in on every non-public route', async () => {
    for (const endpoint of ENDPOINTS.filter((e) => e.access !== 'public')) {
      const example = EXAMPLES[endpoint.id]!(phantomIds());
      const res = await h.app.inject({ method: endpoint.method, url: example.url, ...(example.body !== undefined ? { payload: example.body as object } : {}) });
      expect(res.statusCode, endpoint.id).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
    }
  });

  it('rejects forged, malformed and revoked tokens alike', async () => {
    const owner = sessions.get('owner')!;
    const created = (await owner.post('/api/v1/tokens', { name: 'to-revoke', role: 'analyst' })).json();
    const good = callerFrom(h.app, { bearer: created.token }, { userId: '', tenantId: '', role: 'analyst' });
    expect((await good.get('/api/v1/channels')).statusCode).toBe(200);
    const forged = created.token.slice(0, -4) + 'AAAA';
    for (const bearer of [forged, 'yyt.garbage', `${created.token}x`, '']) {
      const res = await callerFrom(h.app, { bearer }, { userId: '', tenantId: '', role: 'analyst' }).get('/api/v1/channels');
      expect(res.statusCode).toBe(401);
    }
    expect((await owner.delete(`/api/v1/tokens/${created.tokenId}`)).statusCode).toBe(204);
    expect((await good.get('/api/v1/channels')).statusCode).toBe(401);
  });
});

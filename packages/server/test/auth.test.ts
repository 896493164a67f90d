import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ loginMaxFailures: 3, loginLockMinutes: 15 });
});
afterAll(async () => h?.close());

describe('sign-in', () => {
  it('opens a session with an httpOnly SameSite cookie and returns the csrf token and permissions', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: h.shopA.ownerEmail, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'yy_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = res.json();
    expect(me.tenantId).toBe(h.shopA.tenantId);
    expect(me.role).toBe('owner');
    expect(me.permissions).toContain('members.manage');
    expect(me.csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it('answers a wrong password and an unknown email alike, with invalid_credentials', async () => {
    const wrong = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: h.shopB.ownerEmail, password: 'nope-nope-nope' } });
    const unknown = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@example.com', password: 'nope-nope-nope' } });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('invalid_credentials');
    }
  });

  it('locks an account after repeated failures, even for the right password, and says when to retry', async () => {
    const victim = await h.member(h.shopA.tenantId, 'analyst');
    const me = await victim.get('/api/v1/auth/me');
    const email = me.json().user.email;
    for (let i = 0; i < 2; i++) {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'wrong-password!' } });
      expect(res.json().code).toBe('invalid_credentials');
    }
    const third = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'wrong-password!' } });
    expect(third.statusCode).toBe(423);
    expect(third.json().code).toBe('account_locked');
    const right = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } });
    expect(right.statusCode).toBe(423);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('titles problems in the language the client asks for', async () => {
    const zh = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    const en = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { 'accept-language': 'en-US,en;q=0.8' } });
    expect(zh.json().title).toBe('请先登录');
    expect(en.json().title).toBe('Sign in first');
    expect(en.json().code).toBe('unauthenticated');
  });
});

describe('sessions', () => {
  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const owner = await h.login(h.shopA.ownerEmail);
    const wrongCsrf = await owner.post('/api/v1/channels', { code: 'tmall', name: '天猫旗舰店', platform: 'tmall' }, { 'x-csrf-token': 'wrong' });
    expect(wrongCsrf.statusCode).toBe(403);
    expect(wrongCsrf.json().code).toBe('csrf_failed');
    const noCsrf = await owner.request({ method: 'POST', url: '/api/v1/auth/logout', headers: { 'x-csrf-token': '' } });
    expect(noCsrf.json().code).toBe('csrf_failed');
    const list = await owner.get('/api/v1/channels', { 'x-csrf-token': 'wrong' });
    expect(list.statusCode).toBe(200); // reads need no token
  });

  it('ends the session on logout', async () => {
    const owner = await h.login(h.shopA.ownerEmail);
    expect((await owner.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const after = await owner.get('/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
  });

  it('switches shop only to one the person belongs to', async () => {
    const owner = await h.login(h.shopA.ownerEmail);
    const denied = await owner.post('/api/v1/auth/tenant', { tenantId: h.shopB.tenantId });
    expect(denied.statusCode).toBe(404);
    // Give owner A a role in shop B, then switch.
    const ownerB = await h.login(h.shopB.ownerEmail);
    const added = await ownerB.post('/api/v1/members', { email: h.shopA.ownerEmail, displayName: 'A', role: 'analyst' });
    expect(added.statusCode).toBe(201);
    expect(added.json().initialPassword).toBeNull();
    const switched = await owner.post('/api/v1/auth/tenant', { tenantId: h.shopB.tenantId });
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toMatchObject({ tenantId: h.shopB.tenantId, role: 'analyst' });
    expect(switched.json().memberships).toHaveLength(2);
    const tenant = await owner.get('/api/v1/tenant');
    expect(tenant.json().name).toBe('Shop B');
  });
});

describe('sign-in throttling per address', () => {
  it('answers 429 problem+json with Retry-After past the per-minute budget', async () => {
    const throttled = await createHarness({ loginRatePerMinute: 3 });
    try {
      const attempt = () =>
        throttled.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x@example.com', password: 'whatever-pass' }, remoteAddress: '10.9.8.7' });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const blocked = await attempt();
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['content-type']).toContain('application/problem+json');
      expect(blocked.json().code).toBe('too_many_requests');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      const elsewhere = await throttled.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x@example.com', password: 'whatever-pass' }, remoteAddress: '10.9.8.6' });
      expect(elsewhere.statusCode).toBe(401);
    } finally {
      await throttled.close();
    }
  });
});

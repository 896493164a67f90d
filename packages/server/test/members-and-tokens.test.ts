import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFrom, createHarness, PASSWORD, type Caller, type Harness } from './harness.ts';

let h: Harness;
let owner: Caller;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
}, 60_000);
afterAll(async () => h?.close());

describe('members', () => {
  it('adds a new person with a generated password shown once, who can then sign in', async () => {
    const res = await owner.post('/api/v1/members', { email: 'Li.Lei@Example.com', displayName: '李雷', role: 'merchandiser' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ email: 'li.lei@example.com', role: 'merchandiser' });
    expect(body.initialPassword).toMatch(/^\w{5}-\w{5}-\w{5}-\w{5}$/);
    const again = await owner.get(`/api/v1/members/${body.userId}`);
    expect(again.json()).not.toHaveProperty('initialPassword');
    const li = await h.login('li.lei@example.com', body.initialPassword);
    expect(li.role).toBe('merchandiser');
  });

  it('refuses to add the same person twice', async () => {
    const res = await owner.post('/api/v1/members', { email: 'li.lei@example.com', displayName: 'x', role: 'analyst' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('already_member');
  });

  it('lets an admin manage members but not grant or touch owners', async () => {
    const admin = await h.member(h.shopA.tenantId, 'admin');
    const grant = await admin.post('/api/v1/members', { email: 'x1@example.com', displayName: 'x', role: 'owner' });
    expect(grant.json().code).toBe('role_not_grantable');
    const demote = await admin.patch(`/api/v1/members/${h.shopA.ownerId}`, { role: 'analyst' });
    expect(demote.json().code).toBe('role_not_grantable');
    const ok = await admin.post('/api/v1/members', { email: 'x2@example.com', displayName: 'x', role: 'crm' });
    expect(ok.statusCode).toBe(201);
  });

  it('keeps at least one owner', async () => {
    const demote = await owner.patch(`/api/v1/members/${h.shopA.ownerId}`, { role: 'admin' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('last_owner');
    const remove = await owner.delete(`/api/v1/members/${h.shopA.ownerId}`);
    expect(remove.json().code).toBe('last_owner');
  });

  it('pages through members with a cursor, each once', async () => {
    for (let i = 0; i < 5; i++) await owner.post('/api/v1/members', { email: `page${i}@example.com`, displayName: `p${i}`, role: 'analyst', password: PASSWORD });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await owner.get(`/api/v1/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const page = res.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((m: { userId: string }) => m.userId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const all = (await owner.get('/api/v1/members?limit=200')).json().items.map((m: { userId: string }) => m.userId);
    expect(seen).toEqual(all);
  });
});

describe('API tokens', () => {
  it('shows the secret once, stores only its hash, and acts with the token’s role', async () => {
    const res = await owner.post('/api/v1/tokens', { name: 'BI export', role: 'analyst', expiresInDays: 30 });
    expect(res.statusCode).toBe(201);
    const { token, tokenId } = res.json();
    expect(token).toMatch(/^yyt\.tnt_\w+\.tok_\w+\.[\w-]+$/);
    const stored = await h.test.database.db.selectFrom('api_tokens').selectAll().where('token_id', '=', tokenId).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token.split('.')[3]);
    const list = (await owner.get('/api/v1/tokens')).json();
    expect(JSON.stringify(list)).not.toContain(token.split('.')[3]);

    const bot = callerFrom(h.app, { bearer: token }, { userId: h.shopA.ownerId, tenantId: h.shopA.tenantId, role: 'analyst' });
    const me = (await bot.get('/api/v1/auth/me')).json();
    expect(me).toMatchObject({ role: 'analyst', authenticatedBy: 'token', csrfToken: null });
    expect((await bot.get('/api/v1/channels')).statusCode).toBe(200);
    const write = await bot.post('/api/v1/channels', { code: 'bot', name: 'bot', platform: 'jd' });
    expect(write.json().code).toBe('forbidden'); // analyst token: read-only, and no CSRF needed for bearer
    const mint = await bot.post('/api/v1/tokens', { name: 'child', role: 'analyst' });
    expect(mint.json().code).toBe('token_requires_session');
  });

  it('cannot be scoped above its creator', async () => {
    const merch = await h.member(h.shopA.tenantId, 'merchandiser');
    const res = await merch.post('/api/v1/tokens', { name: 'up', role: 'admin' });
    expect(res.json().code).toBe('role_not_grantable');
  });

  it('stops working when its owner leaves the shop', async () => {
    const crm = await h.member(h.shopA.tenantId, 'crm');
    const token = (await crm.post('/api/v1/tokens', { name: 'crm-bot', role: 'crm' })).json().token;
    const bot = callerFrom(h.app, { bearer: token }, { userId: crm.userId, tenantId: h.shopA.tenantId, role: 'crm' });
    expect((await bot.get('/api/v1/channels')).statusCode).toBe(200);
    expect((await owner.delete(`/api/v1/members/${crm.userId}`)).statusCode).toBe(204);
    expect((await bot.get('/api/v1/channels')).statusCode).toBe(401);
    expect((await crm.get('/api/v1/channels')).json().code).toBe('no_tenant');
  });

  it('lets members revoke only their own tokens unless they manage members', async () => {
    const analyst = await h.member(h.shopA.tenantId, 'analyst');
    const ownerToken = (await owner.post('/api/v1/tokens', { name: 'mine', role: 'analyst' })).json();
    expect((await analyst.delete(`/api/v1/tokens/${ownerToken.tokenId}`)).statusCode).toBe(404);
    const own = (await analyst.post('/api/v1/tokens', { name: 'own', role: 'analyst' })).json();
    expect((await analyst.get('/api/v1/tokens')).json().items.map((t: { tokenId: string }) => t.tokenId)).toEqual([own.tokenId]);
    expect((await owner.delete(`/api/v1/tokens/${own.tokenId}`)).statusCode).toBe(204);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from './harness.ts';

let h: Harness;
let owner: Caller;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
}, 60_000);
afterAll(async () => h?.close());

describe('audit log', () => {
  it('records who changed what, with the before and after of each changed field', async () => {
    const created = (await owner.post('/api/v1/channels', { code: 'pdd', name: '拼多多店', platform: 'pdd', commissionBp: 60 }, { 'x-request-id': 'req-audit-1' })).json();
    await owner.patch(`/api/v1/channels/${created.channelId}`, { commissionBp: 100, name: '拼多多旗舰店' });
    await owner.delete(`/api/v1/channels/${created.channelId}`);
    const events = (await owner.get(`/api/v1/audit-events?entityType=channel&entityId=${created.channelId}`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['archive', 'update', 'create']);
    const [archive, update, create] = events;
    expect(create).toMatchObject({ actorType: 'user', actorId: h.shopA.ownerId, requestId: 'req-audit-1' });
    expect(create.changes.code).toEqual({ before: null, after: 'pdd' });
    expect(update.changes).toEqual({ commissionBp: { before: 60, after: 100 }, name: { before: '拼多多店', after: '拼多多旗舰店' } });
    expect(archive.changes).toEqual({ status: { before: 'active', after: 'archived' } });
  });

  it('records tenant settings, members and tokens too, and never a secret', async () => {
    await owner.patch('/api/v1/tenant', { timeZone: 'Asia/Hong_Kong' });
    const member = (await owner.post('/api/v1/members', { email: 'aud@example.com', displayName: 'Aud', role: 'content' })).json();
    await owner.patch(`/api/v1/members/${member.userId}`, { role: 'crm' });
    const token = (await owner.post('/api/v1/tokens', { name: 'audited', role: 'analyst' })).json();
    const all = (await owner.get('/api/v1/audit-events?limit=200')).json().items;
    const text = JSON.stringify(all);
    expect(text).not.toContain(token.token.split('.')[3]);
    expect(text).not.toContain(member.initialPassword);
    expect(all.find((e: { entityType: string; action: string }) => e.entityType === 'tenant' && e.action === 'update').changes).toEqual({
      timeZone: { before: 'Asia/Shanghai', after: 'Asia/Hong_Kong' },
    });
    expect(all.find((e: { entityId: string; action: string }) => e.entityId === member.userId && e.action === 'update').changes).toEqual({
      role: { before: 'content', after: 'crm' },
    });
  });

  it('is readable by owner and admin but not by an ops role without audit access', async () => {
    const merch = await h.member(h.shopA.tenantId, 'merchandiser');
    expect((await merch.get('/api/v1/audit-events')).statusCode).toBe(403);
    const admin = await h.member(h.shopA.tenantId, 'admin');
    expect((await admin.get('/api/v1/audit-events')).statusCode).toBe(200);
  });

  it('pages newest first without repeats', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { auditId: string }[]; nextCursor: string | null } = (await owner.get(`/api/v1/audit-events?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      ids.push(...page.items.map((e: { auditId: string }) => e.auditId));
      cursor = page.nextCursor;
    } while (cursor);
    expect([...ids].sort().reverse()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('Idempotency-Key', () => {
  const body = { code: 'jd-pop', name: '京东 POP', platform: 'jd', commissionBp: 800, shipWithinHours: 24 };

  it('answers a retried create with the first response and creates once', async () => {
    const first = await owner.post('/api/v1/channels', body, { 'idempotency-key': 'k-1' });
    const retry = await owner.post('/api/v1/channels', { ...body }, { 'idempotency-key': 'k-1' });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const list = (await owner.get('/api/v1/channels?limit=200')).json().items.filter((c: { code: string }) => c.code === 'jd-pop');
    expect(list).toHaveLength(1);
  });

  it('treats key order in the body as the same request', async () => {
    const a = await owner.post('/api/v1/channels', { code: 'ks', name: '快手', platform: 'kuaishou' }, { 'idempotency-key': 'k-order' });
    const b = await owner.post('/api/v1/channels', { platform: 'kuaishou', name: '快手', code: 'ks' }, { 'idempotency-key': 'k-order' });
    expect(b.json()).toEqual(a.json());
  });

  it('refuses the same key with another body with 422', async () => {
    const res = await owner.post('/api/v1/channels', { ...body, code: 'other' }, { 'idempotency-key': 'k-1' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('idempotency_key_reused');
  });

  it('replays a refused request’s problem as well', async () => {
    const a = await owner.post('/api/v1/channels', body, { 'idempotency-key': 'k-dup' });
    expect(a.json().code).toBe('channel_code_taken');
    const b = await owner.post('/api/v1/channels', body, { 'idempotency-key': 'k-dup' });
    expect(b.statusCode).toBe(409);
    expect(b.headers['content-type']).toContain('application/problem+json');
    expect(b.json().code).toBe('channel_code_taken');
  });

  it('creates once when the same key arrives concurrently', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => owner.post('/api/v1/channels', { code: 'race', name: 'race', platform: 'other' }, { 'idempotency-key': 'k-race' })),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = results.filter((r) => r.statusCode === 201).map((r) => r.json().channelId);
    expect(new Set(created).size).toBe(1);
    const list = (await owner.get('/api/v1/channels?limit=200')).json().items.filter((c: { code: string }) => c.code === 'race');
    expect(list).toHaveLength(1);
  });

  it('keeps keys apart per caller', async () => {
    const other = await h.member(h.shopA.tenantId, 'ops_director');
    const res = await other.post('/api/v1/channels', { ...body, code: 'ops-chan' }, { 'idempotency-key': 'k-1' });
    expect(res.statusCode).toBe(201);
  });
});

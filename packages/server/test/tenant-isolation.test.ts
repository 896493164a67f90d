import { ENDPOINTS } from '@yunying/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, type ExampleIds } from './examples.ts';
import { callerFrom, createHarness, type Caller, type Harness } from './harness.ts';

let h: Harness;
let ownerA: Caller;
let ownerB: Caller;
let tokenB: Caller;
let idsOfA: ExampleIds;

beforeAll(async () => {
  h = await createHarness();
  ownerA = await h.login(h.shopA.ownerEmail);
  ownerB = await h.login(h.shopB.ownerEmail);
  const channel = await ownerA.post('/api/v1/channels', { code: 'tmall-a', name: 'A 天猫', platform: 'tmall' });
  const member = await ownerA.post('/api/v1/members', { email: 'staff-a@example.com', displayName: 'Staff A', role: 'merchandiser' });
  const token = await ownerA.post('/api/v1/tokens', { name: 'a-token', role: 'analyst' });
  idsOfA = { channelId: channel.json().channelId, userId: member.json().userId, tokenId: token.json().tokenId };
  const created = await ownerB.post('/api/v1/tokens', { name: 'b-admin', role: 'admin' });
  tokenB = callerFrom(h.app, { bearer: created.json().token }, { userId: h.shopB.ownerId, tenantId: h.shopB.tenantId, role: 'admin' });
}, 60_000);
afterAll(async () => h?.close());

const withIds = ENDPOINTS.filter((e) => e.path.includes(':'));

describe('tenant isolation', () => {
  it('covers every route that takes an id', () => {
    expect(withIds.map((e) => e.id).sort()).toEqual(['archiveChannel', 'getChannel', 'getMember', 'removeMember', 'revokeToken', 'updateChannel', 'updateMember']);
  });

  for (const endpoint of withIds) {
    it(`answers 404 when shop B calls ${endpoint.method} ${endpoint.path} with shop A's ids`, async () => {
      for (const caller of [ownerB, tokenB]) {
        const example = EXAMPLES[endpoint.id]!(idsOfA);
        const res = await caller.request({ method: endpoint.method, url: example.url, ...(example.body !== undefined ? { payload: example.body as object } : {}) });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('not_found');
      }
    });
  }

  it('left every entity of shop A untouched', async () => {
    const channel = await ownerA.get(`/api/v1/channels/${idsOfA.channelId}`);
    expect(channel.json()).toMatchObject({ status: 'active', commissionBp: 0 });
    const member = await ownerA.get(`/api/v1/members/${idsOfA.userId}`);
    expect(member.json().role).toBe('merchandiser');
    const tokens = await ownerA.get('/api/v1/tokens');
    expect(tokens.json().items.find((t: { tokenId: string }) => t.tokenId === idsOfA.tokenId).revokedAt).toBeNull();
  });

  it('never lists shop A’s records to shop B', async () => {
    for (const url of ['/api/v1/channels', '/api/v1/members', '/api/v1/tokens', '/api/v1/audit-events?limit=200']) {
      const body = (await ownerB.get(url)).body;
      for (const id of [idsOfA.channelId, idsOfA.userId, idsOfA.tokenId, h.shopA.tenantId]) expect(body, url).not.toContain(id);
    }
  });

  it('does not let a token for shop A be used as shop B by editing its text', async () => {
    const token = (await ownerA.post('/api/v1/tokens', { name: 'swap', role: 'analyst' })).json().token as string;
    const swapped = token.replace(h.shopA.tenantId, h.shopB.tenantId);
    const res = await callerFrom(h.app, { bearer: swapped }, { userId: '', tenantId: '', role: 'analyst' }).get('/api/v1/channels');
    expect(res.statusCode).toBe(401);
  });
});

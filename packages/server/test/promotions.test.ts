import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from './harness.ts';
import { flashSale, ladder } from './promotion-builders.ts';

let h: Harness;
let owner: Caller;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
}, 60_000);
afterAll(async () => h?.close());

const codes = (res: { json(): { problems?: { code: string }[] } }) => (res.json().problems ?? []).map((p) => p.code);

describe('promotions API', () => {
  it('creates a draft, changes it, activates, pauses and ends it, auditing each step', async () => {
    const created = await owner.post('/api/v1/promotions', ladder([[30000, 5000], [50000, 10000]], { priority: 3, exclusive: true }));
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ status: 'draft', code: 'spendThresholdDiscount', priority: 3, exclusive: true, startsAt: null, channelIds: null });
    const id = p.promotionId as string;
    expect((await owner.patch(`/api/v1/promotions/${id}`, { name: '阶梯满减', startsAt: '2026-06-01T00:00:00+08:00' })).json()).toMatchObject({
      name: '阶梯满减',
      startsAt: '2026-05-31T16:00:00.000Z',
    });
    expect((await owner.post(`/api/v1/promotions/${id}/activate`)).json().status).toBe('active');
    expect((await owner.get('/api/v1/promotions?status=active')).json().items.map((x: { promotionId: string }) => x.promotionId)).toEqual([id]);
    expect((await owner.post(`/api/v1/promotions/${id}/pause`)).json().status).toBe('paused');
    expect((await owner.delete(`/api/v1/promotions/${id}`)).statusCode).toBe(204);
    expect((await owner.get(`/api/v1/promotions/${id}`)).json().status).toBe('ended');
    const events = (await owner.get(`/api/v1/audit-events?entityType=promotion&entityId=${id}`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['end', 'pause', 'activate', 'update', 'create']);
  });

  it('refuses contradictory configurations with the engine’s problem codes and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [ladder([[30000, 5000], [20000, 8000]]), 'threshold_ladder_not_increasing'],
      [ladder([[30000, 5000], [50000, 4000]]), 'ladder_discount_not_increasing'],
      [ladder([[3000, 5000]]), 'discount_exceeds_threshold'],
      [ladder([[30000, 5000]], { startsAt: '2026-06-18T00:00:00+08:00', endsAt: '2026-06-01T00:00:00+08:00' }), 'window_ends_before_start'],
      [{ ...ladder([[30000, 5000]]), args: { scope: { type: 'order' }, mode: 'ladder' } }, 'invalid_field'],
      [{ name: '8折', code: 'timedPrice', args: { scope: { type: 'order' }, price: { type: 'percent', payBp: 12000 } } }, 'invalid_percentage'],
      [{ name: '定金', code: 'presale', args: { scope: { type: 'order' }, depositPerUnit: 5000, depositValuePerUnit: 3000, balanceStartsAt: 1, balanceEndsAt: 2 } }, 'deposit_value_not_greater'],
    ];
    const before = (await owner.get('/api/v1/promotions?limit=200')).json().items.length;
    for (const [body, code] of cases) {
      const res = await owner.post('/api/v1/promotions', body);
      expect(res.statusCode, code).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('promotion_invalid');
      expect(codes(res), JSON.stringify(res.json())).toContain(code);
    }
    expect((await owner.get('/api/v1/promotions?limit=200')).json().items.length).toBe(before);
  });

  it('refuses an edit that makes a promotion contradictory, keeping the stored one', async () => {
    const id = (await owner.post('/api/v1/promotions', ladder([[30000, 5000]]))).json().promotionId;
    const res = await owner.patch(`/api/v1/promotions/${id}`, { args: { scope: { type: 'order' }, mode: 'repeat', every: 1000, discount: 2000 } });
    expect(res.statusCode).toBe(422);
    expect(codes(res)).toEqual(['discount_exceeds_threshold']);
    expect((await owner.get(`/api/v1/promotions/${id}`)).json().args.mode).toBe('ladder');
  });

  it('refuses to put a flash sale in force over another on the same SKU and time', async () => {
    const first = await owner.post('/api/v1/promotions', flashSale(['sku-1', 'sku-2'], '2026-06-18T00:00:00+08:00', '2026-06-18T02:00:00+08:00', { status: 'active' }));
    expect(first.statusCode).toBe(201);
    const overlapping = await owner.post('/api/v1/promotions', flashSale(['sku-2'], '2026-06-18T01:00:00+08:00', '2026-06-18T03:00:00+08:00'));
    expect(overlapping.json().status).toBe('draft');
    const res = await owner.post(`/api/v1/promotions/${overlapping.json().promotionId}/activate`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('promotion_conflict');
    expect(codes(res)).toEqual(['overlapping_flash_sale']);
    expect((await owner.get(`/api/v1/promotions/${overlapping.json().promotionId}`)).json().status).toBe('draft');
    const direct = await owner.post('/api/v1/promotions', flashSale(['sku-1'], '2026-06-18T00:30:00+08:00', '2026-06-18T00:40:00+08:00', { status: 'active' }));
    expect(direct.json().code).toBe('promotion_conflict');
    const later = await owner.post('/api/v1/promotions', flashSale(['sku-2'], '2026-06-18T02:00:00+08:00', '2026-06-18T04:00:00+08:00', { status: 'active' }));
    expect(later.statusCode).toBe(201);
    const moved = await owner.patch(`/api/v1/promotions/${later.json().promotionId}`, { startsAt: '2026-06-18T01:59:00+08:00' });
    expect(moved.json().code).toBe('promotion_conflict');
  });

  it('lets only one of two conflicting flash sales go live when both are activated at once', async () => {
    const drafts = await Promise.all(
      [0, 1].map(async (i) => (await owner.post('/api/v1/promotions', flashSale(['sku-race'], `2026-12-12T0${i}:00:00+08:00`, '2026-12-12T05:00:00+08:00'))).json().promotionId as string),
    );
    const results = await Promise.all(drafts.map((id) => owner.post(`/api/v1/promotions/${id}/activate`)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const active = (await owner.get('/api/v1/promotions?status=active&code=flashSale&limit=200')).json().items.filter((p: { promotionId: string }) => drafts.includes(p.promotionId));
    expect(active).toHaveLength(1);
  });

  it('guards the lifecycle and the links', async () => {
    const id = (await owner.post('/api/v1/promotions', ladder([[10000, 1000]]))).json().promotionId;
    expect((await owner.post(`/api/v1/promotions/${id}/pause`)).json()).toMatchObject({ code: 'invalid_status_transition', from: 'draft', to: 'paused' });
    await owner.delete(`/api/v1/promotions/${id}`);
    expect((await owner.delete(`/api/v1/promotions/${id}`)).statusCode).toBe(204);
    expect((await owner.post(`/api/v1/promotions/${id}/activate`)).json().code).toBe('invalid_status_transition');
    expect((await owner.patch(`/api/v1/promotions/${id}`, { priority: 1 })).json().code).toBe('promotion_ended');
    const unknownCampaign = await owner.post('/api/v1/promotions', ladder([[10000, 1000]], { campaignId: 'cmp_00000000000000000000000000' }));
    expect(unknownCampaign.statusCode).toBe(400);
    expect(unknownCampaign.json().errors).toEqual([{ path: 'body.campaignId', message: 'no such campaign' }]);
    const unknownChannel = await owner.post('/api/v1/promotions', ladder([[10000, 1000]], { channelIds: ['chn_00000000000000000000000000'] }));
    expect(unknownChannel.json().errors).toEqual([{ path: 'body.channelIds', message: 'no such channel: chn_00000000000000000000000000' }]);
    const channelId = (await owner.post('/api/v1/channels', { code: 'tmall', name: '天猫旗舰店', platform: 'tmall' })).json().channelId;
    expect((await owner.post('/api/v1/promotions', ladder([[10000, 1000]], { channelIds: [channelId] }))).json().channelIds).toEqual([channelId]);
    const coupon = await owner.post('/api/v1/promotions', { name: 'x', code: 'coupon', args: {} });
    expect(coupon.json().code).toBe('validation_failed');
  });

  it('is read-only for a role with promotions.read only', async () => {
    const crm = await h.member(h.shopA.tenantId, 'crm');
    expect((await crm.get('/api/v1/promotions')).statusCode).toBe(200);
    expect((await crm.post('/api/v1/promotions', ladder([[10000, 1000]]))).statusCode).toBe(403);
    const manager = await h.member(h.shopA.tenantId, 'campaign_manager');
    expect((await manager.post('/api/v1/promotions', ladder([[10000, 1000]]))).statusCode).toBe(201);
  });

  it('describes the rule types and the stacking order for the console', async () => {
    const res = (await owner.get('/api/v1/promotion-rules')).json();
    expect(res.stackingOrder.map((s: { stage: string }) => s.stage)).toEqual(['itemPrice', 'presale', 'bundle', 'quantity', 'threshold', 'coupon', 'points', 'shipping']);
    const spend = res.rules.find((r: { code: string }) => r.code === 'spendThresholdDiscount');
    expect(spend).toMatchObject({ stage: 'threshold', label: { zhCN: '满减' } });
    expect(JSON.stringify(spend.argsJsonSchema)).toContain('ladder');
    expect(res.rules).toHaveLength(14);
  });

  it('pages the list by id without repeats', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { promotionId: string }[]; nextCursor: string | null } = (await owner.get(`/api/v1/promotions?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      ids.push(...page.items.map((p) => p.promotionId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids.length).toBeGreaterThan(4);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

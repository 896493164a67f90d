import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from './harness.ts';
import { couponBatch, ladder } from './promotion-builders.ts';

let h: Harness;
let owner: Caller;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
}, 60_000);
afterAll(async () => h?.close());

// 双11 as the platforms run it: 预热 from 10-20 20:00, 爆发 from 10-31 20:00 to 11-11 24:00, 返场 11-12 to 11-13.
const singlesDay = {
  name: '2026 双11',
  type: 'singles_day',
  phases: [
    { phase: 'warmup', startsAt: '2026-10-20T20:00:00+08:00', endsAt: '2026-10-31T20:00:00+08:00' },
    { phase: 'peak', startsAt: '2026-10-31T20:00:00+08:00', endsAt: '2026-11-12T00:00:00+08:00' },
    { phase: 'tail', startsAt: '2026-11-12T00:00:00+08:00', endsAt: '2026-11-14T00:00:00+08:00' },
  ],
  budgetFen: 80_000_000,
  targetGmvFen: 5_000_000_000,
};

describe('marketing calendar', () => {
  it('plans a campaign with its phases, budget and target, and shows what is attached to it', async () => {
    const created = await owner.post('/api/v1/campaigns', singlesDay);
    expect(created.statusCode).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({ type: 'singles_day', status: 'planned', budgetFen: 80_000_000, targetGmvFen: 5_000_000_000, startsAt: '2026-10-20T12:00:00.000Z', endsAt: '2026-11-13T16:00:00.000Z' });
    expect(c.phases.map((p: { phase: string }) => p.phase)).toEqual(['warmup', 'peak', 'tail']);
    const promotion = (await owner.post('/api/v1/promotions', ladder([[30000, 5000]], { campaignId: c.campaignId }))).json();
    const batch = (await owner.post('/api/v1/coupon-batches', couponBatch({ campaignId: c.campaignId }))).json();
    const other = (await owner.post('/api/v1/promotions', ladder([[20000, 2000]]))).json();
    await owner.patch(`/api/v1/promotions/${other.promotionId}`, { campaignId: c.campaignId });
    const detail = (await owner.get(`/api/v1/campaigns/${c.campaignId}`)).json();
    expect(detail.promotions.map((p: { promotionId: string }) => p.promotionId).sort()).toEqual([promotion.promotionId, other.promotionId].sort());
    expect(detail.couponBatches).toEqual([{ batchId: batch.batchId, name: batch.name, kind: 'order', status: 'active' }]);
    expect((await owner.get(`/api/v1/promotions?campaignId=${c.campaignId}`)).json().items).toHaveLength(2);
    expect(detail.spentFen).toBe(0);
    await owner.post(`/api/v1/promotions/${promotion.promotionId}/activate`);
    await owner.post(`/api/v1/promotions/${promotion.promotionId}/usages`, { orderRef: 'o-1', customerRef: 'c-1', quantity: 1, discountFen: 5000 });
    const couponId = (await owner.post(`/api/v1/coupon-batches/${batch.batchId}/claims`, { customerRef: 'c-1' })).json().couponId;
    await owner.post(`/api/v1/coupons/${couponId}/redeem`, { orderRef: 'o-1', discountFen: 2000 });
    expect((await owner.get(`/api/v1/campaigns/${c.campaignId}`)).json().spentFen).toBe(7000);
    await owner.post(`/api/v1/promotions/${promotion.promotionId}/usages/release`, { orderRef: 'o-1' });
    expect((await owner.get(`/api/v1/campaigns/${c.campaignId}`)).json().spentFen).toBe(2000);
  });

  it('plans every campaign of the calendar: 年货节, 3.8, 618, 88, 双11, 双12 and custom', async () => {
    const types = ['new_year_goods', 'queens_day', 'mid_year_618', 'summer_88', 'singles_day', 'double_twelve', 'custom'];
    for (const type of types) {
      const res = await owner.post('/api/v1/campaigns', { ...singlesDay, name: `calendar ${type}`, type });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ type, status: 'planned' });
      expect((await owner.get(`/api/v1/campaigns?type=${type}&limit=200`)).json().items.map((c: { campaignId: string }) => c.campaignId)).toContain(res.json().campaignId);
    }
    expect((await owner.post('/api/v1/campaigns', { ...singlesDay, type: 'black_friday' })).json().code).toBe('validation_failed');
  });

  it('refuses phases out of order, overlapping or ending before they start', async () => {
    const bad = [
      [singlesDay.phases[1], singlesDay.phases[0]],
      [{ ...singlesDay.phases[0], endsAt: '2026-11-01T00:00:00+08:00' }, singlesDay.phases[1]],
      [{ phase: 'peak', startsAt: '2026-06-18T00:00:00+08:00', endsAt: '2026-06-01T00:00:00+08:00' }],
      [],
    ];
    for (const phases of bad) {
      const res = await owner.post('/api/v1/campaigns', { ...singlesDay, phases });
      expect(res.statusCode, JSON.stringify(phases)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
  });

  it('changes, runs and cancels a campaign, and keeps a cancelled one as it was', async () => {
    const id = (await owner.post('/api/v1/campaigns', { ...singlesDay, name: '618', type: 'mid_year_618' })).json().campaignId;
    expect((await owner.patch(`/api/v1/campaigns/${id}`, { budgetFen: 1_000_000, status: 'active' })).json()).toMatchObject({ budgetFen: 1_000_000, status: 'active' });
    expect((await owner.patch(`/api/v1/campaigns/${id}`, { status: 'planned' })).json().code).toBe('invalid_status_transition');
    expect((await owner.delete(`/api/v1/campaigns/${id}`)).statusCode).toBe(204);
    expect((await owner.patch(`/api/v1/campaigns/${id}`, { name: 'again' })).json().code).toBe('invalid_status_transition');
    expect((await owner.get(`/api/v1/campaigns?status=cancelled`)).json().items.map((x: { campaignId: string }) => x.campaignId)).toEqual([id]);
    const events = (await owner.get(`/api/v1/audit-events?entityType=campaign&entityId=${id}`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['cancel', 'update', 'create']);
  });
});

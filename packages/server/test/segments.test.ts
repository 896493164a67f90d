import { compileSegmentRule, matchesSegment, segmentRuleSchema, type SegmentFacts } from '@yunying/core/customers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from './harness.ts';
import { couponBatch } from './promotion-builders.ts';

let h: Harness;
let owner: Caller;
let crm: Caller;
let analyst: Caller;
let campaign: Caller;
const DAY = 86_400_000;

beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
  crm = await h.member(h.shopA.tenantId, 'crm');
  analyst = await h.member(h.shopA.tenantId, 'analyst');
  campaign = await h.member(h.shopA.tenantId, 'campaign_manager');
}, 60_000);
afterAll(async () => h?.close());

const all = (...conditions: unknown[]) => ({ match: 'all', conditions });
const tagged = (tag: string) => ({ field: 'tags', op: 'hasAll', values: [tag] });

async function upsert(customers: Record<string, unknown>[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < customers.length; i += 1000) {
    const res = await crm.post('/api/v1/customers/bulk-upsert', { customers: customers.slice(i, i + 1000) });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    ids.push(...res.json().customerIds);
  }
  return ids;
}

async function members(segmentId: string, caller: Caller = crm): Promise<{ customerRef: string }[]> {
  const out: { customerRef: string }[] = [];
  let cursor: string | null = null;
  do {
    const res = await caller.get(`/api/v1/segments/${segmentId}/members?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    out.push(...res.json().items);
    cursor = res.json().nextCursor;
  } while (cursor);
  return out;
}

describe('segments', () => {
  it('saves, reads, lists and renames a segment', async () => {
    const created = await crm.post('/api/v1/segments', { name: '金牌会员', rule: all({ field: 'tier', op: 'in', values: ['gold'] }) });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().segmentId;
    expect(id).toMatch(/^seg_/);
    expect((await analyst.get(`/api/v1/segments/${id}`)).json()).toMatchObject({ name: '金牌会员', rule: { match: 'all' } });
    const renamed = await crm.patch(`/api/v1/segments/${id}`, { name: '金牌会员 2', description: '说明' });
    expect(renamed.json()).toMatchObject({ name: '金牌会员 2', description: '说明' });
    expect((await crm.get('/api/v1/segments?limit=200')).json().items.map((s: { segmentId: string }) => s.segmentId)).toContain(id);
    const taken = await crm.post('/api/v1/segments', { name: '金牌会员 2', rule: all({ field: 'tier', op: 'in', values: ['gold'] }) });
    expect(taken.json().code).toBe('segment_name_taken');
    const other = (await crm.post('/api/v1/segments', { name: '另一个', rule: all({ field: 'tier', op: 'in', values: ['gold'] }) })).json();
    const clash = await crm.patch(`/api/v1/segments/${other.segmentId}`, { name: '金牌会员 2' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('segment_name_taken');
  });

  it.each([
    ['an unknown field', all({ field: 'salary', op: 'gte', value: 1 })],
    ['SQL in a value position', all({ field: 'points', op: 'gte', value: '1 or 1=1' })],
    ['no conditions', { match: 'all', conditions: [] }],
    ['an unknown match', { match: 'some', conditions: [tagged('x')] }],
  ])('refuses a rule with %s', async (_what, rule) => {
    const res = await crm.post('/api/v1/segments/preview', { rule });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
  });

  it('treats values as data, never SQL', async () => {
    await upsert([{ customerRef: 'inj-1', tags: ["x' or '1'='1"], region: '上海' }]);
    const res = await crm.post('/api/v1/segments/preview', { rule: all({ field: 'tags', op: 'hasAny', values: ["x' or '1'='1"] }) });
    expect(res.json().count).toBe(1);
    const none = await crm.post('/api/v1/segments/preview', { rule: all({ field: 'tags', op: 'hasAny', values: ["') or true --"] }) });
    expect(none.json().count).toBe(0);
  });

  it('selects in SQL exactly the customers the reference semantics select', async () => {
    // A seeded generator: random customers and random rules; the database must agree with matchesSegment.
    let seed = 42; // mulberry32
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
    };
    const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;
    const TAG = 'xcheck';
    const now = Date.now();
    const at = (days: number | null) => (days === null ? null : new Date(now - (days + 0.5) * DAY)); // half a day off every boundary
    const facts: (SegmentFacts & { customerRef: string })[] = [];
    for (let i = 0; i < 80; i++) {
      const last = pick([null, 5, 30, 89, 95, 150, 179, 200, 400]);
      const first = last === null ? null : last + pick([0, 10, 300]);
      facts.push({
        customerRef: `xc-${String(i).padStart(3, '0')}`,
        tier: pick(['regular', 'silver', 'gold', 'diamond']),
        tags: [TAG, ...['母婴', '美妆', 'vip'].filter(() => rand(2) === 1)],
        region: pick([null, '广东', '浙江', '上海']),
        points: pick([0, 100, 500, 1000]),
        ordersCount: last === null ? 0 : pick([1, 2, 5]),
        paidTotalFen: pick([0, 9_900, 100_000, 600_000]),
        lastOrderAt: at(last),
        firstOrderAt: at(first),
      });
    }
    await upsert(
      facts.map((f) => ({
        customerRef: f.customerRef,
        memberTier: f.tier,
        tags: f.tags,
        region: f.region,
        ordersCount: f.ordersCount,
        paidTotalFen: f.paidTotalFen,
        lastOrderAt: f.lastOrderAt?.toISOString() ?? null,
        firstOrderAt: f.firstOrderAt?.toISOString() ?? null,
        pointsBalance: f.points,
      })),
    );
    const conditions = [
      () => ({ field: 'tier', op: pick(['in', 'notIn']), values: [pick(['regular', 'silver', 'gold', 'diamond']), pick(['gold', 'diamond'])] }),
      () => ({ field: 'tags', op: pick(['hasAny', 'hasAll', 'hasNone']), values: [pick(['母婴', '美妆', 'vip']), pick(['母婴', '美妆'])] }),
      () => ({ field: 'region', op: pick(['in', 'notIn']), values: [pick(['广东', '浙江', '上海'])] }),
      () => ({ field: pick(['points', 'ordersCount', 'paidTotalFen']), op: pick(['gte', 'lte']), value: pick([0, 1, 2, 100, 500, 100_000]) }),
      () => ({ field: pick(['lastOrderAt', 'firstOrderAt']), op: pick(['withinDays', 'notWithinDays']), days: pick([7, 30, 90, 180, 365]) }),
      () => ({ field: 'lifecycleStage', op: pick(['in', 'notIn']), values: [pick(['new', 'active', 'dormant', 'churned'])] }),
    ];
    // Rules where a missing region or order time must count as "not in" / "outside the window".
    const fixed = [
      { match: 'all', conditions: [{ field: 'lastOrderAt', op: 'notWithinDays', days: 30 }] },
      { match: 'all', conditions: [{ field: 'firstOrderAt', op: 'notWithinDays', days: 365 }] },
      { match: 'all', conditions: [{ field: 'region', op: 'notIn', values: ['广东'] }] },
      { match: 'all', conditions: [{ field: 'tags', op: 'hasNone', values: ['vip'] }] },
      ...(['new', 'active', 'dormant', 'churned'] as const).flatMap((stage) => [
        { match: 'all', conditions: [{ field: 'lifecycleStage', op: 'in', values: [stage] }] },
        { match: 'all', conditions: [{ field: 'lifecycleStage', op: 'notIn', values: [stage] }] },
      ]),
    ];
    let nonEmpty = 0;
    for (let r = 0; r < fixed.length + 30; r++) {
      const inner = fixed[r] ?? { match: pick(['all', 'any']), conditions: Array.from({ length: 1 + rand(3) }, () => pick(conditions)()) };
      // Scope every rule to this test's customers: tag AND (the random rule).
      const parsed = segmentRuleSchema.parse(inner);
      const node = compileSegmentRule(parsed);
      const expected = facts.filter((f) => matchesSegment(node, f, new Date())).map((f) => f.customerRef).sort();
      const scoped = inner.match === 'all' ? { match: 'all', conditions: [tagged(TAG), ...inner.conditions] } : undefined;
      const rule = scoped ?? inner;
      const saved = await crm.post('/api/v1/segments', { name: `xcheck-${r}`, rule });
      expect(saved.statusCode, saved.body).toBe(201);
      const got = (await members(saved.json().segmentId)).map((m) => m.customerRef).filter((ref) => ref.startsWith('xc-')).sort();
      expect(got, JSON.stringify(inner)).toEqual(expected);
      if (scoped) expect((await crm.post('/api/v1/segments/preview', { rule })).json().count, JSON.stringify(inner)).toBe(expected.length);
      if (expected.length > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThan(15); // the rules are not all trivially empty
  }, 120_000);

  it('masks members’ personal data for an analyst', async () => {
    await upsert([{ customerRef: 'pii-seg', displayName: '欧阳娜娜', phone: '13700001234', tags: ['pii-seg'] }]);
    const seg = (await crm.post('/api/v1/segments', { name: 'pii', rule: all(tagged('pii-seg')) })).json();
    expect(await members(seg.segmentId, analyst)).toMatchObject([{ displayName: '欧***', phone: '137****1234', piiMasked: true }]);
    expect(await members(seg.segmentId, crm)).toMatchObject([{ displayName: '欧阳娜娜', phone: '13700001234', piiMasked: false }]);
  });
});

describe('issuing a coupon batch to a segment', () => {
  it('issues page by page up to the stock, then to the rest on a re-run, never past the per-customer limit', async () => {
    const tag = 'issue-big';
    await upsert(Array.from({ length: 1100 }, (_, i) => ({ customerRef: `big-${String(i).padStart(4, '0')}`, tags: [tag] })));
    const segmentId = (await crm.post('/api/v1/segments', { name: '发券人群', rule: all(tagged(tag)) })).json().segmentId;
    const batchId = (await owner.post('/api/v1/coupon-batches', couponBatch({ totalQuantity: 1050, perCustomerLimit: 1 }))).json().batchId;

    const first = await campaign.post(`/api/v1/coupon-batches/${batchId}/issue-to-segment`, { segmentId }, { 'idempotency-key': 'seg-issue-1' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ segmentId, members: 1100, issued: 1050, skipped: { coupon_claim_limit_reached: 0, coupon_sold_out: 50 } });
    // The same key answers the same, and issues nothing more.
    const replay = await campaign.post(`/api/v1/coupon-batches/${batchId}/issue-to-segment`, { segmentId }, { 'idempotency-key': 'seg-issue-1' });
    expect(replay.json()).toEqual(first.json());
    expect((await owner.get(`/api/v1/coupon-batches/${batchId}`)).json().claimedCount).toBe(1050);

    await owner.patch(`/api/v1/coupon-batches/${batchId}`, { totalQuantity: 5000 });
    const rerun = await campaign.post(`/api/v1/coupon-batches/${batchId}/issue-to-segment`, { segmentId });
    expect(rerun.json()).toEqual({ segmentId, members: 1100, issued: 50, skipped: { coupon_claim_limit_reached: 1050, coupon_sold_out: 0 } });
    const third = await campaign.post(`/api/v1/coupon-batches/${batchId}/issue-to-segment`, { segmentId });
    expect(third.json()).toMatchObject({ issued: 0, skipped: { coupon_claim_limit_reached: 1100 } });
    // Each member holds exactly one coupon of the batch.
    const held = await h.test.database.db
      .selectFrom('coupons')
      .select(['customer_ref', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('tenant_id', '=', h.shopA.tenantId)
      .where('batch_id', '=', batchId)
      .groupBy('customer_ref')
      .execute();
    expect(held).toHaveLength(1100);
    expect(held.every((r) => Number(r.n) === 1)).toBe(true);
    const audit = (await owner.get('/api/v1/audit-events?limit=200')).json().items.filter((e: { action: string; entityId: string }) => e.action === 'issue_to_segment' && e.entityId === batchId);
    expect(audit).toHaveLength(3);
  }, 120_000);

  it('honours a per-customer limit above one, one coupon per member per run', async () => {
    await upsert([{ customerRef: 'lim-1', tags: ['lim'] }, { customerRef: 'lim-2', tags: ['lim'] }]);
    const segmentId = (await crm.post('/api/v1/segments', { name: 'lim', rule: all(tagged('lim')) })).json().segmentId;
    const batchId = (await owner.post('/api/v1/coupon-batches', couponBatch({ perCustomerLimit: 2 }))).json().batchId;
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push((await owner.post(`/api/v1/coupon-batches/${batchId}/issue-to-segment`, { segmentId })).json());
    expect(runs.map((r) => [r.issued, r.skipped.coupon_claim_limit_reached])).toEqual([[2, 0], [2, 0], [0, 2]]);
  });

  it('refuses a batch that is not active, and unknown segments or batches', async () => {
    const segmentId = (await crm.post('/api/v1/segments', { name: 'draft', rule: all(tagged('lim')) })).json().segmentId;
    const draft = (await owner.post('/api/v1/coupon-batches', couponBatch({ status: 'draft' }))).json().batchId;
    const res = await owner.post(`/api/v1/coupon-batches/${draft}/issue-to-segment`, { segmentId });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('coupon_batch_not_active');
    expect((await owner.post(`/api/v1/coupon-batches/${draft}/issue-to-segment`, { segmentId: 'seg_00000000000000000000000000' })).statusCode).toBe(404);
  });

  it('is for roles that write promotions: CRM may not issue', async () => {
    const res = await crm.post(`/api/v1/coupon-batches/cpb_00000000000000000000000000/issue-to-segment`, { segmentId: 'seg_00000000000000000000000000' });
    expect(res.statusCode).toBe(403);
  });
});

describe('price preview with a known customer', () => {
  const cart = [{ lineId: 'a', skuId: 'mp-sku', quantity: 1, unitPrice: 10000, channelId: 'chn-web' }];
  beforeAll(async () => {
    const promo = await owner.post('/api/v1/promotions', {
      name: '会员价',
      code: 'memberPrice',
      args: { scope: { type: 'skus', ids: ['mp-sku'] }, prices: { gold: { type: 'percent', payBp: 8000 } } },
      status: 'active',
    });
    expect(promo.statusCode, promo.body).toBe(201);
    await upsert([{ customerRef: 'pp-gold', memberTier: 'gold', ordersCount: 0, pointsBalance: 700 }, { customerRef: 'pp-regular', ordersCount: 4 }]);
  });

  it('prices with the stored tier, points and new-customer status when the request leaves them out', async () => {
    const res = await owner.post('/api/v1/promotions/preview', { lines: cart, customer: { customerRef: 'pp-gold' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().customer).toEqual({
      customerRef: 'pp-gold', known: true, tier: 'gold', isNewCustomer: true, points: 700,
      from: { tier: 'customer', isNewCustomer: 'customer', points: 'customer' },
    });
    expect(res.json().breakdown.applied.map((a: { code: string; saved: number }) => [a.code, a.saved])).toEqual([['memberPrice', 2000]]);
  });

  it('lets explicit values in the request win', async () => {
    const res = await owner.post('/api/v1/promotions/preview', { lines: cart, customer: { customerRef: 'pp-gold', tier: 'regular', points: 0, isNewCustomer: false } });
    expect(res.json().customer).toMatchObject({ known: true, tier: 'regular', points: 0, isNewCustomer: false, from: { tier: 'request', isNewCustomer: 'request', points: 'request' } });
    expect(res.json().breakdown.applied).toEqual([]);
  });

  it('explains the difference between two customers by the rule the breakdown names', async () => {
    const gold = (await owner.post('/api/v1/promotions/preview', { lines: cart, customer: { customerRef: 'pp-gold' } })).json();
    const regular = (await owner.post('/api/v1/promotions/preview', { lines: cart, customer: { customerRef: 'pp-regular' } })).json();
    expect(regular.customer).toMatchObject({ known: true, tier: 'regular', isNewCustomer: false, points: 0 });
    expect(regular.breakdown.payable - gold.breakdown.payable).toBe(2000);
    expect(gold.breakdown.applied).toEqual([expect.objectContaining({ code: 'memberPrice', saved: 2000 })]);
    expect(regular.breakdown.applied).toEqual([]);
  });

  it('falls back to the defaults for an unknown ref', async () => {
    const res = await owner.post('/api/v1/promotions/preview', { lines: cart, customer: { customerRef: 'nobody-here' } });
    expect(res.json().customer).toMatchObject({ known: false, tier: 'regular', isNewCustomer: false, points: 0, from: { tier: 'default' } });
  });
});

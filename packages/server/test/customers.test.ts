import { sql } from '@yunying/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from './harness.ts';

let h: Harness;
let owner: Caller;
let crm: Caller;
let analyst: Caller;
let service: Caller;
let campaign: Caller;
let n = 0;
const ref = (prefix = 'cus') => `${prefix}-${Date.now().toString(36)}-${++n}`;

beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
  crm = await h.member(h.shopA.tenantId, 'crm');
  analyst = await h.member(h.shopA.tenantId, 'analyst');
  service = await h.member(h.shopA.tenantId, 'service_agent');
  campaign = await h.member(h.shopA.tenantId, 'campaign_manager');
}, 60_000);
afterAll(async () => h?.close());

async function newCustomer(body: Record<string, unknown> = {}) {
  const res = await crm.post('/api/v1/customers', { customerRef: ref(), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('customers', () => {
  it('creates a customer with its phone and region normalised, and reads it back', async () => {
    const created = await newCustomer({ displayName: '张三丰', phone: '138 1234 5678', email: 'Zhang@Example.com', region: '广东省', gender: 'male', birthday: '1990-05-01', tags: ['vip', 'vip', '母婴'] });
    expect(created).toMatchObject({ phone: '13812345678', email: 'zhang@example.com', region: '广东', memberTier: 'regular', tags: ['vip', '母婴'], pointsBalance: 0, piiMasked: false, birthday: '1990-05-01' });
    expect(created.customerId).toMatch(/^cus_/);
    const got = await crm.get(`/api/v1/customers/${created.customerId}`);
    expect(got.json()).toEqual(created);
  });

  it('refuses a second customer with the same customerRef', async () => {
    const c = await newCustomer();
    const again = await crm.post('/api/v1/customers', { customerRef: c.customerRef });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('customer_ref_taken');
  });

  it.each([
    ['a phone that is no mobile', { phone: '12345' }],
    ['a region that names no province', { region: '火星' }],
    ['a malformed birthday', { birthday: '1990-13-01' }],
    ['a bad email', { email: 'not-mail' }],
    ['a negative paid total', { paidTotalFen: -1 }],
    ['an unknown tier', { memberTier: 'platinum' }],
  ])('refuses %s with validation_failed', async (_what, body) => {
    const res = await crm.post('/api/v1/customers', { customerRef: ref(), ...body });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
  });

  it('refuses a last order before the first', async () => {
    const res = await crm.post('/api/v1/customers', { customerRef: ref(), firstOrderAt: '2026-05-01T00:00:00Z', lastOrderAt: '2026-04-01T00:00:00Z' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.lastOrderAt', message: 'before firstOrderAt' }]);
  });

  it('lists by tier, tag and ref prefix, page by page', async () => {
    const prefix = ref('list');
    for (let i = 0; i < 3; i++) await newCustomer({ customerRef: `${prefix}-${i}`, tags: i === 1 ? ['vip-list'] : [], memberTier: i === 2 ? 'gold' : 'regular' });
    const byRef = (await crm.get(`/api/v1/customers?q=${prefix}&limit=2`)).json();
    expect(byRef.items).toHaveLength(2);
    const next = (await crm.get(`/api/v1/customers?q=${prefix}&limit=2&cursor=${byRef.nextCursor}`)).json();
    expect(next.items).toHaveLength(1);
    expect(next.nextCursor).toBeNull();
    const refs = [...byRef.items, ...next.items].map((c: { customerRef: string }) => c.customerRef).sort();
    expect(refs).toEqual([`${prefix}-0`, `${prefix}-1`, `${prefix}-2`]);
    expect((await crm.get(`/api/v1/customers?tag=vip-list`)).json().items.map((c: { customerRef: string }) => c.customerRef)).toEqual([`${prefix}-1`]);
    expect((await crm.get(`/api/v1/customers?tier=gold&q=${prefix}`)).json().items.map((c: { customerRef: string }) => c.customerRef)).toEqual([`${prefix}-2`]);
  });

  it('treats % and _ in the ref search as plain characters', async () => {
    await newCustomer({ customerRef: 'x%_literal' });
    const res = await crm.get(`/api/v1/customers?q=${encodeURIComponent('x%_')}`);
    expect(res.json().items.map((c: { customerRef: string }) => c.customerRef)).toEqual(['x%_literal']);
    expect((await crm.get(`/api/v1/customers?q=${encodeURIComponent('%')}`)).json().items).toEqual([]);
  });
});

describe('personal data', () => {
  let id: string;
  beforeAll(async () => {
    id = (await newCustomer({ displayName: '李小龙', phone: '13900001111', email: 'bruce@example.com', birthday: '1940-11-27', region: '广东' })).customerId;
  });

  it('masks name, phone, email and birthday for an analyst, in the record and in lists', async () => {
    const res = await analyst.get(`/api/v1/customers/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '李**', phone: '139****1111', email: 'b***@example.com', birthday: '****-**-**', region: '广东', piiMasked: true });
    const list = await analyst.get('/api/v1/customers?limit=200');
    expect(list.body).not.toContain('13900001111');
    expect(list.body).not.toContain('李小龙');
    expect(list.body).not.toContain('bruce@');
  });

  it('masks for a campaign manager too (customers.read without customers.pii)', async () => {
    expect((await campaign.get(`/api/v1/customers/${id}`)).json()).toMatchObject({ phone: '139****1111', piiMasked: true });
  });

  it('shows them plain to CRM, service agents and the owner', async () => {
    for (const caller of [crm, service, owner]) {
      expect((await caller.get(`/api/v1/customers/${id}`)).json()).toMatchObject({ displayName: '李小龙', phone: '13900001111', email: 'bruce@example.com', birthday: '1940-11-27', piiMasked: false });
    }
  });

  it('lets an analyst read but not write customers', async () => {
    const res = await analyst.patch(`/api/v1/customers/${id}`, { tags: ['x'] });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden', permission: 'customers.write' });
  });

  it('keeps personal data masked in the audit log', async () => {
    await crm.patch(`/api/v1/customers/${id}`, { phone: '13900002222' });
    const events = (await owner.get(`/api/v1/audit-events?limit=200`)).body;
    expect(events).toContain('139****2222');
    expect(events).not.toContain('13900002222');
    expect(events).not.toContain('13900001111');
  });
});

describe('bulk upsert', () => {
  it('creates new and updates existing customers by ref, keeping fields not given', async () => {
    const existing = await newCustomer({ displayName: '王五', tags: ['old'] });
    const fresh = ref('bulk');
    const res = await crm.post('/api/v1/customers/bulk-upsert', {
      customers: [
        { customerRef: existing.customerRef, ordersCount: 3, paidTotalFen: 45_000, lastOrderAt: '2026-01-01T00:00:00Z', firstOrderAt: '2025-01-01T00:00:00Z' },
        { customerRef: fresh, displayName: '赵六', tags: ['new'] },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    const [firstId, secondId] = res.json().customerIds;
    expect(firstId).toBe(existing.customerId);
    expect((await crm.get(`/api/v1/customers/${firstId}`)).json()).toMatchObject({ displayName: '王五', tags: ['old'], ordersCount: 3, paidTotalFen: 45_000 });
    expect((await crm.get(`/api/v1/customers/${secondId}`)).json()).toMatchObject({ customerRef: fresh, displayName: '赵六', ordersCount: 0 });
    const again = await crm.post('/api/v1/customers/bulk-upsert', { customers: [{ customerRef: fresh, displayName: '赵六' }] });
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it('writes nothing when one row is bad (all or none)', async () => {
    const good = ref('atomic');
    const res = await crm.post('/api/v1/customers/bulk-upsert', { customers: [{ customerRef: good }, { customerRef: ref(), phone: '000' }] });
    expect(res.statusCode).toBe(400);
    const late = await crm.post('/api/v1/customers/bulk-upsert', {
      customers: [{ customerRef: good }, { customerRef: ref(), firstOrderAt: '2026-02-01T00:00:00Z', lastOrderAt: '2026-01-01T00:00:00Z' }],
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().errors).toEqual([{ path: 'body.customers.1.lastOrderAt', message: 'before firstOrderAt' }]);
    expect((await crm.get(`/api/v1/customers?q=${good}`)).json().items).toEqual([]);
  });

  it('refuses a ref given twice and more than 1,000 rows', async () => {
    const twice = ref('twice');
    const dup = await crm.post('/api/v1/customers/bulk-upsert', { customers: [{ customerRef: twice }, { customerRef: twice }] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0].path).toBe('body.customers.1.customerRef');
    const tooMany = await crm.post('/api/v1/customers/bulk-upsert', { customers: Array.from({ length: 1001 }, (_, i) => ({ customerRef: `many-${i}` })) });
    expect(tooMany.statusCode).toBe(400);
  });

  it('imports 1,000 customers in one call', async () => {
    const prefix = ref('k');
    const res = await crm.post('/api/v1/customers/bulk-upsert', {
      customers: Array.from({ length: 1000 }, (_, i) => ({ customerRef: `${prefix}-${String(i).padStart(4, '0')}`, ordersCount: i % 5, paidTotalFen: i * 100, tags: i % 2 ? ['odd'] : [] })),
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json()).toMatchObject({ created: 1000, updated: 0 });
    const count = await sql<{ n: string | number }>`select count(*) as n from customers where tenant_id = ${h.shopA.tenantId} and starts_with(customer_ref, ${prefix})`.execute(h.test.database.db);
    expect(Number(count.rows[0]!.n)).toBe(1000);
  }, 60_000);

  it('sets a points balance through an adjust entry of the ledger', async () => {
    const r = ref('pts');
    const first = (await crm.post('/api/v1/customers/bulk-upsert', { customers: [{ customerRef: r, pointsBalance: 500 }] })).json();
    const id = first.customerIds[0];
    const second = (await crm.post('/api/v1/customers/bulk-upsert', { customers: [{ customerRef: r, pointsBalance: 200 }] })).json();
    expect(second).toMatchObject({ created: 0, updated: 1 });
    expect((await crm.get(`/api/v1/customers/${id}`)).json().pointsBalance).toBe(200);
    const entries = (await crm.get(`/api/v1/customers/${id}/points`)).json().items;
    const seen = entries.map((e: { kind: string; points: number; balanceAfter: number }) => [e.kind, e.points, e.balanceAfter]);
    expect(seen.sort((a: [string, number, number], b: [string, number, number]) => a[2] - b[2])).toEqual([['adjust', -300, 200], ['adjust', 500, 500]]);
  });
});

describe('member tiers', () => {
  it('upgrades at once when the 12-month spend qualifies, and downgrades only at review', async () => {
    const c = await newCustomer();
    const up = await crm.patch(`/api/v1/customers/${c.customerId}`, { paidLast12mFen: 500_000 });
    expect(up.json().memberTier).toBe('gold');
    const fell = await crm.patch(`/api/v1/customers/${c.customerId}`, { paidLast12mFen: 150_000 });
    expect(fell.json().memberTier).toBe('gold');
    const review = await crm.post(`/api/v1/customers/${c.customerId}/tier-review`);
    expect(review.statusCode, review.body).toBe(200);
    expect(review.json()).toMatchObject({ change: 'downgrade', previousTier: 'gold', customer: { memberTier: 'silver' } });
    expect(review.json().customer.tierReviewedAt).not.toBeNull();
    const again = await crm.post(`/api/v1/customers/${c.customerId}/tier-review`);
    expect(again.json()).toMatchObject({ change: 'none', customer: { memberTier: 'silver' } });
  });

  it('keeps a tier set by hand until review', async () => {
    const c = await newCustomer({ memberTier: 'diamond', paidLast12mFen: 0 });
    expect(c.memberTier).toBe('diamond');
    expect((await crm.post(`/api/v1/customers/${c.customerId}/tier-review`)).json()).toMatchObject({ change: 'downgrade', customer: { memberTier: 'regular' } });
  });

  it('reviews the whole shop, page by page, and changes nothing on a second run', async () => {
    const prefix = ref('review');
    // 1,100 customers: over two pages of the review. Every third was made gold by hand with no spend.
    const ids = (
      await crm.post('/api/v1/customers/bulk-upsert', {
        customers: Array.from({ length: 1000 }, (_, i) => ({ customerRef: `${prefix}-${i}`, ...(i % 3 === 0 ? { memberTier: 'gold' } : { paidLast12mFen: 150_000 }) })),
      })
    ).json().customerIds;
    await crm.post('/api/v1/customers/bulk-upsert', { customers: Array.from({ length: 100 }, (_, i) => ({ customerRef: `${prefix}-x${i}`, memberTier: 'diamond', paidLast12mFen: 600_000 })) });
    const first = await crm.post('/api/v1/customers/tier-review');
    expect(first.statusCode, first.body).toBe(200);
    const totals = first.json();
    expect(totals.reviewed).toBeGreaterThanOrEqual(1100);
    expect(totals.downgraded).toBeGreaterThanOrEqual(334 + 100); // 334 gold → regular, 100 diamond → gold
    expect((await crm.get(`/api/v1/customers/${ids[0]}`)).json().memberTier).toBe('regular');
    expect((await crm.get(`/api/v1/customers/${ids[1]}`)).json().memberTier).toBe('silver');
    expect((await crm.get(`/api/v1/customers?q=${prefix}-x0&limit=1`)).json().items[0].memberTier).toBe('gold');
    const second = (await crm.post('/api/v1/customers/tier-review')).json();
    expect(second).toMatchObject({ reviewed: totals.reviewed, upgraded: 0, downgraded: 0, unchanged: totals.reviewed });
  }, 120_000);

  it('upgrades on import too', async () => {
    const r = ref('tier');
    const res = (await crm.post('/api/v1/customers/bulk-upsert', { customers: [{ customerRef: r, paidLast12mFen: 2_000_000 }] })).json();
    expect((await crm.get(`/api/v1/customers/${res.customerIds[0]}`)).json().memberTier).toBe('diamond');
  });
});

describe('points ledger', () => {
  it('earns, spends and refuses to go below zero', async () => {
    const c = await newCustomer();
    const earn = await crm.post(`/api/v1/customers/${c.customerId}/points`, { kind: 'earn', points: 100, reason: '下单赠送', reference: 'ord-1' });
    expect(earn.statusCode, earn.body).toBe(201);
    expect(earn.json()).toMatchObject({ kind: 'earn', points: 100, balanceAfter: 100, reference: 'ord-1' });
    const spend = await crm.post(`/api/v1/customers/${c.customerId}/points`, { kind: 'spend', points: -60, reason: '抵扣' });
    expect(spend.json().balanceAfter).toBe(40);
    const over = await crm.post(`/api/v1/customers/${c.customerId}/points`, { kind: 'spend', points: -41, reason: '抵扣' });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'insufficient_points', balance: 40 });
    expect((await crm.get(`/api/v1/customers/${c.customerId}`)).json().pointsBalance).toBe(40);
  });

  it.each([
    ['an earn below zero', { kind: 'earn', points: -5, reason: 'x' }],
    ['a positive spend', { kind: 'spend', points: 5, reason: 'x' }],
    ['a positive expiry', { kind: 'expire', points: 5, reason: 'x' }],
    ['zero points', { kind: 'adjust', points: 0, reason: 'x' }],
    ['fractional points', { kind: 'adjust', points: 1.5, reason: 'x' }],
    ['no reason', { kind: 'adjust', points: 5 }],
  ])('refuses %s', async (_what, body) => {
    const c = await newCustomer();
    const res = await crm.post(`/api/v1/customers/${c.customerId}/points`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
  });

  it('never lets 50 concurrent spends take the balance below zero', async () => {
    const c = await newCustomer();
    await crm.post(`/api/v1/customers/${c.customerId}/points`, { kind: 'earn', points: 200, reason: '活动奖励' });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => crm.post(`/api/v1/customers/${c.customerId}/points`, { kind: 'spend', points: -10, reason: `并发 ${i}` })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((s) => s === 201)).toHaveLength(20);
    expect(codes.filter((s) => s === 409)).toHaveLength(30);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'insufficient_points')).toBe(true);
    expect((await crm.get(`/api/v1/customers/${c.customerId}`)).json().pointsBalance).toBe(0);
    const entries = (await crm.get(`/api/v1/customers/${c.customerId}/points?limit=200`)).json().items;
    expect(entries).toHaveLength(21);
    // Every balance from 190 down to 0 appears exactly once: the spends applied one after another.
    expect(entries.filter((e: { kind: string }) => e.kind === 'spend').map((e: { balanceAfter: number }) => e.balanceAfter).sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i * 10));
    const check = (await crm.get('/api/v1/customers/points-ledger-check')).json();
    expect(check.mismatches).toEqual([]);
    expect(check.entriesChecked).toBeGreaterThanOrEqual(21);
  }, 60_000);

  it('keeps the ledger append-only in the database, and the check finds a balance written around it', async () => {
    const c = await newCustomer();
    await crm.post(`/api/v1/customers/${c.customerId}/points`, { kind: 'earn', points: 10, reason: 'x' });
    const db = h.test.database.db;
    await expect(db.updateTable('points_ledger').set({ points: 1000 }).where('customer_id', '=', c.customerId).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('points_ledger').where('customer_id', '=', c.customerId).execute()).rejects.toThrow(/append-only/);
    await expect(db.updateTable('customers').set({ points_balance: -1 }).where('customer_id', '=', c.customerId).execute()).rejects.toThrow();
    await db.updateTable('customers').set({ points_balance: 999 }).where('customer_id', '=', c.customerId).execute();
    const check = (await crm.get('/api/v1/customers/points-ledger-check')).json();
    expect(check.mismatches).toEqual([{ customerId: c.customerId, balance: 999, ledgerSum: 10 }]);
    await db.updateTable('customers').set({ points_balance: 10 }).where('customer_id', '=', c.customerId).execute();
    expect((await crm.get('/api/v1/customers/points-ledger-check')).json().mismatches).toEqual([]);
  });

  it('answers 404 for the points of an unknown customer', async () => {
    const res = await crm.post('/api/v1/customers/cus_00000000000000000000000000/points', { kind: 'earn', points: 1, reason: 'x' });
    expect(res.statusCode).toBe(404);
  });
});

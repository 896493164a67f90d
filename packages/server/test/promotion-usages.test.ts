import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordPromotionUsage } from '../src/services/promotion-usages.ts';
import { createHarness, type Caller, type Harness } from './harness.ts';
import { flashSale, ladder, ownerActor } from './promotion-builders.ts';

let h: Harness;
let owner: Caller;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
}, 60_000);
afterAll(async () => h?.close());

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

/** An active 秒杀 at ¥99 on `sku` with `promoStock` units and `perCustomerLimit` per customer. */
async function activeFlashSale(sku: string, promoStock: number, perCustomerLimit: number): Promise<string> {
  const body = flashSale([sku], inDays(-1), inDays(1), { status: 'active' });
  const res = await owner.post('/api/v1/promotions', { ...body, args: { ...body.args, promoStock, perCustomerLimit } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().promotionId;
}

const use = (id: string, orderRef: string, customerRef: string, quantity: number, discountFen = 10000 * quantity) =>
  owner.post(`/api/v1/promotions/${id}/usages`, { orderRef, customerRef, quantity, discountFen });

describe('promotion usage accounting', () => {
  it('counts orders placed and not cancelled against promo stock and the customer’s limit', async () => {
    const id = await activeFlashSale('sku-u1', 3, 2);
    expect((await use(id, 'o1', 'amy', 2)).json()).toMatchObject({ counted: true, usage: { quantity: 2, status: 'counted' } });
    expect((await use(id, 'o1', 'amy', 2)).json().usage.orderRef).toBe('o1');
    expect((await use(id, 'o2', 'amy', 1)).json()).toMatchObject({ code: 'promotion_limit_reached', remaining: 0 });
    expect((await use(id, 'o3', 'ben', 2)).json()).toMatchObject({ code: 'promotion_sold_out', remaining: 1 });
    expect((await use(id, 'o3', 'ben', 1)).statusCode).toBe(201);
    const released = await owner.post(`/api/v1/promotions/${id}/usages/release`, { orderRef: 'o1' });
    expect(released.json()).toMatchObject({ counted: false, usage: { status: 'released' } });
    expect((await use(id, 'o4', 'amy', 2)).statusCode).toBe(201);
    const counted = (await owner.get(`/api/v1/promotions/${id}/usages?status=counted`)).json().items;
    expect(counted.map((u: { orderRef: string; quantity: number }) => [u.orderRef, u.quantity])).toEqual([['o3', 1], ['o4', 2]]);
    expect((await owner.get(`/api/v1/promotions/${id}/usages?limit=2`)).json().nextCursor).not.toBeNull();
  });

  it('counts nothing for an order the promotion gave no discount', async () => {
    const id = await activeFlashSale('sku-u2', 1, 1);
    expect((await use(id, 'free', 'cat', 1, 0)).json()).toEqual({ counted: false, usage: null });
    expect((await use(id, 'paid', 'cat', 1)).json().counted).toBe(true);
  });

  it('prices the preview with the stock left and the customer’s units already bought', async () => {
    const id = await activeFlashSale('sku-u3', 2, 1);
    await use(id, 'ord-dan', 'dan', 1);
    const line = { lineId: 'l', skuId: 'sku-u3', quantity: 2, unitPrice: 19900, channelId: 'web' };
    const dan = (await owner.post('/api/v1/promotions/preview', { lines: [line], customer: { customerRef: 'dan' } })).json().breakdown;
    // dan already bought his one unit: both units at list price.
    expect(dan.lines[0].unitPrices).toEqual([expect.objectContaining({ quantity: 2, unitPrice: 19900, promotionId: null })]);
    const eve = (await owner.post('/api/v1/promotions/preview', { lines: [line], customer: { customerRef: 'eve' } })).json().breakdown;
    // eve may buy one at ¥99 (limit 1, one unit of stock left); the other is at list price.
    expect(eve.payable).toBe(9900 + 19900);
  });

  it('never oversells promo stock under 40 concurrent orders', async () => {
    const id = await activeFlashSale('sku-u4', 10, 1);
    const actor = ownerActor(h.shopA.tenantId, h.shopA.ownerId);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => recordPromotionUsage(h.test.database.db, actor, id, { orderRef: `o-${i}`, customerRef: `c-${i % 20}`, quantity: 1, discountFen: 10000 })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const customers = results.flatMap((r) => (r.ok && r.value.usage ? [r.value.usage.customerRef] : []));
    expect(new Set(customers).size).toBe(10);
  });

  it('refuses usage of a promotion that is not in force', async () => {
    const id = (await owner.post('/api/v1/promotions', ladder([[10000, 1000]]))).json().promotionId;
    expect((await use(id, 'x', 'y', 1)).json().code).toBe('promotion_not_active');
  });
});

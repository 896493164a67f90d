import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addClaims, insertCouponBatch, insertCoupons, markCouponUsed, newId, releaseCouponUse, type CouponBatchFields } from '../src/index.ts';
import { openTestDatabase, TEST_ENGINE, type TestDatabase } from './test-database.ts';

let t: TestDatabase;
const tenantId = 'tnt_promotions_store';
const batch: CouponBatchFields = {
  name: '店铺券',
  kind: 'order',
  scope: { type: 'order' },
  thresholdFen: 10000,
  discount: { type: 'amount', amountFen: 1000 },
  validity: { type: 'daysAfterClaim', days: 7 },
  totalQuantity: 2,
  perCustomerLimit: 1,
  channelIds: null,
  tiers: null,
  priority: 0,
  exclusive: false,
  stacking: {},
  campaignId: null,
};

beforeAll(async () => {
  t = await openTestDatabase();
  await t.database.db.insertInto('tenants').values({ tenant_id: tenantId, name: 'x' }).execute();
});
afterAll(async () => t?.close());

async function coupon(batchId: string): Promise<string> {
  const [c] = await insertCoupons(t.database.db, tenantId, [{ couponId: newId('cpn'), batchId, customerRef: 'c', claimedAt: new Date(), validFrom: null, expiresAt: null }]);
  return c!.couponId;
}

describe(`promotions storage (${TEST_ENGINE})`, () => {
  it('refuses more claims than the total quantity in the database itself', async () => {
    const b = await insertCouponBatch(t.database.db, tenantId, newId('cpb'), batch, 'active');
    await addClaims(t.database.db, tenantId, b.batchId, 2);
    await expect(addClaims(t.database.db, tenantId, b.batchId, 1)).rejects.toThrow();
  });

  it('marks a coupon used once, keeps used and its order together, and releases only for that order', async () => {
    const b = await insertCouponBatch(t.database.db, tenantId, newId('cpb'), batch, 'active');
    const id = await coupon(b.batchId);
    const at = new Date();
    expect(await markCouponUsed(t.database.db, tenantId, id, { orderRef: 'o1', discountFen: 1000, at })).toMatchObject({ status: 'used', usedOrderRef: 'o1' });
    expect(await markCouponUsed(t.database.db, tenantId, id, { orderRef: 'o2', discountFen: 1000, at })).toBeUndefined();
    expect(await releaseCouponUse(t.database.db, tenantId, id, 'o2')).toBeUndefined();
    expect(await releaseCouponUse(t.database.db, tenantId, id, 'o1')).toMatchObject({ status: 'available', usedOrderRef: null });
    await expect(t.database.db.updateTable('coupons').set({ status: 'used' }).where('coupon_id', '=', id).execute()).rejects.toThrow();
  });

  it('lets an order use only one coupon of a batch', async () => {
    const b = await insertCouponBatch(t.database.db, tenantId, newId('cpb'), { ...batch, perCustomerLimit: 2 }, 'active');
    const [first, second] = [await coupon(b.batchId), await coupon(b.batchId)];
    const at = new Date();
    await markCouponUsed(t.database.db, tenantId, first, { orderRef: 'same', discountFen: 1000, at });
    await expect(markCouponUsed(t.database.db, tenantId, second, { orderRef: 'same', discountFen: 1000, at })).rejects.toThrow();
  });

  it('refuses a batch whose discount or validity columns contradict its type', async () => {
    const bad = t.database.db
      .insertInto('coupon_batches')
      .values({ tenant_id: tenantId, batch_id: newId('cpb'), name: 'x', kind: 'order', scope: '{}', threshold_fen: 0, discount_type: 'amount', validity_type: 'daysAfterClaim', valid_days: 1, total_quantity: 1, per_customer_limit: 1, priority: 0, exclusive: false, stacking: '{}' })
      .execute();
    await expect(bad).rejects.toThrow();
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from './harness.ts';
import { couponBatch, ladder } from './promotion-builders.ts';

// Generated input at the promotions endpoints: whatever arrives, the answer is a success or a
// 4xx problem with a stable code, never a 5xx (the engine must not throw on validated input).
let h: Harness;
let owner: Caller;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
  await owner.post('/api/v1/promotions', ladder([[30000, 5000], [50000, 9000]], { status: 'active' }));
  await owner.post('/api/v1/promotions', { name: '第二件半价', code: 'quantityDiscount', args: { mode: 'nthItem', scope: { type: 'order' }, n: 2, payBp: 5000, among: 'cheapest' }, status: 'active' });
  const batchId = (await owner.post('/api/v1/coupon-batches', couponBatch({ discount: { type: 'percent', payBp: 9000, capFen: 3000 }, thresholdFen: 0 }))).json().batchId;
  await owner.post(`/api/v1/coupon-batches/${batchId}/claims`, { customerRef: 'fuzzy' });
}, 60_000);
afterAll(async () => h?.close());

const number = fc.oneof(fc.integer({ min: -5, max: 100 }), fc.integer(), fc.double(), fc.constantFrom(0, -1, 1.5, 2 ** 53, 1e15, Number.MAX_SAFE_INTEGER));
const line = fc.record(
  {
    lineId: fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.string()),
    skuId: fc.constantFrom('sku-1', 'sku-2', ''),
    quantity: number,
    unitPrice: number,
    channelId: fc.constantFrom('web', 'app'),
    floorPrice: number,
    categoryIds: fc.oneof(fc.constant([]), fc.array(fc.string(), { maxLength: 2 }), fc.anything()),
    tags: fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }),
  },
  { requiredKeys: ['skuId', 'quantity', 'unitPrice', 'channelId'] },
);

describe('promotions endpoints under generated input', () => {
  it('answers any preview with a breakdown or a cart problem', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(line, fc.anything()), { maxLength: 6 }),
        fc.option(fc.oneof(fc.nat(), fc.constant('max' as const)), { nil: undefined }),
        async (lines, pointsToRedeem) => {
          const res = await owner.post('/api/v1/promotions/preview', {
            lines,
            customer: { customerRef: 'fuzzy', tier: 'gold', points: 5000 },
            ...(pointsToRedeem !== undefined ? { pointsToRedeem } : {}),
          });
          expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
          if (res.statusCode !== 200) expect(['cart_invalid', 'validation_failed', 'malformed_request']).toContain(res.json().code);
          else {
            const b = res.json().breakdown;
            expect(b.payable).toBe(b.listTotal - b.discountTotal - b.points.value + b.shipping.payable);
          }
        },
      ),
      { numRuns: 150, seed: Number(process.env.FUZZ_SEED ?? 20261122) },
    );
  }, 120_000);

  it('answers any promotion configuration with a promotion or a problem', async () => {
    const args = fc.oneof(
      fc.record({ scope: fc.constant({ type: 'order' }), mode: fc.constantFrom('ladder', 'repeat'), steps: fc.array(fc.record({ threshold: number, discount: number }), { maxLength: 4 }), every: number, discount: number }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 4 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('spendThresholdDiscount', 'spendThresholdPercent', 'flashSale', 'bundle', 'presale'), args, async (code, a) => {
        const res = await owner.post('/api/v1/promotions', { name: 'gen', code, args: a });
        expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
        if (res.statusCode >= 400) expect(['promotion_invalid', 'validation_failed', 'malformed_request']).toContain(res.json().code);
      }),
      { numRuns: 100, seed: Number(process.env.FUZZ_SEED ?? 20261122) },
    );
  }, 120_000);
});

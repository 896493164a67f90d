// Test-data builders for the promotions module: valid request bodies with sensible defaults.
import type { Actor } from '../src/services/result.ts';

export const ladder = (steps: [number, number][], extra: Record<string, unknown> = {}) => ({
  name: `满减 ${steps.map(([t, d]) => `${t / 100}-${d / 100}`).join(' ')}`,
  code: 'spendThresholdDiscount',
  args: { scope: { type: 'order' }, mode: 'ladder', steps: steps.map(([threshold, discount]) => ({ threshold, discount })) },
  ...extra,
});

export const flashSale = (skuIds: string[], startsAt: string, endsAt: string, extra: Record<string, unknown> = {}) => ({
  name: `秒杀 ${skuIds.join(',')}`,
  code: 'flashSale',
  args: { scope: { type: 'skus', ids: skuIds }, price: { type: 'fixed', unitPrice: 9900 }, promoStock: 100, perCustomerLimit: 1 },
  startsAt,
  endsAt,
  ...extra,
});

export const couponBatch = (extra: Record<string, unknown> = {}) => ({
  name: '店铺券 满200减20',
  kind: 'order',
  thresholdFen: 20000,
  discount: { type: 'amount', amountFen: 2000 },
  validity: { type: 'daysAfterClaim', days: 7 },
  totalQuantity: 100,
  status: 'active',
  ...extra,
});

export const ownerActor = (tenantId: string, userId: string): Actor => ({ tenantId, actorType: 'user', actorId: userId, userId, role: 'owner', requestId: null });

import { MEMBER_TIERS, scopeSchema } from '@yunying/core/promotions';
import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';
import { InstantInput, PlainText, PROMOTION_STATUSES, Stacking } from './promotions.ts';

export const COUPON_KINDS = ['order', 'product', 'newCustomer', 'shipping'] as const;
export const COUPON_STATUSES = ['available', 'used', 'revoked', 'expired'] as const;

const Fen = z.int().min(0).describe('fen');
const CustomerRef = PlainText(200).describe('the customer’s id in its source (the customers module comes later)');

export const CouponBatch = z.object({
  batchId: idSchema('cpb'),
  name: z.string(),
  kind: z.enum(COUPON_KINDS).describe('店铺券 order, 商品券 product, 新人券 newCustomer, 运费券 shipping'),
  scope: z.record(z.string(), z.unknown()),
  thresholdFen: z.int(),
  discount: z.union([
    z.object({ type: z.literal('amount'), amountFen: z.int() }),
    z.object({ type: z.literal('percent'), payBp: z.int(), capFen: z.int().nullable() }),
  ]),
  validity: z.union([
    z.object({ type: z.literal('window'), startsAt: Timestamp, endsAt: Timestamp }),
    z.object({ type: z.literal('daysAfterClaim'), days: z.int() }),
  ]),
  totalQuantity: z.int(),
  claimedCount: z.int(),
  perCustomerLimit: z.int(),
  channelIds: z.array(z.string()).nullable(),
  tiers: z.array(z.enum(MEMBER_TIERS)).nullable(),
  priority: z.int(),
  exclusive: z.boolean(),
  stacking: Stacking,
  status: z.enum(PROMOTION_STATUSES),
  campaignId: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const Coupon = z.object({
  couponId: idSchema('cpn'),
  batchId: idSchema('cpb'),
  customerRef: z.string(),
  claimedAt: Timestamp,
  validFrom: Timestamp.nullable(),
  expiresAt: Timestamp.nullable(),
  status: z.enum(COUPON_STATUSES),
  usedOrderRef: z.string().nullable(),
  usedAt: Timestamp.nullable(),
  usedDiscountFen: z.int().nullable(),
  revokedAt: Timestamp.nullable(),
});

const BatchSettings = {
  channelIds: z.array(idSchema('chn')).max(100).nullable().optional(),
  tiers: z.array(z.enum(MEMBER_TIERS)).min(1).nullable().optional(),
  priority: z.int().min(-1_000_000).max(1_000_000).optional(),
  exclusive: z.boolean().optional(),
  stacking: Stacking.optional(),
  campaignId: idSchema('cmp').nullable().optional(),
  totalQuantity: z.int().min(1).max(100_000_000),
  perCustomerLimit: z.int().min(1).max(1000).optional(),
};

const BatchParams = z.object({ batchId: idSchema('cpb') });
const CouponParams = z.object({ couponId: idSchema('cpn') });

export const listCouponBatches = endpoint({
  id: 'listCouponBatches',
  method: 'GET',
  path: '/api/v1/coupon-batches',
  access: 'promotions.read',
  summary: 'Coupon batches (优惠券) of this shop',
  tags: ['coupons'],
  query: PageQuery.extend({ status: z.enum(PROMOTION_STATUSES).optional(), kind: z.enum(COUPON_KINDS).optional(), campaignId: idSchema('cmp').optional() }),
  response: { 200: page(CouponBatch) },
});

export const getCouponBatch = endpoint({
  id: 'getCouponBatch',
  method: 'GET',
  path: '/api/v1/coupon-batches/:batchId',
  access: 'promotions.read',
  summary: 'One coupon batch',
  tags: ['coupons'],
  params: BatchParams,
  response: { 200: CouponBatch },
});

export const createCouponBatch = endpoint({
  id: 'createCouponBatch',
  method: 'POST',
  path: '/api/v1/coupon-batches',
  access: 'promotions.write',
  idempotent: true,
  summary: 'Define a coupon batch (threshold, amount or percentage with cap, validity, quantities); checked by the engine',
  tags: ['coupons'],
  body: z
    .object({
      name: PlainText(200),
      kind: z.enum(COUPON_KINDS),
      scope: scopeSchema.default({ type: 'order' }),
      thresholdFen: Fen.default(0),
      discount: z.discriminatedUnion('type', [
        z.object({ type: z.literal('amount'), amountFen: z.int().min(1) }).strict(),
        z.object({ type: z.literal('percent'), payBp: z.int().min(0).max(10_000), capFen: z.int().min(1).nullable().optional() }).strict(),
      ]),
      validity: z.discriminatedUnion('type', [
        z.object({ type: z.literal('window'), startsAt: InstantInput, endsAt: InstantInput }).strict(),
        z.object({ type: z.literal('daysAfterClaim'), days: z.int().min(1).max(3650) }).strict(),
      ]),
      ...BatchSettings,
      status: z.enum(['draft', 'active']).optional(),
    })
    .strict(),
  response: { 201: CouponBatch },
});

export const updateCouponBatch = endpoint({
  id: 'updateCouponBatch',
  method: 'PATCH',
  path: '/api/v1/coupon-batches/:batchId',
  access: 'promotions.write',
  summary: 'Change a coupon batch’s name, quantities, targeting or stacking (the coupon’s value stays as claimed)',
  tags: ['coupons'],
  params: BatchParams,
  body: z.object({ name: PlainText(200).optional(), ...BatchSettings, totalQuantity: BatchSettings.totalQuantity.optional() }).strict(),
  response: { 200: CouponBatch },
});

export const activateCouponBatch = endpoint({
  id: 'activateCouponBatch',
  method: 'POST',
  path: '/api/v1/coupon-batches/:batchId/activate',
  access: 'promotions.write',
  summary: 'Open a coupon batch for claims and pricing',
  tags: ['coupons'],
  params: BatchParams,
  response: { 200: CouponBatch },
});

export const pauseCouponBatch = endpoint({
  id: 'pauseCouponBatch',
  method: 'POST',
  path: '/api/v1/coupon-batches/:batchId/pause',
  access: 'promotions.write',
  summary: 'Stop claims and pricing of a coupon batch for a while',
  tags: ['coupons'],
  params: BatchParams,
  response: { 200: CouponBatch },
});

export const endCouponBatch = endpoint({
  id: 'endCouponBatch',
  method: 'DELETE',
  path: '/api/v1/coupon-batches/:batchId',
  access: 'promotions.write',
  summary: 'End a coupon batch for good (claimed coupons keep their history)',
  tags: ['coupons'],
  params: BatchParams,
  response: { 204: z.null() },
});

export const claimCoupon = endpoint({
  id: 'claimCoupon',
  method: 'POST',
  path: '/api/v1/coupon-batches/:batchId/claims',
  access: 'promotions.write',
  idempotent: true,
  summary: 'A customer claims a coupon (领券); total quantity and the per-customer limit hold under concurrent claims',
  tags: ['coupons'],
  params: BatchParams,
  body: z.object({ customerRef: CustomerRef }).strict(),
  response: { 201: Coupon },
});

export const issueCoupons = endpoint({
  id: 'issueCoupons',
  method: 'POST',
  path: '/api/v1/coupon-batches/:batchId/issues',
  access: 'promotions.write',
  idempotent: true,
  summary: 'Issue a coupon to each of a list of customers (发券; segments later); those at their limit or beyond the stock are skipped',
  tags: ['coupons'],
  params: BatchParams,
  body: z.object({ customerRefs: z.array(CustomerRef).min(1).max(1000) }).strict(),
  response: {
    201: z.object({
      issued: z.array(Coupon),
      skipped: z.array(z.object({ customerRef: z.string(), reason: z.enum(['coupon_claim_limit_reached', 'coupon_sold_out']) })),
    }),
  },
});

export const listCoupons = endpoint({
  id: 'listCoupons',
  method: 'GET',
  path: '/api/v1/coupons',
  access: 'promotions.read',
  summary: 'Claimed coupons, by batch, customer or status',
  tags: ['coupons'],
  query: PageQuery.extend({ batchId: idSchema('cpb').optional(), customerRef: CustomerRef.optional(), status: z.enum(COUPON_STATUSES).optional() }),
  response: { 200: page(Coupon) },
});

export const getCoupon = endpoint({
  id: 'getCoupon',
  method: 'GET',
  path: '/api/v1/coupons/:couponId',
  access: 'promotions.read',
  summary: 'One claimed coupon',
  tags: ['coupons'],
  params: CouponParams,
  response: { 200: Coupon },
});

export const revokeCoupon = endpoint({
  id: 'revokeCoupon',
  method: 'POST',
  path: '/api/v1/coupons/:couponId/revoke',
  access: 'promotions.write',
  summary: 'Revoke a coupon the customer has not used',
  tags: ['coupons'],
  params: CouponParams,
  response: { 200: Coupon },
});

export const redeemCoupon = endpoint({
  id: 'redeemCoupon',
  method: 'POST',
  path: '/api/v1/coupons/:couponId/redeem',
  access: 'promotions.write',
  summary:
    'Use a coupon for an order, atomically: one coupon, one order, even under concurrent checkouts. Repeating it for the same order is a no-op; ' +
    'a coupon that gave no discount (discountFen 0) is not used up.',
  tags: ['coupons'],
  params: CouponParams,
  body: z
    .object({
      orderRef: PlainText(200),
      discountFen: Fen.describe('what the coupon saved on this order (from the price breakdown)'),
      customerRef: CustomerRef.optional().describe('when given, the coupon must be this customer’s'),
    })
    .strict(),
  response: { 200: Coupon },
});

export const releaseCoupon = endpoint({
  id: 'releaseCoupon',
  method: 'POST',
  path: '/api/v1/coupons/:couponId/release',
  access: 'promotions.write',
  summary: 'Give the use back when the order that used the coupon is cancelled or timed out',
  tags: ['coupons'],
  params: CouponParams,
  body: z.object({ orderRef: PlainText(200) }).strict(),
  response: { 200: Coupon },
});

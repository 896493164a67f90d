import { coupons } from '@yunying/contracts';
import { effectiveCouponStatus, findCoupon, findCouponBatch, listCouponBatches, listCoupons, type CouponBatchRecord, type CouponRecord } from '@yunying/db';
import type { MemberTier, StackClass } from '@yunying/core/promotions';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import { changeCouponBatch, claimCoupon, createCouponBatch, issueCoupons, transitionCouponBatch } from '../services/coupon-batches.ts';
import { redeemCoupon, releaseCoupon, revokeCoupon } from '../services/coupons.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';
import { isoTimestamp, isoTimestampOrNull } from '@yunying/core/time';

type Stacking = { allow?: StackClass[]; forbid?: StackClass[] };

function toApiBatch(b: CouponBatchRecord) {
  const v = b.validity;
  return {
    ...b,
    kind: b.kind as (typeof coupons.COUPON_KINDS)[number],
    status: b.status as 'draft' | 'active' | 'paused' | 'ended',
    tiers: b.tiers as MemberTier[] | null,
    stacking: b.stacking as Stacking,
    validity: v.type === 'window' ? { type: v.type, startsAt: isoTimestamp(v.startsAt), endsAt: isoTimestamp(v.endsAt) } : v,
    createdAt: isoTimestamp(b.createdAt),
    updatedAt: isoTimestamp(b.updatedAt),
  };
}

function toApiCoupon(c: CouponRecord, now = new Date()) {
  return {
    couponId: c.couponId,
    batchId: c.batchId,
    customerRef: c.customerRef,
    claimedAt: isoTimestamp(c.claimedAt),
    validFrom: isoTimestampOrNull(c.validFrom),
    expiresAt: isoTimestampOrNull(c.expiresAt),
    status: effectiveCouponStatus(c, now) as (typeof coupons.COUPON_STATUSES)[number],
    usedOrderRef: c.usedOrderRef,
    usedAt: isoTimestampOrNull(c.usedAt),
    usedDiscountFen: c.usedDiscountFen,
    revokedAt: isoTimestampOrNull(c.revokedAt),
  };
}

export function couponRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, coupons.listCouponBatches, async ({ query, request }) => {
    const rows = await listCouponBatches(ctx.db, actorOf(request).tenantId, {
      status: query.status,
      kind: query.kind,
      campaignId: query.campaignId,
      limit: query.limit + 1,
      afterBatchId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (b) => b.batchId, toApiBatch);
  });

  registerEndpoint(app, ctx, coupons.getCouponBatch, async ({ params, request }) => {
    const found = await findCouponBatch(ctx.db, actorOf(request).tenantId, params.batchId);
    if (!found) throw new ApiError('not_found');
    return toApiBatch(found);
  });

  registerEndpoint(app, ctx, coupons.createCouponBatch, async ({ body, request }) => toApiBatch(unwrap(await createCouponBatch(ctx.db, actorOf(request), body))));

  registerEndpoint(app, ctx, coupons.updateCouponBatch, async ({ params, body, request }) =>
    toApiBatch(unwrap(await changeCouponBatch(ctx.db, actorOf(request), params.batchId, body))),
  );

  registerEndpoint(app, ctx, coupons.activateCouponBatch, async ({ params, request }) =>
    toApiBatch(unwrap(await transitionCouponBatch(ctx.db, actorOf(request), params.batchId, 'active'))),
  );

  registerEndpoint(app, ctx, coupons.pauseCouponBatch, async ({ params, request }) =>
    toApiBatch(unwrap(await transitionCouponBatch(ctx.db, actorOf(request), params.batchId, 'paused'))),
  );

  registerEndpoint(app, ctx, coupons.endCouponBatch, async ({ params, request }) => {
    unwrap(await transitionCouponBatch(ctx.db, actorOf(request), params.batchId, 'ended'));
    return null;
  });

  registerEndpoint(app, ctx, coupons.claimCoupon, async ({ params, body, request }) =>
    toApiCoupon(unwrap(await claimCoupon(ctx.db, actorOf(request), params.batchId, body.customerRef))),
  );

  registerEndpoint(app, ctx, coupons.issueCoupons, async ({ params, body, request }) => {
    const r = unwrap(await issueCoupons(ctx.db, actorOf(request), params.batchId, body.customerRefs));
    return { issued: r.issued.map((c) => toApiCoupon(c)), skipped: r.skipped };
  });

  registerEndpoint(app, ctx, coupons.listCoupons, async ({ query, request }) => {
    const rows = await listCoupons(ctx.db, actorOf(request).tenantId, {
      batchId: query.batchId,
      customerRef: query.customerRef,
      status: query.status,
      now: new Date(),
      limit: query.limit + 1,
      afterCouponId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (c) => c.couponId, (c) => toApiCoupon(c));
  });

  registerEndpoint(app, ctx, coupons.getCoupon, async ({ params, request }) => {
    const found = await findCoupon(ctx.db, actorOf(request).tenantId, params.couponId);
    if (!found) throw new ApiError('not_found');
    return toApiCoupon(found);
  });

  registerEndpoint(app, ctx, coupons.revokeCoupon, async ({ params, request }) => toApiCoupon(unwrap(await revokeCoupon(ctx.db, actorOf(request), params.couponId))));

  registerEndpoint(app, ctx, coupons.redeemCoupon, async ({ params, body, request }) =>
    toApiCoupon(unwrap(await redeemCoupon(ctx.db, actorOf(request), params.couponId, body))),
  );

  registerEndpoint(app, ctx, coupons.releaseCoupon, async ({ params, body, request }) =>
    toApiCoupon(unwrap(await releaseCoupon(ctx.db, actorOf(request), params.couponId, body.orderRef))),
  );
}

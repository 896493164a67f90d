import { promotions } from '@yunying/contracts';
import { findPromotion, listPromotions, listPromotionUsages, type PromotionRecord, type PromotionUsageRecord } from '@yunying/db';
import { RULES, STACKING_ORDER, type MemberTier, type StackClass } from '@yunying/core/promotions';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import { previewPrices } from '../services/price-preview.ts';
import { recordPromotionUsage, releasePromotionUsage, type UsageOutcome } from '../services/promotion-usages.ts';
import { changePromotion, createPromotion, transitionPromotion } from '../services/promotions.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';
import { isoTimestamp, isoTimestampOrNull } from '@yunying/core/time';

type Code = (typeof promotions.PROMOTION_RULE_CODES)[number];
type Status = (typeof promotions.PROMOTION_STATUSES)[number];
type Stacking = { allow?: StackClass[]; forbid?: StackClass[] };

export function toApiPromotion(p: PromotionRecord) {
  return {
    ...p,
    code: p.code as Code,
    status: p.status as Status,
    tiers: p.tiers as MemberTier[] | null,
    stacking: p.stacking as Stacking,
    startsAt: isoTimestampOrNull(p.startsAt),
    endsAt: isoTimestampOrNull(p.endsAt),
    createdAt: isoTimestamp(p.createdAt),
    updatedAt: isoTimestamp(p.updatedAt),
  };
}

function toApiUsageRecord(u: PromotionUsageRecord) {
  return { ...u, status: u.status as 'counted' | 'released', usedAt: isoTimestamp(u.usedAt), releasedAt: isoTimestampOrNull(u.releasedAt) };
}

function toApiUsage({ counted, usage }: UsageOutcome) {
  return { counted, usage: usage && toApiUsageRecord(usage) };
}

/** The rule registry and stacking order as data, computed once (they are constants). */
const RULE_CATALOGUE = {
  stackingOrder: STACKING_ORDER.map((s) => ({ ...s, codes: [...s.codes] })),
  rules: Object.values(RULES).map((r) => ({ code: r.code, stage: r.stage, label: r.label, argsJsonSchema: z.toJSONSchema(r.argsSchema, { io: 'input' }) as Record<string, unknown> })),
};

export function promotionRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, promotions.listPromotions, async ({ query, request }) => {
    const rows = await listPromotions(ctx.db, actorOf(request).tenantId, {
      status: query.status,
      code: query.code,
      campaignId: query.campaignId,
      limit: query.limit + 1,
      afterPromotionId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (p) => p.promotionId, toApiPromotion);
  });

  registerEndpoint(app, ctx, promotions.getPromotion, async ({ params, request }) => {
    const found = await findPromotion(ctx.db, actorOf(request).tenantId, params.promotionId);
    if (!found) throw new ApiError('not_found');
    return toApiPromotion(found);
  });

  registerEndpoint(app, ctx, promotions.createPromotion, async ({ body, request }) => toApiPromotion(unwrap(await createPromotion(ctx.db, actorOf(request), body))));

  registerEndpoint(app, ctx, promotions.updatePromotion, async ({ params, body, request }) =>
    toApiPromotion(unwrap(await changePromotion(ctx.db, actorOf(request), params.promotionId, body))),
  );

  registerEndpoint(app, ctx, promotions.activatePromotion, async ({ params, request }) =>
    toApiPromotion(unwrap(await transitionPromotion(ctx.db, actorOf(request), params.promotionId, 'active'))),
  );

  registerEndpoint(app, ctx, promotions.pausePromotion, async ({ params, request }) =>
    toApiPromotion(unwrap(await transitionPromotion(ctx.db, actorOf(request), params.promotionId, 'paused'))),
  );

  registerEndpoint(app, ctx, promotions.endPromotion, async ({ params, request }) => {
    unwrap(await transitionPromotion(ctx.db, actorOf(request), params.promotionId, 'ended'));
    return null;
  });

  registerEndpoint(app, ctx, promotions.recordPromotionUsage, async ({ params, body, request }) =>
    toApiUsage(unwrap(await recordPromotionUsage(ctx.db, actorOf(request), params.promotionId, body))),
  );

  registerEndpoint(app, ctx, promotions.listPromotionUsages, async ({ params, query, request }) => {
    const tenantId = actorOf(request).tenantId;
    if (!(await findPromotion(ctx.db, tenantId, params.promotionId))) throw new ApiError('not_found');
    const rows = await listPromotionUsages(ctx.db, tenantId, params.promotionId, { status: query.status, limit: query.limit + 1, afterOrderRef: decodeCursor(query.cursor) });
    return toPage(rows, query.limit, (u) => u.orderRef, toApiUsageRecord);
  });

  registerEndpoint(app, ctx, promotions.releasePromotionUsage, async ({ params, body, request }) =>
    toApiUsage(unwrap(await releasePromotionUsage(ctx.db, actorOf(request), params.promotionId, body.orderRef))),
  );

  registerEndpoint(app, ctx, promotions.getPromotionRules, async () => RULE_CATALOGUE);

  registerEndpoint(app, ctx, promotions.previewPrices, async ({ body, request }) => {
    const r = unwrap(await previewPrices(ctx.db, actorOf(request).tenantId, body));
    return { at: isoTimestamp(r.at), promotionsInForce: r.promotionsInForce, heldCouponIds: r.heldCouponIds, shippingTemplateId: r.shippingTemplateId, customer: { ...r.customer, tier: r.customer.tier as MemberTier }, breakdown: r.breakdown as unknown as Record<string, unknown> };
  });
}

import { catalogLifecycle } from '@yunying/contracts';
import { LIFECYCLE_RULE, suggestLifecycle, type LifecycleStage } from '@yunying/core/catalog';
import { productSalesWindows, type ProductSalesRow } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { registerEndpoint, type RouteContext } from './register.ts';

const DAY_MS = 86_400_000;

/** A product's stage as set by hand beside the one its last two 28-day windows of sales suggest. */
function toSuggestion(row: ProductSalesRow, now: Date) {
  const ageDays = Math.max(0, Math.floor((now.getTime() - row.createdAt.getTime()) / DAY_MS));
  const s = suggestLifecycle({ ageDays, recentUnits: row.recentUnits, previousUnits: row.previousUnits });
  return {
    productId: row.productId,
    title: row.title,
    status: row.status as 'draft' | 'on_sale' | 'off_sale',
    currentStage: row.lifecycleStage as LifecycleStage,
    suggestedStage: s.stage,
    differs: s.stage !== row.lifecycleStage,
    reason: s.reason,
    ageDays,
    recentUnits: row.recentUnits,
    previousUnits: row.previousUnits,
    changeBp: s.changeBp,
  };
}

export function catalogLifecycleRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, catalogLifecycle.listLifecycleSuggestions, async ({ query, request }) => {
    const now = new Date();
    const rows = await productSalesWindows(ctx.db, actorOf(request).tenantId, {
      now,
      windowDays: LIFECYCLE_RULE.windowDays,
      limit: query.limit + 1,
      afterProductId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (r) => r.productId, (r) => toSuggestion(r, now));
  });
}

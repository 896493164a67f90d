import { stocktakes } from '@yunying/contracts';
import { listStocktakes, type StocktakeRecord } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import type { Result } from '../services/result.ts';
import { cancelStocktake, createStocktake, postStocktake, recordStocktakeCounts, stocktakeReport, type StocktakeReport } from '../services/stocktakes.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';
import { isoTimestamp, isoTimestampOrNull } from '@yunying/core/time';

const headerToApi = (s: StocktakeRecord) => ({
  stocktakeId: s.stocktakeId,
  warehouseId: s.warehouseId,
  status: s.status,
  note: s.note,
  createdAt: isoTimestamp(s.createdAt),
  closedAt: isoTimestampOrNull(s.closedAt),
});
const reportToApi = (r: StocktakeReport) => ({ ...headerToApi(r), lines: r.lines, summary: r.summary });

export function stocktakeRoutes(app: FastifyInstance, ctx: RouteContext): void {
  /** Runs a sheet use case, then answers with the sheet's fresh report. */
  const thenReport = async (tenantId: string, result: Result<StocktakeRecord>) => {
    const sheet = unwrap(result);
    return reportToApi((await stocktakeReport(ctx.db, tenantId, sheet.stocktakeId))!);
  };

  registerEndpoint(app, ctx, stocktakes.listStocktakes, async ({ query, request }) => {
    const rows = await listStocktakes(ctx.db, actorOf(request).tenantId, {
      warehouseId: query.warehouseId,
      status: query.status,
      limit: query.limit + 1,
      beforeStocktakeId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (s) => s.stocktakeId, headerToApi);
  });

  registerEndpoint(app, ctx, stocktakes.createStocktake, async ({ body, request }) => {
    const actor = actorOf(request);
    return thenReport(actor.tenantId, await createStocktake(ctx.db, actor, body));
  });

  registerEndpoint(app, ctx, stocktakes.getStocktake, async ({ params, request }) => {
    const report = await stocktakeReport(ctx.db, actorOf(request).tenantId, params.stocktakeId);
    if (!report) throw new ApiError('not_found');
    return reportToApi(report);
  });

  registerEndpoint(app, ctx, stocktakes.recordStocktakeCounts, async ({ params, body, request }) => {
    const actor = actorOf(request);
    return thenReport(actor.tenantId, await recordStocktakeCounts(ctx.db, actor, params.stocktakeId, body.counts));
  });

  registerEndpoint(app, ctx, stocktakes.postStocktake, async ({ params, request }) => {
    const actor = actorOf(request);
    return thenReport(actor.tenantId, await postStocktake(ctx.db, actor, params.stocktakeId));
  });

  registerEndpoint(app, ctx, stocktakes.cancelStocktake, async ({ params, request }) => {
    const actor = actorOf(request);
    return thenReport(actor.tenantId, await cancelStocktake(ctx.db, actor, params.stocktakeId));
  });
}

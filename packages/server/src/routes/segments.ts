import { segments } from '@yunying/contracts';
import { findSegment, listSegmentMembers, listSegments, type SegmentRecord } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import { changeSegment, compiledRule, countMatching, createSegment, issueToSegment } from '../services/segments.ts';
import { customerToApi } from './customers.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';
import { isoTimestamp } from '@yunying/core/time';

function toApi(s: SegmentRecord) {
  return { ...s, rule: s.rule as Record<string, unknown>, createdAt: isoTimestamp(s.createdAt), updatedAt: isoTimestamp(s.updatedAt) };
}

export function segmentRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, segments.listSegments, async ({ query, request }) => {
    const rows = await listSegments(ctx.db, actorOf(request).tenantId, { limit: query.limit + 1, afterSegmentId: decodeCursor(query.cursor) });
    return toPage(rows, query.limit, (s) => s.segmentId, toApi);
  });

  registerEndpoint(app, ctx, segments.getSegment, async ({ params, request }) => {
    const found = await findSegment(ctx.db, actorOf(request).tenantId, params.segmentId);
    if (!found) throw new ApiError('not_found');
    return toApi(found);
  });

  registerEndpoint(app, ctx, segments.createSegment, async ({ body, request }) => toApi(unwrap(await createSegment(ctx.db, actorOf(request), body))));

  registerEndpoint(app, ctx, segments.updateSegment, async ({ params, body, request }) => toApi(unwrap(await changeSegment(ctx.db, actorOf(request), params.segmentId, body))));

  registerEndpoint(app, ctx, segments.listSegmentMembers, async ({ params, query, request }) => {
    const actor = actorOf(request);
    const segment = await findSegment(ctx.db, actor.tenantId, params.segmentId);
    if (!segment) throw new ApiError('not_found');
    const node = compiledRule(segment);
    if (!node) throw new ApiError('validation_failed', 'The segment’s stored rule is no longer valid; save it again.');
    const rows = await listSegmentMembers(ctx.db, actor.tenantId, node, { now: new Date(), limit: query.limit + 1, afterCustomerId: decodeCursor(query.cursor) });
    return toPage(rows, query.limit, (c) => c.customerId, customerToApi(actor));
  });

  registerEndpoint(app, ctx, segments.previewSegment, async ({ body, request }) => {
    const at = new Date();
    return { count: await countMatching(ctx.db, actorOf(request).tenantId, body.rule, at), at: isoTimestamp(at) };
  });

  registerEndpoint(app, ctx, segments.issueCouponsToSegment, async ({ params, body, request }) => unwrap(await issueToSegment(ctx.db, actorOf(request), params.batchId, body.segmentId)));
}

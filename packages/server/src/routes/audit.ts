import { audit } from '@yunying/contracts';
import { listAudit } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { registerEndpoint, type RouteContext } from './register.ts';
import { isoTimestamp } from '@yunying/core/time';

export function auditRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, audit.listAuditEvents, async ({ query, request }) => {
    const rows = await listAudit(ctx.db, actorOf(request).tenantId, {
      entityType: query.entityType,
      entityId: query.entityId,
      actorId: query.actorId,
      beforeAuditId: decodeCursor(query.cursor),
      limit: query.limit + 1,
    });
    return toPage(rows, query.limit, (e) => e.auditId, (e) => ({
      auditId: e.auditId,
      occurredAt: isoTimestamp(e.occurredAt),
      actorType: e.actorType,
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      changes: e.changes,
      requestId: e.requestId,
    }));
  });
}

import { shippingTemplates } from '@yunying/contracts';
import { findShippingTemplate, listShippingTemplates, type ShippingTemplateRecord } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import { changeShippingTemplate, createShippingTemplate, removeShippingTemplate } from '../services/shipping-templates.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';
import { isoTimestamp } from '@yunying/core/time';

function toApi(t: ShippingTemplateRecord) {
  return { ...t, createdAt: isoTimestamp(t.createdAt), updatedAt: isoTimestamp(t.updatedAt) };
}

export function shippingTemplateRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, shippingTemplates.listShippingTemplates, async ({ query, request }) => {
    const rows = await listShippingTemplates(ctx.db, actorOf(request).tenantId, { limit: query.limit + 1, afterTemplateId: decodeCursor(query.cursor) });
    return toPage(rows, query.limit, (t) => t.templateId, toApi);
  });

  registerEndpoint(app, ctx, shippingTemplates.getShippingTemplate, async ({ params, request }) => {
    const found = await findShippingTemplate(ctx.db, actorOf(request).tenantId, params.templateId);
    if (!found) throw new ApiError('not_found');
    return toApi(found);
  });

  registerEndpoint(app, ctx, shippingTemplates.createShippingTemplate, async ({ body, request }) =>
    toApi(unwrap(await createShippingTemplate(ctx.db, actorOf(request), body))),
  );

  registerEndpoint(app, ctx, shippingTemplates.updateShippingTemplate, async ({ params, body, request }) =>
    toApi(unwrap(await changeShippingTemplate(ctx.db, actorOf(request), params.templateId, body))),
  );

  registerEndpoint(app, ctx, shippingTemplates.deleteShippingTemplate, async ({ params, request }) => {
    unwrap(await removeShippingTemplate(ctx.db, actorOf(request), params.templateId));
    return null;
  });
}

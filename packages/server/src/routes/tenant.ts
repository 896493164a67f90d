import { tenant } from '@yunying/contracts';
import { findTenant, updateTenant, type TenantRecord } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import { recordChange } from '../services/audit.ts';
import { registerEndpoint, type RouteContext } from './register.ts';
import { isoTimestamp } from '@yunying/core/time';

function toApi(t: TenantRecord) {
  return { ...t, createdAt: isoTimestamp(t.createdAt), updatedAt: isoTimestamp(t.updatedAt) };
}

export function tenantRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, tenant.getTenant, async ({ request }) => {
    const found = await findTenant(ctx.db, actorOf(request).tenantId);
    if (!found) throw new ApiError('not_found');
    return toApi(found);
  });

  registerEndpoint(app, ctx, tenant.updateTenant, async ({ body, request }) => {
    const actor = actorOf(request);
    const updated = await ctx.db.transaction().execute(async (trx) => {
      const before = await findTenant(trx, actor.tenantId);
      const after = await updateTenant(trx, actor.tenantId, body);
      if (!before || !after) return undefined;
      const pick = (t: TenantRecord) => ({ name: t.name, timeZone: t.timeZone, currency: t.currency });
      await recordChange(trx, actor, { action: 'update', entityType: 'tenant', entityId: actor.tenantId, before: pick(before), after: pick(after) });
      return after;
    });
    if (!updated) throw new ApiError('not_found');
    return toApi(updated);
  });
}

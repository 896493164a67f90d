import { system } from '@yunying/contracts';
import { sql } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../problem.ts';
import { registerEndpoint, type RouteContext } from './register.ts';

export interface Lifecycle {
  engine: 'pglite' | 'postgres';
  /** Set when shutdown begins: readiness turns 503 so load balancers stop sending work. */
  closing: boolean;
}

export function systemRoutes(app: FastifyInstance, ctx: RouteContext, lifecycle: Lifecycle): void {
  registerEndpoint(app, ctx, system.health, async () => ({ status: 'ok' as const }));
  registerEndpoint(app, ctx, system.ready, async () => {
    if (lifecycle.closing) throw new ApiError('service_unavailable', 'Shutting down.');
    try {
      await sql`select 1`.execute(ctx.db);
    } catch {
      throw new ApiError('service_unavailable', 'The database does not answer.');
    }
    return { status: 'ready' as const, engine: lifecycle.engine };
  });
}

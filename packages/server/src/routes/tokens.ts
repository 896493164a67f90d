import { tokens } from '@yunying/contracts';
import type { Role } from '@yunying/core/access';
import { listApiTokens, type ApiTokenRecord } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { createApiToken, revokeToken } from '../services/tokens.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';
import { isoTimestamp, isoTimestampOrNull } from '@yunying/core/time';


function toApi(t: ApiTokenRecord) {
  return {
    tokenId: t.tokenId,
    userId: t.userId,
    name: t.name,
    role: t.role as Role,
    createdAt: isoTimestamp(t.createdAt),
    expiresAt: isoTimestampOrNull(t.expiresAt),
    lastUsedAt: isoTimestampOrNull(t.lastUsedAt),
    revokedAt: isoTimestampOrNull(t.revokedAt),
  };
}

export function tokenRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, tokens.listTokens, async ({ query, request }) => {
    const actor = actorOf(request);
    const seesAll = request.principal?.permissions.includes('members.manage') ?? false;
    const rows = await listApiTokens(ctx.db, actor.tenantId, {
      userId: seesAll ? undefined : actor.userId!,
      limit: query.limit + 1,
      afterTokenId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (t) => t.tokenId, toApi);
  });

  registerEndpoint(app, ctx, tokens.createToken, async ({ body, request }) => {
    const created = unwrap(await createApiToken(ctx.db, actorOf(request), body));
    return { ...toApi(created), token: created.token };
  });

  registerEndpoint(app, ctx, tokens.revokeToken, async ({ params, request }) => {
    const canManage = request.principal?.permissions.includes('members.manage') ?? false;
    unwrap(await revokeToken(ctx.db, actorOf(request), params.tokenId, canManage));
    ctx.authCache.clear();
    return null;
  });
}

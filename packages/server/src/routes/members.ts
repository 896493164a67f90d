import { members } from '@yunying/contracts';
import { findMember, listMembers, type MemberRecord } from '@yunying/db';
import type { Role } from '@yunying/core/access';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import { addMember, changeMemberRole, removeMember } from '../services/members.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';
import { isoTimestamp } from '@yunying/core/time';

function toApi(m: MemberRecord) {
  return { userId: m.userId, email: m.email, displayName: m.displayName, role: m.role as Role, createdAt: isoTimestamp(m.createdAt) };
}

export function memberRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, members.listMembers, async ({ query, request }) => {
    const rows = await listMembers(ctx.db, actorOf(request).tenantId, { limit: query.limit + 1, afterUserId: decodeCursor(query.cursor) });
    return toPage(rows, query.limit, (m) => m.userId, toApi);
  });

  registerEndpoint(app, ctx, members.getMember, async ({ params, request }) => {
    const member = await findMember(ctx.db, actorOf(request).tenantId, params.userId);
    if (!member) throw new ApiError('not_found');
    return toApi(member);
  });

  registerEndpoint(app, ctx, members.addMember, async ({ body, request }) => {
    const created = unwrap(await addMember(ctx.db, actorOf(request), body));
    return { ...toApi(created), initialPassword: created.initialPassword };
  });

  registerEndpoint(app, ctx, members.updateMember, async ({ params, body, request }) => {
    const member = unwrap(await changeMemberRole(ctx.db, actorOf(request), params.userId, body.role));
    ctx.authCache.clear();
    return toApi(member);
  });

  registerEndpoint(app, ctx, members.removeMember, async ({ params, request }) => {
    unwrap(await removeMember(ctx.db, actorOf(request), params.userId));
    ctx.authCache.clear();
    return null;
  });
}

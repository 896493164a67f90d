import { channels } from '@yunying/contracts';
import { findChannel, listChannels, type ChannelRecord } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import { changeChannel, createChannel } from '../services/channels.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';
import { isoTimestamp } from '@yunying/core/time';

function toApi(c: ChannelRecord) {
  return {
    ...c,
    platform: c.platform as (typeof channels.PLATFORMS)[number],
    status: c.status as 'active' | 'archived',
    createdAt: isoTimestamp(c.createdAt),
    updatedAt: isoTimestamp(c.updatedAt),
  };
}

export function channelRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, channels.listChannels, async ({ query, request }) => {
    const rows = await listChannels(ctx.db, actorOf(request).tenantId, {
      status: query.status,
      limit: query.limit + 1,
      afterChannelId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (c) => c.channelId, toApi);
  });

  registerEndpoint(app, ctx, channels.getChannel, async ({ params, request }) => {
    const found = await findChannel(ctx.db, actorOf(request).tenantId, params.channelId);
    if (!found) throw new ApiError('not_found');
    return toApi(found);
  });

  registerEndpoint(app, ctx, channels.createChannel, async ({ body, request }) => toApi(unwrap(await createChannel(ctx.db, actorOf(request), body))));

  registerEndpoint(app, ctx, channels.updateChannel, async ({ params, body, request }) =>
    toApi(unwrap(await changeChannel(ctx.db, actorOf(request), params.channelId, body))),
  );

  registerEndpoint(app, ctx, channels.archiveChannel, async ({ params, request }) => {
    unwrap(await changeChannel(ctx.db, actorOf(request), params.channelId, { status: 'archived' }));
    return null;
  });
}

import { channelListings } from '@yunying/contracts';
import { findChannel, findSku, listChannelListings, listSkuListings, type ListingWithSku } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import { putListing, unlistListing } from '../services/channel-listings.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';
import { isoTimestamp } from '@yunying/core/time';

function toApi(l: ListingWithSku) {
  return {
    ...l,
    effectivePriceFen: l.priceFen ?? l.skuPriceFen,
    createdAt: isoTimestamp(l.createdAt),
    updatedAt: isoTimestamp(l.updatedAt),
  };
}

export function channelListingRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, channelListings.listChannelListings, async ({ params, query, request }) => {
    const tenantId = actorOf(request).tenantId;
    if (!(await findChannel(ctx.db, tenantId, params.channelId))) throw new ApiError('not_found');
    const rows = await listChannelListings(ctx.db, tenantId, params.channelId, {
      status: query.status,
      limit: query.limit + 1,
      afterSkuId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (l) => l.skuId, toApi);
  });

  registerEndpoint(app, ctx, channelListings.putChannelListing, async ({ params, body, request }) =>
    toApi(unwrap(await putListing(ctx.db, actorOf(request), params.channelId, params.skuId, body))),
  );

  registerEndpoint(app, ctx, channelListings.unlistChannelListing, async ({ params, request }) => {
    unwrap(await unlistListing(ctx.db, actorOf(request), params.channelId, params.skuId));
    return null;
  });

  registerEndpoint(app, ctx, channelListings.listSkuListings, async ({ params, request }) => {
    const tenantId = actorOf(request).tenantId;
    if (!(await findSku(ctx.db, tenantId, params.skuId))) throw new ApiError('not_found');
    return { items: (await listSkuListings(ctx.db, tenantId, params.skuId)).map(toApi) };
  });
}

import { campaigns } from '@yunying/contracts';
import { campaignSpendFen, findCampaign, listCampaignAttachments, listCampaigns, type CampaignRecord } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import { changeCampaign, createCampaign } from '../services/campaigns.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';
import { isoTimestamp, isoTimestampOrNull } from '@yunying/core/time';

const iso = (s: string): string => new Date(s).toISOString();

function toApi(c: CampaignRecord) {
  return {
    ...c,
    type: c.type as (typeof campaigns.CAMPAIGN_TYPES)[number],
    status: c.status as (typeof campaigns.CAMPAIGN_STATUSES)[number],
    phases: c.phases.map((p) => ({ phase: p.phase, startsAt: iso(p.startsAt), endsAt: iso(p.endsAt) })),
    startsAt: isoTimestampOrNull(c.startsAt),
    endsAt: isoTimestampOrNull(c.endsAt),
    createdAt: isoTimestamp(c.createdAt),
    updatedAt: isoTimestamp(c.updatedAt),
  };
}

export function campaignRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, campaigns.listCampaigns, async ({ query, request }) => {
    const rows = await listCampaigns(ctx.db, actorOf(request).tenantId, {
      status: query.status,
      type: query.type,
      limit: query.limit + 1,
      afterCampaignId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (c) => c.campaignId, toApi);
  });

  registerEndpoint(app, ctx, campaigns.getCampaign, async ({ params, request }) => {
    const tenantId = actorOf(request).tenantId;
    const found = await findCampaign(ctx.db, tenantId, params.campaignId);
    if (!found) throw new ApiError('not_found');
    const attached = await listCampaignAttachments(ctx.db, tenantId, params.campaignId);
    return { ...toApi(found), ...attached, spentFen: await campaignSpendFen(ctx.db, tenantId, params.campaignId) };
  });

  registerEndpoint(app, ctx, campaigns.createCampaign, async ({ body, request }) => toApi(unwrap(await createCampaign(ctx.db, actorOf(request), body))));

  registerEndpoint(app, ctx, campaigns.updateCampaign, async ({ params, body, request }) =>
    toApi(unwrap(await changeCampaign(ctx.db, actorOf(request), params.campaignId, body))),
  );

  registerEndpoint(app, ctx, campaigns.cancelCampaign, async ({ params, request }) => {
    unwrap(await changeCampaign(ctx.db, actorOf(request), params.campaignId, { status: 'cancelled' }));
    return null;
  });
}

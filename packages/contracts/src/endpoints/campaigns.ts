import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';
import { InstantInput, PlainText } from './promotions.ts';

/** 年货节, 女王节 (3.8), 618, 88, 双11, 双12, or the shop's own. */
export const CAMPAIGN_TYPES = ['new_year_goods', 'queens_day', 'mid_year_618', 'summer_88', 'singles_day', 'double_twelve', 'custom'] as const;
/** 预热 warm-up, 爆发 peak, 返场 tail — in this order. */
export const CAMPAIGN_PHASES = ['warmup', 'peak', 'tail'] as const;
export const CAMPAIGN_STATUSES = ['planned', 'active', 'ended', 'cancelled'] as const;

const PhaseOut = z.object({ phase: z.enum(CAMPAIGN_PHASES), startsAt: Timestamp, endsAt: Timestamp });

export const Campaign = z.object({
  campaignId: idSchema('cmp'),
  name: z.string(),
  type: z.enum(CAMPAIGN_TYPES),
  phases: z.array(PhaseOut),
  startsAt: Timestamp.nullable(),
  endsAt: Timestamp.nullable(),
  budgetFen: z.int(),
  targetGmvFen: z.int(),
  status: z.enum(CAMPAIGN_STATUSES),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CampaignDetail = Campaign.extend({
  spentFen: z.int().describe('discounts given so far: orders counted against its promotions plus its coupons in use (fen), against budgetFen'),
  promotions: z.array(z.object({ promotionId: z.string(), name: z.string(), code: z.string(), status: z.string() })),
  couponBatches: z.array(z.object({ batchId: z.string(), name: z.string(), kind: z.string(), status: z.string() })),
});

/** Phases in order 预热 → 爆发 → 返场, each at most once, each ending after it starts, none overlapping. */
export const Phases = z
  .array(z.object({ phase: z.enum(CAMPAIGN_PHASES), startsAt: InstantInput, endsAt: InstantInput }).strict())
  .min(1)
  .max(3)
  .superRefine((phases, ctx) => {
    phases.forEach((p, i) => {
      if (Date.parse(p.endsAt) <= Date.parse(p.startsAt)) ctx.addIssue({ code: 'custom', path: [i, 'endsAt'], message: 'the phase ends before it starts' });
      const prev = phases[i - 1];
      if (!prev) return;
      if (CAMPAIGN_PHASES.indexOf(p.phase) <= CAMPAIGN_PHASES.indexOf(prev.phase)) ctx.addIssue({ code: 'custom', path: [i, 'phase'], message: 'phases go warmup → peak → tail, each once' });
      if (Date.parse(p.startsAt) < Date.parse(prev.endsAt)) ctx.addIssue({ code: 'custom', path: [i, 'startsAt'], message: 'the phase starts before the previous one ends' });
    });
  });

const Money = z.int().min(0).describe('fen');
const CampaignParams = z.object({ campaignId: idSchema('cmp') });

export const listCampaigns = endpoint({
  id: 'listCampaigns',
  method: 'GET',
  path: '/api/v1/campaigns',
  access: 'promotions.read',
  summary: 'The marketing calendar (活动日历): campaigns of this shop',
  tags: ['campaigns'],
  query: PageQuery.extend({ status: z.enum(CAMPAIGN_STATUSES).optional(), type: z.enum(CAMPAIGN_TYPES).optional() }),
  response: { 200: page(Campaign) },
});

export const getCampaign = endpoint({
  id: 'getCampaign',
  method: 'GET',
  path: '/api/v1/campaigns/:campaignId',
  access: 'promotions.read',
  summary: 'One campaign with the promotions and coupon batches attached to it',
  tags: ['campaigns'],
  params: CampaignParams,
  response: { 200: CampaignDetail },
});

export const createCampaign = endpoint({
  id: 'createCampaign',
  method: 'POST',
  path: '/api/v1/campaigns',
  access: 'promotions.write',
  idempotent: true,
  summary: 'Plan a campaign (大促) with its phases, budget and target GMV',
  tags: ['campaigns'],
  body: z
    .object({ name: PlainText(200), type: z.enum(CAMPAIGN_TYPES), phases: Phases, budgetFen: Money.default(0), targetGmvFen: Money.default(0) })
    .strict(),
  response: { 201: Campaign },
});

export const updateCampaign = endpoint({
  id: 'updateCampaign',
  method: 'PATCH',
  path: '/api/v1/campaigns/:campaignId',
  access: 'promotions.write',
  summary: 'Change a campaign (attach promotions by setting their campaignId)',
  tags: ['campaigns'],
  params: CampaignParams,
  body: z
    .object({
      name: PlainText(200).optional(),
      type: z.enum(CAMPAIGN_TYPES).optional(),
      phases: Phases.optional(),
      budgetFen: Money.optional(),
      targetGmvFen: Money.optional(),
      status: z.enum(['planned', 'active', 'ended']).optional(),
    })
    .strict(),
  response: { 200: Campaign },
});

export const cancelCampaign = endpoint({
  id: 'cancelCampaign',
  method: 'DELETE',
  path: '/api/v1/campaigns/:campaignId',
  access: 'promotions.write',
  summary: 'Cancel a campaign (its history stays; attached promotions keep their own status)',
  tags: ['campaigns'],
  params: CampaignParams,
  response: { 204: z.null() },
});

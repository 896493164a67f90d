import { MEMBER_TIERS, shippingConfigSchema, STACK_CLASSES } from '@yunying/core/promotions';
import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';

/** Rule codes a promotion can have; coupons are defined as coupon batches (see coupons.ts). */
export const PROMOTION_RULE_CODES = [
  'spendThresholdDiscount', 'spendThresholdPercent', 'crossChannelThreshold', 'quantityDiscount', 'timedPrice',
  'flashSale', 'memberPrice', 'bundle', 'giftWithPurchase', 'pointsRedemption', 'freeShipping', 'presale', 'groupBuy',
] as const;
export const PROMOTION_STATUSES = ['draft', 'active', 'paused', 'ended'] as const;

/** Free text without control characters (PostgreSQL text cannot hold NUL). */
export const PlainText = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\u0000-\u001f]*$/, 'no control characters');

/** An ISO 8601 instant with an offset, as accepted in request bodies. */
export const InstantInput = z.iso.datetime({ offset: true }).describe('ISO 8601 instant with offset');

export const Stacking = z
  .object({ allow: z.array(z.enum(STACK_CLASSES)).max(20).optional(), forbid: z.array(z.enum(STACK_CLASSES)).max(20).optional() })
  .strict()
  .describe('stacking flags: classes this promotion may or may not share a line with');

/** One engine problem: a stable code (see the promotions engine README), where, and why. */
export const EngineProblem = z.object({ code: z.string(), path: z.array(z.union([z.string(), z.number()])), message: z.string() });

export const Promotion = z.object({
  promotionId: idSchema('prm'),
  name: z.string(),
  code: z.enum(PROMOTION_RULE_CODES),
  args: z.record(z.string(), z.unknown()).describe('the rule’s arguments (money in fen, rates in basis points, instants in epoch ms)'),
  startsAt: Timestamp.nullable(),
  endsAt: Timestamp.nullable().describe('the window is [startsAt, endsAt)'),
  channelIds: z.array(z.string()).nullable().describe('null = every channel'),
  tiers: z.array(z.enum(MEMBER_TIERS)).nullable().describe('null = every member tier'),
  priority: z.int(),
  exclusive: z.boolean().describe('不与其他优惠同享'),
  stacking: Stacking,
  status: z.enum(PROMOTION_STATUSES),
  campaignId: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const PromotionFields = z.object({
  name: PlainText(200),
  code: z.enum(PROMOTION_RULE_CODES),
  args: z.record(z.string(), z.unknown()).describe('checked by the engine’s validatePromotion; contradictions answer promotion_invalid'),
  startsAt: InstantInput.nullable().optional(),
  endsAt: InstantInput.nullable().optional(),
  channelIds: z.array(idSchema('chn')).max(100).nullable().optional(),
  tiers: z.array(z.enum(MEMBER_TIERS)).min(1).nullable().optional(),
  priority: z.int().min(-1_000_000).max(1_000_000).optional(),
  exclusive: z.boolean().optional(),
  stacking: Stacking.optional(),
  campaignId: idSchema('cmp').nullable().optional(),
});

const PromotionParams = z.object({ promotionId: idSchema('prm') });

export const listPromotions = endpoint({
  id: 'listPromotions',
  method: 'GET',
  path: '/api/v1/promotions',
  access: 'promotions.read',
  summary: 'Promotions (营销玩法) of this shop',
  tags: ['promotions'],
  query: PageQuery.extend({
    status: z.enum(PROMOTION_STATUSES).optional(),
    code: z.enum(PROMOTION_RULE_CODES).optional(),
    campaignId: idSchema('cmp').optional(),
  }),
  response: { 200: page(Promotion) },
});

export const getPromotion = endpoint({
  id: 'getPromotion',
  method: 'GET',
  path: '/api/v1/promotions/:promotionId',
  access: 'promotions.read',
  summary: 'One promotion',
  tags: ['promotions'],
  params: PromotionParams,
  response: { 200: Promotion },
});

export const createPromotion = endpoint({
  id: 'createPromotion',
  method: 'POST',
  path: '/api/v1/promotions',
  access: 'promotions.write',
  idempotent: true,
  summary: 'Add a promotion (draft, or active after checking it against the promotions in force)',
  tags: ['promotions'],
  body: PromotionFields.extend({ status: z.enum(['draft', 'active']).optional() }).strict(),
  response: { 201: Promotion },
});

export const updatePromotion = endpoint({
  id: 'updatePromotion',
  method: 'PATCH',
  path: '/api/v1/promotions/:promotionId',
  access: 'promotions.write',
  summary: 'Change a promotion (re-validated; an active one against the others in force)',
  tags: ['promotions'],
  params: PromotionParams,
  body: PromotionFields.partial().strict(),
  response: { 200: Promotion },
});

export const activatePromotion = endpoint({
  id: 'activatePromotion',
  method: 'POST',
  path: '/api/v1/promotions/:promotionId/activate',
  access: 'promotions.write',
  summary: 'Put a draft or paused promotion in force, refusing conflicts with the promotions in force',
  tags: ['promotions'],
  params: PromotionParams,
  response: { 200: Promotion },
});

export const pausePromotion = endpoint({
  id: 'pausePromotion',
  method: 'POST',
  path: '/api/v1/promotions/:promotionId/pause',
  access: 'promotions.write',
  summary: 'Pause an active promotion',
  tags: ['promotions'],
  params: PromotionParams,
  response: { 200: Promotion },
});

export const endPromotion = endpoint({
  id: 'endPromotion',
  method: 'DELETE',
  path: '/api/v1/promotions/:promotionId',
  access: 'promotions.write',
  summary: 'End a promotion for good (its history stays)',
  tags: ['promotions'],
  params: PromotionParams,
  response: { 204: z.null() },
});

export const PreviewCustomer = z
  .object({
    customerRef: PlainText(200).optional().describe('load this customer’s available coupons, and, for a known customer, the tier, points and new-customer status not given here'),
    tier: z.enum(MEMBER_TIERS).optional().describe('the known customer’s tier when absent, else regular'),
    isNewCustomer: z.boolean().optional().describe('for a known customer: no orders yet (ordersCount = 0) when absent; else false'),
    points: z.int().min(0).optional().describe('points balance; the known customer’s balance when absent, else 0'),
    couponIds: z.array(idSchema('cpn')).max(100).optional().describe('held coupons (cpn_ ids) instead of loading them by customerRef'),
  })
  .strict();

export const previewPrices = endpoint({
  id: 'previewPrices',
  method: 'POST',
  path: '/api/v1/promotions/preview',
  access: 'promotions.read',
  summary:
    'Price this cart at this time (价格试算) with the active promotions and the customer’s coupons: the engine’s full breakdown. ' +
    'Lines carry their own list prices (unitPrice, fen) for now; looking SKU prices up in the catalog comes when the catalog module lands.',
  tags: ['promotions'],
  body: z
    .object({
      at: InstantInput.optional().describe('the pricing instant; now when absent'),
      lines: z
        .array(z.unknown())
        .max(500)
        .describe('cart lines { lineId?, skuId, productId?, quantity, unitPrice (fen), categoryIds?, tags?, channelId, floorPrice?, weightGrams? }; a catalog SKU id (sku_…) fills unitPrice, productId, category, tags and weight from the catalog (unknown ones → unknown_sku); other ids are hypothetical lines that carry their own unitPrice; checked by validateCart'),
      customer: PreviewCustomer.optional(),
      selectedCouponIds: z.array(idSchema('cpn')).max(30).optional().describe('apply exactly these held coupons; the best combination when absent'),
      pointsToRedeem: z.union([z.int().min(0), z.literal('max')]).optional(),
      shipping: shippingConfigSchema.optional().describe('inline shipping fee rules to quote with; when absent, a destinationRegion quotes with the stored shipping template of the cart’s channel, else the shop default'),
      destinationRegion: PlainText(200).optional().describe('a province (GB/T 2260 code or name) with a stored template; any region id with inline rules'),
      groupBuyJoin: z.object({ promotionId: idSchema('prm') }).strict().optional(),
    })
    .strict(),
  response: {
    200: z.object({
      at: Timestamp,
      promotionsInForce: z.int(),
      heldCouponIds: z.array(z.string()),
      shippingTemplateId: z.string().nullable().describe('the stored shipping template quoted with (its 包邮 shows in the breakdown under this id); null when none was used'),
      customer: z
        .object({
          customerRef: z.string().nullable(),
          known: z.boolean().describe('customerRef names a customer of this shop'),
          tier: z.enum(MEMBER_TIERS),
          isNewCustomer: z.boolean(),
          points: z.int(),
          from: z.object({ tier: z.enum(['request', 'customer', 'default']), isNewCustomer: z.enum(['request', 'customer', 'default']), points: z.enum(['request', 'customer', 'default']) }),
        })
        .describe('the customer facts priced with and where each came from (the request wins over the stored customer)'),
      breakdown: z.record(z.string(), z.unknown()).describe('the engine’s PricingResult: lines, applied, notApplied, nudges, couponChoice, payable … (fen)'),
    }),
  },
});

export const PromotionUsage = z.object({
  promotionId: idSchema('prm'),
  orderRef: z.string(),
  customerRef: z.string(),
  quantity: z.int().describe('units bought at the promotion’s price'),
  discountFen: z.int(),
  status: z.enum(['counted', 'released']),
  usedAt: Timestamp,
  releasedAt: Timestamp.nullable(),
});

const UsageResult = z.object({
  counted: z.boolean().describe('false when the promotion gave this order no discount (it then uses nothing) or the use was released'),
  usage: PromotionUsage.nullable(),
});

export const recordPromotionUsage = endpoint({
  id: 'recordPromotionUsage',
  method: 'POST',
  path: '/api/v1/promotions/:promotionId/usages',
  access: 'promotions.write',
  idempotent: true,
  summary:
    'Count an order against the promotion’s limits (秒杀 promo stock, per-customer limit), atomically; once per order. ' +
    'An order the promotion gave no discount (discountFen 0) uses nothing.',
  tags: ['promotions'],
  params: PromotionParams,
  body: z
    .object({ orderRef: PlainText(200), customerRef: PlainText(200), quantity: z.int().min(1).max(1_000_000), discountFen: z.int().min(0).describe('fen') })
    .strict(),
  response: { 201: UsageResult },
});

export const listPromotionUsages = endpoint({
  id: 'listPromotionUsages',
  method: 'GET',
  path: '/api/v1/promotions/:promotionId/usages',
  access: 'promotions.read',
  summary: 'The orders counted against a promotion (and those released), by order ref',
  tags: ['promotions'],
  params: PromotionParams,
  query: PageQuery.extend({ status: z.enum(['counted', 'released']).optional() }),
  response: { 200: page(PromotionUsage) },
});

export const releasePromotionUsage = endpoint({
  id: 'releasePromotionUsage',
  method: 'POST',
  path: '/api/v1/promotions/:promotionId/usages/release',
  access: 'promotions.write',
  summary: 'Give an order’s use back when it is cancelled or timed out',
  tags: ['promotions'],
  params: PromotionParams,
  body: z.object({ orderRef: PlainText(200) }).strict(),
  response: { 200: UsageResult },
});

const Label = z.object({ zhCN: z.string(), enUS: z.string() });

export const getPromotionRules = endpoint({
  id: 'getPromotionRules',
  method: 'GET',
  path: '/api/v1/promotion-rules',
  access: 'promotions.read',
  summary: 'The rule types with their args as JSON Schema, and the stacking order the engine applies them in (for the console)',
  tags: ['promotions'],
  response: {
    200: z.object({
      stackingOrder: z.array(z.object({ stage: z.string(), codes: z.array(z.string()), combine: z.string(), measuredOn: z.string(), label: Label })),
      rules: z.array(z.object({ code: z.string(), stage: z.string(), label: Label, argsJsonSchema: z.record(z.string(), z.unknown()) })),
    }),
  },
});

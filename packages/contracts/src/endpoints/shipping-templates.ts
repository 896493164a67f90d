import { feeRuleSchema } from '@yunying/core/promotions';
import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';
import { PlainText } from './promotions.ts';

const Region = z.string().trim().min(1).max(50).describe('a province: GB/T 2260 code ("65", "650000") or name ("新疆", "Xinjiang")');
const Regions = z.array(Region).max(40);

const FeeRule = feeRuleSchema.strict().describe('首重/续重: firstFeeFen for the first firstWeightGrams, then additionalFeeFen per started additionalWeightGrams (grams, fen)');
const RegionGroup = feeRuleSchema.extend({ regions: Regions.min(1) }).strict().describe('a fee rule for a group of provinces (e.g. 江浙沪, or 偏远地区 at a higher fee)');
const FreeShipping = z
  .object({
    minAmountFen: z.int().optional().describe('包邮 from this goods amount (fen, measured after threshold promotions); 0 = always'),
    minItems: z.int().optional().describe('包邮 from this many units (满N件包邮); with minAmountFen both must hold'),
    excludedRegions: Regions.default([]).describe('provinces that never ship free'),
  })
  .strict();

export const ShippingTemplate = z.object({
  templateId: idSchema('shp'),
  name: z.string(),
  groups: z.array(z.object({ regions: z.array(z.string()), firstWeightGrams: z.int(), firstFeeFen: z.int(), additionalWeightGrams: z.int(), additionalFeeFen: z.int() })),
  defaultRule: z.object({ firstWeightGrams: z.int(), firstFeeFen: z.int(), additionalWeightGrams: z.int(), additionalFeeFen: z.int() }).nullable(),
  undeliverableRegions: z.array(z.string()),
  freeShipping: z.object({ minAmountFen: z.int().optional(), minItems: z.int().optional(), excludedRegions: z.array(z.string()) }).nullable(),
  isDefault: z.boolean().describe('the shop default: quoted for channels that name no template'),
  channelIds: z.array(z.string()).describe('channels that use this template instead of the default'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const TemplateFields = z.object({
  name: PlainText(100),
  groups: z.array(RegionGroup).max(40).describe('a province may appear in one group only'),
  defaultRule: FeeRule.nullable().describe('for provinces in no group; null = those are not served'),
  undeliverableRegions: Regions.describe('provinces not delivered to (不发货地区)'),
  freeShipping: FreeShipping.nullable().describe('包邮 conditions; null = none'),
  isDefault: z.boolean().describe('make this the shop default (the previous default stops being it)'),
  channelIds: z.array(idSchema('chn')).max(100).describe('channels that quote with this template; a channel names at most one'),
});

const TemplateParams = z.object({ templateId: idSchema('shp') });

export const listShippingTemplates = endpoint({
  id: 'listShippingTemplates',
  method: 'GET',
  path: '/api/v1/shipping-templates',
  access: 'promotions.read',
  summary: 'Shipping templates (运费模板) of this shop',
  tags: ['shipping'],
  query: PageQuery,
  response: { 200: page(ShippingTemplate) },
});

export const getShippingTemplate = endpoint({
  id: 'getShippingTemplate',
  method: 'GET',
  path: '/api/v1/shipping-templates/:templateId',
  access: 'promotions.read',
  summary: 'One shipping template',
  tags: ['shipping'],
  params: TemplateParams,
  response: { 200: ShippingTemplate },
});

export const createShippingTemplate = endpoint({
  id: 'createShippingTemplate',
  method: 'POST',
  path: '/api/v1/shipping-templates',
  access: 'promotions.write',
  idempotent: true,
  summary: 'Add a shipping template (contradictions answer shipping_template_invalid with the problems)',
  tags: ['shipping'],
  body: TemplateFields.extend({
    groups: TemplateFields.shape.groups.default([]),
    undeliverableRegions: TemplateFields.shape.undeliverableRegions.default([]),
    freeShipping: TemplateFields.shape.freeShipping.default(null),
    isDefault: TemplateFields.shape.isDefault.default(false),
    channelIds: TemplateFields.shape.channelIds.default([]),
  }).strict(),
  response: { 201: ShippingTemplate },
});

export const updateShippingTemplate = endpoint({
  id: 'updateShippingTemplate',
  method: 'PATCH',
  path: '/api/v1/shipping-templates/:templateId',
  access: 'promotions.write',
  summary: 'Change a shipping template (the whole template is checked again); isDefault: false on the default leaves the shop without one',
  tags: ['shipping'],
  params: TemplateParams,
  body: TemplateFields.partial().strict(),
  response: { 200: ShippingTemplate },
});

export const deleteShippingTemplate = endpoint({
  id: 'deleteShippingTemplate',
  method: 'DELETE',
  path: '/api/v1/shipping-templates/:templateId',
  access: 'promotions.write',
  summary: 'Delete a shipping template; its channels fall back to the shop default',
  tags: ['shipping'],
  params: TemplateParams,
  response: { 204: z.null() },
});

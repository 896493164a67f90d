import { z } from 'zod';
import { idSchema, page, PageQuery } from '../common.ts';
import { endpoint } from '../endpoint.ts';
import { LIFECYCLE_STAGES } from './products.ts';

// Lifecycle suggestions: the stage each product's sales suggest, beside the stage set by hand.

export const LifecycleSuggestion = z.object({
  productId: idSchema('prd'),
  title: z.string(),
  status: z.enum(['draft', 'on_sale', 'off_sale']),
  currentStage: z.enum(LIFECYCLE_STAGES),
  suggestedStage: z.enum(LIFECYCLE_STAGES),
  differs: z.boolean().describe('the suggestion differs from the stage set on the product'),
  reason: z
    .enum(['recently_created', 'sales_started', 'sales_rising', 'sales_stable', 'sales_falling', 'no_sales'])
    .describe('new under 28 days; else by units sold in the last 28 days against the 28 before: ≥ +20% growing, ≤ −20% declining, between mature'),
  ageDays: z.int(),
  recentUnits: z.int().describe('units shipped in the last 28 days'),
  previousUnits: z.int().describe('units shipped in the 28 days before'),
  changeBp: z.int().nullable().describe('(recent − previous) / previous, basis points; null when previous is 0'),
});

export const listLifecycleSuggestions = endpoint({
  id: 'listLifecycleSuggestions',
  method: 'GET',
  path: '/api/v1/catalog/lifecycle-suggestions',
  access: 'catalog.read',
  summary: 'The lifecycle stage (新品/成长/成熟/衰退) each product’s sales suggest; apply one with PATCH /api/v1/products/{productId}',
  tags: ['catalog'],
  query: PageQuery,
  response: { 200: page(LifecycleSuggestion) },
});

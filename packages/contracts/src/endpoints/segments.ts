import { segmentRuleSchema } from '@yunying/core/customers';
import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';
import { Customer } from './customers.ts';
import { PlainText } from './promotions.ts';

export const Segment = z.object({
  segmentId: idSchema('seg'),
  name: z.string(),
  description: z.string().nullable(),
  rule: z.record(z.string(), z.unknown()).describe('{ match: all|any, conditions: [...] } (see docs/customers.md)'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const SegmentParams = z.object({ segmentId: idSchema('seg') });

export const listSegments = endpoint({
  id: 'listSegments',
  method: 'GET',
  path: '/api/v1/segments',
  access: 'customers.read',
  summary: 'Saved segments (人群) of this shop',
  tags: ['customers'],
  query: PageQuery,
  response: { 200: page(Segment) },
});

export const getSegment = endpoint({
  id: 'getSegment',
  method: 'GET',
  path: '/api/v1/segments/:segmentId',
  access: 'customers.read',
  summary: 'One segment',
  tags: ['customers'],
  params: SegmentParams,
  response: { 200: Segment },
});

export const createSegment = endpoint({
  id: 'createSegment',
  method: 'POST',
  path: '/api/v1/segments',
  access: 'customers.write',
  idempotent: true,
  summary: 'Save a segment rule over tier, tags, region, points, order counts and amounts, order recency and lifecycle stage',
  tags: ['customers'],
  body: z.object({ name: PlainText(100), description: PlainText(500).nullable().optional(), rule: segmentRuleSchema }).strict(),
  response: { 201: Segment },
});

export const updateSegment = endpoint({
  id: 'updateSegment',
  method: 'PATCH',
  path: '/api/v1/segments/:segmentId',
  access: 'customers.write',
  summary: 'Rename a segment or change its rule',
  tags: ['customers'],
  params: SegmentParams,
  body: z.object({ name: PlainText(100).optional(), description: PlainText(500).nullable().optional(), rule: segmentRuleSchema.optional() }).strict(),
  response: { 200: Segment },
});

export const listSegmentMembers = endpoint({
  id: 'listSegmentMembers',
  method: 'GET',
  path: '/api/v1/segments/:segmentId/members',
  access: 'customers.read',
  summary: 'The customers the segment’s rule selects now, in customer-id order; personal data masked without customers.pii',
  tags: ['customers'],
  params: SegmentParams,
  query: PageQuery,
  response: { 200: page(Customer) },
});

export const previewSegment = endpoint({
  id: 'previewSegment',
  method: 'POST',
  path: '/api/v1/segments/preview',
  access: 'customers.read',
  summary: 'Count the customers an unsaved rule selects now (人群预估)',
  tags: ['customers'],
  body: z.object({ rule: segmentRuleSchema }).strict(),
  response: { 200: z.object({ count: z.int(), at: Timestamp }) },
});

export const issueCouponsToSegment = endpoint({
  id: 'issueCouponsToSegment',
  method: 'POST',
  path: '/api/v1/coupon-batches/:batchId/issue-to-segment',
  access: 'promotions.write',
  idempotent: true,
  summary:
    'Issue a coupon of the batch to every member of a segment (定向发券), page by page; total quantity and the per-customer limit hold as for issues, ' +
    'so running it again never gives a customer more than the limit',
  tags: ['coupons'],
  params: z.object({ batchId: idSchema('cpb') }),
  body: z.object({ segmentId: idSchema('seg') }).strict(),
  response: {
    201: z.object({
      segmentId: idSchema('seg'),
      members: z.int().describe('members of the segment processed (all of them unless the batch stopped issuing mid-run, e.g. paused)'),
      issued: z.int(),
      skipped: z.object({ coupon_claim_limit_reached: z.int(), coupon_sold_out: z.int() }),
    }),
  },
});

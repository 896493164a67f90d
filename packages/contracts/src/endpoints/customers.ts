import { MEMBER_TIERS, normalizePhone } from '@yunying/core/customers';
import { resolveProvince } from '@yunying/core/geo';
import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';
import { InstantInput, PlainText } from './promotions.ts';

export const GENDERS = ['female', 'male', 'other'] as const;
export const POINTS_KINDS = ['earn', 'spend', 'expire', 'adjust'] as const;

export const Customer = z.object({
  customerId: idSchema('cus'),
  customerRef: z.string().describe('the customer’s stable external id; coupons and promotion usages carry the same string'),
  displayName: z.string().nullable().describe('masked (张**) without customers.pii'),
  phone: z.string().nullable().describe('masked (138****0000) without customers.pii'),
  email: z.string().nullable().describe('masked (a***@x.com) without customers.pii'),
  region: z.string().nullable().describe('province, as its Chinese name (广东)'),
  gender: z.enum(GENDERS).nullable(),
  birthday: z.string().nullable().describe('YYYY-MM-DD; masked (****-**-**) without customers.pii'),
  memberTier: z.enum(MEMBER_TIERS),
  tags: z.array(z.string()),
  pointsBalance: z.int(),
  firstOrderAt: Timestamp.nullable(),
  lastOrderAt: Timestamp.nullable(),
  ordersCount: z.int(),
  paidTotalFen: z.int().describe('fen, lifetime'),
  paidLast12mFen: z.int().describe('fen, paid over the last 12 months: what the tier rules read'),
  tierReviewedAt: Timestamp.nullable(),
  piiMasked: z.boolean().describe('true when the caller’s role lacks customers.pii and personal fields are masked'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CustomerRef = PlainText(200).describe('the customer’s stable external id (unique per shop)');

// Checked here, normalised by the service (normalizePhone, resolveProvince): contracts stay plain
// JSON Schema (no transforms).
const Phone = z
  .string()
  .max(40)
  .refine((s) => normalizePhone(s) !== undefined, 'an E.164 number (+8613812345678) or an 11-digit Chinese mobile');

const Region = z
  .string()
  .max(50)
  .refine((s) => resolveProvince(s) !== undefined, 'a province: a name such as 广东 or a GB/T 2260 code such as 44')
  .describe('a province (name or GB/T 2260 code), stored as its Chinese name');

/** The writable fields; the points balance moves only through the ledger. */
export const CustomerFields = {
  displayName: PlainText(100).nullable().optional(),
  phone: Phone.nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  region: Region.nullable().optional(),
  gender: z.enum(GENDERS).nullable().optional(),
  birthday: z.iso.date().nullable().optional().describe('YYYY-MM-DD'),
  memberTier: z.enum(MEMBER_TIERS).optional().describe('set by hand; otherwise earned from paidLast12mFen (upgrades at once, downgrades at tier review)'),
  tags: z.array(PlainText(50)).max(100).optional(),
  firstOrderAt: InstantInput.nullable().optional(),
  lastOrderAt: InstantInput.nullable().optional(),
  ordersCount: z.int().min(0).max(100_000_000).optional(),
  paidTotalFen: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('fen'),
  paidLast12mFen: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('fen'),
};

const CustomerParams = z.object({ customerId: idSchema('cus') });

export const listCustomers = endpoint({
  id: 'listCustomers',
  method: 'GET',
  path: '/api/v1/customers',
  access: 'customers.read',
  summary: 'Customers (客户) of this shop; personal data masked without customers.pii',
  tags: ['customers'],
  query: PageQuery.extend({
    tier: z.enum(MEMBER_TIERS).optional(),
    tag: PlainText(50).optional(),
    q: PlainText(200).optional().describe('customerRef starts with'),
  }),
  response: { 200: page(Customer) },
});

export const getCustomer = endpoint({
  id: 'getCustomer',
  method: 'GET',
  path: '/api/v1/customers/:customerId',
  access: 'customers.read',
  summary: 'One customer; personal data masked without customers.pii',
  tags: ['customers'],
  params: CustomerParams,
  response: { 200: Customer },
});

export const createCustomer = endpoint({
  id: 'createCustomer',
  method: 'POST',
  path: '/api/v1/customers',
  access: 'customers.write',
  idempotent: true,
  summary: 'Add a customer',
  tags: ['customers'],
  body: z.object({ customerRef: CustomerRef, ...CustomerFields }).strict(),
  response: { 201: Customer },
});

export const updateCustomer = endpoint({
  id: 'updateCustomer',
  method: 'PATCH',
  path: '/api/v1/customers/:customerId',
  access: 'customers.write',
  summary: 'Change a customer (not the ref, not the points: see the ledger)',
  tags: ['customers'],
  params: CustomerParams,
  body: z.object(CustomerFields).strict(),
  response: { 200: Customer },
});

export const upsertCustomers = endpoint({
  id: 'upsertCustomers',
  method: 'POST',
  path: '/api/v1/customers/bulk-upsert',
  access: 'customers.write',
  idempotent: true,
  summary:
    'Create or update up to 1,000 customers by customerRef, all or none (imports; order figures until the order flow sets them). ' +
    'A pointsBalance sets the balance through an `adjust` entry of the ledger.',
  tags: ['customers'],
  body: z
    .object({
      customers: z
        .array(z.object({ customerRef: CustomerRef, ...CustomerFields, pointsBalance: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional() }).strict())
        .min(1)
        .max(1000),
    })
    .strict(),
  response: { 200: z.object({ created: z.int(), updated: z.int(), unchanged: z.int(), customerIds: z.array(idSchema('cus')).describe('in the order of the request') }) },
});

export const reviewCustomerTier = endpoint({
  id: 'reviewCustomerTier',
  method: 'POST',
  path: '/api/v1/customers/:customerId/tier-review',
  access: 'customers.write',
  summary: 'Review a customer’s member tier (定级) against the 12-month spend: upgrades and downgrades both apply',
  tags: ['customers'],
  params: CustomerParams,
  response: { 200: z.object({ customer: Customer, change: z.enum(['upgrade', 'downgrade', 'none']), previousTier: z.enum(MEMBER_TIERS) }) },
});

export const reviewAllTiers = endpoint({
  id: 'reviewAllTiers',
  method: 'POST',
  path: '/api/v1/customers/tier-review',
  access: 'customers.write',
  summary: 'Review every customer’s member tier (定级) against the 12-month spend, page by page; upgrades and downgrades both apply',
  tags: ['customers'],
  response: { 200: z.object({ reviewed: z.int(), upgraded: z.int(), downgraded: z.int(), unchanged: z.int() }) },
});

export const PointsEntry = z.object({
  entryId: idSchema('pts'),
  customerId: idSchema('cus'),
  kind: z.enum(POINTS_KINDS),
  points: z.int().describe('signed: earn > 0, spend and expire < 0, adjust either way'),
  balanceAfter: z.int(),
  reason: z.string(),
  reference: z.string().nullable(),
  actorId: z.string().nullable(),
  occurredAt: Timestamp,
});

export const postPointsEntry = endpoint({
  id: 'postPointsEntry',
  method: 'POST',
  path: '/api/v1/customers/:customerId/points',
  access: 'customers.write',
  idempotent: true,
  summary: 'Post a points entry (积分): earn, spend, expire or adjust; the balance never goes below zero (insufficient_points)',
  tags: ['customers'],
  params: CustomerParams,
  body: z
    .object({
      kind: z.enum(POINTS_KINDS),
      points: z
        .int()
        .min(-1_000_000_000)
        .max(1_000_000_000)
        .refine((n) => n !== 0, 'not zero')
        .describe('signed: earn > 0, spend and expire < 0, adjust either way'),
      reason: PlainText(200),
      reference: PlainText(200).optional().describe('an order, campaign or ticket this entry belongs to'),
    })
    .strict()
    .superRefine((b, ctx) => {
      if (b.kind === 'earn' && b.points < 0) ctx.addIssue({ code: 'custom', path: ['points'], message: 'earn is positive' });
      if ((b.kind === 'spend' || b.kind === 'expire') && b.points > 0) ctx.addIssue({ code: 'custom', path: ['points'], message: `${b.kind} is negative` });
    }),
  response: { 201: PointsEntry },
});

export const listPointsEntries = endpoint({
  id: 'listPointsEntries',
  method: 'GET',
  path: '/api/v1/customers/:customerId/points',
  access: 'customers.read',
  summary: 'A customer’s points ledger, newest first',
  tags: ['customers'],
  params: CustomerParams,
  query: PageQuery.extend({ kind: z.enum(POINTS_KINDS).optional() }),
  response: { 200: page(PointsEntry) },
});

export const checkPointsLedger = endpoint({
  id: 'checkPointsLedger',
  method: 'GET',
  path: '/api/v1/customers/points-ledger-check',
  access: 'customers.read',
  summary: 'Recompute every points balance from the ledger and list customers whose stored balance differs (empty when in step)',
  tags: ['customers'],
  response: {
    200: z.object({
      customersChecked: z.int(),
      entriesChecked: z.int(),
      mismatches: z.array(z.object({ customerId: z.string(), balance: z.int(), ledgerSum: z.int() })),
    }),
  },
});

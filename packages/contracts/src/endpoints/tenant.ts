import { z } from 'zod';
import { idSchema, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';

const TimeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Asia/Shanghai');

export const Tenant = z.object({
  tenantId: idSchema('tnt'),
  name: z.string(),
  timeZone: z.string().describe('reports count days in this zone'),
  currency: z.string().length(3),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const getTenant = endpoint({
  id: 'getTenant',
  method: 'GET',
  path: '/api/v1/tenant',
  access: 'tenant.read',
  summary: 'The current shop’s settings',
  tags: ['tenant'],
  response: { 200: Tenant },
});

export const updateTenant = endpoint({
  id: 'updateTenant',
  method: 'PATCH',
  path: '/api/v1/tenant',
  access: 'tenant.manage',
  summary: 'Change the current shop’s name, time zone or currency',
  tags: ['tenant'],
  body: z
    .object({
      name: z.string().trim().min(1).max(100).optional(),
      timeZone: TimeZone.optional(),
      currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code such as CNY').optional(),
    })
    .strict(),
  response: { 200: Tenant },
});

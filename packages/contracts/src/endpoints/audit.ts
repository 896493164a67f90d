import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';

export const AuditEvent = z.object({
  auditId: idSchema('aud'),
  occurredAt: Timestamp,
  actorType: z.enum(['user', 'token', 'system']),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  requestId: z.string().nullable(),
});

export const listAuditEvents = endpoint({
  id: 'listAuditEvents',
  method: 'GET',
  path: '/api/v1/audit-events',
  access: 'audit.read',
  summary: 'The audit log, newest first: who changed what, when, before and after',
  tags: ['audit'],
  query: PageQuery.extend({
    entityType: z.string().max(64).optional(),
    entityId: z.string().max(64).optional(),
    actorId: z.string().max(64).optional(),
  }),
  response: { 200: page(AuditEvent) },
});

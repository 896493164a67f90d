import { z } from 'zod';
import { endpoint } from '../endpoint.ts';

export const health = endpoint({
  id: 'health',
  method: 'GET',
  path: '/healthz',
  access: 'public',
  summary: 'Liveness: the process is up',
  tags: ['system'],
  response: { 200: z.object({ status: z.literal('ok') }) },
});

export const ready = endpoint({
  id: 'ready',
  method: 'GET',
  path: '/readyz',
  access: 'public',
  summary: 'Readiness: the database answers and the server is not shutting down',
  tags: ['system'],
  response: {
    200: z.object({ status: z.literal('ready'), engine: z.enum(['pglite', 'postgres']) }),
  },
});

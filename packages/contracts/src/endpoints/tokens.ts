import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';
import { Role } from './auth.ts';

export const ApiToken = z.object({
  tokenId: idSchema('tok'),
  userId: idSchema('usr'),
  name: z.string(),
  role: Role,
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});

export const listTokens = endpoint({
  id: 'listTokens',
  method: 'GET',
  path: '/api/v1/tokens',
  access: 'member',
  summary: 'My API tokens for this shop (all members’ tokens with members.manage)',
  tags: ['tokens'],
  query: PageQuery,
  response: { 200: page(ApiToken) },
});

export const createToken = endpoint({
  id: 'createToken',
  method: 'POST',
  path: '/api/v1/tokens',
  access: 'member',
  sessionOnly: true,
  summary: 'Create a personal API token scoped to a role you could grant; the secret is shown once',
  tags: ['tokens'],
  body: z
    .object({
      name: z.string().trim().min(1).max(100),
      role: Role,
      expiresInDays: z.int().min(1).max(3650).optional(),
    })
    .strict(),
  response: {
    201: ApiToken.extend({ token: z.string().describe('send as Authorization: Bearer <token>; never shown again') }),
  },
});

export const revokeToken = endpoint({
  id: 'revokeToken',
  method: 'DELETE',
  path: '/api/v1/tokens/:tokenId',
  access: 'member',
  summary: 'Revoke an API token (yours, or anyone’s with members.manage)',
  tags: ['tokens'],
  params: z.object({ tokenId: idSchema('tok') }),
  response: { 204: z.null() },
});

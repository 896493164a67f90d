import { PERMISSIONS, ROLES } from '@yunying/core/access';
import { z } from 'zod';
import { Empty, idSchema } from '../common.ts';
import { endpoint } from '../endpoint.ts';

export const Role = z.enum(ROLES);
export const PermissionName = z.enum(PERMISSIONS);

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }));

export const Password = z.string().min(10, 'at least 10 characters').max(256);

export const Membership = z.object({
  tenantId: idSchema('tnt'),
  tenantName: z.string(),
  role: Role,
});

export const Me = z.object({
  user: z.object({ userId: idSchema('usr'), email: z.string(), displayName: z.string() }),
  tenantId: idSchema('tnt').nullable().describe('the shop this session works in'),
  role: Role.nullable(),
  permissions: z.array(PermissionName),
  memberships: z.array(Membership),
  csrfToken: z.string().nullable().describe('send as X-CSRF-Token on cookie-authenticated writes; null for API tokens'),
  authenticatedBy: z.enum(['session', 'token']),
});

export const login = endpoint({
  id: 'login',
  method: 'POST',
  path: '/api/v1/auth/login',
  access: 'public',
  summary: 'Sign in with email and password; sets the session cookie',
  tags: ['auth'],
  body: z.object({
    email: Email,
    password: z.string().min(1).max(256),
    tenantId: idSchema('tnt').optional().describe('shop to open; defaults to the first membership'),
  }),
  response: { 200: Me },
});

export const logout = endpoint({
  id: 'logout',
  method: 'POST',
  path: '/api/v1/auth/logout',
  access: 'session',
  sessionOnly: true,
  summary: 'Sign out: ends this session',
  tags: ['auth'],
  response: { 204: z.null().describe('no content') },
});

export const me = endpoint({
  id: 'me',
  method: 'GET',
  path: '/api/v1/auth/me',
  access: 'session',
  summary: 'Who am I: user, current shop, role, permissions',
  tags: ['auth'],
  response: { 200: Me },
});

export const switchTenant = endpoint({
  id: 'switchTenant',
  method: 'POST',
  path: '/api/v1/auth/tenant',
  access: 'session',
  sessionOnly: true,
  summary: 'Switch this session to another shop the user belongs to',
  tags: ['auth'],
  body: z.object({ tenantId: idSchema('tnt') }),
  response: { 200: Me },
});

export const listRoles = endpoint({
  id: 'listRoles',
  method: 'GET',
  path: '/api/v1/roles',
  access: 'session',
  summary: 'The role and permission matrix',
  tags: ['auth'],
  response: {
    200: z.object({
      roles: z.array(
        z.object({
          role: Role,
          label: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }),
          permissions: z.array(PermissionName),
        }),
      ),
      permissions: z.array(
        z.object({ permission: PermissionName, label: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }) }),
      ),
    }),
  },
});

export { Empty };

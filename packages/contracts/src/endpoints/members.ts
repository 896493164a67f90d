import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';
import { Email, Password, Role } from './auth.ts';

export const Member = z.object({
  userId: idSchema('usr'),
  email: z.string(),
  displayName: z.string(),
  role: Role,
  createdAt: Timestamp,
});

const MemberParams = z.object({ userId: idSchema('usr') });

export const listMembers = endpoint({
  id: 'listMembers',
  method: 'GET',
  path: '/api/v1/members',
  access: 'members.read',
  summary: 'People of this shop with their roles',
  tags: ['members'],
  query: PageQuery,
  response: { 200: page(Member) },
});

export const getMember = endpoint({
  id: 'getMember',
  method: 'GET',
  path: '/api/v1/members/:userId',
  access: 'members.read',
  summary: 'One member',
  tags: ['members'],
  params: MemberParams,
  response: { 200: Member },
});

export const addMember = endpoint({
  id: 'addMember',
  method: 'POST',
  path: '/api/v1/members',
  access: 'members.manage',
  idempotent: true,
  summary: 'Add a person to this shop with a role; creates their account when the email is new',
  tags: ['members'],
  body: z
    .object({
      email: Email,
      displayName: z.string().trim().min(1).max(100),
      role: Role,
      password: Password.optional().describe('for a new account; when omitted one is generated and returned once'),
    })
    .strict(),
  response: {
    201: Member.extend({
      initialPassword: z.string().nullable().describe('generated password, shown this once; null when not generated'),
    }),
  },
});

export const updateMember = endpoint({
  id: 'updateMember',
  method: 'PATCH',
  path: '/api/v1/members/:userId',
  access: 'members.manage',
  summary: 'Change a member’s role',
  tags: ['members'],
  params: MemberParams,
  body: z.object({ role: Role }).strict(),
  response: { 200: Member },
});

export const removeMember = endpoint({
  id: 'removeMember',
  method: 'DELETE',
  path: '/api/v1/members/:userId',
  access: 'members.manage',
  summary: 'Remove a person from this shop (their account stays; their tokens for this shop stop working)',
  tags: ['members'],
  params: MemberParams,
  response: { 204: z.null() },
});

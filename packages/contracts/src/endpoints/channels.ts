import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';

export const PLATFORMS = ['own_store', 'mini_program', 'tmall', 'taobao', 'jd', 'pdd', 'douyin', 'kuaishou', 'other'] as const;

export const Channel = z.object({
  channelId: idSchema('chn'),
  code: z.string(),
  name: z.string(),
  platform: z.enum(PLATFORMS),
  commissionBp: z.int().describe('platform commission in basis points (500 = 5%)'),
  shipWithinHours: z.int().describe('发货时效: hours to ship after payment'),
  status: z.enum(['active', 'archived']),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const ChannelParams = z.object({ channelId: idSchema('chn') });

const ChannelFields = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, _ and -, up to 40'),
  name: z.string().trim().min(1).max(100),
  platform: z.enum(PLATFORMS),
  commissionBp: z.int().min(0).max(10_000).default(0),
  shipWithinHours: z.int().min(1).max(720).default(48),
});

export const listChannels = endpoint({
  id: 'listChannels',
  method: 'GET',
  path: '/api/v1/channels',
  access: 'channels.read',
  summary: 'Sales channels (店铺/渠道) of this shop',
  tags: ['channels'],
  query: PageQuery.extend({ status: z.enum(['active', 'archived']).optional() }),
  response: { 200: page(Channel) },
});

export const getChannel = endpoint({
  id: 'getChannel',
  method: 'GET',
  path: '/api/v1/channels/:channelId',
  access: 'channels.read',
  summary: 'One channel',
  tags: ['channels'],
  params: ChannelParams,
  response: { 200: Channel },
});

export const createChannel = endpoint({
  id: 'createChannel',
  method: 'POST',
  path: '/api/v1/channels',
  access: 'channels.manage',
  idempotent: true,
  summary: 'Add a sales channel',
  tags: ['channels'],
  body: ChannelFields.strict(),
  response: { 201: Channel },
});

export const updateChannel = endpoint({
  id: 'updateChannel',
  method: 'PATCH',
  path: '/api/v1/channels/:channelId',
  access: 'channels.manage',
  summary: 'Change a channel',
  tags: ['channels'],
  params: ChannelParams,
  body: z
    .object({
      name: ChannelFields.shape.name.optional(),
      commissionBp: z.int().min(0).max(10_000).optional(),
      shipWithinHours: z.int().min(1).max(720).optional(),
      status: z.enum(['active', 'archived']).optional(),
    })
    .strict(),
  response: { 200: Channel },
});

export const archiveChannel = endpoint({
  id: 'archiveChannel',
  method: 'DELETE',
  path: '/api/v1/channels/:channelId',
  access: 'channels.manage',
  summary: 'Archive a channel (its history stays)',
  tags: ['channels'],
  params: ChannelParams,
  response: { 204: z.null() },
});

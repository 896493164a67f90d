import type { Endpoint } from '@yunying/contracts';
import { newId } from '@yunying/db';

/** Ids of real entities a test can point requests at. */
export interface ExampleIds {
  userId: string;
  tokenId: string;
  channelId: string;
}

export interface ExampleRequest {
  url: string;
  body?: unknown;
}

let n = 0;
const unique = () => `${Date.now().toString(36)}${(++n).toString(36)}`;

/** Fills an endpoint's path parameters. */
export function pathFor(endpoint: Endpoint, ids: Partial<Record<string, string>>): string {
  return endpoint.path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? `MISSING_${name}`);
}

/** Ids that look right but name nothing. */
export function phantomIds(): ExampleIds {
  return { userId: newId('usr'), tokenId: newId('tok'), channelId: newId('chn') };
}

/**
 * A valid request for every endpoint: the generated RBAC, tenant-isolation and fuzz tests start
 * from these. A test fails when an endpoint has no example, so new routes cannot slip past them.
 */
export const EXAMPLES: Record<string, (ids: ExampleIds) => ExampleRequest> = {
  health: () => ({ url: '/healthz' }),
  ready: () => ({ url: '/readyz' }),
  login: () => ({ url: '/api/v1/auth/login', body: { email: 'nobody@example.com', password: 'wrong-password' } }),
  logout: () => ({ url: '/api/v1/auth/logout' }),
  me: () => ({ url: '/api/v1/auth/me' }),
  switchTenant: () => ({ url: '/api/v1/auth/tenant', body: { tenantId: newId('tnt') } }),
  listRoles: () => ({ url: '/api/v1/roles' }),
  getTenant: () => ({ url: '/api/v1/tenant' }),
  updateTenant: () => ({ url: '/api/v1/tenant', body: { timeZone: 'Asia/Shanghai' } }),
  listMembers: () => ({ url: '/api/v1/members?limit=5' }),
  getMember: (ids) => ({ url: `/api/v1/members/${ids.userId}` }),
  addMember: () => ({ url: '/api/v1/members', body: { email: `m-${unique()}@example.com`, displayName: 'New', role: 'analyst' } }),
  updateMember: (ids) => ({ url: `/api/v1/members/${ids.userId}`, body: { role: 'analyst' } }),
  removeMember: (ids) => ({ url: `/api/v1/members/${ids.userId}` }),
  listTokens: () => ({ url: '/api/v1/tokens' }),
  createToken: () => ({ url: '/api/v1/tokens', body: { name: `t-${unique()}`, role: 'analyst' } }),
  revokeToken: (ids) => ({ url: `/api/v1/tokens/${ids.tokenId}` }),
  listAuditEvents: () => ({ url: '/api/v1/audit-events?limit=5' }),
  listChannels: () => ({ url: '/api/v1/channels' }),
  getChannel: (ids) => ({ url: `/api/v1/channels/${ids.channelId}` }),
  createChannel: () => ({ url: '/api/v1/channels', body: { code: `c-${unique()}`, name: '京东自营', platform: 'jd', commissionBp: 600, shipWithinHours: 24 } }),
  updateChannel: (ids) => ({ url: `/api/v1/channels/${ids.channelId}`, body: { commissionBp: 500 } }),
  archiveChannel: (ids) => ({ url: `/api/v1/channels/${ids.channelId}` }),
};

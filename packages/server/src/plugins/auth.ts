import { canGrant, isRole, ROLE_PERMISSIONS, type Permission, type Role } from '@yunying/core/access';
import type { Endpoint } from '@yunying/contracts';
import { findSessionPrincipal, findTokenPrincipal, touchApiToken, touchSession, type DB, type Kysely } from '@yunying/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthCache } from '../auth-cache.ts';
import type { Config } from '../config.ts';
import { ApiError } from '../problem.ts';
import { parseApiToken, safeEqual, sha256 } from '../services/credentials.ts';
import type { Actor } from '../services/result.ts';

export const SESSION_COOKIE = 'yy_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOUCH_EVERY_MS = 5 * 60_000;

/** The caller of a request: a person with a password session, or an API token of theirs. */
export interface Principal {
  kind: 'session' | 'token';
  userId: string;
  email: string;
  displayName: string;
  tenantId: string | null;
  role: Role | null;
  permissions: readonly Permission[];
  sessionHash?: string;
  csrfToken?: string;
  tokenId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

function withRole(p: Omit<Principal, 'permissions' | 'role'>, role: string | null): Principal {
  const r = role && isRole(role) ? role : null;
  return { ...p, role: r, permissions: r ? ROLE_PERMISSIONS[r] : [] };
}

async function fromToken(db: Kysely<DB>, header: string, now: Date): Promise<Principal | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const parsed = match ? parseApiToken(match[1]!) : undefined;
  if (!parsed) return null;
  const token = await findTokenPrincipal(db, parsed.tenantId, parsed.tokenId);
  if (!token || token.disabled || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
  if (!safeEqual(token.secretHash, sha256(parsed.secret))) return null;
  // The token acts with its own role, and only while its owner is still a member who could grant it.
  if (!token.memberRole || !isRole(token.memberRole) || !isRole(token.role) || !canGrant(token.memberRole, token.role)) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await touchApiToken(db, token.tenantId, token.tokenId, now);
  }
  return withRole(
    { kind: 'token', userId: token.userId, email: token.email, displayName: token.displayName, tenantId: token.tenantId, tokenId: token.tokenId },
    token.role,
  );
}

async function fromSession(db: Kysely<DB>, sessionHash: string, config: Config, now: Date): Promise<Principal | null> {
  const s = await findSessionPrincipal(db, sessionHash, now);
  if (!s) return null;
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await touchSession(db, sessionHash, now, new Date(now.getTime() + config.sessionTtlHours * 3_600_000));
  }
  return withRole(
    { kind: 'session', userId: s.userId, email: s.email, displayName: s.displayName, tenantId: s.tenantId, sessionHash, csrfToken: s.csrfToken },
    s.role,
  );
}

/**
 * Who is calling: a bearer token when the Authorization header is present, else the session cookie.
 * Verified callers are remembered in `cache` for a few seconds (see AuthCache); failures never are.
 */
export async function resolvePrincipal(
  db: Kysely<DB>,
  request: FastifyRequest,
  config: Config,
  cache: AuthCache<Principal>,
  now = new Date(),
): Promise<Principal | null> {
  const header = request.headers.authorization;
  const cookie = header === undefined ? request.cookies?.[SESSION_COOKIE] : undefined;
  if (header === undefined && !cookie) return null;
  if (cookie !== undefined && cookie.length > 200) return null;
  // One hash per request: it is the cache key, and for a cookie also the stored session key.
  const hash = sha256(header ?? cookie!);
  const key = header !== undefined ? `t:${hash}` : `s:${hash}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const principal = header !== undefined ? await fromToken(db, header, now) : await fromSession(db, hash, config, now);
  if (principal) cache.set(key, principal);
  return principal;
}

/**
 * The route guard, generated from the endpoint's contract: authentication, CSRF for cookie writes,
 * a current shop for shop routes, and the permission from the role matrix.
 */
export function guard(db: Kysely<DB>, endpoint: Endpoint, config: Config, cache: AuthCache<Principal>) {
  return async function checkAccess(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    request.principal = null;
    if (endpoint.access === 'public') return;
    const principal = await resolvePrincipal(db, request, config, cache);
    if (!principal) throw new ApiError('unauthenticated');
    request.principal = principal;
    if (endpoint.sessionOnly && principal.kind !== 'session') throw new ApiError('token_requires_session');
    if (principal.kind === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !principal.csrfToken || !safeEqual(sent, principal.csrfToken)) {
        throw new ApiError('csrf_failed', 'Send the csrfToken from /api/v1/auth/me as the X-CSRF-Token header.');
      }
    }
    if (endpoint.access === 'session') return;
    if (!principal.tenantId || !principal.role) throw new ApiError('no_tenant');
    if (endpoint.access !== 'member' && !principal.permissions.includes(endpoint.access)) {
      throw new ApiError('forbidden', `This needs the permission ${endpoint.access}.`, { permission: endpoint.access });
    }
  };
}

/** The actor of a shop route (after the guard). */
export function actorOf(request: FastifyRequest): Actor {
  const p = request.principal;
  if (!p?.tenantId || !p.role) throw new ApiError('no_tenant');
  return {
    tenantId: p.tenantId,
    actorType: p.kind === 'token' ? 'token' : 'user',
    actorId: p.kind === 'token' ? p.tokenId! : p.userId,
    userId: p.userId,
    role: p.role,
    requestId: request.id,
  };
}

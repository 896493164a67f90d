import { PERMISSION_LABELS, PERMISSIONS, ROLE_LABELS, ROLE_PERMISSIONS, ROLES } from '@yunying/core/access';
import { auth } from '@yunying/contracts';
import { deleteSession, listMembershipsOfUser, setSessionTenant } from '@yunying/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type Principal } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import { login } from '../services/accounts.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';

function secureCookie(ctx: RouteContext, request: FastifyRequest): boolean {
  return ctx.config.cookieSecure === 'auto' ? request.protocol === 'https' : ctx.config.cookieSecure === 'true';
}

async function describeMe(ctx: RouteContext, p: Principal) {
  const memberships = await listMembershipsOfUser(ctx.db, p.userId);
  return {
    user: { userId: p.userId, email: p.email, displayName: p.displayName },
    tenantId: p.tenantId,
    role: p.role,
    permissions: [...p.permissions],
    memberships: memberships.filter((m) => p.kind === 'session' || m.tenantId === p.tenantId).map((m) => ({
      tenantId: m.tenantId,
      tenantName: m.tenantName,
      role: m.role as (typeof ROLES)[number],
    })),
    csrfToken: p.csrfToken ?? null,
    authenticatedBy: p.kind,
  };
}

function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError('unauthenticated');
  return request.principal;
}

export function authRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const policy = {
    maxFailures: ctx.config.loginMaxFailures,
    lockMinutes: ctx.config.loginLockMinutes,
    sessionTtlHours: ctx.config.sessionTtlHours,
  };

  registerEndpoint(
    app,
    ctx,
    auth.login,
    async ({ body, request, reply }) => {
      const session = unwrap(await login(ctx.db, body, policy));
      setCookie(reply, session.cookieValue, session.expiresAt, secureCookie(ctx, request));
      const membership = session.memberships.find((m) => m.tenantId === session.tenantId);
      const role = (membership?.role ?? null) as Principal['role'];
      return describeMe(ctx, {
        kind: 'session',
        userId: session.user.userId,
        email: session.user.email,
        displayName: session.user.displayName,
        tenantId: session.tenantId,
        role,
        permissions: role ? ROLE_PERMISSIONS[role] : [],
        csrfToken: session.csrfToken,
      });
    },
    // Per-address throttle on sign-in, on top of the per-account lockout.
    { rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: 60_000 } },
  );

  registerEndpoint(app, ctx, auth.logout, async ({ request, reply }) => {
    const p = principalOf(request);
    if (p.sessionHash) await deleteSession(ctx.db, p.sessionHash);
    ctx.authCache.clear();
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return null;
  });

  registerEndpoint(app, ctx, auth.me, async ({ request }) => describeMe(ctx, principalOf(request)));

  registerEndpoint(app, ctx, auth.switchTenant, async ({ body, request }) => {
    const p = principalOf(request);
    const memberships = await listMembershipsOfUser(ctx.db, p.userId);
    const target = memberships.find((m) => m.tenantId === body.tenantId);
    if (!target || !p.sessionHash) throw new ApiError('not_found', 'You are not a member of that shop.');
    await setSessionTenant(ctx.db, p.sessionHash, target.tenantId);
    ctx.authCache.clear();
    const role = target.role as NonNullable<Principal['role']>;
    return describeMe(ctx, { ...p, tenantId: target.tenantId, role, permissions: ROLE_PERMISSIONS[role] });
  });

  registerEndpoint(app, ctx, auth.listRoles, async () => ({
    roles: ROLES.map((role) => ({ role, label: ROLE_LABELS[role], permissions: [...ROLE_PERMISSIONS[role]] })),
    permissions: PERMISSIONS.map((permission) => ({ permission, label: PERMISSION_LABELS[permission] })),
  }));
}

function setCookie(reply: FastifyReply, value: string, expires: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires });
}

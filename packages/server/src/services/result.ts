import type { ErrorCode } from '@yunying/contracts';

/** An expected failure of a use case, named by a stable error code. */
export interface Failure {
  ok: false;
  code: ErrorCode;
  detail?: string;
  extra?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | Failure;

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail(code: ErrorCode, detail?: string, extra?: Record<string, unknown>): Failure {
  return { ok: false, code, ...(detail ? { detail } : {}), ...(extra ? { extra } : {}) };
}

/** Who is acting, in which shop: carried into every write for the audit log. */
export interface Actor {
  tenantId: string;
  actorType: 'user' | 'token' | 'system';
  actorId: string | null;
  userId: string | null;
  role: import('@yunying/core/access').Role;
  requestId: string | null;
}

import { createHash } from 'node:crypto';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, type DB, type IdempotencyScope, type Kysely } from '@yunying/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotencyScope | null;
  }
}

const KEY = /^[\x21-\x7e]{1,255}$/;

/** Stable JSON: object keys sorted, so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Idempotency-Key for POSTs that create records: the same key with the same body answers with the
 * first response (and `Idempotent-Replayed: true`); the same key with another body is refused (422);
 * while the first is still running, 409. Keys are per shop and caller, kept 24 hours.
 */
export function idempotencyCheck(db: Kysely<DB>) {
  return async function checkIdempotency(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    request.idempotency = null;
    const key = request.headers['idempotency-key'];
    if (key === undefined) return undefined;
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new ApiError('validation_failed', 'Idempotency-Key must be 1–255 visible ASCII characters.', {}, [
        { path: 'headers.idempotency-key', message: 'must be 1–255 visible ASCII characters' },
      ]);
    }
    const p = request.principal;
    if (!p?.tenantId) return undefined;
    const scope = { tenantId: p.tenantId, actorId: p.tokenId ?? p.userId, key };
    const path = request.routeOptions.url ?? request.url;
    const requestHash = createHash('sha256').update(canonical(request.body ?? null)).digest('hex');
    const claim = await claimIdempotencyKey(db, scope, { method: request.method, path, requestHash });
    if (claim.kind === 'mismatch') throw new ApiError('idempotency_key_reused');
    if (claim.kind === 'in_flight') throw new ApiError('idempotency_key_in_flight');
    if (claim.kind === 'replay') {
      reply.header('idempotent-replayed', 'true');
      if (claim.statusCode >= 400) reply.type('application/problem+json; charset=utf-8');
      return reply.code(claim.statusCode).serializer(JSON.stringify).send(claim.body);
    }
    request.idempotency = scope;
    return undefined;
  };
}

async function completeClaim(db: Kysely<DB>, scope: IdempotencyScope, statusCode: number, payload: unknown): Promise<void> {
  if (statusCode >= 500) {
    await releaseIdempotencyKey(db, scope);
    return;
  }
  const text = typeof payload === 'string' ? payload : '';
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  await completeIdempotencyKey(db, scope, statusCode, body);
}

/**
 * Stores the outcome of a claimed request (or frees the key after a server error). A callback
 * hook, not an async one: it runs on every response, and most have no claim to complete.
 */
export function registerIdempotencyCompletion(app: FastifyInstance, db: Kysely<DB>): void {
  app.decorateRequest('idempotency', null);
  app.addHook('onSend', (request, reply, payload, done) => {
    const scope = request.idempotency;
    if (!scope) return done(null, payload);
    request.idempotency = null;
    completeClaim(db, scope, reply.statusCode, payload).then(
      () => done(null, payload),
      (error: Error) => done(error),
    );
  });
}

import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export interface IdempotencyScope {
  tenantId: string;
  actorId: string;
  key: string;
}

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'in_flight' }
  | { kind: 'mismatch' }
  | { kind: 'replay'; statusCode: number; body: unknown };

/**
 * Claims an Idempotency-Key for a request, atomically: the first caller inserts a pending row and
 * proceeds; later callers with the same key get the stored response (same request), `mismatch`
 * (another request under the same key) or `in_flight` (the first is still running).
 */
export async function claimIdempotencyKey(
  db: Kysely<DB>,
  scope: IdempotencyScope,
  request: { method: string; path: string; requestHash: string },
): Promise<IdempotencyClaim> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      tenant_id: scope.tenantId,
      actor_id: scope.actorId,
      idem_key: scope.key,
      method: request.method,
      path: request.path,
      request_hash: request.requestHash,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'actor_id', 'idem_key']).doNothing())
    .returning('idem_key')
    .executeTakeFirst();
  if (inserted) return { kind: 'claimed' };
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['method', 'path', 'request_hash', 'status_code', 'response_body'])
    .where('tenant_id', '=', scope.tenantId)
    .where('actor_id', '=', scope.actorId)
    .where('idem_key', '=', scope.key)
    .executeTakeFirst();
  if (!row) return { kind: 'in_flight' }; // released between our insert and read; the client retries
  if (row.request_hash !== request.requestHash || row.method !== request.method || row.path !== request.path) {
    return { kind: 'mismatch' };
  }
  if (row.status_code === null) return { kind: 'in_flight' };
  const body = typeof row.response_body === 'string' ? JSON.parse(row.response_body) : row.response_body;
  return { kind: 'replay', statusCode: row.status_code, body };
}

export async function completeIdempotencyKey(db: Kysely<DB>, scope: IdempotencyScope, statusCode: number, body: unknown): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: statusCode, response_body: JSON.stringify(body ?? null) })
    .where('tenant_id', '=', scope.tenantId)
    .where('actor_id', '=', scope.actorId)
    .where('idem_key', '=', scope.key)
    .execute();
}

/** Forgets a claim whose request failed on our side, so the client may retry with the same key. */
export async function releaseIdempotencyKey(db: Kysely<DB>, scope: IdempotencyScope): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('tenant_id', '=', scope.tenantId)
    .where('actor_id', '=', scope.actorId)
    .where('idem_key', '=', scope.key)
    .where('status_code', 'is', null)
    .execute();
}

export async function deleteIdempotencyKeysBefore(db: Kysely<DB>, before: Date): Promise<number> {
  const r = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

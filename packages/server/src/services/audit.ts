import { diffChanges } from '@yunying/core/audit';
import { appendAudit, newId, type DB, type Kysely } from '@yunying/db';
import type { Actor } from './result.ts';

/**
 * Appends an audit entry for a change to one entity, with the before/after of the fields that
 * changed. Call it in the transaction that makes the change, so both commit or neither does.
 */
export async function recordChange(
  db: Kysely<DB>,
  actor: Actor,
  change: {
    action: string;
    entityType: string;
    entityId: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    omit?: readonly string[];
  },
): Promise<void> {
  await appendAudit(db, {
    tenantId: actor.tenantId,
    auditId: newId('aud'),
    actorType: actor.actorType,
    actorId: actor.actorId,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    changes: diffChanges(change.before, change.after, change.omit),
    requestId: actor.requestId,
  });
}

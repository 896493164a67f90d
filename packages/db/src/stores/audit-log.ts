import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

export interface AuditEntry {
  tenantId: string;
  auditId: string;
  actorType: 'user' | 'token' | 'system';
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: FieldChanges;
  requestId: string | null;
}

export interface AuditRecord extends AuditEntry {
  occurredAt: Date;
}

/** Appends one entry; call it inside the transaction that makes the change. */
export async function appendAudit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      tenant_id: e.tenantId,
      audit_id: e.auditId,
      actor_type: e.actorType,
      actor_id: e.actorId,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      changes: JSON.stringify(e.changes),
      request_id: e.requestId,
    })
    .execute();
}

/** Newest first, keyset-paged by audit id. */
export async function listAudit(
  db: Kysely<DB>,
  tenantId: string,
  filter: { entityType?: string | undefined; entityId?: string | undefined; actorId?: string | undefined; beforeAuditId?: string | undefined; limit: number },
): Promise<AuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId);
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  if (filter.beforeAuditId) q = q.where('audit_id', '<', filter.beforeAuditId);
  const rows = await q.orderBy('audit_id', 'desc').limit(filter.limit).execute();
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    auditId: r.audit_id,
    occurredAt: r.occurred_at,
    actorType: r.actor_type as AuditEntry['actorType'],
    actorId: r.actor_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    changes: (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as FieldChanges,
    requestId: r.request_id,
  }));
}

import type { Kysely, Selectable } from 'kysely';
import type { DB, TenantsTable } from '../schema.ts';

export interface TenantRecord {
  tenantId: string;
  name: string;
  timeZone: string;
  currency: string;
  createdAt: Date;
  updatedAt: Date;
}

function toTenant(row: Selectable<TenantsTable>): TenantRecord {
  return {
    tenantId: row.tenant_id,
    name: row.name,
    timeZone: row.time_zone,
    currency: row.currency,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertTenant(
  db: Kysely<DB>,
  t: { tenantId: string; name: string; timeZone?: string; currency?: string },
): Promise<TenantRecord> {
  const row = await db
    .insertInto('tenants')
    .values({
      tenant_id: t.tenantId,
      name: t.name,
      ...(t.timeZone ? { time_zone: t.timeZone } : {}),
      ...(t.currency ? { currency: t.currency } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTenant(row);
}

export async function findTenant(db: Kysely<DB>, tenantId: string): Promise<TenantRecord | undefined> {
  const row = await db.selectFrom('tenants').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  return row && toTenant(row);
}

export async function updateTenant(
  db: Kysely<DB>,
  tenantId: string,
  patch: { name?: string; timeZone?: string; currency?: string },
): Promise<TenantRecord | undefined> {
  const row = await db
    .updateTable('tenants')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
      ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .returningAll()
    .executeTakeFirst();
  return row && toTenant(row);
}

export async function countTenants(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('tenants').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listAllTenants(db: Kysely<DB>): Promise<TenantRecord[]> {
  const rows = await db.selectFrom('tenants').selectAll().orderBy('tenant_id').execute();
  return rows.map(toTenant);
}

import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { SupplierContact, SuppliersTable } from '../schema-purchasing.ts';

export interface SupplierRecord {
  supplierId: string;
  code: string;
  name: string;
  contacts: SupplierContact[];
  leadTimeDays: number;
  moq: number;
  paymentTerms: string;
  status: 'active' | 'archived';
  createdAt: Date;
  updatedAt: Date;
}

export type SupplierFields = Pick<SupplierRecord, 'code' | 'name' | 'contacts' | 'leadTimeDays' | 'moq' | 'paymentTerms'>;

function toSupplier(r: Selectable<SuppliersTable>): SupplierRecord {
  return {
    supplierId: r.supplier_id,
    code: r.code,
    name: r.name,
    contacts: r.contacts,
    leadTimeDays: r.lead_time_days,
    moq: r.moq,
    paymentTerms: r.payment_terms,
    status: r.status as SupplierRecord['status'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Inserts a supplier; undefined when its code is taken. */
export async function insertSupplier(db: Kysely<DB>, tenantId: string, s: SupplierFields & { supplierId: string }): Promise<SupplierRecord | undefined> {
  const row = await db
    .insertInto('suppliers')
    .values({
      tenant_id: tenantId,
      supplier_id: s.supplierId,
      code: s.code,
      name: s.name,
      contacts: JSON.stringify(s.contacts),
      lead_time_days: s.leadTimeDays,
      moq: s.moq,
      payment_terms: s.paymentTerms,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && toSupplier(row);
}

export async function findSupplier(db: Kysely<DB>, tenantId: string, supplierId: string, forUpdate = false): Promise<SupplierRecord | undefined> {
  let q = db.selectFrom('suppliers').selectAll().where('tenant_id', '=', tenantId).where('supplier_id', '=', supplierId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toSupplier(row);
}

export async function listSuppliers(db: Kysely<DB>, tenantId: string, filter: { status?: string | undefined; limit: number; afterSupplierId?: string | undefined }): Promise<SupplierRecord[]> {
  let q = db.selectFrom('suppliers').selectAll().where('tenant_id', '=', tenantId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.afterSupplierId) q = q.where('supplier_id', '>', filter.afterSupplierId);
  return (await q.orderBy('supplier_id').limit(filter.limit).execute()).map(toSupplier);
}

export async function updateSupplier(
  db: Kysely<DB>,
  tenantId: string,
  supplierId: string,
  patch: Partial<Pick<SupplierRecord, 'name' | 'contacts' | 'leadTimeDays' | 'moq' | 'paymentTerms' | 'status'>>,
): Promise<SupplierRecord | undefined> {
  const row = await db
    .updateTable('suppliers')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.contacts !== undefined ? { contacts: JSON.stringify(patch.contacts) } : {}),
      ...(patch.leadTimeDays !== undefined ? { lead_time_days: patch.leadTimeDays } : {}),
      ...(patch.moq !== undefined ? { moq: patch.moq } : {}),
      ...(patch.paymentTerms !== undefined ? { payment_terms: patch.paymentTerms } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('supplier_id', '=', supplierId)
    .returningAll()
    .executeTakeFirst();
  return row && toSupplier(row);
}

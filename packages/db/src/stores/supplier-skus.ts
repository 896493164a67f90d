import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { SupplierSkusTable } from '../schema-purchasing.ts';

// Supplier SKUs (供应商商品): a supplier's terms for one SKU (0008_supplier_skus.sql).

export interface SupplierSkuRecord {
  supplierId: string;
  skuId: string;
  supplierItemCode: string | null;
  purchasePriceFen: number;
  /** null = the supplier's default MOQ */
  moq: number | null;
  /** null = the supplier's default lead time */
  leadTimeDays: number | null;
  packSize: number;
  isPreferred: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A supplier SKU with the SKU's code, read with it (lists). */
export interface SupplierSkuWithSku extends SupplierSkuRecord {
  skuCode: string;
  skuStatus: string;
}

export type SupplierSkuFields = Pick<SupplierSkuRecord, 'supplierItemCode' | 'purchasePriceFen' | 'moq' | 'leadTimeDays' | 'packSize' | 'isPreferred'>;

function toSupplierSku(r: Selectable<SupplierSkusTable>): SupplierSkuRecord {
  return {
    supplierId: r.supplier_id,
    skuId: r.sku_id,
    supplierItemCode: r.supplier_item_code,
    purchasePriceFen: Number(r.purchase_price_fen),
    moq: r.moq,
    leadTimeDays: r.lead_time_days,
    packSize: r.pack_size,
    isPreferred: r.is_preferred,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findSupplierSku(db: Kysely<DB>, tenantId: string, supplierId: string, skuId: string, forUpdate = false): Promise<SupplierSkuRecord | undefined> {
  let q = db.selectFrom('supplier_skus').selectAll().where('tenant_id', '=', tenantId).where('supplier_id', '=', supplierId).where('sku_id', '=', skuId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toSupplierSku(row);
}

/** The supplier's terms for each of `skuIds` it supplies. */
export async function supplierSkusFor(db: Kysely<DB>, tenantId: string, supplierId: string, skuIds: readonly string[]): Promise<SupplierSkuRecord[]> {
  if (skuIds.length === 0) return [];
  const rows = await db.selectFrom('supplier_skus').selectAll().where('tenant_id', '=', tenantId).where('supplier_id', '=', supplierId).where('sku_id', 'in', [...skuIds]).execute();
  return rows.map(toSupplierSku);
}

/** A supplier's SKUs in SKU id order, keyset-paginated. */
export async function listSupplierSkus(
  db: Kysely<DB>,
  tenantId: string,
  supplierId: string,
  filter: { preferred?: boolean | undefined; limit: number; afterSkuId?: string | undefined },
): Promise<SupplierSkuWithSku[]> {
  let q = db
    .selectFrom('supplier_skus as x')
    .innerJoin('skus as s', (j) => j.onRef('s.tenant_id', '=', 'x.tenant_id').onRef('s.sku_id', '=', 'x.sku_id'))
    .selectAll('x')
    .select(['s.code as sku_code', 's.status as sku_status'])
    .where('x.tenant_id', '=', tenantId)
    .where('x.supplier_id', '=', supplierId);
  if (filter.preferred !== undefined) q = q.where('x.is_preferred', '=', filter.preferred);
  if (filter.afterSkuId) q = q.where('x.sku_id', '>', filter.afterSkuId);
  const rows = await q.orderBy('x.sku_id').limit(filter.limit).execute();
  return rows.map((r) => ({ ...toSupplierSku(r), skuCode: r.sku_code, skuStatus: r.sku_status }));
}

/** Inserts or replaces a supplier's terms for a SKU. */
export async function upsertSupplierSku(db: Kysely<DB>, tenantId: string, s: SupplierSkuFields & { supplierId: string; skuId: string }): Promise<SupplierSkuRecord> {
  const now = new Date();
  const values = {
    supplier_item_code: s.supplierItemCode,
    purchase_price_fen: s.purchasePriceFen,
    moq: s.moq,
    lead_time_days: s.leadTimeDays,
    pack_size: s.packSize,
    is_preferred: s.isPreferred,
  };
  const row = await db
    .insertInto('supplier_skus')
    .values({ tenant_id: tenantId, supplier_id: s.supplierId, sku_id: s.skuId, ...values, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['tenant_id', 'supplier_id', 'sku_id']).doUpdateSet({ ...values, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSupplierSku(row);
}

/**
 * Clears the preferred flag of every other supplier of the SKU; returns the supplier ids whose
 * flag was cleared (the caller audits them).
 */
export async function clearPreferredSupplier(db: Kysely<DB>, tenantId: string, skuId: string, exceptSupplierId: string): Promise<string[]> {
  const rows = await db
    .updateTable('supplier_skus')
    .set({ is_preferred: false, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('sku_id', '=', skuId)
    .where('is_preferred', '=', true)
    .where('supplier_id', '<>', exceptSupplierId)
    .returning('supplier_id')
    .execute();
  return rows.map((r) => r.supplier_id);
}

export async function deleteSupplierSku(db: Kysely<DB>, tenantId: string, supplierId: string, skuId: string): Promise<void> {
  await db.deleteFrom('supplier_skus').where('tenant_id', '=', tenantId).where('supplier_id', '=', supplierId).where('sku_id', '=', skuId).execute();
}

/** The terms of each SKU's preferred supplier (with the supplier's defaults), for reorder suggestions. */
export interface PreferredSupplierTerms {
  skuId: string;
  supplierId: string;
  supplierCode: string;
  supplierName: string;
  supplierStatus: string;
  supplierItemCode: string | null;
  purchasePriceFen: number;
  moq: number | null;
  leadTimeDays: number | null;
  packSize: number;
  supplierMoq: number;
  supplierLeadTimeDays: number;
}

export async function preferredSupplierTerms(db: Kysely<DB>, tenantId: string): Promise<PreferredSupplierTerms[]> {
  const rows = await db
    .selectFrom('supplier_skus as x')
    .innerJoin('suppliers as p', (j) => j.onRef('p.tenant_id', '=', 'x.tenant_id').onRef('p.supplier_id', '=', 'x.supplier_id'))
    .selectAll('x')
    .select(['p.code as supplier_code', 'p.name as supplier_name', 'p.status as supplier_status', 'p.moq as supplier_moq', 'p.lead_time_days as supplier_lead_time_days'])
    .where('x.tenant_id', '=', tenantId)
    .where('x.is_preferred', '=', true)
    .orderBy('x.sku_id')
    .execute();
  return rows.map((r) => ({
    skuId: r.sku_id,
    supplierId: r.supplier_id,
    supplierCode: r.supplier_code,
    supplierName: r.supplier_name,
    supplierStatus: r.supplier_status,
    supplierItemCode: r.supplier_item_code,
    purchasePriceFen: Number(r.purchase_price_fen),
    moq: r.moq,
    leadTimeDays: r.lead_time_days,
    packSize: r.pack_size,
    supplierMoq: r.supplier_moq,
    supplierLeadTimeDays: r.supplier_lead_time_days,
  }));
}

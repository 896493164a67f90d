import { effectiveTerms } from '@yunying/core/purchasing';
import {
  clearPreferredSupplier,
  deleteSupplierSku,
  findSku,
  findSupplier,
  findSupplierSku,
  preferredSupplierTerms,
  upsertSupplierSku,
  type DB,
  type Kysely,
  type SkuRecord,
  type SupplierRecord,
  type SupplierSkuFields,
  type SupplierSkuRecord,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { archivedSku } from './skus.ts';
import { fail, ok, type Actor, type Failure, type Result } from './result.ts';
import { transact } from './transact.ts';

// Supplier SKUs (供应商商品): which SKUs a supplier supplies, at which purchase price, MOQ, lead
// time and pack size, and which supplier is a SKU's preferred one. Setting isPreferred moves the
// SKU's flag from its previous preferred supplier (audited on both); writes for one SKU are
// serialized by locking the SKU row, so the one-preferred-per-SKU index is never raced.

const entityType = 'supplier_sku';
const entityIdOf = (supplierId: string, skuId: string) => `${supplierId}:${skuId}`;

export type SupplierSkuView = SupplierSkuRecord & { skuCode: string; effectiveMoq: number; effectiveLeadTimeDays: number };

function auditable(s: SupplierSkuRecord): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, supplierId: _s, skuId: _k, ...rest } = s;
  return rest;
}

export function supplierSkuView(s: SupplierSkuRecord, skuCode: string, supplier: Pick<SupplierRecord, 'moq' | 'leadTimeDays'>): SupplierSkuView {
  const eff = effectiveTerms({ ...s }, supplier);
  return { ...s, skuCode, effectiveMoq: eff.moq, effectiveLeadTimeDays: eff.leadTimeDays };
}

/**
 * Adds a SKU to a supplier or changes its terms. `patch` changes only the given fields of an
 * existing supplier SKU (not_found when there is none); otherwise the fields replace it. An
 * archived supplier is supplier_archived, an archived SKU (or product) sku_archived.
 */
export async function writeSupplierSku(
  db: Kysely<DB>,
  actor: Actor,
  supplierId: string,
  skuId: string,
  input: SupplierSkuFields | Partial<SupplierSkuFields>,
  mode: 'put' | 'patch',
): Promise<Result<SupplierSkuView>> {
  return transact(db, async (trx) => {
    const supplier = await findSupplier(trx, actor.tenantId, supplierId);
    if (!supplier) return fail('not_found', `Supplier ${supplierId} does not exist.`);
    if (supplier.status !== 'active') return fail('supplier_archived', `Supplier ${supplier.code} is archived.`, { supplierId });
    const sku = await findSku(trx, actor.tenantId, skuId, true);
    if (!sku) return fail('not_found', `SKU ${skuId} does not exist.`);
    const archived = await archivedSku(trx, actor.tenantId, sku);
    if (archived) return archived;
    const before = await findSupplierSku(trx, actor.tenantId, supplierId, skuId, true);
    if (mode === 'patch' && !before) return fail('not_found', `Supplier ${supplier.code} does not supply SKU ${sku.code}.`);
    const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<SupplierSkuFields>;
    const fields: SupplierSkuFields = mode === 'patch' ? { ...before!, ...defined } : (input as SupplierSkuFields);
    if (fields.isPreferred) {
      for (const other of await clearPreferredSupplier(trx, actor.tenantId, skuId, supplierId)) {
        await recordChange(trx, actor, { action: 'update', entityType, entityId: entityIdOf(other, skuId), before: { isPreferred: true }, after: { isPreferred: false } });
      }
    }
    const after = await upsertSupplierSku(trx, actor.tenantId, {
      supplierId,
      skuId,
      supplierItemCode: fields.supplierItemCode,
      purchasePriceFen: fields.purchasePriceFen,
      moq: fields.moq,
      leadTimeDays: fields.leadTimeDays,
      packSize: fields.packSize,
      isPreferred: fields.isPreferred,
    });
    await recordChange(trx, actor, { action: before ? 'update' : 'create', entityType, entityId: entityIdOf(supplierId, skuId), before: before ? auditable(before) : null, after: auditable(after) });
    return ok(supplierSkuView(after, sku.code, supplier));
  });
}

/** Stops buying a SKU from a supplier; not_found when the supplier does not supply it. */
export async function removeSupplierSku(db: Kysely<DB>, actor: Actor, supplierId: string, skuId: string): Promise<Result<null>> {
  return transact(db, async (trx) => {
    if (!(await findSupplier(trx, actor.tenantId, supplierId))) return fail('not_found', `Supplier ${supplierId} does not exist.`);
    const before = await findSupplierSku(trx, actor.tenantId, supplierId, skuId, true);
    if (!before) return fail('not_found', `Supplier ${supplierId} does not supply SKU ${skuId}.`);
    await deleteSupplierSku(trx, actor.tenantId, supplierId, skuId);
    await recordChange(trx, actor, { action: 'delete', entityType, entityId: entityIdOf(supplierId, skuId), before: auditable(before), after: null });
    return ok(null);
  });
}

/** The preferred supplier a SKU's reorder suggestion is for, with the terms that apply. */
export interface ReorderTerms {
  supplierId: string;
  supplierCode: string;
  supplierName: string;
  supplierItemCode: string | null;
  purchasePriceFen: number;
  leadTimeDays: number;
  moq: number;
  packSize: number;
}

/**
 * Each SKU's preferred supplier terms (the SKU's lead time and MOQ, else the supplier's defaults),
 * by SKU id. Preferred suppliers that are archived are skipped: their SKUs fall back to the
 * caller's defaults.
 */
export async function reorderTermsBySku(db: Kysely<DB>, tenantId: string): Promise<Map<string, ReorderTerms>> {
  const out = new Map<string, ReorderTerms>();
  for (const p of await preferredSupplierTerms(db, tenantId)) {
    if (p.supplierStatus !== 'active') continue;
    const eff = effectiveTerms(p, { moq: p.supplierMoq, leadTimeDays: p.supplierLeadTimeDays });
    out.set(p.skuId, {
      supplierId: p.supplierId,
      supplierCode: p.supplierCode,
      supplierName: p.supplierName,
      supplierItemCode: p.supplierItemCode,
      purchasePriceFen: eff.purchasePriceFen,
      leadTimeDays: eff.leadTimeDays,
      moq: eff.moq,
      packSize: eff.packSize,
    });
  }
  return out;
}

/** The reorder suggestion's supplier block of the insights response (null without a preferred supplier). */
export function reorderSupplierOf(t: ReorderTerms | undefined, reorderQty: number) {
  return t ? { ...t, amountFen: reorderQty * t.purchasePriceFen } : null;
}

import { checkListingQuality, planSkus, type QualityFinding, type SkuDraft, type SkuPlanProblem } from '@yunying/core/catalog';
import {
  deleteProduct,
  deleteSkus,
  findBrand,
  findCategory,
  findProduct,
  findProductsForUpdate,
  hasListings,
  hasMovements,
  hasPurchaseLines,
  insertProduct,
  insertSkus,
  newId,
  skusOfProduct,
  stockTotals,
  takenSkuCodes,
  updateProduct,
  updateSku,
  type DB,
  type Kysely,
  type ProductFields,
  type ProductRecord,
  type SkuRecord,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { fail, ok, type Actor, type Failure, type Result } from './result.ts';
import { transact } from './transact.ts';

// Product (SPU) use cases: create with SKUs, edit, delete or archive, publish/unpublish, quality.

export type ProductWithSkus = ProductRecord & { skus: SkuRecord[] };

export function auditable<T extends { createdAt: Date; updatedAt: Date }>(r: T): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...rest } = r;
  return rest;
}

/** SKU ids that sort in the order the SKUs were planned (grid order): one millisecond apart. */
export function orderedIdMaker(): (i: number) => string {
  const base = Date.now();
  return (i) => newId('sku', base + i);
}

/** A planning problem as a typed failure. */
export function planFailure(p: SkuPlanProblem): Failure {
  const { code, detail, ...extra } = p;
  return fail(code, detail, extra);
}

/** Refs to a category and brand must name this shop's records. */
async function checkRefs(db: Kysely<DB>, tenantId: string, p: { categoryId?: string | null | undefined; brandId?: string | null | undefined }): Promise<Failure | null> {
  if (p.categoryId && !(await findCategory(db, tenantId, p.categoryId))) return fail('not_found', 'The category does not exist.');
  if (p.brandId && !(await findBrand(db, tenantId, p.brandId))) return fail('not_found', 'The brand does not exist.');
  return null;
}

export async function createProduct(
  db: Kysely<DB>,
  actor: Actor,
  input: ProductFields & { skus: SkuDraft[]; generateSkus?: { codePrefix: string; priceFen: number; costFen: number; weightG: number } | undefined; allowBelowCost: boolean },
): Promise<Result<ProductWithSkus>> {
  return transact(db, async (trx) => {
    const refs = await checkRefs(trx, actor.tenantId, input);
    if (refs) return refs;
    const plan = planSkus({ dimensions: input.specDimensions, skus: input.skus, generate: input.generateSkus, allowBelowCost: input.allowBelowCost });
    if (!plan.ok) return planFailure(plan.problem);
    if (plan.skus.length > 1000) return fail('validation_failed', 'A product can have at most 1000 SKUs.');
    const taken = await takenSkuCodes(trx, actor.tenantId, plan.skus.map((s) => s.code));
    if (taken.length > 0) return fail('sku_code_taken', `Taken: ${taken.join(', ')}`, { codes: taken });
    const orderedSkuId = orderedIdMaker();
    const { skus: _s, generateSkus: _g, allowBelowCost: _a, ...fields } = input;
    const product = await insertProduct(trx, actor.tenantId, { productId: newId('prd'), ...fields });
    const skus = await insertSkus(trx, actor.tenantId, plan.skus.map((s, i) => ({ ...s, skuId: orderedSkuId(i), productId: product.productId })));
    await recordChange(trx, actor, { action: 'create', entityType: 'product', entityId: product.productId, before: null, after: auditable(product) });
    for (const s of skus) await recordChange(trx, actor, { action: 'create', entityType: 'sku', entityId: s.skuId, before: null, after: auditable(s) });
    return ok({ ...product, skus });
  });
}

export async function changeProduct(db: Kysely<DB>, actor: Actor, productId: string, patch: Partial<Omit<ProductFields, 'specDimensions'>>): Promise<Result<ProductRecord>> {
  return transact(db, async (trx) => {
    const before = await findProduct(trx, actor.tenantId, productId, true);
    if (!before) return fail('not_found');
    const refs = await checkRefs(trx, actor.tenantId, patch);
    if (refs) return refs;
    const after = (await updateProduct(trx, actor.tenantId, productId, patch))!;
    await recordChange(trx, actor, { action: 'update', entityType: 'product', entityId: productId, before: auditable(before), after: auditable(after) });
    return ok(after);
  });
}

/**
 * Deletes SKUs that never held stock, archives those with history (stock movements, channel
 * listings, purchase-order lines), and refuses while any holds stock (on hand or reserved): the
 * operator archives instead. Returns what it did.
 */
export async function retireSkus(trx: Kysely<DB>, actor: Actor, skus: readonly SkuRecord[]): Promise<Result<'deleted' | 'archived'>> {
  const ids = skus.map((s) => s.skuId);
  const totals = await stockTotals(trx, actor.tenantId, ids);
  const stocked = skus.filter((s) => (totals.get(s.skuId)?.onHand ?? 0) > 0 || (totals.get(s.skuId)?.reserved ?? 0) > 0);
  if (stocked.length > 0) {
    return fail('sku_has_stock', `Still in stock: ${stocked.map((s) => s.code).join(', ')}. Archive instead.`, {
      skus: stocked.map((s) => ({ skuId: s.skuId, code: s.code, ...totals.get(s.skuId) })),
    });
  }
  const hasHistory =
    totals.size > 0 || (await hasMovements(trx, actor.tenantId, ids)) || (await hasListings(trx, actor.tenantId, ids)) || (await hasPurchaseLines(trx, actor.tenantId, ids));
  if (hasHistory) {
    for (const s of skus.filter((x) => x.status !== 'archived')) {
      const after = (await updateSku(trx, actor.tenantId, s.skuId, { status: 'archived' }))!;
      await recordChange(trx, actor, { action: 'archive', entityType: 'sku', entityId: s.skuId, before: auditable(s), after: auditable(after) });
    }
    return ok('archived');
  }
  await deleteSkus(trx, actor.tenantId, ids);
  for (const s of skus) await recordChange(trx, actor, { action: 'delete', entityType: 'sku', entityId: s.skuId, before: auditable(s), after: null });
  return ok('deleted');
}

export async function removeProduct(db: Kysely<DB>, actor: Actor, productId: string): Promise<Result<'deleted' | 'archived'>> {
  return transact(db, async (trx) => {
    const before = await findProduct(trx, actor.tenantId, productId, true);
    if (!before) return fail('not_found');
    const skus = await skusOfProduct(trx, actor.tenantId, productId, true);
    const retired = await retireSkus(trx, actor, skus);
    if (!retired.ok) return retired;
    if (retired.value === 'deleted') {
      await deleteProduct(trx, actor.tenantId, productId);
      await recordChange(trx, actor, { action: 'delete', entityType: 'product', entityId: productId, before: auditable(before), after: null });
    } else {
      const after = (await updateProduct(trx, actor.tenantId, productId, { status: 'archived' }))!;
      await recordChange(trx, actor, { action: 'archive', entityType: 'product', entityId: productId, before: auditable(before), after: auditable(after) });
    }
    return ok(retired.value);
  });
}

/** Why a product cannot go on sale, or null. */
async function publishBlocker(db: Kysely<DB>, tenantId: string, p: ProductRecord): Promise<string | null> {
  if (p.status === 'archived') return 'it is archived';
  const skus = await skusOfProduct(db, tenantId, p.productId);
  return skus.some((s) => s.status === 'active') ? null : 'it has no active SKU';
}

/** Puts products on sale (publish) or takes them off (unpublish), all or none. */
export async function setProductsOnSale(db: Kysely<DB>, actor: Actor, productIds: readonly string[], onSale: boolean): Promise<Result<ProductRecord[]>> {
  return transact(db, async (trx) => {
    const unique = [...new Set(productIds)];
    const products = await findProductsForUpdate(trx, actor.tenantId, unique);
    if (products.length !== unique.length) {
      const found = new Set(products.map((p) => p.productId));
      return fail('not_found', 'Some products do not exist.', { productIds: unique.filter((id) => !found.has(id)) });
    }
    if (onSale) {
      const blocked: { productId: string; reason: string }[] = [];
      for (const p of products) {
        const reason = await publishBlocker(trx, actor.tenantId, p);
        if (reason) blocked.push({ productId: p.productId, reason });
      }
      if (blocked.length > 0) return fail('product_not_publishable', blocked.map((b) => `${b.productId}: ${b.reason}`).join('; '), { products: blocked });
    }
    const out: ProductRecord[] = [];
    for (const p of products) {
      const next = onSale ? 'on_sale' : p.status === 'on_sale' ? 'off_sale' : p.status;
      if (next === p.status) {
        out.push(p);
        continue;
      }
      const after = (await updateProduct(trx, actor.tenantId, p.productId, { status: next }))!;
      await recordChange(trx, actor, { action: onSale ? 'publish' : 'unpublish', entityType: 'product', entityId: p.productId, before: auditable(p), after: auditable(after) });
      out.push(after);
    }
    const order = new Map(productIds.map((id, i) => [id, i]));
    return ok(out.sort((a, b) => order.get(a.productId)! - order.get(b.productId)!));
  });
}

export async function productWithSkus(db: Kysely<DB>, tenantId: string, productId: string): Promise<ProductWithSkus | undefined> {
  const product = await findProduct(db, tenantId, productId);
  return product && { ...product, skus: await skusOfProduct(db, tenantId, productId) };
}

/** The listing-quality findings of a product, judged on its active SKUs and its category's required specs. */
export async function productQuality(db: Kysely<DB>, tenantId: string, productId: string): Promise<Result<QualityFinding[]>> {
  const product = await productWithSkus(db, tenantId, productId);
  if (!product) return fail('not_found');
  const category = product.categoryId ? await findCategory(db, tenantId, product.categoryId) : undefined;
  return ok(
    checkListingQuality({
      ...product,
      requiredSpecs: category?.requiredSpecs ?? [],
      skus: product.skus.filter((s) => s.status === 'active'),
    }),
  );
}

import {
  categoryUsage,
  countBrandProducts,
  deleteBrand,
  deleteCategory,
  findBrand,
  findCategory,
  insertBrand,
  insertCategory,
  newId,
  updateBrand,
  updateCategory,
  type BrandRecord,
  type CategoryFields,
  type CategoryRecord,
  type DB,
  type Kysely,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { fail, ok, type Actor, type Result } from './result.ts';
import { transact } from './transact.ts';

// Catalog taxonomy use cases: the category tree and brands.

const MAX_DEPTH = 20;

function auditable<T extends { createdAt: Date; updatedAt: Date }>(r: T): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...rest } = r;
  return rest;
}

export async function createCategory(db: Kysely<DB>, actor: Actor, input: CategoryFields): Promise<Result<CategoryRecord>> {
  return transact(db, async (trx) => {
    if (input.parentId && !(await findCategory(trx, actor.tenantId, input.parentId))) return fail('not_found', 'The parent category does not exist.');
    const category = await insertCategory(trx, actor.tenantId, { categoryId: newId('cat'), ...input });
    await recordChange(trx, actor, { action: 'create', entityType: 'category', entityId: category.categoryId, before: null, after: auditable(category) });
    return ok(category);
  });
}

/** True when `candidateParent` is `categoryId` or lies below it (moving there would make a cycle). */
async function wouldCycle(db: Kysely<DB>, tenantId: string, categoryId: string, candidateParent: string): Promise<boolean | 'missing'> {
  let cursor: string | null = candidateParent;
  for (let depth = 0; cursor && depth <= MAX_DEPTH; depth++) {
    if (cursor === categoryId) return true;
    const node: CategoryRecord | undefined = await findCategory(db, tenantId, cursor);
    if (!node) return depth === 0 ? 'missing' : false;
    cursor = node.parentId;
  }
  return cursor !== null; // deeper than MAX_DEPTH: refuse as a cycle
}

export async function changeCategory(db: Kysely<DB>, actor: Actor, categoryId: string, patch: Partial<CategoryFields>): Promise<Result<CategoryRecord>> {
  return transact(db, async (trx) => {
    const before = await findCategory(trx, actor.tenantId, categoryId, true);
    if (!before) return fail('not_found');
    if (patch.parentId) {
      const cycle = await wouldCycle(trx, actor.tenantId, categoryId, patch.parentId);
      if (cycle === 'missing') return fail('not_found', 'The parent category does not exist.');
      if (cycle) return fail('category_cycle', 'A category cannot move under itself or one of its descendants.');
    }
    const after = (await updateCategory(trx, actor.tenantId, categoryId, patch))!;
    await recordChange(trx, actor, { action: 'update', entityType: 'category', entityId: categoryId, before: auditable(before), after: auditable(after) });
    return ok(after);
  });
}

export async function removeCategory(db: Kysely<DB>, actor: Actor, categoryId: string): Promise<Result<null>> {
  return transact(db, async (trx) => {
    const before = await findCategory(trx, actor.tenantId, categoryId, true);
    if (!before) return fail('not_found');
    const usage = await categoryUsage(trx, actor.tenantId, categoryId);
    if (usage.children > 0 || usage.products > 0) return fail('category_in_use', 'Move or delete its subcategories and products first.', usage);
    await deleteCategory(trx, actor.tenantId, categoryId);
    await recordChange(trx, actor, { action: 'delete', entityType: 'category', entityId: categoryId, before: auditable(before), after: null });
    return ok(null);
  });
}

export async function createBrand(db: Kysely<DB>, actor: Actor, input: { name: string; logoUrl: string | null }): Promise<Result<BrandRecord>> {
  return transact(db, async (trx) => {
    const brand = await insertBrand(trx, actor.tenantId, { brandId: newId('brd'), ...input });
    await recordChange(trx, actor, { action: 'create', entityType: 'brand', entityId: brand.brandId, before: null, after: auditable(brand) });
    return ok(brand);
  });
}

export async function changeBrand(db: Kysely<DB>, actor: Actor, brandId: string, patch: { name?: string | undefined; logoUrl?: string | null | undefined }): Promise<Result<BrandRecord>> {
  return transact(db, async (trx) => {
    const before = await findBrand(trx, actor.tenantId, brandId, true);
    if (!before) return fail('not_found');
    const after = (await updateBrand(trx, actor.tenantId, brandId, patch))!;
    await recordChange(trx, actor, { action: 'update', entityType: 'brand', entityId: brandId, before: auditable(before), after: auditable(after) });
    return ok(after);
  });
}

export async function removeBrand(db: Kysely<DB>, actor: Actor, brandId: string): Promise<Result<null>> {
  return transact(db, async (trx) => {
    const before = await findBrand(trx, actor.tenantId, brandId, true);
    if (!before) return fail('not_found');
    const products = await countBrandProducts(trx, actor.tenantId, brandId);
    if (products > 0) return fail('brand_in_use', `${products} products use this brand.`, { products });
    await deleteBrand(trx, actor.tenantId, brandId);
    await recordChange(trx, actor, { action: 'delete', entityType: 'brand', entityId: brandId, before: auditable(before), after: null });
    return ok(null);
  });
}

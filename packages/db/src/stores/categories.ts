import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { CategoriesTable } from '../schema-catalog.ts';

export interface CategoryRecord {
  categoryId: string;
  parentId: string | null;
  name: string;
  sortOrder: number;
  requiredSpecs: string[];
  createdAt: Date;
  updatedAt: Date;
}

function toCategory(r: Selectable<CategoriesTable>): CategoryRecord {
  return {
    categoryId: r.category_id,
    parentId: r.parent_id,
    name: r.name,
    sortOrder: r.sort_order,
    requiredSpecs: r.required_specs,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type CategoryFields = Pick<CategoryRecord, 'parentId' | 'name' | 'sortOrder' | 'requiredSpecs'>;

export async function insertCategory(db: Kysely<DB>, tenantId: string, c: CategoryFields & { categoryId: string }): Promise<CategoryRecord> {
  const row = await db
    .insertInto('categories')
    .values({
      tenant_id: tenantId,
      category_id: c.categoryId,
      parent_id: c.parentId,
      name: c.name,
      sort_order: c.sortOrder,
      required_specs: c.requiredSpecs,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCategory(row);
}

export async function findCategory(db: Kysely<DB>, tenantId: string, categoryId: string, forUpdate = false): Promise<CategoryRecord | undefined> {
  let q = db.selectFrom('categories').selectAll().where('tenant_id', '=', tenantId).where('category_id', '=', categoryId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toCategory(row);
}

/** Categories by id order; `parentId: null` lists the roots. */
export async function listCategories(
  db: Kysely<DB>,
  tenantId: string,
  filter: { parentId?: string | null | undefined; limit: number; afterCategoryId?: string | undefined },
): Promise<CategoryRecord[]> {
  let q = db.selectFrom('categories').selectAll().where('tenant_id', '=', tenantId);
  if (filter.parentId === null) q = q.where('parent_id', 'is', null);
  else if (filter.parentId !== undefined) q = q.where('parent_id', '=', filter.parentId);
  if (filter.afterCategoryId) q = q.where('category_id', '>', filter.afterCategoryId);
  const rows = await q.orderBy('category_id').limit(filter.limit).execute();
  return rows.map(toCategory);
}

export async function updateCategory(db: Kysely<DB>, tenantId: string, categoryId: string, patch: Partial<CategoryFields>): Promise<CategoryRecord | undefined> {
  const row = await db
    .updateTable('categories')
    .set({
      ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.sortOrder !== undefined ? { sort_order: patch.sortOrder } : {}),
      ...(patch.requiredSpecs !== undefined ? { required_specs: patch.requiredSpecs } : {}),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('category_id', '=', categoryId)
    .returningAll()
    .executeTakeFirst();
  return row && toCategory(row);
}

export async function deleteCategory(db: Kysely<DB>, tenantId: string, categoryId: string): Promise<void> {
  await db.deleteFrom('categories').where('tenant_id', '=', tenantId).where('category_id', '=', categoryId).execute();
}

/** How many child categories and products point at a category. */
export async function categoryUsage(db: Kysely<DB>, tenantId: string, categoryId: string): Promise<{ children: number; products: number }> {
  const children = await db
    .selectFrom('categories')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('parent_id', '=', categoryId)
    .executeTakeFirstOrThrow();
  const products = await db
    .selectFrom('products')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('category_id', '=', categoryId)
    .executeTakeFirstOrThrow();
  return { children: Number(children.n), products: Number(products.n) };
}

import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { ProductsTable, SpecDimension } from '../schema-catalog.ts';

export type ProductStatus = 'draft' | 'on_sale' | 'off_sale' | 'archived';
export type LifecycleStage = 'new' | 'growing' | 'mature' | 'declining';

export interface ProductRecord {
  productId: string;
  title: string;
  subtitle: string;
  mainKeyword: string | null;
  categoryId: string | null;
  brandId: string | null;
  tags: string[];
  imageUrls: string[];
  description: string;
  status: ProductStatus;
  lifecycleStage: LifecycleStage;
  specDimensions: SpecDimension[];
  createdAt: Date;
  updatedAt: Date;
}

export type ProductFields = Omit<ProductRecord, 'productId' | 'status' | 'createdAt' | 'updatedAt'>;

function toProduct(r: Selectable<ProductsTable>): ProductRecord {
  return {
    productId: r.product_id,
    title: r.title,
    subtitle: r.subtitle,
    mainKeyword: r.main_keyword,
    categoryId: r.category_id,
    brandId: r.brand_id,
    tags: r.tags,
    imageUrls: r.image_urls,
    description: r.description,
    status: r.status as ProductStatus,
    lifecycleStage: r.lifecycle_stage as LifecycleStage,
    specDimensions: r.spec_dimensions,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function columns(p: Partial<ProductFields> & { status?: ProductStatus | undefined }) {
  return {
    ...(p.title !== undefined ? { title: p.title } : {}),
    ...(p.subtitle !== undefined ? { subtitle: p.subtitle } : {}),
    ...(p.mainKeyword !== undefined ? { main_keyword: p.mainKeyword } : {}),
    ...(p.categoryId !== undefined ? { category_id: p.categoryId } : {}),
    ...(p.brandId !== undefined ? { brand_id: p.brandId } : {}),
    ...(p.tags !== undefined ? { tags: p.tags } : {}),
    ...(p.imageUrls !== undefined ? { image_urls: p.imageUrls } : {}),
    ...(p.description !== undefined ? { description: p.description } : {}),
    ...(p.lifecycleStage !== undefined ? { lifecycle_stage: p.lifecycleStage } : {}),
    ...(p.specDimensions !== undefined ? { spec_dimensions: JSON.stringify(p.specDimensions) } : {}),
    ...(p.status !== undefined ? { status: p.status } : {}),
  };
}

export async function insertProduct(db: Kysely<DB>, tenantId: string, p: ProductFields & { productId: string }): Promise<ProductRecord> {
  const row = await db
    .insertInto('products')
    .values({ tenant_id: tenantId, product_id: p.productId, title: p.title, spec_dimensions: JSON.stringify(p.specDimensions), ...columns(p) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toProduct(row);
}

export async function findProduct(db: Kysely<DB>, tenantId: string, productId: string, forUpdate = false): Promise<ProductRecord | undefined> {
  let q = db.selectFrom('products').selectAll().where('tenant_id', '=', tenantId).where('product_id', '=', productId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toProduct(row);
}

/** Several products, locked in id order (a fixed order, so concurrent bulk edits cannot deadlock). */
export async function findProductsForUpdate(db: Kysely<DB>, tenantId: string, productIds: readonly string[]): Promise<ProductRecord[]> {
  if (productIds.length === 0) return [];
  const rows = await db
    .selectFrom('products')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('product_id', 'in', [...productIds])
    .orderBy('product_id')
    .forUpdate()
    .execute();
  return rows.map(toProduct);
}

export async function listProducts(
  db: Kysely<DB>,
  tenantId: string,
  filter: { status?: string | undefined; categoryId?: string | undefined; brandId?: string | undefined; limit: number; afterProductId?: string | undefined },
): Promise<ProductRecord[]> {
  let q = db.selectFrom('products').selectAll().where('tenant_id', '=', tenantId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.categoryId) q = q.where('category_id', '=', filter.categoryId);
  if (filter.brandId) q = q.where('brand_id', '=', filter.brandId);
  if (filter.afterProductId) q = q.where('product_id', '>', filter.afterProductId);
  const rows = await q.orderBy('product_id').limit(filter.limit).execute();
  return rows.map(toProduct);
}

export async function updateProduct(
  db: Kysely<DB>,
  tenantId: string,
  productId: string,
  patch: Partial<ProductFields> & { status?: ProductStatus | undefined },
): Promise<ProductRecord | undefined> {
  const row = await db
    .updateTable('products')
    .set({ ...columns(patch), updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('product_id', '=', productId)
    .returningAll()
    .executeTakeFirst();
  return row && toProduct(row);
}

export async function deleteProduct(db: Kysely<DB>, tenantId: string, productId: string): Promise<void> {
  await db.deleteFrom('products').where('tenant_id', '=', tenantId).where('product_id', '=', productId).execute();
}

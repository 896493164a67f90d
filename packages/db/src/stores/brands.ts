import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { BrandsTable } from '../schema-catalog.ts';

export interface BrandRecord {
  brandId: string;
  name: string;
  logoUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function toBrand(r: Selectable<BrandsTable>): BrandRecord {
  return { brandId: r.brand_id, name: r.name, logoUrl: r.logo_url, createdAt: r.created_at, updatedAt: r.updated_at };
}

export async function insertBrand(db: Kysely<DB>, tenantId: string, b: { brandId: string; name: string; logoUrl: string | null }): Promise<BrandRecord> {
  const row = await db
    .insertInto('brands')
    .values({ tenant_id: tenantId, brand_id: b.brandId, name: b.name, logo_url: b.logoUrl })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toBrand(row);
}

export async function findBrand(db: Kysely<DB>, tenantId: string, brandId: string, forUpdate = false): Promise<BrandRecord | undefined> {
  let q = db.selectFrom('brands').selectAll().where('tenant_id', '=', tenantId).where('brand_id', '=', brandId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toBrand(row);
}

export async function listBrands(db: Kysely<DB>, tenantId: string, filter: { limit: number; afterBrandId?: string | undefined }): Promise<BrandRecord[]> {
  let q = db.selectFrom('brands').selectAll().where('tenant_id', '=', tenantId);
  if (filter.afterBrandId) q = q.where('brand_id', '>', filter.afterBrandId);
  const rows = await q.orderBy('brand_id').limit(filter.limit).execute();
  return rows.map(toBrand);
}

export async function updateBrand(
  db: Kysely<DB>,
  tenantId: string,
  brandId: string,
  patch: { name?: string | undefined; logoUrl?: string | null | undefined },
): Promise<BrandRecord | undefined> {
  const row = await db
    .updateTable('brands')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.logoUrl !== undefined ? { logo_url: patch.logoUrl } : {}),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('brand_id', '=', brandId)
    .returningAll()
    .executeTakeFirst();
  return row && toBrand(row);
}

export async function deleteBrand(db: Kysely<DB>, tenantId: string, brandId: string): Promise<void> {
  await db.deleteFrom('brands').where('tenant_id', '=', tenantId).where('brand_id', '=', brandId).execute();
}

export async function countBrandProducts(db: Kysely<DB>, tenantId: string, brandId: string): Promise<number> {
  const r = await db
    .selectFrom('products')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('brand_id', '=', brandId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

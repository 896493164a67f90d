import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { SkusTable } from '../schema-catalog.ts';

export type SkuStatus = 'active' | 'archived';

export interface SkuRecord {
  skuId: string;
  productId: string;
  code: string;
  barcode: string | null;
  specValues: Record<string, string>;
  priceFen: number;
  costFen: number;
  weightG: number;
  status: SkuStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewSku {
  skuId: string;
  productId: string;
  code: string;
  barcode: string | null;
  specValues: Record<string, string>;
  specKey: string;
  priceFen: number;
  costFen: number;
  weightG: number;
}

function toSku(r: Selectable<SkusTable>): SkuRecord {
  return {
    skuId: r.sku_id,
    productId: r.product_id,
    code: r.code,
    barcode: r.barcode,
    specValues: r.spec_values,
    priceFen: r.price_fen,
    costFen: r.cost_fen,
    weightG: r.weight_g,
    status: r.status as SkuStatus,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function insertSkus(db: Kysely<DB>, tenantId: string, skus: readonly NewSku[]): Promise<SkuRecord[]> {
  if (skus.length === 0) return [];
  const rows = await db
    .insertInto('skus')
    .values(
      skus.map((s) => ({
        tenant_id: tenantId,
        sku_id: s.skuId,
        product_id: s.productId,
        code: s.code,
        barcode: s.barcode,
        spec_values: JSON.stringify(s.specValues),
        spec_key: s.specKey,
        price_fen: s.priceFen,
        cost_fen: s.costFen,
        weight_g: s.weightG,
      })),
    )
    .returningAll()
    .execute();
  return rows.map(toSku).sort((a, b) => (a.skuId < b.skuId ? -1 : 1));
}

export async function findSku(db: Kysely<DB>, tenantId: string, skuId: string, forUpdate = false): Promise<SkuRecord | undefined> {
  let q = db.selectFrom('skus').selectAll().where('tenant_id', '=', tenantId).where('sku_id', '=', skuId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toSku(row);
}

/** SKUs by id, locked in id order when `forUpdate`. */
export async function findSkus(db: Kysely<DB>, tenantId: string, skuIds: readonly string[], forUpdate = false): Promise<SkuRecord[]> {
  if (skuIds.length === 0) return [];
  let q = db.selectFrom('skus').selectAll().where('tenant_id', '=', tenantId).where('sku_id', 'in', [...skuIds]).orderBy('sku_id');
  if (forUpdate) q = q.forUpdate();
  return (await q.execute()).map(toSku);
}

/** Which of `codes` are already taken in the shop. */
export async function takenSkuCodes(db: Kysely<DB>, tenantId: string, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('skus').select('code').where('tenant_id', '=', tenantId).where('code', 'in', [...codes]).execute();
  return rows.map((r) => r.code);
}

export async function listSkus(
  db: Kysely<DB>,
  tenantId: string,
  filter: { productId?: string | undefined; code?: string | undefined; status?: string | undefined; limit: number; afterSkuId?: string | undefined },
): Promise<SkuRecord[]> {
  let q = db.selectFrom('skus').selectAll().where('tenant_id', '=', tenantId);
  if (filter.productId) q = q.where('product_id', '=', filter.productId);
  if (filter.code) q = q.where('code', '=', filter.code);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.afterSkuId) q = q.where('sku_id', '>', filter.afterSkuId);
  const rows = await q.orderBy('sku_id').limit(filter.limit).execute();
  return rows.map(toSku);
}

/** Every SKU of a product (a product has at most a few hundred), in id order. */
export async function skusOfProduct(db: Kysely<DB>, tenantId: string, productId: string, forUpdate = false): Promise<SkuRecord[]> {
  let q = db.selectFrom('skus').selectAll().where('tenant_id', '=', tenantId).where('product_id', '=', productId).orderBy('sku_id');
  if (forUpdate) q = q.forUpdate();
  return (await q.execute()).map(toSku);
}

export async function updateSku(
  db: Kysely<DB>,
  tenantId: string,
  skuId: string,
  patch: Partial<Pick<SkuRecord, 'code' | 'barcode' | 'priceFen' | 'costFen' | 'weightG' | 'status'>>,
): Promise<SkuRecord | undefined> {
  const row = await db
    .updateTable('skus')
    .set({
      ...(patch.code !== undefined ? { code: patch.code } : {}),
      ...(patch.barcode !== undefined ? { barcode: patch.barcode } : {}),
      ...(patch.priceFen !== undefined ? { price_fen: patch.priceFen } : {}),
      ...(patch.costFen !== undefined ? { cost_fen: patch.costFen } : {}),
      ...(patch.weightG !== undefined ? { weight_g: patch.weightG } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('sku_id', '=', skuId)
    .returningAll()
    .executeTakeFirst();
  return row && toSku(row);
}

export async function deleteSkus(db: Kysely<DB>, tenantId: string, skuIds: readonly string[]): Promise<void> {
  if (skuIds.length === 0) return;
  await db.deleteFrom('skus').where('tenant_id', '=', tenantId).where('sku_id', 'in', [...skuIds]).execute();
}

import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import type { SpecDimension } from '../schema-catalog.ts';

// The catalog as export rows: one per SKU with its product's fields, a page at a time in
// (product, SKU) order so the rows of a product stay together and memory stays flat.

export interface ExportRowRecord {
  productId: string;
  skuId: string;
  productCode: string;
  title: string;
  categoryId: string | null;
  brandName: string | null;
  specDimensions: SpecDimension[];
  specValues: Record<string, string>;
  skuCode: string;
  barcode: string | null;
  priceFen: number;
  costFen: number;
  weightG: number;
  status: 'active' | 'archived';
  tags: string[];
  imageUrls: string[];
  description: string;
}

export async function exportCatalogPage(
  db: Kysely<DB>,
  tenantId: string,
  page: { limit: number; after?: { productId: string; skuId: string } | undefined },
): Promise<ExportRowRecord[]> {
  const after = page.after ? sql`and (s.product_id, s.sku_id) > (${page.after.productId}, ${page.after.skuId})` : sql``;
  const rows = await sql<{
    product_id: string;
    sku_id: string;
    product_code: string | null;
    title: string;
    category_id: string | null;
    brand_name: string | null;
    spec_dimensions: SpecDimension[];
    spec_values: Record<string, string>;
    code: string;
    barcode: string | null;
    price_fen: string | number;
    cost_fen: string | number;
    weight_g: number;
    status: string;
    tags: string[];
    image_urls: string[];
    description: string;
  }>`
    select s.product_id, s.sku_id, pc.code as product_code, p.title, p.category_id, b.name as brand_name, p.spec_dimensions, s.spec_values,
      s.code, s.barcode, s.price_fen, s.cost_fen, s.weight_g, s.status, p.tags, p.image_urls, p.description
    from skus s
    join products p on p.tenant_id = s.tenant_id and p.product_id = s.product_id
    left join catalog_product_codes pc on pc.tenant_id = p.tenant_id and pc.product_id = p.product_id
    left join brands b on b.tenant_id = p.tenant_id and b.brand_id = p.brand_id
    where s.tenant_id = ${tenantId} ${after}
    order by s.product_id, s.sku_id
    limit ${page.limit}`.execute(db);
  return rows.rows.map((r) => ({
    productId: r.product_id,
    skuId: r.sku_id,
    productCode: r.product_code ?? r.product_id,
    title: r.title,
    categoryId: r.category_id,
    brandName: r.brand_name,
    specDimensions: r.spec_dimensions,
    specValues: r.spec_values,
    skuCode: r.code,
    barcode: r.barcode,
    priceFen: Number(r.price_fen),
    costFen: Number(r.cost_fen),
    weightG: r.weight_g,
    status: r.status as 'active' | 'archived',
    tags: r.tags,
    imageUrls: r.image_urls,
    description: r.description,
  }));
}

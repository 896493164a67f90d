import type { Generated } from 'kysely';
import type { Json, Timestamp } from './schema.ts';

// Row types of migrations/0002_catalog.sql.

/** One spec dimension of a product (e.g. 颜色 with its values). */
export interface SpecDimension {
  name: string;
  values: string[];
}

export interface CategoriesTable {
  tenant_id: string;
  category_id: string;
  parent_id: string | null;
  name: string;
  sort_order: Generated<number>;
  required_specs: Generated<string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BrandsTable {
  tenant_id: string;
  brand_id: string;
  name: string;
  logo_url: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProductsTable {
  tenant_id: string;
  product_id: string;
  title: string;
  subtitle: Generated<string>;
  main_keyword: string | null;
  category_id: string | null;
  brand_id: string | null;
  tags: Generated<string[]>;
  image_urls: Generated<string[]>;
  description: Generated<string>;
  status: Generated<string>;
  lifecycle_stage: Generated<string>;
  spec_dimensions: Json<SpecDimension[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SkusTable {
  tenant_id: string;
  sku_id: string;
  product_id: string;
  code: string;
  barcode: string | null;
  spec_values: Json<Record<string, string>>;
  spec_key: string;
  price_fen: number;
  cost_fen: number;
  weight_g: Generated<number>;
  status: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The catalog module's tables. */
export interface CatalogTables {
  categories: CategoriesTable;
  brands: BrandsTable;
  products: ProductsTable;
  skus: SkusTable;
}

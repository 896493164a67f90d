import type { Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './schema.ts';

// Row types of migrations/0007_catalog_imports.sql.

export interface CatalogImportsTable {
  tenant_id: string;
  import_id: string;
  status: Generated<string>;
  format: string;
  encoding: string | null;
  dry_run: Generated<boolean>;
  create_missing: Generated<boolean>;
  fields: Generated<string[]>;
  rows_read: Generated<number>;
  created_count: Generated<number>;
  updated_count: Generated<number>;
  unchanged_count: Generated<number>;
  rejected_count: Generated<number>;
  warnings: Json<string[]>;
  failure_code: string | null;
  failure_detail: string | null;
  actor_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface CatalogImportProblemsTable {
  tenant_id: string;
  import_id: string;
  row_number: number;
  seq: number;
  column_name: string | null;
  code: string;
  message_zh: string;
  message_en: string;
}

export interface CatalogImportRowsTable {
  tenant_id: string;
  import_id: string;
  row_number: number;
  product_code: string;
  title: string;
  category_path: string | null;
  brand_name: string | null;
  spec_names: string[] | null;
  spec_vals: string[] | null;
  spec_values: Json<Record<string, string>> | null;
  sku_code: string;
  barcode: string | null;
  price_fen: number;
  cost_fen: number;
  weight_g: number | null;
  status: string | null;
  tags: string[] | null;
  image_urls: string[] | null;
  description: string | null;
  new_product_id: string;
  new_sku_id: string;
  product_id: string | null;
  sku_id: string | null;
  sku_product_id: string | null;
  category_id: string | null;
  brand_id: string | null;
}

export interface CatalogProductCodesTable {
  tenant_id: string;
  code: string;
  product_id: string;
  created_at: Timestamp;
}

/** The catalog import module's tables. */
export interface CatalogImportsTables {
  catalog_imports: CatalogImportsTable;
  catalog_import_problems: CatalogImportProblemsTable;
  catalog_import_rows: CatalogImportRowsTable;
  catalog_product_codes: CatalogProductCodesTable;
}

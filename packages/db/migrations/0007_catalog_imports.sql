-- Catalog import and export (issue 3): operators bulk-edit products and SKUs in Excel.
--
-- catalog_imports is the job: its status and counts are updated while the upload streams in, so
-- another request can watch progress. Valid rows are staged in catalog_import_rows (batches of
-- ~1,000) and checked against each other and the catalog set-based; a file with any rejected row
-- writes nothing to the catalog. The staged rows are deleted when the job ends; the problems of
-- rejected rows stay (catalog_import_problems) for the report and its CSV.
--
-- catalog_product_codes holds the operator's product code (商品编码) of a product: products have
-- no code of their own, and an import keys products by it. A product without one exports its id
-- as its code, which an import also resolves.

create table catalog_imports (
  tenant_id       text not null references tenants (tenant_id),
  import_id       text not null,
  status          text not null default 'running'
                  check (status in ('running', 'succeeded', 'rejected', 'failed')),
  format          text not null check (format in ('csv', 'xlsx')),
  encoding        text,                                   -- csv: utf-8 or gb18030
  dry_run         boolean not null default false,
  create_missing  boolean not null default false,
  fields          text[] not null default '{}',           -- template fields the file has columns for
  rows_read       integer not null default 0,
  created_count   integer not null default 0,
  updated_count   integer not null default 0,
  unchanged_count integer not null default 0,
  rejected_count  integer not null default 0,
  warnings        jsonb not null default '[]'::jsonb,     -- unknown or repeated headers
  failure_code    text,                                   -- status 'failed': why
  failure_detail  text,
  actor_id        text,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  finished_at     timestamptz,
  primary key (tenant_id, import_id)
);

create table catalog_import_problems (
  tenant_id    text not null,
  import_id    text not null,
  row_number   integer not null,                -- as Excel shows it: the header is row 1
  seq          integer not null,                -- order of the problems of one row
  column_name  text,                            -- the header as written in the file
  code         text not null,
  message_zh   text not null,
  message_en   text not null,
  primary key (tenant_id, import_id, row_number, seq),
  foreign key (tenant_id, import_id) references catalog_imports (tenant_id, import_id) on delete cascade
);

create table catalog_import_rows (
  tenant_id         text not null,
  import_id         text not null,
  row_number        integer not null,
  product_code      text not null,
  title             text not null,
  category_path     text,                       -- names joined by '/'; null = none
  brand_name        text,
  spec_names        text[],                     -- null when the file has no spec column
  spec_vals         text[],
  spec_values       jsonb,
  sku_code          text not null,
  barcode           text,
  price_fen         bigint not null,
  cost_fen          bigint not null,
  weight_g          integer,
  status            text,
  tags              text[],
  image_urls        text[],
  description       text,
  new_product_id    text not null,              -- ids to use when the row creates the product / SKU
  new_sku_id        text not null,
  -- resolved against the catalog before the checks
  product_id        text,                       -- the existing product of product_code
  sku_id            text,                       -- the existing SKU of sku_code
  sku_product_id    text,
  category_id       text,
  brand_id          text,
  primary key (tenant_id, import_id, row_number),
  foreign key (tenant_id, import_id) references catalog_imports (tenant_id, import_id) on delete cascade
);
-- No secondary indexes: the staged rows are written once and read by whole-import joins (hash
-- joins after an ANALYZE), and the UPDATEs that fill the resolved ids stay HOT.

create table catalog_product_codes (
  tenant_id   text not null,
  code        text not null,
  product_id  text not null,
  created_at  timestamptz not null default now(),
  primary key (tenant_id, code),
  foreign key (tenant_id, product_id) references products (tenant_id, product_id) on delete cascade
);
create unique index catalog_product_codes_product_key on catalog_product_codes (tenant_id, product_id);

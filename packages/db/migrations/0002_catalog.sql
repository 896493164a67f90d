-- Catalog: category tree, brands, products (SPU) with spec dimensions, and their SKUs.
--
-- A product's spec dimensions (e.g. 颜色 × 尺码) are stored on the product as jsonb
-- [{ "name": "颜色", "values": ["红", "蓝"] }, …]; each SKU holds one value per dimension in
-- spec_values and the canonical text of that combination in spec_key, so two live SKUs of a
-- product can never share a combination. Money is bigint fen; weight is grams.

create table categories (
  tenant_id       text not null references tenants (tenant_id),
  category_id     text not null,
  parent_id       text,
  name            text not null,
  sort_order      integer not null default 0,
  required_specs  text[] not null default '{}',   -- spec names every product of the category must fill
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (tenant_id, category_id),
  foreign key (tenant_id, parent_id) references categories (tenant_id, category_id)
);
create index categories_parent_idx on categories (tenant_id, parent_id, category_id);

create table brands (
  tenant_id   text not null references tenants (tenant_id),
  brand_id    text not null,
  name        text not null,
  logo_url    text,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  primary key (tenant_id, brand_id)
);

create table products (
  tenant_id        text not null references tenants (tenant_id),
  product_id       text not null,
  title            text not null,
  subtitle         text not null default '',
  main_keyword     text,                          -- the search term the title should lead with
  category_id      text,
  brand_id         text,
  tags             text[] not null default '{}',
  image_urls       text[] not null default '{}',
  description      text not null default '',
  status           text not null default 'draft'
                   check (status in ('draft', 'on_sale', 'off_sale', 'archived')),
  lifecycle_stage  text not null default 'new'
                   check (lifecycle_stage in ('new', 'growing', 'mature', 'declining')),
  spec_dimensions  jsonb not null default '[]'::jsonb,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  primary key (tenant_id, product_id),
  foreign key (tenant_id, category_id) references categories (tenant_id, category_id),
  foreign key (tenant_id, brand_id) references brands (tenant_id, brand_id)
);
create index products_status_idx on products (tenant_id, status, product_id);
create index products_category_idx on products (tenant_id, category_id, product_id);
create index products_brand_idx on products (tenant_id, brand_id, product_id);

create table skus (
  tenant_id    text not null references tenants (tenant_id),
  sku_id       text not null,
  product_id   text not null,
  code         text not null,
  barcode      text,
  spec_values  jsonb not null default '{}'::jsonb,   -- { "颜色": "红", "尺码": "M" }
  spec_key     text not null,                        -- canonical text of spec_values
  price_fen    bigint not null check (price_fen >= 0),
  cost_fen     bigint not null check (cost_fen >= 0),
  weight_g     integer not null default 0 check (weight_g >= 0),
  status       text not null default 'active' check (status in ('active', 'archived')),
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  primary key (tenant_id, sku_id),
  foreign key (tenant_id, product_id) references products (tenant_id, product_id)
);
create unique index skus_code_key on skus (tenant_id, code);
-- Archived SKUs keep their combination in history; a live one may take it again.
create unique index skus_spec_key on skus (tenant_id, product_id, spec_key) where status = 'active';
create index skus_product_idx on skus (tenant_id, product_id, sku_id);

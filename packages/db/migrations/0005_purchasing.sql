-- Suppliers and purchasing: suppliers with their terms, purchase orders with lines, and the
-- receipts against them (which post stock through the inventory ledger, reference = po id).

create table suppliers (
  tenant_id        text not null references tenants (tenant_id),
  supplier_id      text not null,
  code             text not null,
  name             text not null,
  contacts         jsonb not null default '[]'::jsonb,   -- [{ name, phone, email }]
  lead_time_days   integer not null default 7 check (lead_time_days between 0 and 365),
  moq              integer not null default 1 check (moq >= 1),
  payment_terms    text not null default '',
  status           text not null default 'active' check (status in ('active', 'archived')),
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  primary key (tenant_id, supplier_id)
);
create unique index suppliers_code_key on suppliers (tenant_id, code);

create table purchase_orders (
  tenant_id     text not null references tenants (tenant_id),
  po_id         text not null,
  supplier_id   text not null,
  warehouse_id  text not null,
  status        text not null default 'draft'
                check (status in ('draft', 'sent', 'partially_received', 'received', 'closed', 'cancelled')),
  expected_at   timestamptz,
  note          text not null default '',
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (tenant_id, po_id),
  foreign key (tenant_id, supplier_id) references suppliers (tenant_id, supplier_id),
  foreign key (tenant_id, warehouse_id) references warehouses (tenant_id, warehouse_id)
);
create index purchase_orders_supplier_idx on purchase_orders (tenant_id, supplier_id, po_id);

create table purchase_order_lines (
  tenant_id      text not null,
  po_id          text not null,
  sku_id         text not null,
  qty_ordered    integer not null check (qty_ordered > 0),
  qty_received   integer not null default 0 check (qty_received >= 0),
  unit_cost_fen  bigint not null check (unit_cost_fen >= 0),
  primary key (tenant_id, po_id, sku_id),
  foreign key (tenant_id, po_id) references purchase_orders (tenant_id, po_id),
  foreign key (tenant_id, sku_id) references skus (tenant_id, sku_id),
  constraint purchase_order_lines_no_over_receipt check (qty_received <= qty_ordered)
);

-- One row per SKU per receiving event: the supplier scorecard's raw data (on time, fill rate).
create table purchase_receipts (
  tenant_id    text not null,
  receipt_id   text not null,
  po_id        text not null,
  sku_id       text not null,
  qty          integer not null check (qty > 0),
  received_at  timestamptz not null default now(),
  primary key (tenant_id, receipt_id),
  foreign key (tenant_id, po_id, sku_id) references purchase_order_lines (tenant_id, po_id, sku_id)
);
create index purchase_receipts_po_idx on purchase_receipts (tenant_id, po_id, receipt_id);

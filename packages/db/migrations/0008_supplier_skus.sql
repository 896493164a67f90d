-- Supplier SKUs (供应商商品), rejected units at receiving and returns to suppliers (退供) (issue 3).
--
-- supplier_skus: what a supplier supplies — per supplier per SKU its own item code, purchase price
-- (fen), MOQ, lead time and pack size. moq / lead_time_days null = the supplier's default
-- (suppliers.moq / suppliers.lead_time_days). At most one preferred supplier per SKU (partial
-- unique index); the service moves the flag. Deleting a never-used SKU takes its supplier terms
-- with it (on delete cascade); a used SKU is archived, not deleted, and keeps them.

create table supplier_skus (
  tenant_id           text not null references tenants (tenant_id),
  supplier_id         text not null,
  sku_id              text not null,
  supplier_item_code  text,                                   -- the supplier's own item code (货号)
  purchase_price_fen  bigint not null check (purchase_price_fen >= 0),
  moq                 integer check (moq >= 1),               -- null = suppliers.moq
  lead_time_days      integer check (lead_time_days between 0 and 365),  -- null = suppliers.lead_time_days
  pack_size           integer not null default 1 check (pack_size >= 1), -- units per case
  is_preferred        boolean not null default false,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  primary key (tenant_id, supplier_id, sku_id),
  foreign key (tenant_id, supplier_id) references suppliers (tenant_id, supplier_id),
  foreign key (tenant_id, sku_id) references skus (tenant_id, sku_id) on delete cascade
);
-- The suppliers of a SKU.
create index supplier_skus_sku_idx on supplier_skus (tenant_id, sku_id, supplier_id);
-- One preferred supplier per SKU.
create unique index supplier_skus_preferred_key on supplier_skus (tenant_id, sku_id) where is_preferred;

-- Rejected (defective) units at receiving: they never enter stock. qty stays the accepted units
-- (purchase_order_lines.qty_received sums them); a receipt may be all rejected (qty 0).
alter table purchase_receipts add column rejected_qty integer not null default 0 check (rejected_qty >= 0);
alter table purchase_receipts add column reject_reason text;
alter table purchase_receipts drop constraint purchase_receipts_qty_check;
alter table purchase_receipts add constraint purchase_receipts_qty_check check (qty >= 0 and qty + rejected_qty > 0);
alter table purchase_receipts add constraint purchase_receipts_reject_reason check (rejected_qty = 0 or coalesce(btrim(reject_reason), '') <> '');

alter table purchase_order_lines add column qty_rejected integer not null default 0 check (qty_rejected >= 0);
alter table purchase_order_lines add column qty_returned integer not null default 0 check (qty_returned >= 0);
alter table purchase_order_lines add constraint purchase_order_lines_return_within_received check (qty_returned <= qty_received);

-- Returns to the supplier (退供) of accepted units already in stock: each posts an `adjustment`
-- movement (−qty, reason 退供 …, reference = the PO id) to the ledger.
create table supplier_returns (
  tenant_id     text not null,
  return_id     text not null,
  po_id         text not null,
  sku_id        text not null,
  qty           integer not null check (qty > 0),
  reason        text not null check (btrim(reason) <> ''),
  returned_at   timestamptz not null default now(),
  primary key (tenant_id, return_id),
  foreign key (tenant_id, po_id, sku_id) references purchase_order_lines (tenant_id, po_id, sku_id)
);
create index supplier_returns_po_idx on supplier_returns (tenant_id, po_id, return_id);

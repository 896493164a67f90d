-- Inventory: warehouses, stock per warehouse × SKU, the append-only stock-movement ledger and
-- reservations.
--
-- Invariants held by the database itself:
--   0 <= reserved <= on_hand on every stock level, so available (= on_hand − reserved) is never
--   negative whatever the concurrency; every balance change is a stock_movements row whose deltas
--   sum to the balance (GET /api/v1/inventory/ledger-check recomputes and compares); the ledger
--   cannot be edited or deleted.

create table warehouses (
  tenant_id     text not null references tenants (tenant_id),
  warehouse_id  text not null,
  code          text not null,
  name          text not null,
  priority      integer not null default 100,   -- lower is picked first by the default allocation
  region        text not null default '',
  status        text not null default 'active' check (status in ('active', 'archived')),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (tenant_id, warehouse_id)
);
create unique index warehouses_code_key on warehouses (tenant_id, code);

create table stock_levels (
  tenant_id      text not null references tenants (tenant_id),
  warehouse_id   text not null,
  sku_id         text not null,
  on_hand        integer not null default 0,
  reserved       integer not null default 0,
  safety_stock   integer not null default 0 check (safety_stock >= 0),
  reorder_point  integer not null default 0 check (reorder_point >= 0),
  updated_at     timestamptz not null default now(),
  primary key (tenant_id, warehouse_id, sku_id),
  foreign key (tenant_id, warehouse_id) references warehouses (tenant_id, warehouse_id),
  foreign key (tenant_id, sku_id) references skus (tenant_id, sku_id),
  constraint stock_levels_non_negative check (on_hand >= 0 and reserved >= 0),
  constraint stock_levels_reserved_within_on_hand check (reserved <= on_hand)
);
create index stock_levels_sku_idx on stock_levels (tenant_id, sku_id, warehouse_id);

create table stock_movements (
  tenant_id         text not null references tenants (tenant_id),
  movement_id       text not null,                -- time-sortable
  occurred_at       timestamptz not null default now(),
  warehouse_id      text not null,
  sku_id            text not null,
  kind              text not null check (kind in ('receipt', 'sale', 'reservation', 'release', 'return',
                                                  'adjustment', 'transfer_out', 'transfer_in', 'stocktake')),
  on_hand_delta     integer not null,
  reserved_delta    integer not null,
  reason            text,
  reference         text,
  reservation_id    text,
  actor_id          text,
  request_id        text,
  primary key (tenant_id, movement_id),
  foreign key (tenant_id, warehouse_id, sku_id) references stock_levels (tenant_id, warehouse_id, sku_id),
  constraint stock_movements_adjustment_reason check (kind <> 'adjustment' or coalesce(btrim(reason), '') <> '')
);
create index stock_movements_sku_idx on stock_movements (tenant_id, sku_id, movement_id);
create index stock_movements_level_idx on stock_movements (tenant_id, warehouse_id, sku_id);

-- The ledger is append-only, like the audit log.
create function stock_movements_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'stock_movements is append-only' using errcode = '42501';
end;
$$;
create trigger stock_movements_no_update before update or delete on stock_movements
  for each row execute function stock_movements_append_only();

create table reservations (
  tenant_id       text not null references tenants (tenant_id),
  reservation_id  text not null,
  reference       text not null,                -- e.g. the order reference
  sku_id          text not null,
  warehouse_id    text not null,
  qty             integer not null check (qty > 0),
  status          text not null default 'held' check (status in ('held', 'released', 'converted')),
  release_reason  text,                         -- cancelled | expired, when released
  created_at      timestamptz not null default now(),
  expires_at      timestamptz not null default now() + interval '30 minutes',
  closed_at       timestamptz,
  primary key (tenant_id, reservation_id),
  foreign key (tenant_id, warehouse_id, sku_id) references stock_levels (tenant_id, warehouse_id, sku_id)
);
create index reservations_reference_idx on reservations (tenant_id, reference, reservation_id);
-- The expiry job scans held reservations by deadline across shops.
create index reservations_held_expiry_idx on reservations (tenant_id, expires_at) where status = 'held';

-- Stocktake (盘点): a count sheet per warehouse snapshots on hand; counts are entered per SKU;
-- posting turns each variance (counted − expected) into a `stocktake` ledger movement.
create table stocktakes (
  tenant_id     text not null references tenants (tenant_id),
  stocktake_id  text not null,
  warehouse_id  text not null,
  status        text not null default 'open' check (status in ('open', 'posted', 'cancelled')),
  note          text not null default '',
  created_at    timestamptz not null default now(),
  closed_at     timestamptz,
  primary key (tenant_id, stocktake_id),
  foreign key (tenant_id, warehouse_id) references warehouses (tenant_id, warehouse_id)
);
create index stocktakes_warehouse_idx on stocktakes (tenant_id, warehouse_id, stocktake_id);

create table stocktake_lines (
  tenant_id         text not null,
  stocktake_id      text not null,
  sku_id            text not null,
  expected_on_hand  integer not null,           -- on hand when the sheet was made
  counted           integer check (counted >= 0),
  counted_at        timestamptz,
  primary key (tenant_id, stocktake_id, sku_id),
  foreign key (tenant_id, stocktake_id) references stocktakes (tenant_id, stocktake_id),
  foreign key (tenant_id, sku_id) references skus (tenant_id, sku_id)
);

-- Batches (批次) of perishables: production and expiry dates per warehouse × SKU. Batch
-- quantities are a tracked part of the level's on hand (their sum never exceeds it); every
-- decrease of on hand takes from batches first-expiry-first-out (先进先出 by expiry, FEFO).
create table stock_batches (
  tenant_id        text not null references tenants (tenant_id),
  batch_id         text not null,
  warehouse_id     text not null,
  sku_id           text not null,
  batch_no         text not null,
  production_date  date,
  expiry_date      date not null,
  on_hand          integer not null default 0 check (on_hand >= 0),
  received_at      timestamptz not null default now(),
  primary key (tenant_id, batch_id),
  foreign key (tenant_id, warehouse_id, sku_id) references stock_levels (tenant_id, warehouse_id, sku_id)
);
create unique index stock_batches_no_key on stock_batches (tenant_id, warehouse_id, sku_id, batch_no);
create index stock_batches_expiry_idx on stock_batches (tenant_id, expiry_date, batch_id);

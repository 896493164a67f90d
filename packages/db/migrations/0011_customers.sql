-- Customers (客户): the shop's customers with member tier, tags and order figures; the append-only
-- points ledger (积分) whose balance is kept on the customer row in the same transaction; and saved
-- segments (人群). customer_ref is the customer's stable external id, the same string coupons and
-- promotion_usages already carry (0003), so existing rows join by it. Rules live in
-- @yunying/core/customers; this is storage only. tenant_id leads every key and index; money is
-- bigint fen.

create table customers (
  tenant_id            text not null references tenants (tenant_id),
  customer_id          text not null,
  customer_ref         text not null,
  display_name         text,
  phone                text,                 -- E.164 (+8613812345678) or a Chinese mobile (13812345678)
  email                text,
  region               text,                 -- a province name (广东)
  gender               text check (gender in ('female', 'male', 'other')),
  birthday             date,
  member_tier          text not null default 'regular' check (member_tier in ('regular', 'silver', 'gold', 'diamond')),
  tags                 text[] not null default '{}',
  points_balance       bigint not null default 0 check (points_balance >= 0),
  first_order_at       timestamptz,
  last_order_at        timestamptz,
  orders_count         integer not null default 0 check (orders_count >= 0),
  paid_total_fen       bigint not null default 0 check (paid_total_fen >= 0),
  paid_last_12m_fen    bigint not null default 0 check (paid_last_12m_fen >= 0),  -- what the tier rules read
  tier_reviewed_at     timestamptz,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  primary key (tenant_id, customer_id),
  unique (tenant_id, customer_ref),
  check (last_order_at is null or first_order_at is null or last_order_at >= first_order_at)
);
create index customers_tier_idx on customers (tenant_id, member_tier, customer_id);
create index customers_last_order_idx on customers (tenant_id, last_order_at);

-- The points ledger is append-only: an entry is never changed or removed, a correction is a new
-- entry. points is signed (earn > 0, spend and expire < 0, adjust either way); balance_after is the
-- customer's balance once the entry applied.
create table points_ledger (
  tenant_id      text not null references tenants (tenant_id),
  entry_id       text not null,
  customer_id    text not null,
  kind           text not null check (kind in ('earn', 'spend', 'expire', 'adjust')),
  points         bigint not null check (points <> 0),
  balance_after  bigint not null check (balance_after >= 0),
  reason         text not null,
  reference      text,
  actor_id       text,
  request_id     text,
  occurred_at    timestamptz not null default now(),
  primary key (tenant_id, entry_id),
  foreign key (tenant_id, customer_id) references customers (tenant_id, customer_id),
  check (kind <> 'earn' or points > 0),
  check (kind not in ('spend', 'expire') or points < 0)
);
create index points_ledger_customer_idx on points_ledger (tenant_id, customer_id, entry_id);

create function points_ledger_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'points_ledger is append-only' using errcode = '42501';
end;
$$;
create trigger points_ledger_no_update before update or delete on points_ledger
  for each row execute function points_ledger_append_only();

-- A segment (人群) is a saved rule over customer fields, validated by the core before every write.
create table segments (
  tenant_id    text not null references tenants (tenant_id),
  segment_id   text not null,
  name         text not null,
  description  text,
  rule         jsonb not null,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  primary key (tenant_id, segment_id),
  unique (tenant_id, name)
);

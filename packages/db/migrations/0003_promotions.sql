-- Promotions (营销): the marketing calendar (campaigns with their phases), promotions stored as the
-- pricing engine's `{ code, args }`, coupon batches (the coupon definitions) and the coupons
-- customers claimed from them. Rules and arithmetic live in @yunying/core/promotions; this is
-- storage only. tenant_id leads every key and index. Money is bigint fen, rates basis points.

create table campaigns (
  tenant_id       text not null references tenants (tenant_id),
  campaign_id     text not null,
  name            text not null,
  campaign_type   text not null,            -- new_year_goods | queens_day | mid_year_618 | summer_88 | singles_day | double_twelve | custom
  phases          jsonb not null default '[]'::jsonb,  -- [{ phase: warmup|peak|tail, startsAt, endsAt }] in that order
  starts_at       timestamptz,              -- the first phase's start, for calendar queries
  ends_at         timestamptz,              -- the last phase's end
  budget_fen      bigint not null default 0 check (budget_fen >= 0),
  target_gmv_fen  bigint not null default 0 check (target_gmv_fen >= 0),
  status          text not null default 'planned' check (status in ('planned', 'active', 'ended', 'cancelled')),
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (tenant_id, campaign_id),
  check (ends_at is null or starts_at is null or ends_at > starts_at)
);
create index campaigns_starts_idx on campaigns (tenant_id, starts_at);

create table promotions (
  tenant_id     text not null references tenants (tenant_id),
  promotion_id  text not null,
  name          text not null,
  rule_code     text not null,              -- the engine's rule code (spendThresholdDiscount, flashSale …)
  args          jsonb not null,             -- the rule's args, validated by the engine before every write
  starts_at     timestamptz,                -- window [starts_at, ends_at); open-ended when null
  ends_at       timestamptz,
  channel_ids   jsonb,                      -- null = every channel
  tiers         jsonb,                      -- null = every member tier
  priority      integer not null default 0,
  exclusive     boolean not null default false,
  stacking      jsonb not null default '{}'::jsonb,  -- { allow?: [stack class], forbid?: [stack class] }
  status        text not null default 'draft' check (status in ('draft', 'active', 'paused', 'ended')),
  campaign_id   text,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (tenant_id, promotion_id),
  foreign key (tenant_id, campaign_id) references campaigns (tenant_id, campaign_id),
  check (ends_at is null or starts_at is null or ends_at > starts_at)
);
create index promotions_status_idx on promotions (tenant_id, status, promotion_id);
create index promotions_campaign_idx on promotions (tenant_id, campaign_id);

-- A coupon batch is the definition of a coupon (the engine's `coupon` rule) plus its issuance
-- limits. claimed_count is the number of coupons claimed from it; claims lock the batch row, so
-- concurrent claims never exceed total_quantity nor per_customer_limit.
create table coupon_batches (
  tenant_id           text not null references tenants (tenant_id),
  batch_id            text not null,
  name                text not null,
  kind                text not null check (kind in ('order', 'product', 'newCustomer', 'shipping')),
  scope               jsonb not null,       -- { type: order } | { type: categories|products|skus|tags, ids }
  threshold_fen       bigint not null default 0 check (threshold_fen >= 0),
  discount_type       text not null check (discount_type in ('amount', 'percent')),
  amount_fen          bigint check (amount_fen > 0),
  pay_bp              integer check (pay_bp between 0 and 10000),
  cap_fen             bigint check (cap_fen > 0),
  validity_type       text not null check (validity_type in ('window', 'daysAfterClaim')),
  valid_from          timestamptz,
  valid_until         timestamptz,
  valid_days          integer check (valid_days > 0),
  total_quantity      integer not null check (total_quantity > 0),
  claimed_count       integer not null default 0,
  per_customer_limit  integer not null default 1 check (per_customer_limit > 0),
  channel_ids         jsonb,
  tiers               jsonb,
  priority            integer not null default 0,
  exclusive           boolean not null default false,
  stacking            jsonb not null default '{}'::jsonb,
  status              text not null default 'draft' check (status in ('draft', 'active', 'paused', 'ended')),
  campaign_id         text,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  primary key (tenant_id, batch_id),
  foreign key (tenant_id, campaign_id) references campaigns (tenant_id, campaign_id),
  check (claimed_count between 0 and total_quantity),
  check ((discount_type = 'amount') = (amount_fen is not null)),
  check ((discount_type = 'percent') = (pay_bp is not null)),
  check ((validity_type = 'window') = (valid_from is not null and valid_until is not null and valid_until > valid_from)),
  check ((validity_type = 'daysAfterClaim') = (valid_days is not null))
);
create index coupon_batches_status_idx on coupon_batches (tenant_id, status, batch_id);
create index coupon_batches_campaign_idx on coupon_batches (tenant_id, campaign_id);

-- One row per claimed coupon. Redemption is a conditional update (status available → used), so one
-- coupon serves one order; releasing it (order cancelled) gives the use back.
create table coupons (
  tenant_id          text not null references tenants (tenant_id),
  coupon_id          text not null,
  batch_id           text not null,
  customer_ref       text not null,         -- the customer's id in its source until the customers module lands
  claimed_at         timestamptz not null default now(),
  valid_from         timestamptz,
  expires_at         timestamptz,
  status             text not null default 'available' check (status in ('available', 'used', 'revoked', 'expired')),
  used_order_ref     text,
  used_at            timestamptz,
  used_discount_fen  bigint check (used_discount_fen >= 0),
  revoked_at         timestamptz,
  updated_at         timestamptz not null default now(),
  primary key (tenant_id, coupon_id),
  foreign key (tenant_id, batch_id) references coupon_batches (tenant_id, batch_id),
  check ((status = 'used') = (used_order_ref is not null))
);
create index coupons_customer_idx on coupons (tenant_id, customer_ref, status);
create index coupons_batch_idx on coupons (tenant_id, batch_id, customer_ref);
-- An order uses at most one coupon of a batch (the engine applies one instance per coupon promotion).
create unique index coupons_order_batch_key on coupons (tenant_id, used_order_ref, batch_id) where used_order_ref is not null;

-- What orders used of a promotion's limits (秒杀 promo stock, per-customer limits), one row per
-- order. Usage counts orders placed and not cancelled: cancelling releases the row; an order the
-- promotion gave no discount records nothing. Recording locks the promotion row, so concurrent
-- orders never exceed the stock or a customer's limit.
create table promotion_usages (
  tenant_id     text not null references tenants (tenant_id),
  promotion_id  text not null,
  order_ref     text not null,
  customer_ref  text not null,
  quantity      integer not null check (quantity > 0),
  discount_fen  bigint not null check (discount_fen > 0),
  status        text not null default 'counted' check (status in ('counted', 'released')),
  used_at       timestamptz not null default now(),
  released_at   timestamptz,
  primary key (tenant_id, promotion_id, order_ref),
  foreign key (tenant_id, promotion_id) references promotions (tenant_id, promotion_id)
);
create index promotion_usages_customer_idx on promotion_usages (tenant_id, customer_ref, promotion_id);

-- Per-channel listing (issue 3): which SKUs are sold on which channel, at which channel price.
--
-- One row per channel × SKU. price_fen is the channel price in fen; null means the SKU's own
-- price (skus.price_fen), so a price change of the SKU reaches every channel without a price of
-- its own. Unlisting keeps the row (status 'unlisted') with its price and the platform's id.

create table channel_listings (
  tenant_id    text not null references tenants (tenant_id),
  channel_id   text not null,
  sku_id       text not null,
  price_fen    bigint check (price_fen >= 0),        -- channel price; null = the SKU's price
  status       text not null default 'listed' check (status in ('listed', 'unlisted')),
  external_id  text,                                 -- the platform's item/SKU id
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  primary key (tenant_id, channel_id, sku_id),
  foreign key (tenant_id, channel_id) references channels (tenant_id, channel_id),
  foreign key (tenant_id, sku_id) references skus (tenant_id, sku_id)
);
-- A SKU on every channel.
create index channel_listings_sku_idx on channel_listings (tenant_id, sku_id, channel_id);

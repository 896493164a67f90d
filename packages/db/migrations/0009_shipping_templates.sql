-- Shipping templates (运费模板) and the coupon expiry sweeper. A template holds the fee rules per
-- group of provinces (首重/续重), the default rule, undeliverable provinces and the 包邮 conditions
-- as the engine-side `ShippingTemplateRules` (validated by @yunying/core/promotions before every
-- write); one template is the shop default, and a channel may name its own. Money inside the JSON
-- is integer fen, weights grams. tenant_id leads every key and index.

create table shipping_templates (
  tenant_id              text not null references tenants (tenant_id),
  template_id            text not null,
  name                   text not null,
  groups                 jsonb not null default '[]'::jsonb,  -- [{ regions, firstWeightGrams, firstFeeFen, additionalWeightGrams, additionalFeeFen }]
  default_rule           jsonb,                               -- the rule for provinces in no group; null = they are not served
  undeliverable_regions  jsonb not null default '[]'::jsonb,  -- provinces not delivered to
  free_shipping          jsonb,                               -- 包邮 { minAmountFen?, minItems?, excludedRegions }; null = none
  is_default             boolean not null default false,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now(),
  primary key (tenant_id, template_id)
);
create unique index shipping_templates_name_key on shipping_templates (tenant_id, name);
-- At most one default template per shop.
create unique index shipping_templates_default_key on shipping_templates (tenant_id) where is_default;

-- The template a channel uses instead of the shop default (channels have no column for it). A
-- channel names at most one template.
create table shipping_template_channels (
  tenant_id    text not null references tenants (tenant_id),
  channel_id   text not null,
  template_id  text not null,
  primary key (tenant_id, channel_id),
  foreign key (tenant_id, channel_id) references channels (tenant_id, channel_id),
  foreign key (tenant_id, template_id) references shipping_templates (tenant_id, template_id) on delete cascade
);
create index shipping_template_channels_template_idx on shipping_template_channels (tenant_id, template_id, channel_id);

-- The coupon expiry sweeper's work list: available coupons by expiry, per shop.
create index coupons_expiry_idx on coupons (tenant_id, expires_at) where status = 'available';

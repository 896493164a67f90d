import type { Generated } from 'kysely';
import type { Json, Timestamp } from './schema.ts';

// Row types of migrations/0009_shipping_templates.sql.

export interface FeeRuleJson {
  firstWeightGrams: number;
  firstFeeFen: number;
  additionalWeightGrams: number;
  additionalFeeFen: number;
}

export interface RegionGroupJson extends FeeRuleJson {
  regions: string[];
}

export interface FreeShippingJson {
  minAmountFen?: number;
  minItems?: number;
  excludedRegions: string[];
}

export interface ShippingTemplatesTable {
  tenant_id: string;
  template_id: string;
  name: string;
  groups: Json<RegionGroupJson[]>;
  default_rule: Json<FeeRuleJson> | null;
  undeliverable_regions: Json<string[]>;
  free_shipping: Json<FreeShippingJson> | null;
  is_default: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ShippingTemplateChannelsTable {
  tenant_id: string;
  channel_id: string;
  template_id: string;
}

export interface ShippingTables {
  shipping_templates: ShippingTemplatesTable;
  shipping_template_channels: ShippingTemplateChannelsTable;
}

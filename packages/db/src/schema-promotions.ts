import type { Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './schema.ts';

// Row types of migrations/0003_promotions.sql.

export interface CampaignPhaseJson {
  phase: 'warmup' | 'peak' | 'tail';
  startsAt: string;
  endsAt: string;
}

export interface CampaignsTable {
  tenant_id: string;
  campaign_id: string;
  name: string;
  campaign_type: string;
  phases: Json<CampaignPhaseJson[]>;
  starts_at: NullableTimestamp;
  ends_at: NullableTimestamp;
  budget_fen: number;
  target_gmv_fen: number;
  status: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StackingJson {
  allow?: string[];
  forbid?: string[];
}

export interface PromotionsTable {
  tenant_id: string;
  promotion_id: string;
  name: string;
  rule_code: string;
  args: Json<Record<string, unknown>>;
  starts_at: NullableTimestamp;
  ends_at: NullableTimestamp;
  channel_ids: Json<string[]> | null;
  tiers: Json<string[]> | null;
  priority: number;
  exclusive: boolean;
  stacking: Json<StackingJson>;
  status: Generated<string>;
  campaign_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CouponBatchesTable {
  tenant_id: string;
  batch_id: string;
  name: string;
  kind: string;
  scope: Json<Record<string, unknown>>;
  threshold_fen: number;
  discount_type: string;
  amount_fen: number | null;
  pay_bp: number | null;
  cap_fen: number | null;
  validity_type: string;
  valid_from: NullableTimestamp;
  valid_until: NullableTimestamp;
  valid_days: number | null;
  total_quantity: number;
  claimed_count: Generated<number>;
  per_customer_limit: number;
  channel_ids: Json<string[]> | null;
  tiers: Json<string[]> | null;
  priority: number;
  exclusive: boolean;
  stacking: Json<StackingJson>;
  status: Generated<string>;
  campaign_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CouponsTable {
  tenant_id: string;
  coupon_id: string;
  batch_id: string;
  customer_ref: string;
  claimed_at: Timestamp;
  valid_from: NullableTimestamp;
  expires_at: NullableTimestamp;
  status: Generated<string>;
  used_order_ref: string | null;
  used_at: NullableTimestamp;
  used_discount_fen: number | null;
  revoked_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface PromotionUsagesTable {
  tenant_id: string;
  promotion_id: string;
  order_ref: string;
  customer_ref: string;
  quantity: number;
  discount_fen: number;
  status: Generated<string>;
  used_at: Timestamp;
  released_at: NullableTimestamp;
}

/** The promotions module's tables. */
export interface PromotionsTables {
  promotion_usages: PromotionUsagesTable;
  campaigns: CampaignsTable;
  promotions: PromotionsTable;
  coupon_batches: CouponBatchesTable;
  coupons: CouponsTable;
}

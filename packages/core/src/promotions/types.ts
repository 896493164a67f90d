// The pricing breakdown the engine returns. All amounts are integer fen.
// Invariant: payable = listTotal − discountTotal − points.value + shipping.payable, and for each
// line payable = listAmount − discountTotal − pointsValue.
import type { MemberTier } from './rule-args.ts';
import type { RuleCode } from './promotion-schema.ts';
import type { Stage } from './stacking.ts';

/** Stable reason codes for a promotion or coupon that did not apply (see README.md). */
export const REASON_CODES = [
  'outside_window', 'wrong_channel', 'not_in_scope', 'not_eligible_tier', 'not_new_customer',
  'threshold_not_met', 'limit_reached', 'out_of_stock', 'excluded_by_other', 'not_best_price',
  'no_saving', 'coupon_used', 'coupon_expired', 'coupon_not_held', 'not_in_force', 'not_selected',
  'not_joining_group', 'bundle_incomplete', 'region_not_eligible', 'points_not_requested',
  'insufficient_points', 'region_not_served',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Why some units of a line are not at the best item-level price. */
export type UnitNote = 'beyond_customer_limit' | 'beyond_promo_stock' | 'clamped_to_floor';

/** A customer-specific fact a rule depended on; two customers' results may differ only through these. */
export type PersonalBasis =
  | { basis: 'tier'; tier: MemberTier }
  | { basis: 'new_customer'; isNewCustomer: boolean }
  | { basis: 'coupon'; heldCouponId: string }
  | { basis: 'points'; points: number }
  | { basis: 'customer_limit'; remaining: number }
  | { basis: 'group_join' };

export interface UnitPrice {
  quantity: number;
  unitPrice: number;
  /** The item-level rule that set this price; null = list price. */
  promotionId: string | null;
  code: RuleCode | null;
  note?: UnitNote;
}

export interface LineDiscount {
  promotionId: string;
  code: RuleCode;
  stage: Stage;
  amount: number;
  heldCouponId?: string;
}

export interface LineBreakdown {
  lineId: string;
  skuId: string;
  productId: string;
  channelId: string;
  quantity: number;
  isGift: boolean;
  unitListPrice: number;
  listAmount: number;
  /** Item-level unit prices used, by quantity, and which rule set them. */
  unitPrices: UnitPrice[];
  /** Amount after item-level prices. */
  itemAmount: number;
  /** Every discount on the line, item-level and allocated order-level, to the fen. */
  discounts: LineDiscount[];
  discountTotal: number;
  floorAmount: number;
  pointsValue: number;
  payable: number;
  /** For a gift line: the gift's value per unit (informational; it is priced at zero). */
  giftUnitValue?: number;
}

export interface AppliedPromotion {
  promotionId: string;
  code: RuleCode;
  stage: Stage;
  /** Fen saved by this promotion (shipping saved for shipping rules, points value for points). */
  saved: number;
  lineIds: string[];
  heldCouponId?: string;
  personal?: PersonalBasis[];
  detail?: Record<string, string | number | boolean>;
}

export interface NotAppliedPromotion {
  promotionId: string;
  code: RuleCode;
  reason: ReasonCode;
  heldCouponId?: string;
  personal?: PersonalBasis[];
  detail?: Record<string, string | number | boolean>;
}

export type NudgeBenefit =
  | { type: 'amount_off'; amount: number }
  | { type: 'pay_percent'; payBp: number }
  | { type: 'free_shipping' }
  | { type: 'gift'; skuId: string; quantity: number }
  | { type: 'bundle_price'; price: number };

/** 凑单: the distance to the next threshold and what reaching it brings. */
export interface Nudge {
  kind: 'spend_more' | 'add_items';
  promotionId: string;
  code: RuleCode;
  heldCouponId?: string;
  missingAmount?: number;
  missingQuantity?: number;
  skuIds?: string[];
  benefit: NudgeBenefit;
}

export interface ShippingBreakdown {
  ruleId: string | null;
  region: string | null;
  serviceable: boolean;
  weightGrams: number;
  fee: number;
  discounts: { promotionId: string; code: RuleCode; amount: number; heldCouponId?: string }[];
  discount: number;
  payable: number;
}

export interface PointsBreakdown {
  promotionId: string | null;
  requested: number | 'max' | null;
  balance: number;
  /** Largest value points could cover (cap share of the goods payable). */
  capValue: number;
  used: number;
  value: number;
}

export interface CouponChoice {
  mode: 'explicit' | 'best' | 'none';
  heldCouponIds: string[];
  saved: number;
  /** Usable coupons considered (after validity, threshold and de-duplication checks). */
  candidates: number;
  /** Search nodes visited; exhaustive = the search proved the pick optimal. */
  explored: number;
  exhaustive: boolean;
  why: string;
}

export interface PresaleBreakdown {
  promotionId: string;
  lineId: string;
  deposit: number;
  depositValue: number;
  balanceDue: number;
  balanceStartsAt: number;
  balanceEndsAt: number;
  note: 'deposit_non_refundable_after_balance_window';
}

export interface GroupBuyBreakdown {
  promotionId: string;
  groupSize: number;
  endsAt: number | null;
  lineIds: string[];
  condition: 'group_of_size_forms_before_end';
  refundIfGroupFails: true;
}

export interface PricingResult {
  currency: string;
  now: number;
  customerId: string;
  lines: LineBreakdown[];
  listTotal: number;
  discountTotal: number;
  goodsPayable: number;
  points: PointsBreakdown;
  shipping: ShippingBreakdown;
  payable: number;
  applied: AppliedPromotion[];
  notApplied: NotAppliedPromotion[];
  nudges: Nudge[];
  couponChoice: CouponChoice;
  presale: PresaleBreakdown[];
  groupBuy: GroupBuyBreakdown[];
}

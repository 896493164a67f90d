// How promotions combine: the stacking order (exported as data for the console), the stacking
// classes and the default rules of which classes may share a line. See README.md.
import type { Promotion, RuleCode } from './promotion-schema.ts';

export type Stage = 'itemPrice' | 'presale' | 'bundle' | 'quantity' | 'threshold' | 'coupon' | 'points' | 'shipping';

/** The order the engine applies rules in; each stage measures its thresholds on the amounts left by the previous one. */
export const STACKING_ORDER = [
  { stage: 'itemPrice', codes: ['flashSale', 'timedPrice', 'memberPrice', 'groupBuy'], combine: 'best_single_per_unit', measuredOn: 'list_price', label: { zhCN: '单品价（秒杀/限时折扣/会员价/拼团，取最低一个）', enUS: 'Item price (flash sale / timed / member / group, best single)' } },
  { stage: 'presale', codes: ['presale'], combine: 'one_per_line', measuredOn: 'item_price', label: { zhCN: '预售定金膨胀', enUS: 'Presale deposit multiplier' } },
  { stage: 'bundle', codes: ['bundle'], combine: 'priority_order_consumes_units', measuredOn: 'item_price', label: { zhCN: '组合套餐', enUS: 'Bundles' } },
  { stage: 'quantity', codes: ['quantityDiscount'], combine: 'one_per_line', measuredOn: 'item_price_of_unbundled_units', label: { zhCN: '满件折 / 第N件M折', enUS: 'Quantity discounts' } },
  { stage: 'threshold', codes: ['spendThresholdDiscount', 'spendThresholdPercent', 'crossChannelThreshold', 'giftWithPurchase'], combine: 'priority_order', measuredOn: 'amount_after_quantity_stage', label: { zhCN: '满减 / 满折 / 跨店满减 / 买赠', enUS: 'Spend thresholds and gifts' } },
  { stage: 'coupon', codes: ['coupon'], combine: 'best_combination', measuredOn: 'amount_after_threshold_stage', label: { zhCN: '优惠券（店铺券/商品券/新人券）', enUS: 'Coupons (order / product / new customer)' } },
  { stage: 'points', codes: ['pointsRedemption'], combine: 'single', measuredOn: 'amount_after_coupons', label: { zhCN: '积分抵扣', enUS: 'Points redemption' } },
  { stage: 'shipping', codes: ['freeShipping', 'coupon'], combine: 'free_shipping_then_one_shipping_coupon', measuredOn: 'amount_after_threshold_stage', label: { zhCN: '运费（包邮 / 运费券）', enUS: 'Shipping (free shipping / shipping coupon)' } },
] as const satisfies readonly { stage: Stage; codes: readonly RuleCode[]; combine: string; measuredOn: string; label: { zhCN: string; enUS: string } }[];

/** The stage each rule code is evaluated in (shipping coupons are chosen with the coupons). */
export const RULE_STAGE: Readonly<Record<RuleCode, Stage>> = {
  flashSale: 'itemPrice', timedPrice: 'itemPrice', memberPrice: 'itemPrice', groupBuy: 'itemPrice',
  presale: 'presale', bundle: 'bundle', quantityDiscount: 'quantity',
  spendThresholdDiscount: 'threshold', spendThresholdPercent: 'threshold', crossChannelThreshold: 'threshold', giftWithPurchase: 'threshold',
  coupon: 'coupon', pointsRedemption: 'points', freeShipping: 'shipping',
};

/** Rule code → its stage's position in STACKING_ORDER, as a switch (a keyed lookup with varying keys is slower); checked at load. */
export function stageSlot(code: RuleCode): number {
  switch (code) {
    case 'flashSale': case 'timedPrice': case 'memberPrice': case 'groupBuy': return 0;
    case 'presale': return 1;
    case 'bundle': return 2;
    case 'quantityDiscount': return 3;
    case 'spendThresholdDiscount': case 'spendThresholdPercent': case 'crossChannelThreshold': case 'giftWithPurchase': return 4;
    case 'coupon': return 5;
    case 'pointsRedemption': return 6;
    case 'freeShipping': return 7;
  }
}

export const STAGE_RANK: Readonly<Record<Stage, number>> = Object.fromEntries(
  STACKING_ORDER.map((s, i) => [s.stage, i]),
) as Record<Stage, number>;
for (const [code, stage] of Object.entries(RULE_STAGE)) if (stageSlot(code as RuleCode) !== STAGE_RANK[stage]) throw new Error(`stageSlot disagrees with RULE_STAGE for ${code}`);

/**
 * STAGE_RANK as a switch, for sort comparators: a keyed lookup with varying keys is several
 * times slower there. Checked against STACKING_ORDER when the module loads.
 */
export function stageRank(stage: Stage): number {
  switch (stage) {
    case 'itemPrice': return 0;
    case 'presale': return 1;
    case 'bundle': return 2;
    case 'quantity': return 3;
    case 'threshold': return 4;
    case 'coupon': return 5;
    case 'points': return 6;
    case 'shipping': return 7;
  }
}
for (const [i, s] of STACKING_ORDER.entries()) if (stageRank(s.stage) !== i) throw new Error(`stageRank disagrees with STACKING_ORDER at ${s.stage}`);

export const STACK_CLASSES = [
  'flashSale', 'timedPrice', 'memberPrice', 'groupBuy', 'presale', 'bundle', 'quantityDiscount',
  'spendThresholdDiscount', 'spendThresholdPercent', 'crossChannelThreshold', 'giftWithPurchase',
  'orderCoupon', 'productCoupon', 'newCustomerCoupon', 'shippingCoupon', 'pointsRedemption', 'freeShipping',
] as const;
export type StackClass = (typeof STACK_CLASSES)[number];

const COUPON_CLASS: Readonly<Record<string, StackClass>> = { order: 'orderCoupon', product: 'productCoupon', newCustomer: 'newCustomerCoupon', shipping: 'shippingCoupon' };

/** The stacking class of a promotion: its code, or `<kind>Coupon` for coupons. */
export function stackClassOf(promotion: Promotion): StackClass {
  // A table, not a template string: this runs for every promotion on every pricing run.
  return promotion.code === 'coupon' ? (COUPON_CLASS[promotion.args.kind] ?? (`${promotion.args.kind}Coupon` as StackClass)) : promotion.code;
}

// Pairs that may not share a line unless BOTH promotions list each other's class in `stacking.allow`.
const DEFAULT_FORBIDDEN: readonly (readonly StackClass[])[] = [
  ['orderCoupon', 'newCustomerCoupon'], // at most one order-level coupon per order
  ['productCoupon'], // at most one product coupon per line
  ['shippingCoupon'],
  ['quantityDiscount'],
  ['presale'],
  ['spendThresholdDiscount', 'spendThresholdPercent'], // one 满减/满折 per line; 跨店满减 stacks on top
  ['crossChannelThreshold'],
  ['freeShipping'],
  ['pointsRedemption'],
];

const CLASS_BIT = new Map<StackClass, number>(STACK_CLASSES.map((c, i) => [c, 1 << i]));
const bitOf = (c: StackClass): number => CLASS_BIT.get(c)!;
function maskOf(cs: readonly StackClass[] | undefined): number {
  let m = 0;
  if (cs !== undefined) for (const c of cs) m |= bitOf(c);
  return m;
}
const DEFAULT_FORBIDDEN_MASK = new Map<number, number>();
for (const group of DEFAULT_FORBIDDEN) for (const c of group) DEFAULT_FORBIDDEN_MASK.set(bitOf(c), (DEFAULT_FORBIDDEN_MASK.get(bitOf(c)) ?? 0) | maskOf(group));

/** A promotion's stacking facts as bitmasks over STACK_CLASSES, computed once per pricing run. */
export interface StackInfo {
  readonly id: string;
  readonly bit: number;
  readonly exclusive: boolean;
  readonly forbid: number;
  readonly allow: number;
  readonly defaultForbidden: number;
}

/** Each class's default-forbidden mask, by its position in STACK_CLASSES. */
const DEFAULT_FORBIDDEN_BY_INDEX: readonly number[] = STACK_CLASSES.map((c) => DEFAULT_FORBIDDEN_MASK.get(bitOf(c)) ?? 0);

/**
 * The position of a promotion's stacking class in STACK_CLASSES, as a switch: this runs for
 * almost every promotion on every pricing run, and the map lookups of stackClassOf + bitOf were
 * a visible share of it. Checked against them when the module loads.
 */
function classIndexOf(code: RuleCode, couponKind: string | undefined): number {
  switch (code) {
    case 'flashSale': return 0;
    case 'timedPrice': return 1;
    case 'memberPrice': return 2;
    case 'groupBuy': return 3;
    case 'presale': return 4;
    case 'bundle': return 5;
    case 'quantityDiscount': return 6;
    case 'spendThresholdDiscount': return 7;
    case 'spendThresholdPercent': return 8;
    case 'crossChannelThreshold': return 9;
    case 'giftWithPurchase': return 10;
    case 'pointsRedemption': return 15;
    case 'freeShipping': return 16;
    case 'coupon':
      switch (couponKind) {
        case 'order': return 11;
        case 'product': return 12;
        case 'newCustomer': return 13;
        case 'shipping': return 14;
      }
  }
  return STACK_CLASSES.indexOf(couponKind === undefined ? (code as StackClass) : (`${couponKind}Coupon` as StackClass));
}
for (const [i, c] of STACK_CLASSES.entries()) {
  const kind = c.endsWith('Coupon') ? c.slice(0, -'Coupon'.length) : undefined;
  if (classIndexOf(kind === undefined ? (c as RuleCode) : 'coupon', kind) !== i) throw new Error(`classIndexOf disagrees with STACK_CLASSES at ${c}`);
}

export function stackInfoOf(p: Promotion): StackInfo {
  const index = classIndexOf(p.code, p.code === 'coupon' ? p.args.kind : undefined);
  const stacking = p.stacking;
  return {
    id: p.id, bit: 1 << index, exclusive: p.exclusive === true,
    forbid: stacking === undefined ? 0 : maskOf(stacking.forbid), allow: stacking === undefined ? 0 : maskOf(stacking.allow),
    defaultForbidden: DEFAULT_FORBIDDEN_BY_INDEX[index]!,
  };
}

/** True when the two may not both apply to one line: exclusive, a forbid flag, or the default matrix without mutual allow. */
export function infosConflict(a: StackInfo, b: StackInfo): boolean {
  // The bit tests first, the id comparison (a string compare) only for a would-be conflict.
  if (a.exclusive || b.exclusive || (a.forbid & b.bit) !== 0 || (b.forbid & a.bit) !== 0) return a.id !== b.id;
  if ((a.defaultForbidden & b.bit) !== 0 && !((a.allow & b.bit) !== 0 && (b.allow & a.bit) !== 0)) return a.id !== b.id;
  return false;
}

/** True when the two promotions may not both apply to one line. */
export function conflicts(a: Promotion, b: Promotion): boolean {
  return infosConflict(stackInfoOf(a), stackInfoOf(b));
}

/** The OR of the stacking facts of the promotions applied to a line, kept beside its list. */
export interface StackSummary {
  /** Classes present. */
  bits: number;
  /** Classes any of them forbids. */
  forbid: number;
  /** Whether any of them is exclusive. */
  exclusive: boolean;
}

/**
 * True when `info` certainly conflicts with none of the summarised promotions: no exclusive on
 * either side, no forbid either way, no default-forbidden class present. (False only means
 * "check pair by pair": mutual allows and the same-id exemption can still lift a conflict.)
 */
export function surelyStacks(info: StackInfo, s: StackSummary): boolean {
  return !info.exclusive && !s.exclusive && (info.forbid & s.bits) === 0 && (s.forbid & info.bit) === 0 && (info.defaultForbidden & s.bits) === 0;
}

/** Adds `info` to a summary. */
export function summarise(s: StackSummary, info: StackInfo): void {
  s.bits |= info.bit;
  s.forbid |= info.forbid;
  if (info.exclusive) s.exclusive = true;
}

/** True when a promotion (by its StackInfo) may join those already applied to a line. */
export function canStackWith(info: StackInfo, applied: readonly StackInfo[]): boolean {
  for (const other of applied) if (infosConflict(info, other)) return false;
  return true;
}

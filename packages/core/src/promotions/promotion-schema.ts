// The stored shape of a promotion: common fields plus `{ code, args }`, one variant per rule type.
// Instants are epoch ms; the window is [startsAt, endsAt) and open-ended when a bound is missing.
import { z } from 'zod';
import {
  bundleArgsSchema,
  couponArgsSchema,
  crossChannelThresholdArgsSchema,
  flashSaleArgsSchema,
  freeShippingArgsSchema,
  giftWithPurchaseArgsSchema,
  groupBuyArgsSchema,
  idSchema,
  instantSchema,
  memberPriceArgsSchema,
  memberTierSchema,
  pointsRedemptionArgsSchema,
  presaleArgsSchema,
  quantityDiscountArgsSchema,
  spendThresholdDiscountArgsSchema,
  spendThresholdPercentArgsSchema,
  timedPriceArgsSchema,
} from './rule-args.ts';
import { STACK_CLASSES } from './stacking.ts';

export const stackClassSchema = z.enum(STACK_CLASSES);

const common = {
  id: idSchema,
  name: z.string().max(200).optional(),
  /** Higher first within a stage; ties by id. */
  priority: z.int().min(-1_000_000).max(1_000_000).optional(),
  /** 不与其他优惠同享: shares no line with any other promotion. */
  exclusive: z.boolean().optional(),
  startsAt: instantSchema.optional(),
  endsAt: instantSchema.optional(),
  /** Channels whose lines the promotion applies to; all when absent. */
  channelIds: z.array(idSchema).optional(),
  /** Member tiers allowed; all when absent. */
  tiers: z.array(memberTierSchema).optional(),
  stacking: z
    .object({ allow: z.array(stackClassSchema).optional(), forbid: z.array(stackClassSchema).optional() })
    .optional(),
};

const variant = <C extends string, A extends z.ZodType>(code: C, args: A) =>
  z.object({ ...common, code: z.literal(code), args });

export const ARGS_SCHEMAS = {
  spendThresholdDiscount: spendThresholdDiscountArgsSchema,
  spendThresholdPercent: spendThresholdPercentArgsSchema,
  crossChannelThreshold: crossChannelThresholdArgsSchema,
  quantityDiscount: quantityDiscountArgsSchema,
  timedPrice: timedPriceArgsSchema,
  flashSale: flashSaleArgsSchema,
  memberPrice: memberPriceArgsSchema,
  bundle: bundleArgsSchema,
  giftWithPurchase: giftWithPurchaseArgsSchema,
  coupon: couponArgsSchema,
  pointsRedemption: pointsRedemptionArgsSchema,
  freeShipping: freeShippingArgsSchema,
  presale: presaleArgsSchema,
  groupBuy: groupBuyArgsSchema,
} as const;

export const promotionSchema = z.discriminatedUnion('code', [
  variant('spendThresholdDiscount', spendThresholdDiscountArgsSchema),
  variant('spendThresholdPercent', spendThresholdPercentArgsSchema),
  variant('crossChannelThreshold', crossChannelThresholdArgsSchema),
  variant('quantityDiscount', quantityDiscountArgsSchema),
  variant('timedPrice', timedPriceArgsSchema),
  variant('flashSale', flashSaleArgsSchema),
  variant('memberPrice', memberPriceArgsSchema),
  variant('bundle', bundleArgsSchema),
  variant('giftWithPurchase', giftWithPurchaseArgsSchema),
  variant('coupon', couponArgsSchema),
  variant('pointsRedemption', pointsRedemptionArgsSchema),
  variant('freeShipping', freeShippingArgsSchema),
  variant('presale', presaleArgsSchema),
  variant('groupBuy', groupBuyArgsSchema),
]);

export type Promotion = z.infer<typeof promotionSchema>;
export type RuleCode = Promotion['code'];
export type PromotionOf<C extends RuleCode> = Extract<Promotion, { code: C }>;
export const RULE_CODES = Object.keys(ARGS_SCHEMAS) as RuleCode[];

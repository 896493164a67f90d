// Zod schemas for the arguments of each promotion rule type (the `args` of `{ code, args }`).
// Money is integer fen, rates are basis points (payBp = the share the customer pays:
// 8000 = 8折 = 20 % off), instants are epoch milliseconds. Shapes only; contradictions between
// fields are found by the rule checks in rule-checks.ts.
import { z } from 'zod';

export const idSchema = z.string().min(1).max(200);
export const fenSchema = z.int().nonnegative();
export const positiveFenSchema = z.int().positive();
export const basisPointsSchema = z.int().min(0).max(10_000);
export const instantSchema = z.int().nonnegative();
export const MEMBER_TIERS = ['regular', 'silver', 'gold', 'diamond'] as const;
export const memberTierSchema = z.enum(MEMBER_TIERS);

/** Which cart lines a rule looks at. 'order' = every line. */
export const scopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('order') }),
  z.object({ type: z.literal('categories'), ids: z.array(idSchema).min(1) }),
  z.object({ type: z.literal('products'), ids: z.array(idSchema).min(1) }),
  z.object({ type: z.literal('skus'), ids: z.array(idSchema).min(1) }),
  z.object({ type: z.literal('tags'), ids: z.array(idSchema).min(1) }),
]);

/** A unit price: a fixed price in fen, or a share of the list price. */
export const priceSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fixed'), unitPrice: fenSchema }),
  z.object({ type: z.literal('percent'), payBp: basisPointsSchema }),
]);

const ladderStepSchema = z.object({ threshold: fenSchema, discount: positiveFenSchema });
const spendLadder = { mode: z.literal('ladder'), steps: z.array(ladderStepSchema).min(1) };
const spendRepeat = { mode: z.literal('repeat'), every: positiveFenSchema, discount: positiveFenSchema, cap: positiveFenSchema.optional() };

/** 满减: a ladder of (threshold, discount) steps, or 每满 `every` 减 `discount` up to `cap`. */
export const spendThresholdDiscountArgsSchema = z.discriminatedUnion('mode', [
  z.object({ scope: scopeSchema, ...spendLadder }),
  z.object({ scope: scopeSchema, ...spendRepeat }),
]);

/** 跨店满减: a spend threshold measured over the lines of several channels together. */
export const crossChannelThresholdArgsSchema = z.discriminatedUnion('mode', [
  z.object({ scope: scopeSchema, channelIds: z.array(idSchema).min(1), ...spendLadder }),
  z.object({ scope: scopeSchema, channelIds: z.array(idSchema).min(1), ...spendRepeat }),
]);

/** 满折: spend ≥ threshold pay payBp of the scope, optional cap on the saving. */
export const spendThresholdPercentArgsSchema = z.object({
  scope: scopeSchema,
  steps: z.array(z.object({ threshold: fenSchema, payBp: basisPointsSchema })).min(1),
  cap: positiveFenSchema.optional(),
});

/** 第二件半价 (nthItem) or 满件折 / N件M折 (tiers by item count). */
export const quantityDiscountArgsSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('nthItem'),
    scope: scopeSchema,
    n: z.int().min(2).max(1000),
    payBp: basisPointsSchema,
    among: z.enum(['cheapest', 'sameSku']),
    repeat: z.boolean().optional(),
  }),
  z.object({
    mode: z.literal('tiers'),
    scope: scopeSchema,
    tiers: z.array(z.object({ minQuantity: z.int().positive(), payBp: basisPointsSchema })).min(1),
  }),
]);

/** 限时折扣: a price in the promotion's window, optionally limited per customer. */
export const timedPriceArgsSchema = z.object({
  scope: scopeSchema,
  price: priceSpecSchema,
  perCustomerLimit: z.int().positive().optional(),
});

/** 秒杀: a price in the window with remaining promo stock and a per-customer limit. */
export const flashSaleArgsSchema = z.object({
  scope: scopeSchema,
  price: priceSpecSchema,
  promoStock: z.int().nonnegative(),
  perCustomerLimit: z.int().positive().optional(),
});

/** 会员价: a price per member tier; tiers without an entry get no member price. */
export const memberPriceArgsSchema = z.object({
  scope: scopeSchema,
  prices: z.object({
    regular: priceSpecSchema.optional(),
    silver: priceSpecSchema.optional(),
    gold: priceSpecSchema.optional(),
    diamond: priceSpecSchema.optional(),
  }),
});

/** 组合套餐: the set of SKUs (with quantities) sold together at `price` per set. */
export const bundleArgsSchema = z.object({
  items: z.array(z.object({ skuId: idSchema, quantity: z.int().positive().max(1000) })).min(1),
  price: fenSchema,
  maxApplications: z.int().positive().optional(),
});

/** 买赠: adds a zero-priced gift line when the condition holds, while gift stock lasts. */
export const giftWithPurchaseArgsSchema = z.object({
  scope: scopeSchema,
  condition: z.discriminatedUnion('type', [
    z.object({ type: z.literal('spend'), threshold: fenSchema }),
    z.object({ type: z.literal('quantity'), minQuantity: z.int().positive() }),
  ]),
  gift: z.object({
    skuId: idSchema,
    productId: idSchema,
    quantity: z.int().positive().max(1000),
    unitValue: fenSchema,
    weightGrams: z.int().nonnegative().max(10_000_000).optional(),
  }),
  giftStock: z.int().nonnegative(),
  repeat: z.boolean().optional(),
});

/** Coupons: 店铺券 order, 商品券 product, 新人券 newCustomer, 运费券 shipping. */
export const couponArgsSchema = z.object({
  kind: z.enum(['order', 'product', 'newCustomer', 'shipping']),
  scope: scopeSchema,
  threshold: fenSchema,
  discount: z.discriminatedUnion('type', [
    z.object({ type: z.literal('amount'), amount: positiveFenSchema }),
    z.object({ type: z.literal('percent'), payBp: basisPointsSchema, cap: positiveFenSchema.optional() }),
  ]),
  validity: z.discriminatedUnion('type', [
    z.object({ type: z.literal('window'), startsAt: instantSchema, endsAt: instantSchema }),
    z.object({ type: z.literal('daysAfterClaim'), days: z.int().positive().max(3650) }),
  ]),
});

/** 积分抵扣: `pointsPerUnit` points are worth `unitValue` fen, up to capBp of the goods payable. */
export const pointsRedemptionArgsSchema = z.object({
  pointsPerUnit: z.int().positive(),
  unitValue: z.int().positive().max(1_000_000),
  capBp: basisPointsSchema,
  minPoints: z.int().nonnegative().optional(),
});

/** 包邮: shipping is free when the scope's goods amount reaches `threshold` (and, with `minQuantity`, its units reach that count: 满N件包邮). */
export const freeShippingArgsSchema = z.object({
  scope: scopeSchema,
  threshold: fenSchema,
  minQuantity: z.int().positive().max(1_000_000).optional(),
  regions: z.array(idSchema).optional(),
  excludedRegions: z.array(idSchema).optional(),
});

/** 预售 / 定金膨胀: a deposit of D per unit counts as E (> D) against the balance. */
export const presaleArgsSchema = z.object({
  scope: scopeSchema,
  depositPerUnit: positiveFenSchema,
  depositValuePerUnit: positiveFenSchema,
  balanceStartsAt: instantSchema,
  balanceEndsAt: instantSchema,
});

/** 拼团: a group price that holds once `groupSize` buyers join before the promotion ends. */
export const groupBuyArgsSchema = z.object({
  scope: scopeSchema,
  groupPrice: priceSpecSchema,
  groupSize: z.int().min(2).max(1000),
  perCustomerLimit: z.int().positive().optional(),
});

export type Scope = z.infer<typeof scopeSchema>;
export type PriceSpec = z.infer<typeof priceSpecSchema>;
export type MemberTier = z.infer<typeof memberTierSchema>;

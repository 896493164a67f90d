// Zod schemas for what the engine prices: cart lines, the customer, shipping rules and the whole
// pricing input. Input that passes `pricingInputSchema` never makes `priceCart` throw: amounts
// stay safe integers (unit price × quantity and the cart total are checked here).
import { z } from 'zod';
import { idSchema, fenSchema, instantSchema, memberTierSchema } from './rule-args.ts';
import { promotionSchema } from './promotion-schema.ts';

export const MAX_QUANTITY = 1_000_000;
export const MAX_UNIT_WEIGHT_GRAMS = 10_000_000;
/** Shipping fees are capped so that goods + shipping always stays a safe integer. */
export const MAX_SHIPPING_FEE = 1_000_000_000_000;
export const MAX_CART_AMOUNT = Number.MAX_SAFE_INTEGER - MAX_SHIPPING_FEE;

export const cartLineSchema = z.object({
  lineId: idSchema,
  skuId: idSchema,
  productId: idSchema,
  quantity: z.int().positive().max(MAX_QUANTITY),
  /** List unit price in fen. */
  unitPrice: fenSchema,
  categoryIds: z.array(idSchema),
  tags: z.array(idSchema),
  channelId: idSchema,
  /** Per-unit price floor in fen (e.g. MAP or cost); discounts never take the line below it. */
  floorPrice: fenSchema.optional(),
  weightGrams: z.int().nonnegative().max(MAX_UNIT_WEIGHT_GRAMS).optional(),
});

/** Lines with unique ids whose amounts (and total) stay safe integers. */
export const cartLinesSchema = z.array(cartLineSchema).superRefine((lines, ctx) => {
  const seen = new Set<string>();
  let total = 0;
  lines.forEach((line, i) => {
    if (seen.has(line.lineId)) ctx.addIssue({ code: 'custom', path: [i, 'lineId'], message: 'duplicate_line_id' });
    seen.add(line.lineId);
    const amount = line.unitPrice * line.quantity;
    if (!Number.isSafeInteger(amount)) ctx.addIssue({ code: 'custom', path: [i, 'unitPrice'], message: 'amount_overflow' });
    total += amount;
  });
  if (!(total <= MAX_CART_AMOUNT)) ctx.addIssue({ code: 'custom', path: [], message: 'cart_total_overflow' });
});

export const heldCouponSchema = z.object({
  /** The held (claimed) coupon instance. */
  id: idSchema,
  /** The coupon promotion it was claimed from. */
  promotionId: idSchema,
  claimedAt: instantSchema,
  usedAt: instantSchema.nullable().optional(),
});

export const customerSchema = z.object({
  id: idSchema,
  tier: memberTierSchema,
  isNewCustomer: z.boolean(),
  pointsBalance: z.int().nonnegative(),
  coupons: z.array(heldCouponSchema),
  /** Units already bought under limited promotions, by promotion id (for per-customer limits). */
  promotionUsage: z.record(idSchema, z.int().nonnegative()).optional(),
});

export const shippingRuleSchema = z.object({
  id: idSchema,
  /** Regions this rule serves; an empty list is the default for every other region. */
  regions: z.array(idSchema),
  firstWeightGrams: z.int().nonnegative().max(MAX_UNIT_WEIGHT_GRAMS),
  firstFee: fenSchema.max(MAX_SHIPPING_FEE),
  additionalWeightGrams: z.int().positive().max(MAX_UNIT_WEIGHT_GRAMS),
  additionalFee: fenSchema.max(MAX_SHIPPING_FEE),
});

export const shippingConfigSchema = z.object({ rules: z.array(shippingRuleSchema) });

export const nowSchema = z.union([instantSchema, z.iso.datetime({ offset: true })]);

export const pricingInputSchema = z
  .object({
    /** The pricing instant: epoch ms or an ISO 8601 date-time with offset. */
    now: nowSchema,
    currency: z.string().length(3).optional(),
    lines: cartLinesSchema,
    customer: customerSchema,
    promotions: z.array(promotionSchema),
    shipping: shippingConfigSchema.optional(),
    destinationRegion: idSchema.optional(),
    /** Held coupon ids chosen by the customer; when absent the engine picks the best combination. */
    selectedCouponIds: z.array(idSchema).optional(),
    /** Points the customer wants to spend, or 'max'; none when absent. */
    pointsToRedeem: z.union([z.int().nonnegative(), z.literal('max')]).optional(),
    /** The customer is opening or joining a group of this 拼团 promotion. */
    groupBuyJoin: z.object({ promotionId: idSchema }).optional(),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.promotions.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['promotions', i, 'id'], message: 'duplicate_promotion_id' });
      seen.add(p.id);
    });
  });

export type CartLine = z.infer<typeof cartLineSchema>;
export type HeldCoupon = z.infer<typeof heldCouponSchema>;
export type Customer = z.infer<typeof customerSchema>;
export type ShippingRule = z.infer<typeof shippingRuleSchema>;
export type ShippingConfig = z.infer<typeof shippingConfigSchema>;
export type PricingInput = z.infer<typeof pricingInputSchema>;

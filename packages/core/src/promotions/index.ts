// The promotions module's only door: the pure pricing engine, its input schemas, the rule
// registry, validation, and the stacking order as data for the console.
export { priceCart, safePriceCart, type SafePriceResult } from './price-cart.ts';
export {
  cartLineSchema, cartLinesSchema, customerSchema, heldCouponSchema, nowSchema, pricingInputSchema,
  shippingConfigSchema, shippingRuleSchema, MAX_CART_AMOUNT, MAX_QUANTITY, MAX_SHIPPING_FEE,
  type CartLine, type Customer, type HeldCoupon, type PricingInput, type ShippingConfig, type ShippingRule,
} from './input-schemas.ts';
export { promotionSchema, stackClassSchema, ARGS_SCHEMAS, RULE_CODES, type Promotion, type PromotionOf, type RuleCode } from './promotion-schema.ts';
export * from './rule-args.ts';
export { RULES, type RuleDefinition } from './registry.ts';
export { PROMOTION_PROBLEM_CODES, type PromotionProblem, type PromotionProblemCode } from './rule-checks.ts';
export { validatePromotion, validatePromotionSet, type ValidationResult } from './validate-promotion.ts';
export { validateCart, CART_PROBLEM_CODES, type CartProblem, type CartProblemCode, type CartValidation } from './validate-cart.ts';
export { STACKING_ORDER, STACK_CLASSES, RULE_STAGE, conflicts, stackClassOf, type Stage, type StackClass } from './stacking.ts';
export { COUPON_SEARCH_NODE_LIMIT } from './choose-coupons.ts';
export { personalFactors } from './fairness.ts';
export {
  feeRuleSchema, shippingTemplateRulesSchema, templateShipping, validateShippingTemplate, SHIPPING_TEMPLATE_PROBLEM_CODES,
  type FeeRule, type ShippingTemplateProblem, type ShippingTemplateProblemCode, type ShippingTemplateRules, type ShippingTemplateValidation, type TemplateShipping,
} from './shipping-template.ts';
export { REASON_CODES } from './types.ts';
export type * from './types.ts';

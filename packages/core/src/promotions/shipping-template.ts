// 运费模板: a shop's stored shipping template — fee rules per group of provinces (首重/续重), a
// default rule for provinces not listed, provinces not delivered to, and 包邮 conditions — and its
// mapping to the engine's input for one destination. Regions are provinces, named by GB/T 2260
// code ("65", "650000") or name ("新疆", "新疆维吾尔自治区", "Xinjiang"); see geo/resolveProvince.
// Weights are grams, money fen. The engine itself never sees a template: the caller maps it with
// templateShipping and prices with the result.
import { z } from 'zod';
import { resolveProvince } from '../geo/index.ts';
import { MAX_CART_AMOUNT, MAX_SHIPPING_FEE, MAX_UNIT_WEIGHT_GRAMS, type ShippingConfig, type ShippingRule } from './input-schemas.ts';
import type { PromotionOf } from './promotion-schema.ts';

const regionSchema = z.string().trim().min(1).max(50);
const regionsSchema = z.array(regionSchema).max(40);
// Signs are left to the checks below so that a negative fee or a zero step gets its own code.
const weightSchema = z.int().min(-MAX_UNIT_WEIGHT_GRAMS).max(MAX_UNIT_WEIGHT_GRAMS);
const feeSchema = z.int().min(-MAX_SHIPPING_FEE).max(MAX_SHIPPING_FEE);

/** 首重/续重: `firstFeeFen` covers the first `firstWeightGrams`, then `additionalFeeFen` per started `additionalWeightGrams`. */
export const feeRuleSchema = z.object({
  firstWeightGrams: weightSchema,
  firstFeeFen: feeSchema,
  additionalWeightGrams: weightSchema,
  additionalFeeFen: feeSchema,
});

export const shippingTemplateRulesSchema = z.object({
  /** Fee rules for groups of provinces (e.g. 江浙沪, 偏远地区 新疆/西藏 at a higher fee). */
  groups: z.array(feeRuleSchema.extend({ regions: regionsSchema.min(1) })).max(40),
  /** The rule for provinces in no group; null = those provinces are not served. */
  defaultRule: feeRuleSchema.nullable(),
  /** Provinces not delivered to at all (不发货地区). */
  undeliverableRegions: regionsSchema,
  /** 包邮: free when the goods amount (after threshold promotions) reaches minAmountFen and the units reach minItems (every condition given must hold), except in excludedRegions. */
  freeShipping: z
    .object({
      minAmountFen: z.int().min(-MAX_CART_AMOUNT).max(MAX_CART_AMOUNT).optional(),
      minItems: z.int().min(-1_000_000).max(1_000_000).optional(),
      excludedRegions: regionsSchema,
    })
    .nullable(),
});

export type FeeRule = z.infer<typeof feeRuleSchema>;
export type ShippingTemplateRules = z.infer<typeof shippingTemplateRulesSchema>;

export const SHIPPING_TEMPLATE_PROBLEM_CODES = [
  'invalid_field', 'weight_step_not_positive', 'fee_negative', 'region_unknown', 'region_in_two_groups',
  'region_priced_and_undeliverable', 'no_region_served', 'free_shipping_needs_condition',
  'free_shipping_amount_negative', 'free_shipping_items_not_positive',
] as const;
export type ShippingTemplateProblemCode = (typeof SHIPPING_TEMPLATE_PROBLEM_CODES)[number];

export interface ShippingTemplateProblem {
  code: ShippingTemplateProblemCode;
  path: (string | number)[];
  message: string;
}

export type ShippingTemplateValidation = { ok: true; value: ShippingTemplateRules; problems: [] } | { ok: false; problems: ShippingTemplateProblem[] };

function checkFeeRule(rule: FeeRule, path: (string | number)[], out: ShippingTemplateProblem[]): void {
  if (rule.firstWeightGrams <= 0) out.push({ code: 'weight_step_not_positive', path: [...path, 'firstWeightGrams'], message: '首重 must be more than 0 g' });
  if (rule.additionalWeightGrams <= 0) out.push({ code: 'weight_step_not_positive', path: [...path, 'additionalWeightGrams'], message: '续重 steps must be more than 0 g' });
  if (rule.firstFeeFen < 0) out.push({ code: 'fee_negative', path: [...path, 'firstFeeFen'], message: 'a fee cannot be negative' });
  if (rule.additionalFeeFen < 0) out.push({ code: 'fee_negative', path: [...path, 'additionalFeeFen'], message: 'a fee cannot be negative' });
}

/** Resolves each region to its province code, reporting the ones that name no province. */
function provinceCodes(regions: readonly string[], path: (string | number)[], out: ShippingTemplateProblem[]): string[] {
  const codes: string[] = [];
  regions.forEach((r, i) => {
    const p = resolveProvince(r);
    if (p === undefined) out.push({ code: 'region_unknown', path: [...path, i], message: `${r} names no province (GB/T 2260 code or name)` });
    else codes.push(p.code);
  });
  return codes;
}

/**
 * Validates a template's rules: shape, then contradictions — a step of 0 g or less, a negative
 * fee, a region that names no province, a province in two groups (or twice in one), a province
 * both priced and undeliverable, nothing served at all, a 包邮 without a condition.
 */
export function validateShippingTemplate(raw: unknown): ShippingTemplateValidation {
  const parsed = shippingTemplateRulesSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ code: 'invalid_field', path: i.path.map((k) => (typeof k === 'symbol' ? String(k) : k)), message: i.message })) };
  }
  const t = parsed.data;
  const out: ShippingTemplateProblem[] = [];
  const priced = new Map<string, number>();
  t.groups.forEach((g, gi) => {
    checkFeeRule(g, ['groups', gi], out);
    provinceCodes(g.regions, ['groups', gi, 'regions'], out).forEach((code, ri) => {
      const first = priced.get(code);
      if (first !== undefined) out.push({ code: 'region_in_two_groups', path: ['groups', gi, 'regions', ri], message: `province ${code} is already priced by group ${first + 1}` });
      else priced.set(code, gi);
    });
  });
  if (t.defaultRule !== null) checkFeeRule(t.defaultRule, ['defaultRule'], out);
  provinceCodes(t.undeliverableRegions, ['undeliverableRegions'], out).forEach((code, i) => {
    if (priced.has(code)) out.push({ code: 'region_priced_and_undeliverable', path: ['undeliverableRegions', i], message: `province ${code} has a fee in group ${priced.get(code)! + 1} and is marked undeliverable` });
  });
  if (t.groups.length === 0 && t.defaultRule === null) out.push({ code: 'no_region_served', path: ['defaultRule'], message: 'no group and no default rule: no province would be served' });
  const free = t.freeShipping;
  if (free !== null) {
    if (free.minAmountFen === undefined && free.minItems === undefined) out.push({ code: 'free_shipping_needs_condition', path: ['freeShipping'], message: 'give minAmountFen and/or minItems (minAmountFen 0 = always free)' });
    if (free.minAmountFen !== undefined && free.minAmountFen < 0) out.push({ code: 'free_shipping_amount_negative', path: ['freeShipping', 'minAmountFen'], message: 'a threshold cannot be negative' });
    if (free.minItems !== undefined && free.minItems <= 0) out.push({ code: 'free_shipping_items_not_positive', path: ['freeShipping', 'minItems'], message: 'an item count must be at least 1' });
    provinceCodes(free.excludedRegions, ['freeShipping', 'excludedRegions'], out);
  }
  return out.length === 0 ? { ok: true, value: t, problems: [] } : { ok: false, problems: out };
}

/** What the engine needs to quote a template: shipping rules and, for 包邮, one freeShipping rule. */
export interface TemplateShipping {
  shipping: ShippingConfig;
  promotions: PromotionOf<'freeShipping'>[];
}

const feeOf = (r: FeeRule): Omit<ShippingRule, 'id' | 'regions'> => ({
  firstWeightGrams: r.firstWeightGrams,
  firstFee: r.firstFeeFen,
  additionalWeightGrams: r.additionalWeightGrams,
  additionalFee: r.additionalFeeFen,
});

/**
 * Maps a validated template to the engine's input for `destinationRegion` (as the caller will pass
 * it to the engine). Groups become region rules listing their province codes — and the
 * destination exactly as written when it lies in that group, since the engine matches regions by
 * equality; the default rule becomes the rule with no regions, left out when the destination is
 * undeliverable (so the engine answers serviceable: false); 包邮 becomes a freeShipping rule whose
 * id is the template id (threshold minAmountFen or 0, minQuantity minItems, excludedRegions).
 */
export function templateShipping(templateId: string, t: ShippingTemplateRules, destinationRegion: string | undefined): TemplateShipping {
  const dest = destinationRegion !== undefined ? resolveProvince(destinationRegion) : undefined;
  const regionsOf = (names: readonly string[]): string[] => {
    const codes: string[] = [];
    for (const n of names) {
      const code = resolveProvince(n)?.code;
      if (code !== undefined && !codes.includes(code)) codes.push(code);
    }
    if (dest !== undefined && destinationRegion !== undefined && codes.includes(dest.code) && !codes.includes(destinationRegion)) codes.push(destinationRegion);
    return codes;
  };
  const rules: ShippingRule[] = t.groups.map((g, i) => ({ id: `${templateId}#${String(i + 1).padStart(2, '0')}`, regions: regionsOf(g.regions), ...feeOf(g) }));
  const undeliverable = dest !== undefined && regionsOf(t.undeliverableRegions).includes(dest.code);
  if (t.defaultRule !== null && !undeliverable) rules.push({ id: `${templateId}#default`, regions: [], ...feeOf(t.defaultRule) });
  const promotions: PromotionOf<'freeShipping'>[] = [];
  const free = t.freeShipping;
  if (free !== null) {
    const excluded = regionsOf(free.excludedRegions);
    promotions.push({
      id: templateId,
      name: '运费模板包邮',
      code: 'freeShipping',
      args: {
        scope: { type: 'order' },
        threshold: free.minAmountFen ?? 0,
        ...(free.minItems !== undefined ? { minQuantity: free.minItems } : {}),
        ...(excluded.length > 0 ? { excludedRegions: excluded } : {}),
      },
    });
  }
  return { shipping: { rules }, promotions };
}

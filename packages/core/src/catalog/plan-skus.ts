import { dimensionsProblem, expandCombinations, firstDuplicate, specKeyOf, specValuesProblem, type SpecDimension, type SpecValues } from './spec-combinations.ts';

export interface SkuDraft {
  code: string;
  barcode: string | null;
  specValues: SpecValues;
  priceFen: number;
  costFen: number;
  weightG: number;
}

export interface PlannedSku extends SkuDraft {
  specKey: string;
}

export type SkuPlanProblem =
  | { code: 'spec_values_invalid'; detail: string; skuCode?: string }
  | { code: 'spec_combination_duplicate'; detail: string; specValues: SpecValues }
  | { code: 'sku_code_taken'; detail: string; codes: string[] }
  | { code: 'price_below_cost'; detail: string; codes: string[] };

export interface SkuPlanInput {
  dimensions: readonly SpecDimension[];
  skus: readonly SkuDraft[];
  /** Fill every combination not in `skus`, coded `{codePrefix}-1`, `-2` … in grid order. */
  generate?: { codePrefix: string; priceFen: number; costFen: number; weightG: number } | undefined;
  /** Keys of the product's live SKUs (adding to an existing product). */
  existingKeys?: readonly string[];
  allowBelowCost: boolean;
}

/**
 * Validates and completes the SKUs of a product: every SKU fits the spec dimensions, no two live
 * SKUs share a combination or a code, no price is below cost unless allowed. Pure: codes taken
 * by other products are checked by the caller against the database.
 */
export function planSkus(input: SkuPlanInput): { ok: true; skus: PlannedSku[] } | { ok: false; problem: SkuPlanProblem } {
  const dimsProblem = dimensionsProblem(input.dimensions);
  if (dimsProblem) return { ok: false, problem: { code: 'spec_values_invalid', detail: dimsProblem } };
  const planned: PlannedSku[] = [];
  for (const s of input.skus) {
    const problem = specValuesProblem(input.dimensions, s.specValues);
    if (problem) return { ok: false, problem: { code: 'spec_values_invalid', detail: `SKU ${s.code}: ${problem}`, skuCode: s.code } };
    planned.push({ ...s, specKey: specKeyOf(input.dimensions, s.specValues) });
  }
  if (input.generate) {
    const g = input.generate;
    const taken = new Set([...(input.existingKeys ?? []), ...planned.map((p) => p.specKey)]);
    let n = 0;
    for (const values of expandCombinations(input.dimensions)) {
      const specKey = specKeyOf(input.dimensions, values);
      n++;
      if (taken.has(specKey)) continue;
      planned.push({ code: `${g.codePrefix}-${n}`, barcode: null, specValues: values, priceFen: g.priceFen, costFen: g.costFen, weightG: g.weightG, specKey });
    }
  }
  const dupKey = firstDuplicate([...(input.existingKeys ?? []), ...planned.map((p) => p.specKey)]);
  if (dupKey !== undefined) {
    const specValues = planned.find((p) => p.specKey === dupKey)!.specValues;
    return { ok: false, problem: { code: 'spec_combination_duplicate', detail: `Two SKUs have the combination ${Object.values(specValues).join(' / ') || '(none)'}.`, specValues } };
  }
  const dupCode = firstDuplicate(planned.map((p) => p.code.toLowerCase()));
  if (dupCode !== undefined) return { ok: false, problem: { code: 'sku_code_taken', detail: `The code ${dupCode} is used twice.`, codes: [dupCode] } };
  const below = planned.filter((p) => p.priceFen < p.costFen).map((p) => p.code);
  if (below.length > 0 && !input.allowBelowCost) {
    return { ok: false, problem: { code: 'price_below_cost', detail: `Priced below cost: ${below.join(', ')}. Send allowBelowCost: true to accept.`, codes: below } };
  }
  return { ok: true, skus: planned };
}

/** The dimensions extended with values the SKUs use that are not offered yet (names must exist). */
export function extendDimensions(dimensions: readonly SpecDimension[], values: readonly SpecValues[]): SpecDimension[] {
  return dimensions.map((d) => {
    const extra = values.map((v) => v[d.name]).filter((v): v is string => v !== undefined && !d.values.includes(v));
    return { name: d.name, values: [...d.values, ...new Set(extra)] };
  });
}

// SKUs of a product are the cells of its spec grid (颜色 × 尺码 …). These helpers validate a
// SKU's spec values against the product's dimensions and give each combination one canonical key,
// so the database can refuse two live SKUs with the same combination.

/** One spec dimension: a name (颜色) and its allowed values (红, 蓝). */
export interface SpecDimension {
  name: string;
  values: string[];
}

export type SpecValues = Record<string, string>;

/**
 * The canonical key of a combination: its values in dimension order, JSON-encoded.
 * Contract: `values` is valid for `dimensions` (see specValuesProblem).
 */
export function specKeyOf(dimensions: readonly SpecDimension[], values: SpecValues): string {
  return JSON.stringify(dimensions.map((d) => values[d.name] ?? ''));
}

/**
 * Why `values` does not fit `dimensions` (a missing or extra dimension, a value not offered), or
 * null when it fits.
 */
export function specValuesProblem(dimensions: readonly SpecDimension[], values: SpecValues): string | null {
  for (const d of dimensions) {
    const v = values[d.name];
    if (v === undefined) return `missing a value for spec ${d.name}`;
    if (!d.values.includes(v)) return `spec ${d.name} has no value ${v}`;
  }
  const extra = Object.keys(values).find((k) => !dimensions.some((d) => d.name === k));
  return extra === undefined ? null : `unknown spec ${extra}`;
}

/** Every combination of the dimensions' values, in dimension-major order (a product with no dimensions has one, empty). */
export function expandCombinations(dimensions: readonly SpecDimension[]): SpecValues[] {
  let out: SpecValues[] = [{}];
  for (const d of dimensions) out = out.flatMap((partial) => d.values.map((v) => ({ ...partial, [d.name]: v })));
  return out;
}

/** Problems in the dimensions themselves: duplicate names or values, empty value lists. */
export function dimensionsProblem(dimensions: readonly SpecDimension[]): string | null {
  const names = new Set<string>();
  for (const d of dimensions) {
    if (names.has(d.name)) return `spec ${d.name} is listed twice`;
    names.add(d.name);
    if (d.values.length === 0) return `spec ${d.name} has no values`;
    if (new Set(d.values).size !== d.values.length) return `spec ${d.name} repeats a value`;
  }
  return null;
}

/** The first key that occurs twice in `keys`, or undefined. */
export function firstDuplicate(keys: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) return k;
    seen.add(k);
  }
  return undefined;
}

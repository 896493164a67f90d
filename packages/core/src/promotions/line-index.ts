// Per-run indexes of the cart lines by SKU, product, category and tag, so a rule's scope finds
// its lines with one map lookup instead of testing every line against every rule (the engine's
// innermost loop: ~50 rules × every line). Each index is built on first use in the run.
import type { Scope } from './rule-args.ts';
import type { CartLine } from './input-schemas.ts';

/** Positions into the run's lines (ctx.lines, lineId order), ascending and without repeats. */
export type LinePositions = readonly number[];

export interface LineIndex {
  /** Every position: the 'order' scope. */
  readonly all: LinePositions;
  readonly lines: readonly { readonly line: CartLine }[];
  bySku: Map<string, number[]> | null;
  byProduct: Map<string, number[]> | null;
  byCategory: Map<string, number[]> | null;
  byTag: Map<string, number[]> | null;
}

const NONE: LinePositions = [];

export function buildLineIndex(lines: readonly { readonly line: CartLine }[]): LineIndex {
  const all = new Array<number>(lines.length);
  for (let i = 0; i < lines.length; i++) all[i] = i;
  return { all, lines, bySku: null, byProduct: null, byCategory: null, byTag: null };
}

function add(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i); // a line listing one id twice is indexed once
}

function indexBy(lines: LineIndex['lines'], type: Exclude<Scope['type'], 'order'>): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.line;
    switch (type) {
      case 'skus': add(map, line.skuId, i); break;
      case 'products': add(map, line.productId, i); break;
      case 'categories': for (const c of line.categoryIds) add(map, c, i); break;
      case 'tags': for (const t of line.tags) add(map, t, i); break;
    }
  }
  return map;
}

/** Positions of the lines matching any of `ids` in `map`, ascending. One match (the usual case): no copy. */
function union(map: Map<string, number[]>, ids: readonly string[]): LinePositions {
  let out: LinePositions = NONE;
  for (let k = 0; k < ids.length; k++) {
    const list = map.get(ids[k]!);
    if (list !== undefined) out = out.length === 0 ? list : merge(out, list);
  }
  return out;
}

/** The ascending union of two ascending lists, without repeats (a new array). */
function merge(a: LinePositions, b: LinePositions): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x <= y) i++;
    if (y <= x) j++;
    out.push(x < y ? x : y);
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/**
 * The lines inside `scope`, as ascending positions: the same lines, in the same order, as testing
 * every line with `inScope` (property-tested in line-index.test.ts). Do not mutate the result.
 */
export function scopeLines(index: LineIndex, scope: Scope): LinePositions {
  switch (scope.type) {
    case 'order':
      return index.all;
    case 'skus':
      return union((index.bySku ??= indexBy(index.lines, 'skus')), scope.ids);
    case 'products':
      return union((index.byProduct ??= indexBy(index.lines, 'products')), scope.ids);
    case 'categories':
      return union((index.byCategory ??= indexBy(index.lines, 'categories')), scope.ids);
    case 'tags':
      return union((index.byTag ??= indexBy(index.lines, 'tags')), scope.ids);
  }
}

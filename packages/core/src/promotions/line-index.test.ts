// The line index must find exactly the lines the straightforward scan finds, in the same order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CartLine } from './input-schemas.ts';
import { buildLineIndex, scopeLines } from './line-index.ts';
import type { Scope } from './rule-args.ts';
import { inScope } from './scope.ts';
import { buildLine } from './test-builders.ts';

// Small pools so ids overlap often; duplicates within a line's or a scope's list on purpose.
const ids = (pool: readonly string[]) => fc.array(fc.constantFrom(...pool), { maxLength: 4 });
const SKUS = ['sku_1', 'sku_2', 'sku_3', 'sku_9'];
const PRODUCTS = ['prd_1', 'prd_2', 'prd_9'];
const CATEGORIES = ['cat_1', 'cat_2', 'cat_3', 'cat_9'];
const TAGS = ['tag_1', 'tag_2', 'tag_9'];

const linesArb: fc.Arbitrary<{ line: CartLine }[]> = fc
  .array(fc.record({ skuId: fc.constantFrom(...SKUS), productId: fc.constantFrom(...PRODUCTS), categoryIds: ids(CATEGORIES), tags: ids(TAGS) }), { maxLength: 12 })
  .map((ls) => ls.map((l, i) => ({ line: buildLine(`l${String(i).padStart(2, '0')}`, l) })));

const nonEmpty = (pool: readonly string[]) => fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 4 });
const scopeArb: fc.Arbitrary<Scope> = fc.oneof(
  fc.constant({ type: 'order' as const }),
  nonEmpty(SKUS).map((i) => ({ type: 'skus' as const, ids: i })),
  nonEmpty(PRODUCTS).map((i) => ({ type: 'products' as const, ids: i })),
  nonEmpty(CATEGORIES).map((i) => ({ type: 'categories' as const, ids: i })),
  nonEmpty(TAGS).map((i) => ({ type: 'tags' as const, ids: i })),
);

function scan(lines: readonly { line: CartLine }[], scope: Scope): number[] {
  const out: number[] = [];
  lines.forEach((wl, i) => {
    if (inScope(scope, wl.line)) out.push(i);
  });
  return out;
}

describe('scopeLines', () => {
  it('finds the same lines, in the same order, as testing every line with inScope', () => {
    fc.assert(fc.property(linesArb, fc.array(scopeArb, { minLength: 1, maxLength: 6 }), (lines, scopes) => {
      // One index answers several scopes in a run, as in the engine.
      const index = buildLineIndex(lines);
      for (const scope of scopes) expect([...scopeLines(index, scope)]).toEqual(scan(lines, scope));
    }), { numRuns: 1000 });
  });

  it('lists a line once even when it names a scope id twice', () => {
    const lines = [{ line: buildLine('a', { categoryIds: ['cat_1', 'cat_1'], tags: ['t', 't'] }) }, { line: buildLine('b', { categoryIds: ['cat_1'] }) }];
    const index = buildLineIndex(lines);
    expect(scopeLines(index, { type: 'categories', ids: ['cat_1', 'cat_1'] })).toEqual([0, 1]);
    expect(scopeLines(index, { type: 'tags', ids: ['t'] })).toEqual([0]);
    expect(scopeLines(index, { type: 'skus', ids: ['nope'] })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate } from './allocate.ts';

describe('allocate', () => {
  it.each([
    // [total, weights, expected, why]
    [100, [1, 1, 1], [34, 33, 33], 'the single leftover fen goes to the lowest index among equal fractions'],
    [10, [3, 3, 4], [3, 3, 4], 'an exact split needs no leftover'],
    [5000, [19900, 9900], [3339, 1661], '3338.93… and 1661.07…: the larger fraction (.93) takes the leftover fen'],
    [1, [0, 5, 5], [0, 1, 0], 'zero weights get nothing; the tie goes to the lower index'],
    [7, [0, 0, 0], [3, 2, 2], 'all-zero weights split evenly'],
    [-100, [1, 1, 1], [-34, -33, -33], 'a negative total is split like its magnitude, negated'],
    [0, [3, 4], [0, 0], 'a zero total gives zeros'],
    [0, [], [], 'no weights and nothing to split is fine'],
  ])('splits %i over %j as %j because %s', (total, weights, expected) => {
    expect(allocate(total, weights)).toEqual(expected);
  });

  it('refuses a non-zero total with no weights to carry it', () => {
    expect(() => allocate(1, [])).toThrow(RangeError);
  });

  it('refuses negative or fractional weights and fractional totals', () => {
    expect(() => allocate(10, [1, -1])).toThrow(RangeError);
    expect(() => allocate(10, [1.5, 1])).toThrow(RangeError);
    expect(() => allocate(10.5, [1, 1])).toThrow(RangeError);
  });

  it('stays exact when total × weight leaves the safe integer range', () => {
    const parts = allocate(9_000_000_000_000, [3_000_000_000_000, 1, 5_999_999_999_999]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(9_000_000_000_000);
    expect(parts).toEqual([3_000_000_000_000, 1, 5_999_999_999_999]);
  });

  const weightsArb = fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 40 });
  const totalArb = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });

  it('always returns parts that sum exactly to the total', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        expect(allocate(total, weights).reduce((a, b) => a + b, 0)).toBe(total);
      }),
    );
  });

  it('keeps each part within one fen of its exact proportional share', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        const sum = weights.reduce((a, b) => a + b, 0);
        const effective = sum === 0 ? weights.map(() => 1) : weights;
        const effectiveSum = sum === 0 ? weights.length : sum;
        allocate(total, weights).forEach((part, i) => {
          const exact = (total * effective[i]!) / effectiveSum;
          expect(Math.abs(part - exact)).toBeLessThan(1 + 1e-6);
          if (effective[i] === 0) expect(part).toBe(0);
        });
      }),
    );
  });

  it('is deterministic and gives equal weights parts that differ by at most one fen', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        const a = allocate(total, weights);
        expect(allocate(total, weights)).toEqual(a);
        const w0 = weights[0]!;
        const same = a.filter((_, i) => weights[i] === w0);
        expect(Math.max(...same) - Math.min(...same)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('never gives a part larger than its weight when the total does not exceed the sum of weights', () => {
    fc.assert(
      fc.property(weightsArb, fc.nat(), (weights, seed) => {
        const sum = weights.reduce((a, b) => a + b, 0);
        if (sum === 0) return;
        const total = seed % (sum + 1);
        allocate(total, weights).forEach((part, i) => expect(part).toBeLessThanOrEqual(weights[i]!));
      }),
    );
  });
});

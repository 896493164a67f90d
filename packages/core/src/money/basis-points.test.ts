import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyBasisPoints, discountedPrice, isBasisPoints, percentageDiscount, shareOf } from './basis-points.ts';

describe('basis-point helpers', () => {
  it.each([
    [999, 8000, 'halfUp', 799, '799.2 rounds down to 799'],
    [1005, 5000, 'halfUp', 503, '502.5 rounds half up to 503'],
    [1005, 5000, 'floor', 502, 'floor drops the half'],
    [-1005, 5000, 'halfUp', -503, 'halves round away from zero for negatives'],
    [-1005, 5000, 'floor', -502, 'floor keeps the magnitude at or below the exact share'],
    [10_000, 12_000, 'halfUp', 12_000, 'rates above 100 % are allowed for markups'],
  ] as const)('applies %i × %i bp with %s as %i (%s)', (amount, bp, rounding, expected, _why) => {
    expect(applyBasisPoints(amount, bp, rounding)).toBe(expected);
  });

  it('prices 8折 of ¥9.99 at ¥7.99 and reports ¥2.00 saved', () => {
    expect(discountedPrice(999, 8000)).toBe(799);
    expect(percentageDiscount(999, 8000)).toBe(200);
  });

  it('caps shares with floor so a 50 % cap of ¥0.03 is ¥0.01', () => {
    expect(shareOf(3, 5000)).toBe(1);
  });

  it('is exact for amounts whose product with the rate leaves 2^53', () => {
    expect(applyBasisPoints(9_000_000_000_000_001, 5000, 'halfUp')).toBe(4_500_000_000_000_001);
  });

  it('recognises basis points in [0, 10000] only', () => {
    expect(isBasisPoints(0)).toBe(true);
    expect(isBasisPoints(10_000)).toBe(true);
    expect(isBasisPoints(10_001)).toBe(false);
    expect(isBasisPoints(12.5)).toBe(false);
  });

  it('keeps a discounted price between zero and the original', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), fc.integer({ min: 0, max: 10_000 }), (amount, bp) => {
        const price = discountedPrice(amount, bp);
        expect(price).toBeGreaterThanOrEqual(0);
        expect(price).toBeLessThanOrEqual(amount);
        expect(Math.abs(price - (amount * bp) / 10_000)).toBeLessThanOrEqual(0.5 + 1e-3 * Math.max(1, amount / 1e12));
      }),
    );
  });
});

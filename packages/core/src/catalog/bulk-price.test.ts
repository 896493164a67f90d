import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPriceChange, roundToNinety } from './bulk-price.ts';
import { expandCombinations, firstDuplicate, specKeyOf, specValuesProblem } from './spec-combinations.ts';

describe('roundToNinety', () => {
  it.each([
    [1234, 1190],
    [1240, 1290],
    [1290, 1290],
    [1339, 1290],
    [50, 90],
    [0, 90],
  ])('moves %i fen to %i', (fen, expected) => expect(roundToNinety(fen)).toBe(expected));

  it('always ends in 90 fen and moves at most 50 fen (above the floor)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 140, max: 10_000_000 }), (fen) => {
        const r = roundToNinety(fen);
        expect(r % 100).toBe(90);
        expect(Math.abs(r - fen)).toBeLessThanOrEqual(50);
      }),
    );
  });
});

describe('applyPriceChange', () => {
  it('changes by amount and by percent, rounding half-up to the fen', () => {
    expect(applyPriceChange(9999, { by: 'amount', amountFen: -1000 })).toBe(8999);
    expect(applyPriceChange(999, { by: 'percent', bp: -2000 })).toBe(799);
    expect(applyPriceChange(1000, { by: 'percent', bp: 1500 })).toBe(1150);
    expect(applyPriceChange(1000, { by: 'percent', bp: 1500 }, true)).toBe(1190);
  });

  it('can go negative so the caller can refuse it', () => {
    expect(applyPriceChange(100, { by: 'amount', amountFen: -200 }, true)).toBe(-100);
  });
});

describe('spec combinations', () => {
  const dims = [
    { name: '颜色', values: ['红', '蓝'] },
    { name: '尺码', values: ['S', 'M', 'L'] },
  ];
  it('expands the grid', () => {
    const all = expandCombinations(dims);
    expect(all).toHaveLength(6);
    expect(all[0]).toEqual({ 颜色: '红', 尺码: 'S' });
    expect(firstDuplicate(all.map((v) => specKeyOf(dims, v)))).toBeUndefined();
  });
  it('keys a combination independently of property order', () => {
    expect(specKeyOf(dims, { 尺码: 'M', 颜色: '蓝' })).toBe(specKeyOf(dims, { 颜色: '蓝', 尺码: 'M' }));
  });
  it('explains values that do not fit', () => {
    expect(specValuesProblem(dims, { 颜色: '红' })).toMatch(/missing/);
    expect(specValuesProblem(dims, { 颜色: '绿', 尺码: 'S' })).toMatch(/no value/);
    expect(specValuesProblem(dims, { 颜色: '红', 尺码: 'S', 材质: '棉' })).toMatch(/unknown/);
    expect(specValuesProblem(dims, { 颜色: '红', 尺码: 'S' })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { extendDimensions, planSkus, type SkuDraft } from './plan-skus.ts';

const dims = [
  { name: '颜色', values: ['红', '蓝'] },
  { name: '尺码', values: ['M', 'L'] },
];
const sku = (code: string, 颜色: string, 尺码: string, priceFen = 1000, costFen = 500): SkuDraft => ({ code, barcode: null, specValues: { 颜色, 尺码 }, priceFen, costFen, weightG: 0 });

describe('planSkus', () => {
  it('fills the rest of the grid from the generator, keeping explicit SKUs', () => {
    const r = planSkus({ dimensions: dims, skus: [sku('X', '红', 'M', 2000)], generate: { codePrefix: 'D', priceFen: 1000, costFen: 400, weightG: 300 }, allowBelowCost: false });
    expect(r.ok && r.skus.map((s) => [s.code, s.specValues['颜色'], s.specValues['尺码'], s.priceFen])).toEqual([
      ['X', '红', 'M', 2000],
      ['D-2', '红', 'L', 1000],
      ['D-3', '蓝', 'M', 1000],
      ['D-4', '蓝', 'L', 1000],
    ]);
  });

  it('refuses colliding combinations, within the request and against live SKUs', () => {
    const twice = planSkus({ dimensions: dims, skus: [sku('A', '红', 'M'), sku('B', '红', 'M')], allowBelowCost: false });
    expect(!twice.ok && twice.problem.code).toBe('spec_combination_duplicate');
    const existing = planSkus({ dimensions: dims, skus: [sku('A', '红', 'M')], existingKeys: ['["红","M"]'], allowBelowCost: false });
    expect(!existing.ok && existing.problem.code).toBe('spec_combination_duplicate');
  });

  it('refuses duplicate codes, values off the grid and prices below cost unless allowed', () => {
    const codes = planSkus({ dimensions: dims, skus: [sku('A', '红', 'M'), sku('a', '蓝', 'M')], allowBelowCost: false });
    expect(!codes.ok && codes.problem.code).toBe('sku_code_taken');
    const off = planSkus({ dimensions: dims, skus: [sku('A', '绿', 'M')], allowBelowCost: false });
    expect(!off.ok && off.problem.code).toBe('spec_values_invalid');
    expect(planSkus({ dimensions: dims, skus: [sku('A', '红', 'M', 100, 200)], allowBelowCost: false })).toMatchObject({ ok: false, problem: { code: 'price_below_cost', codes: ['A'] } });
    expect(planSkus({ dimensions: dims, skus: [sku('A', '红', 'M', 100, 200)], allowBelowCost: true }).ok).toBe(true);
  });

  it('extends dimensions with new values', () => {
    expect(extendDimensions(dims, [{ 颜色: '绿', 尺码: 'M' }, { 颜色: '绿', 尺码: 'XL' }])).toEqual([
      { name: '颜色', values: ['红', '蓝', '绿'] },
      { name: '尺码', values: ['M', 'L', 'XL'] },
    ]);
  });
});

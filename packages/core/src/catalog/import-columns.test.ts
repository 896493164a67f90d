import { describe, expect, it } from 'vitest';
import { exportHeader, IMPORT_FIELDS, mapImportHeader } from './import-columns.ts';
import { guardFormula, unguardFormula } from './formula-guard.ts';

describe('mapImportHeader', () => {
  it('maps the zh-CN and the en-US headers, in any order', () => {
    const zh = mapImportHeader(exportHeader('zh-CN'));
    const en = mapImportHeader([...exportHeader('en-US')].reverse());
    expect(zh.missing).toEqual([]);
    expect(en.missing).toEqual([]);
    expect(zh.columns.skuCode).toBe(IMPORT_FIELDS.indexOf('skuCode'));
    expect(en.columns.skuCode).toBe(IMPORT_FIELDS.length - 1 - IMPORT_FIELDS.indexOf('skuCode'));
  });

  it('accepts spelling variants: BOM, case, spaces and brackets', () => {
    const m = mapImportHeader(['\uFEFF商品编码', 'product TITLE', 'sku code', '售价', '成本价', '重量(g)', 'Weight (g)']);
    expect(m.missing).toEqual([]);
    expect(m.columns).toMatchObject({ productCode: 0, productTitle: 1, skuCode: 2, price: 3, cost: 4, weightG: 5 });
    expect(m.duplicate).toEqual(['Weight (g)']);
  });

  it('lists every missing required column and ignores unknown ones', () => {
    const m = mapImportHeader(['商品标题', '备注', '售价', '']);
    expect(m.missing).toEqual(['productCode', 'skuCode', 'cost']);
    expect(m.unknown).toEqual(['备注']);
  });
});

describe('guardFormula', () => {
  it.each(['=1+1', '+86', '-5', '@SUM(A1)', '\tx'])('quotes %j and unguardFormula restores it', (text) => {
    expect(guardFormula(text)).toBe(`'${text}`);
    expect(unguardFormula(guardFormula(text))).toBe(text);
  });

  it('leaves ordinary text alone both ways', () => {
    for (const text of ['连衣裙', "'quoted", '99.00', '']) {
      expect(guardFormula(text)).toBe(text);
      expect(unguardFormula(text)).toBe(text);
    }
  });
});

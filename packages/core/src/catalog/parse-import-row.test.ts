import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatExportRow, type ExportSku } from './format-export-row.ts';
import { exportHeader, mapImportHeader } from './import-columns.ts';
import { fenToYuan, parseImportRow, parseSpecText, yuanToFen } from './parse-import-row.ts';

const columns = mapImportHeader(exportHeader('zh-CN')).columns;

const base: ExportSku = {
  productCode: 'P-001',
  title: '连衣裙女夏季新款碎花雪纺',
  categoryPath: ['服装', '女装', '连衣裙'],
  brand: '云裳',
  specs: [
    ['颜色', '红'],
    ['尺码', 'M'],
  ],
  skuCode: 'P-001-RED-M',
  barcode: '6901234567890',
  priceFen: 9900,
  costFen: 4000,
  weightG: 350,
  status: 'active',
  tags: ['新品', '夏季'],
  imageUrls: ['https://img.example.com/1.jpg'],
  description: '雪纺面料',
};

/** A template row (zh-CN) with some cells replaced. */
function row(patch: Partial<Record<string, string>> = {}): string[] {
  const cells = formatExportRow(base, 'zh-CN');
  for (const [header, value] of Object.entries(patch)) cells[exportHeader('zh-CN').indexOf(header)] = value!;
  return cells;
}

function codesOf(cells: string[]) {
  const r = parseImportRow(cells, columns);
  return r.ok ? [] : r.problems.map((p) => [p.field, p.code]);
}

describe('yuanToFen', () => {
  it.each([
    ['99', 9900],
    ['99.9', 9990],
    ['99.00', 9900],
    ['0.01', 1],
    ['¥1,299.50', 129950],
    [' 7 ', 700],
  ])('reads %j as %i fen', (text, fen) => expect(yuanToFen(text)).toEqual({ ok: true, fen }));

  it.each([['99.999'], ['abc'], ['1e3'], [''], ['12.'], ['99999999999999']])('refuses %j as a bad number', (text) => {
    expect(yuanToFen(text)).toEqual({ ok: false, code: 'import_bad_number' });
  });

  it('refuses negative amounts with their own code', () => {
    expect(yuanToFen('-5.00')).toEqual({ ok: false, code: 'import_negative_amount' });
  });

  it('round-trips every fen amount through fenToYuan', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), (fen) => {
        expect(yuanToFen(fenToYuan(fen))).toEqual({ ok: true, fen });
      }),
    );
  });
});

describe('parseSpecText', () => {
  it('keeps the written order and takes full-width separators', () => {
    expect(parseSpecText('颜色：红；尺码:M')).toEqual({ ok: true, specs: [['颜色', '红'], ['尺码', 'M']] });
    expect(parseSpecText('')).toEqual({ ok: true, specs: [] });
  });

  it.each([['颜色红'], ['颜色:'], ['颜色:红;颜色:蓝'], ['a:1;b:1;c:1;d:1;e:1;f:1']])('refuses %j', (text) => expect(parseSpecText(text).ok).toBe(false));
});

describe('parseImportRow', () => {
  it('parses a template row into fen, grams and lists', () => {
    const r = parseImportRow(row(), columns);
    expect(r).toEqual({
      ok: true,
      row: {
        productCode: 'P-001',
        title: base.title,
        categoryPath: ['服装', '女装', '连衣裙'],
        brand: '云裳',
        specs: [['颜色', '红'], ['尺码', 'M']],
        skuCode: 'P-001-RED-M',
        barcode: '6901234567890',
        priceFen: 9900,
        costFen: 4000,
        weightG: 350,
        status: 'active',
        tags: ['新品', '夏季'],
        imageUrls: ['https://img.example.com/1.jpg'],
        description: '雪纺面料',
        allowBelowCost: false,
      },
    });
  });

  it('re-reads every exported row unchanged (export → import round trip)', () => {
    const text = fc.string({ minLength: 1, maxLength: 20 }).map((s) => s.replace(/[|/;:：；\u0000]/g, 'x').trim()).filter((s) => s.length > 0);
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom('zh-CN', 'en-US'), (title, priceFen, costFen, locale) => {
        const sku = { ...base, title, brand: title, priceFen, costFen, tags: [title] };
        const m = mapImportHeader(exportHeader(locale as 'zh-CN')).columns;
        const r = parseImportRow(formatExportRow(sku, locale as 'zh-CN'), m);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.row).toMatchObject({ title, brand: title, priceFen, costFen, tags: [title], allowBelowCost: priceFen < costFen });
      }),
    );
  });

  it('reports every problem of a row with its column', () => {
    expect(codesOf(row({ 商品编码: '', 售价: 'abc', 成本价: '-1', 重量g: '1.5', 条码: '69 01', 状态: '上架', 图片: 'ftp://x/y.jpg', 允许低于成本: '也许' }))).toEqual([
      ['productCode', 'import_field_required'],
      ['barcode', 'import_bad_format'],
      ['price', 'import_bad_number'],
      ['cost', 'import_negative_amount'],
      ['weightG', 'import_bad_number'],
      ['status', 'import_bad_format'],
      ['imageUrls', 'import_bad_format'],
      ['allowBelowCost', 'import_bad_format'],
    ]);
  });

  it('refuses too-long fields and bad codes', () => {
    expect(codesOf(row({ 商品标题: '长'.repeat(201), SKU编码: 'A B', 类目: `服装/${'x'.repeat(61)}` }))).toEqual([
      ['skuCode', 'import_bad_format'],
      ['productTitle', 'import_field_too_long'],
      ['categoryPath', 'import_field_too_long'],
    ]);
  });

  it('refuses a price below cost unless the row allows it', () => {
    expect(codesOf(row({ 售价: '30.00', 成本价: '40.00' }))).toEqual([['price', 'price_below_cost']]);
    expect(codesOf(row({ 售价: '30.00', 成本价: '40.00', 允许低于成本: '是' }))).toEqual([]);
    expect(codesOf(row({ 售价: '30.00', 成本价: '40.00', 允许低于成本: 'TRUE' }))).toEqual([]);
  });

  it('leaves fields of absent optional columns undefined (unchanged by the import)', () => {
    const m = mapImportHeader(['商品编码', '商品标题', 'SKU编码', '售价', '成本价']).columns;
    const r = parseImportRow(['P1', '标题', 'S1', '1', '0.5'], m);
    expect(r).toEqual({
      ok: true,
      row: expect.objectContaining({ categoryPath: undefined, brand: undefined, specs: undefined, weightG: undefined, status: undefined, tags: undefined, description: undefined }),
    });
  });

  it('reads empty optional cells as empty values and quoted formulas as text', () => {
    const r = parseImportRow(row({ 类目: '', 品牌: '', 规格: '', 条码: '', 重量g: '', 状态: '', 标签: '', 图片: '', 商品标题: "'=HYPERLINK()" }), columns);
    expect(r.ok && r.row).toMatchObject({ categoryPath: null, brand: null, specs: [], barcode: null, weightG: 0, status: 'active', tags: [], imageUrls: [], title: '=HYPERLINK()' });
  });

  it('refuses NUL characters outright', () => {
    expect(codesOf(row({ 描述: 'a\u0000b' }))).toEqual([['description', 'import_bad_format']]);
  });
});

import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { closeAbandonedImports, sql } from '@yunying/db';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from './harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['商品编码', '商品标题', '类目', '品牌', '规格', 'SKU编码', '条码', '售价', '成本价', '重量g', '状态', '标签', '图片', '描述', '允许低于成本'];

let h: Harness;
let owner: Caller;
let ownerB: Caller;
let analyst: Caller;
let merchandiser: Caller;

beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
  ownerB = await h.login(h.shopB.ownerEmail);
  analyst = await h.member(h.shopA.tenantId, 'analyst');
  merchandiser = await h.member(h.shopA.tenantId, 'merchandiser');
}, 120_000);
afterAll(async () => h?.close());

let seq = 0;
/** A unique code prefix per test, so tests share one shop without colliding. */
const prefix = () => `T${++seq}x${Date.now().toString(36)}`;

interface RowSpec {
  product: string;
  title?: string;
  category?: string;
  brand?: string;
  spec?: string;
  sku: string;
  price?: string;
  cost?: string;
  weight?: string;
  status?: string;
  allow?: string;
  tags?: string;
}

function rowOf(r: RowSpec): string[] {
  return [r.product, r.title ?? `标题 ${r.product}`, r.category ?? '', r.brand ?? '', r.spec ?? '', r.sku, '', r.price ?? '99.00', r.cost ?? '40.00', r.weight ?? '350', r.status ?? '启用', r.tags ?? '', '', '', r.allow ?? '否'];
}

function csvOf(rows: RowSpec[], header = HEADER): string {
  return stringify([header, ...rows.map(rowOf)]);
}

function upload(caller: Caller, body: Buffer | string | PassThrough, opts: { type?: string; query?: string; headers?: Record<string, string> } = {}) {
  return caller.request({
    method: 'POST',
    url: `/api/v1/catalog/imports${opts.query ? `?${opts.query}` : ''}`,
    payload: body,
    headers: { 'content-type': opts.type ?? 'text/csv', ...opts.headers },
  });
}

async function count(table: 'skus' | 'products' | 'categories' | 'brands', tenantId = h.shopA.tenantId): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where tenant_id = ${tenantId}`.execute(h.test.database.db);
  return Number(r.rows[0]!.n);
}

async function skuByCode(code: string) {
  const list = (await owner.get(`/api/v1/skus?code=${encodeURIComponent(code)}`)).json().items;
  expect(list, code).toHaveLength(1);
  return list[0];
}

describe('catalog import', () => {
  it('creates products and SKUs (and, with createMissing, categories and brands), then updates them by SKU code', async () => {
    const p = prefix();
    const file = csvOf([
      { product: `${p}-P1`, title: '连衣裙女夏季碎花', category: '服装/女装/连衣裙', brand: `云裳${p}`, spec: '颜色:红;尺码:M', sku: `${p}-R-M`, tags: '新品|夏季' },
      { product: `${p}-P1`, title: '连衣裙女夏季碎花', category: '服装/女装/连衣裙', brand: `云裳${p}`, spec: '颜色:蓝;尺码:M', sku: `${p}-B-M`, tags: '新品|夏季' },
      { product: `${p}-P1`, title: '连衣裙女夏季碎花', category: '服装/女装/连衣裙', brand: `云裳${p}`, spec: '颜色:红;尺码:L', sku: `${p}-R-L`, price: '109.9', tags: '新品|夏季' },
    ]);
    const refused = await upload(merchandiser, file);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('import_rejected');
    expect(refused.json().report.rejectedRows.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([
      [2, 'import_unknown_category'],
      [2, 'import_unknown_brand'],
      [3, 'import_unknown_category'],
      [3, 'import_unknown_brand'],
      [4, 'import_unknown_category'],
      [4, 'import_unknown_brand'],
    ]);

    const created = await upload(merchandiser, file, { query: 'createMissing=true' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ status: 'succeeded', rowsRead: 3, created: 3, updated: 0, unchanged: 0, rejected: 0, encoding: 'utf-8', rejectedRows: [] });
    const sku = await skuByCode(`${p}-R-L`);
    expect(sku).toMatchObject({ priceFen: 10990, costFen: 4000, weightG: 350, status: 'active', specValues: { 颜色: '红', 尺码: 'L' } });
    const product = (await owner.get(`/api/v1/products/${sku.productId}`)).json();
    expect(product).toMatchObject({ title: '连衣裙女夏季碎花', status: 'draft', tags: ['新品', '夏季'], specDimensions: [{ name: '颜色', values: ['红', '蓝'] }, { name: '尺码', values: ['M', 'L'] }] });
    expect(product.skus).toHaveLength(3);
    const category = (await owner.get(`/api/v1/categories/${product.categoryId}`)).json();
    expect(category.name).toBe('连衣裙');
    expect((await owner.get(`/api/v1/brands/${product.brandId}`)).json().name).toBe(`云裳${p}`);

    // The same file again changes nothing; a changed price and a new colour update and extend.
    const again = await upload(merchandiser, file, { query: 'createMissing=true' });
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const categoriesBefore = await count('categories');
    const update = csvOf([
      { product: `${p}-P1`, title: '连衣裙女夏季碎花 新款', category: '服装/女装/连衣裙', brand: `云裳${p}`, spec: '颜色:红;尺码:M', sku: `${p}-R-M`, price: '89.00', tags: '新品|夏季' },
      { product: `${p}-P1`, title: '连衣裙女夏季碎花 新款', category: '服装/女装/连衣裙', brand: `云裳${p}`, spec: '颜色:绿;尺码:M', sku: `${p}-G-M`, tags: '新品|夏季' },
    ]);
    const updated = await upload(merchandiser, update);
    expect(updated.statusCode, updated.body).toBe(201);
    expect(updated.json()).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    expect(await count('categories')).toBe(categoriesBefore);
    expect((await skuByCode(`${p}-R-M`)).priceFen).toBe(8900);
    const after = (await owner.get(`/api/v1/products/${sku.productId}`)).json();
    expect(after.title).toBe('连衣裙女夏季碎花 新款');
    expect(after.specDimensions[0]).toEqual({ name: '颜色', values: ['红', '蓝', '绿'] });
    expect(after.skus).toHaveLength(4);

    // The API can still add a SKU to the imported product: spec keys are written as the API writes them.
    const viaApi = await owner.post(`/api/v1/products/${sku.productId}/skus`, { skus: [{ code: `${p}-G-L`, specValues: { 颜色: '绿', 尺码: 'L' }, priceFen: 100, costFen: 50 }] });
    expect(viaApi.statusCode).toBe(201);
    const clash = await owner.post(`/api/v1/products/${sku.productId}/skus`, { skus: [{ code: `${p}-G-M2`, specValues: { 颜色: '绿', 尺码: 'M' }, priceFen: 100, costFen: 50 }] });
    expect(clash.json().code).toBe('spec_combination_duplicate');

    const audit = (await owner.get('/api/v1/audit-events?limit=200')).json().items;
    const entry = audit.find((e: { entityId: string }) => e.entityId === updated.json().importId);
    expect(entry).toMatchObject({ action: 'import', entityType: 'catalog_import' });
  });

  it('re-imports an export unchanged, as CSV and as XLSX, and guards formulas', async () => {
    const p = prefix();
    await upload(owner, csvOf([
      { product: `${p}-F`, title: '=HYPERLINK("http://evil")', spec: '颜色:红', sku: `${p}-F1`, tags: '-特价|@热卖' },
      { product: `${p}-F`, title: '=HYPERLINK("http://evil")', spec: '颜色:蓝', sku: `${p}-F2`, price: '30.00', cost: '40.00', allow: '是', status: '归档', tags: '-特价|@热卖' },
    ]));
    const exported = await owner.get('/api/v1/catalog/exports?format=csv');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.body.charCodeAt(0)).toBe(0xfeff);
    expect(exported.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(exported.body).not.toMatch(/(^|,)=HYPERLINK/m);
    const lines = exported.body.trim().split('\n').length - 1;
    expect(lines).toBe(await count('skus'));

    const csvAgain = await upload(owner, exported.rawPayload);
    expect(csvAgain.statusCode, csvAgain.body).toBe(201);
    expect(csvAgain.json()).toMatchObject({ rowsRead: lines, created: 0, updated: 0, unchanged: lines });
    expect((await skuByCode(`${p}-F2`)).status).toBe('archived');

    const xlsx = await owner.get('/api/v1/catalog/exports?format=xlsx', { 'accept-language': 'en-US' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).getCell(1).value).toBe('Product code');
    const xlsxAgain = await upload(owner, xlsx.rawPayload, { type: XLSX });
    expect(xlsxAgain.statusCode, xlsxAgain.body).toBe(201);
    expect(xlsxAgain.json()).toMatchObject({ format: 'xlsx', created: 0, updated: 0, unchanged: lines });
    const sku = await skuByCode(`${p}-F1`);
    expect((await owner.get(`/api/v1/products/${sku.productId}`)).json()).toMatchObject({ title: '=HYPERLINK("http://evil")', tags: ['-特价', '@热卖'] });
  });

  it('reads GBK (GB18030) files as Excel in China saves them, UTF-8 with a BOM, and honours encoding=', async () => {
    const p = prefix();
    const text = csvOf([{ product: `${p}-G`, title: '纯棉短袖T恤男', spec: '颜色:黑', sku: `${p}-G1` }]);
    const gbk = iconv.encode(text, 'gbk');
    expect(gbk.equals(Buffer.from(text, 'utf8'))).toBe(false);
    const res = await upload(owner, gbk, { type: 'text/csv; charset=gbk' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ encoding: 'gb18030', created: 1 });
    expect((await owner.get(`/api/v1/products/${(await skuByCode(`${p}-G1`)).productId}`)).json().title).toBe('纯棉短袖T恤男');

    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvOf([{ product: `${p}-U`, title: '羊毛围巾', sku: `${p}-U1` }]), 'utf8')]);
    const withBom = await upload(owner, bom);
    expect(withBom.json()).toMatchObject({ encoding: 'utf-8', created: 1 });

    // Forced as UTF-8, the GBK bytes do not spell the headers.
    const forced = await upload(owner, gbk, { query: 'encoding=utf-8' });
    expect(forced.statusCode).toBe(422);
    expect(forced.json().code).toBe('import_missing_columns');
  });

  it('reads an XLSX written with exceljs, with numeric cells', async () => {
    const p = prefix();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('商品');
    sheet.addRow(['SKU code', 'Product code', 'Product title', 'Price', 'Cost price', 'Weight (g)', 'Specs', '备注']);
    sheet.addRow([`${p}-X1`, `${p}-X`, '保温杯 500ml', 59.9, 20, 420, 'Colour:silver']);
    sheet.addRow([`${p}-X2`, `${p}-X`, '保温杯 500ml', 59.9, 20.5, 420, 'Colour:black']);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    const res = await upload(owner, buffer, { type: XLSX });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ format: 'xlsx', created: 2, warnings: ['ignored column: 备注'] });
    expect(await skuByCode(`${p}-X2`)).toMatchObject({ priceFen: 5990, costFen: 2050, weightG: 420 });
  });

  it('lists every missing required column in one problem', async () => {
    const res = await upload(owner, stringify([['商品标题', '规格', '售价'], ['x', '', '1']]));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'import_missing_columns' });
    expect(res.json().missingColumns.map((c: { zh: string }) => c.zh)).toEqual(['商品编码', 'SKU编码', '成本价']);
  });

  it('rejects bad numbers, too-long fields, duplicate codes, colliding specs and prices below cost, row by row, writing nothing', async () => {
    const p = prefix();
    await upload(owner, csvOf([{ product: `${p}-E`, spec: '颜色:红', sku: `${p}-E1` }]));
    const before = { skus: await count('skus'), products: await count('products') };
    const good = (i: number): RowSpec => ({ product: `${p}-N${i}`, spec: '颜色:红', sku: `${p}-N${i}-1` });
    const res = await upload(
      owner,
      csvOf([
        good(1),
        { ...good(2), price: '12.345' }, // row 3
        { ...good(3), cost: '-1' }, // row 4
        { ...good(4), title: '长'.repeat(201) }, // row 5
        { ...good(5), sku: `${p}-N1-1` }, // row 6: duplicate of row 2
        { product: `${p}-N1`, spec: '颜色:红', sku: `${p}-N1-2` }, // row 7: same combination as row 2
        { ...good(8), price: '30.00', cost: '40.00' }, // row 8: below cost
        { ...good(9), price: '30.00', cost: '40.00', allow: '是' }, // row 9: allowed
        { product: `${p}-E`, spec: '颜色:红', sku: `${p}-E2` }, // row 10: collides with an existing SKU
        { ...good(11), weight: 'heavy' }, // row 11
        ...Array.from({ length: 30 }, (_, i) => good(100 + i)),
      ]),
    );
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('import_rejected');
    expect(body.report).toMatchObject({ status: 'rejected', rowsRead: 40, rejected: 8, created: 0 });
    expect(body.report.rejectedRows.map((r: { row: number; column: string; code: string }) => [r.row, r.column, r.code])).toEqual([
      [3, '售价', 'import_bad_number'],
      [4, '成本价', 'import_negative_amount'],
      [5, '商品标题', 'import_field_too_long'],
      [6, 'SKU编码', 'import_duplicate_sku_code'],
      [7, '规格', 'spec_combination_duplicate'],
      [8, '售价', 'price_below_cost'],
      [10, '规格', 'spec_combination_duplicate'],
      [11, '重量g', 'import_bad_number'],
    ]);
    expect(body.report.rejectedRows[3].message).toContain('第 2 行');
    expect(await count('skus')).toBe(before.skus);
    expect(await count('products')).toBe(before.products);

    const english = await owner.get(`/api/v1/catalog/imports/${body.importId}`, { 'accept-language': 'en-US' });
    expect(english.json().rejectedRows[0].message).toMatch(/yuan/);
    const csv = await owner.get(`/api/v1/catalog/imports/${body.importId}/rejected-rows.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('行号,列,错误代码,说明');
    expect(lines).toHaveLength(9);
    expect(lines[1]).toMatch(/^3,售价,import_bad_number,/);
  });

  it('caps the inline report at 1,000 problems and offers all of them as CSV', async () => {
    const p = prefix();
    const res = await upload(owner, csvOf(Array.from({ length: 1200 }, (_, i) => ({ product: `${p}-C`, sku: `${p}-C${i}`, price: 'x' }))));
    expect(res.statusCode).toBe(422);
    expect(res.json().report).toMatchObject({ rejected: 1200, rejectedRowsTruncated: true });
    expect(res.json().report.rejectedRows).toHaveLength(1000);
    const csv = await owner.get(`/api/v1/catalog/imports/${res.json().importId}/rejected-rows.csv`, { 'accept-language': 'en' });
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('Row,Column,Code,Message');
    expect(lines).toHaveLength(1201);
    expect(lines[1200]).toMatch(/^1201,售价,import_bad_number,/);
  });

  it('checks a dry run without writing', async () => {
    const p = prefix();
    const before = await count('skus');
    const res = await upload(owner, csvOf([{ product: `${p}-D`, sku: `${p}-D1` }, { product: `${p}-D`, sku: `${p}-D2`, spec: '' }]), { query: 'dryRun=true' });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().report.rejectedRows.map((r: { code: string }) => r.code)).toEqual(['spec_combination_duplicate']);
    const clean = await upload(owner, csvOf([{ product: `${p}-D`, sku: `${p}-D1` }]), { query: 'dryRun=true' });
    expect(clean.statusCode).toBe(201);
    expect(clean.json()).toMatchObject({ status: 'succeeded', dryRun: true, created: 1 });
    expect(await count('skus')).toBe(before);
    expect((await owner.get(`/api/v1/skus?code=${p}-D1`)).json().items).toEqual([]);
  });

  it('answers 10 MB of random junk with a problem, never a 500', async () => {
    const junk = randomBytes(10 * 1024 * 1024);
    for (const type of ['text/csv', XLSX]) {
      const res = await upload(owner, junk, { type });
      expect(res.statusCode, `${type}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(['import_unreadable', 'import_missing_columns']).toContain(res.json().code);
    }
  }, 120_000);

  it('refuses other content types and an empty body', async () => {
    expect((await upload(owner, '{"a":1}', { type: 'application/json' })).json().code).toBe('unsupported_media_type');
    expect((await upload(owner, '', {})).json().code).toMatch(/import_unreadable|unsupported_media_type/);
  });

  it('shows progress while the upload streams in', async () => {
    const p = prefix();
    const stream = new PassThrough();
    const pending = upload(owner, stream);
    stream.write(stringify([HEADER]));
    const rows = Array.from({ length: 2500 }, (_, i) => rowOf({ product: `${p}-S${Math.floor(i / 5)}`, spec: `颜色:c${i % 5}`, sku: `${p}-S${i}` }));
    stream.write(stringify(rows));
    let seen: { status: string; rowsRead: number } | undefined;
    for (let i = 0; i < 600 && !seen; i++) {
      const list = (await owner.get('/api/v1/catalog/imports?limit=1')).json().items;
      if (list[0]?.status === 'running' && list[0].rowsRead >= 1000) seen = list[0];
      else await new Promise((r) => setTimeout(r, 25));
    }
    stream.end();
    const res = await pending;
    expect(seen).toMatchObject({ status: 'running' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'succeeded', rowsRead: 2500, created: 2500 });
    expect((await owner.get(`/api/v1/catalog/imports/${res.json().importId}`)).json()).toMatchObject({ status: 'succeeded', rowsRead: 2500 });
  }, 60_000);

  it('keeps imports to their shop and to the roles that write the catalog', async () => {
    const p = prefix();
    const res = await upload(owner, csvOf([{ product: `${p}-I`, sku: `${p}-I1`, price: '1', cost: '2' }]));
    const importId = res.json().importId;
    expect(importId).toMatch(/^imp_/);
    expect((await ownerB.get(`/api/v1/catalog/imports/${importId}`)).statusCode).toBe(404);
    expect((await ownerB.get(`/api/v1/catalog/imports/${importId}/rejected-rows.csv`)).statusCode).toBe(404);
    expect((await ownerB.get('/api/v1/catalog/imports')).body).not.toContain(importId);
    expect((await ownerB.get('/api/v1/catalog/exports')).body).not.toContain(`${p}-I1`);
    expect((await analyst.get(`/api/v1/catalog/imports/${importId}`)).statusCode).toBe(200);

    const denied = await upload(analyst, csvOf([{ product: `${p}-J`, sku: `${p}-J1` }]));
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');
    expect((await analyst.get('/api/v1/catalog/exports')).statusCode).toBe(200);
    expect((await owner.get(`/api/v1/skus?code=${p}-J1`)).json().items).toEqual([]);
  });

  it('describes the binary upload and the file responses in OpenAPI', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const body = doc.paths['/api/v1/catalog/imports'].post.requestBody.content;
    expect(Object.keys(body)).toEqual(['text/csv', XLSX]);
    expect(body['text/csv'].schema).toMatchObject({ type: 'string', format: 'binary' });
    expect(Object.keys(doc.paths['/api/v1/catalog/exports'].get.responses['200'].content)).toEqual(['text/csv', XLSX]);
    expect(Object.keys(doc.paths['/api/v1/catalog/imports/{importId}/rejected-rows.csv'].get.responses['200'].content)).toEqual(['text/csv']);
  });

  it('refuses a SKU moving to another product and a spec change of an existing SKU', async () => {
    const p = prefix();
    await upload(owner, csvOf([{ product: `${p}-A`, spec: '颜色:红', sku: `${p}-A1` }]));
    const res = await upload(owner, csvOf([{ product: `${p}-B`, spec: '颜色:红', sku: `${p}-A1` }, { product: `${p}-A`, spec: '颜色:蓝', sku: `${p}-A1x` }, { product: `${p}-A`, spec: '尺码:M', sku: `${p}-A2` }]));
    expect(res.json().report.rejectedRows.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([
      [2, 'import_sku_product_mismatch'],
      [4, 'spec_values_invalid'],
    ]);
    const changed = await upload(owner, csvOf([{ product: `${p}-A`, spec: '颜色:绿', sku: `${p}-A1` }]));
    expect(changed.json().report.rejectedRows.map((r: { code: string }) => r.code)).toEqual(['spec_values_invalid']);

    // An archived product takes no new SKUs, as through the API.
    await sql`update products set status = 'archived' where tenant_id = ${h.shopA.tenantId} and product_id = ${(await skuByCode(`${p}-A1`)).productId}`.execute(h.test.database.db);
    const archived = await upload(owner, csvOf([{ product: `${p}-A`, spec: '颜色:紫', sku: `${p}-A9` }, { product: `${p}-A`, spec: '颜色:红', sku: `${p}-A1`, price: '98.00' }]));
    expect(archived.json().report.rejectedRows.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([[2, 'import_product_archived']]);
  });
});

describe('catalog import size limit', () => {
  let small: Harness;
  beforeAll(async () => {
    small = await createHarness({ importLimitBytes: 4096 });
  }, 120_000);
  afterAll(async () => small?.close());

  it('answers a file over the limit with 413, by Content-Length or while streaming', async () => {
    const o = await small.login(small.shopA.ownerEmail);
    const big = csvOf(Array.from({ length: 200 }, (_, i) => ({ product: `P${i}`, sku: `S${i}` })));
    const res = await upload(o, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
    const stream = new PassThrough();
    const pending = upload(o, stream);
    stream.end(big);
    const streamed = await pending;
    expect(streamed.statusCode).toBe(413);
    expect((await o.get('/api/v1/skus')).json().items).toEqual([]);
  });
});

describe('abandoned imports', () => {
  it('closes an import whose process died (no progress for an hour) as failed, leaving live ones alone', async () => {
    const db = h.test.database.db;
    const t = h.shopA.tenantId;
    const hourAgo = new Date(Date.now() - 61 * 60_000);
    await sql`insert into catalog_imports (tenant_id, import_id, format, created_at, updated_at) values
      (${t}, 'imp_dead0000000000000000000000', 'csv', ${hourAgo}, ${hourAgo}),
      (${t}, 'imp_live0000000000000000000000', 'csv', now(), now())`.execute(db);
    expect(await closeAbandonedImports(db, new Date(Date.now() - 60 * 60_000), new Date())).toBe(1);
    const dead = (await owner.get('/api/v1/catalog/imports/imp_dead0000000000000000000000')).json();
    expect(dead).toMatchObject({ status: 'failed', failure: { code: 'abandoned' } });
    expect((await owner.get('/api/v1/catalog/imports/imp_live0000000000000000000000')).json().status).toBe('running');
    expect(await closeAbandonedImports(db, new Date(Date.now() - 60 * 60_000), new Date())).toBe(0);
  });
});

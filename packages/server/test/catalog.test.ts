import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from './harness.ts';

let h: Harness;
let owner: Caller;
beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
}, 60_000);
afterAll(async () => h?.close());

const dress = (over: Record<string, unknown> = {}) => ({
  title: '连衣裙女夏季新款 碎花雪纺',
  mainKeyword: '连衣裙',
  imageUrls: [1, 2, 3, 4, 5].map((i) => `https://img.example.com/${i}.jpg`),
  description: '雪纺面料',
  specDimensions: [
    { name: '颜色', values: ['红', '蓝'] },
    { name: '尺码', values: ['M', 'L'] },
  ],
  ...over,
});

describe('categories and brands', () => {
  it('builds a tree and refuses cycles and deleting a used category', async () => {
    const root = (await owner.post('/api/v1/categories', { name: '服装' })).json();
    const child = (await owner.post('/api/v1/categories', { name: '女装', parentId: root.categoryId, requiredSpecs: ['颜色'] })).json();
    expect(child.parentId).toBe(root.categoryId);
    const roots = (await owner.get('/api/v1/categories?parentId=root')).json().items.map((c: { categoryId: string }) => c.categoryId);
    expect(roots).toContain(root.categoryId);
    expect(roots).not.toContain(child.categoryId);
    const cycle = await owner.patch(`/api/v1/categories/${root.categoryId}`, { parentId: child.categoryId });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().code).toBe('category_cycle');
    expect((await owner.patch(`/api/v1/categories/${root.categoryId}`, { parentId: root.categoryId })).json().code).toBe('category_cycle');
    const inUse = await owner.delete(`/api/v1/categories/${root.categoryId}`);
    expect(inUse.json()).toMatchObject({ code: 'category_in_use', children: 1 });
    expect((await owner.delete(`/api/v1/categories/${child.categoryId}`)).statusCode).toBe(204);
    expect((await owner.delete(`/api/v1/categories/${root.categoryId}`)).statusCode).toBe(204);
  });

  it('refuses to delete a brand products use', async () => {
    const brand = (await owner.post('/api/v1/brands', { name: '优衣库' })).json();
    const p = (await owner.post('/api/v1/products', dress({ brandId: brand.brandId, generateSkus: { codePrefix: 'BR', priceFen: 100, costFen: 50 } }))).json();
    expect((await owner.delete(`/api/v1/brands/${brand.brandId}`)).json().code).toBe('brand_in_use');
    expect((await owner.delete(`/api/v1/products/${p.productId}`)).statusCode).toBe(204);
    expect((await owner.delete(`/api/v1/brands/${brand.brandId}`)).statusCode).toBe(204);
  });
});

describe('products and SKUs', () => {
  it('generates SKUs for every spec combination', async () => {
    const res = await owner.post('/api/v1/products', dress({ generateSkus: { codePrefix: 'GEN', priceFen: 19900, costFen: 8000, weightG: 300 } }));
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p.status).toBe('draft');
    expect(p.skus.map((s: { code: string; specValues: object }) => [s.code, s.specValues])).toEqual([
      ['GEN-1', { 颜色: '红', 尺码: 'M' }],
      ['GEN-2', { 颜色: '红', 尺码: 'L' }],
      ['GEN-3', { 颜色: '蓝', 尺码: 'M' }],
      ['GEN-4', { 颜色: '蓝', 尺码: 'L' }],
    ]);
    const events = (await owner.get(`/api/v1/audit-events?entityType=sku&limit=200`)).json().items;
    expect(events.filter((e: { entityId: string }) => p.skus.some((s: { skuId: string }) => s.skuId === e.entityId))).toHaveLength(4);
  });

  it('refuses duplicate codes, colliding combinations, negative prices and below-cost prices, writing nothing', async () => {
    const before = (await owner.get('/api/v1/products?limit=200')).json().items.length;
    const sku = (code: string, 颜色: string, priceFen = 100, costFen = 50) => ({ code, specValues: { 颜色, 尺码: 'M' }, priceFen, costFen });
    const taken = await owner.post('/api/v1/products', dress({ skus: [sku('GEN-1', '红')] }));
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'sku_code_taken', codes: ['GEN-1'] });
    const twice = await owner.post('/api/v1/products', dress({ skus: [sku('U-1', '红'), sku('U-2', '红')] }));
    expect(twice.json().code).toBe('spec_combination_duplicate');
    const negative = await owner.post('/api/v1/products', dress({ skus: [sku('U-3', '红', -1)] }));
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0].path).toBe('body.skus.0.priceFen');
    const below = await owner.post('/api/v1/products', dress({ skus: [sku('U-4', '红', 40, 50)] }));
    expect(below.statusCode).toBe(422);
    expect(below.json()).toMatchObject({ code: 'price_below_cost', codes: ['U-4'] });
    const offGrid = await owner.post('/api/v1/products', dress({ skus: [sku('U-5', '绿')] }));
    expect(offGrid.json().code).toBe('spec_values_invalid');
    expect((await owner.get('/api/v1/products?limit=200')).json().items.length).toBe(before);
    const allowed = await owner.post('/api/v1/products', dress({ skus: [sku('U-4', '红', 40, 50)], allowBelowCost: true }));
    expect(allowed.statusCode).toBe(201);
    const quality = (await owner.get(`/api/v1/products/${allowed.json().productId}/quality`)).json();
    expect(quality.findings.map((f: { code: string }) => f.code)).toContain('price_below_cost');
  });

  it('adds SKUs with new spec values and refuses a combination a live SKU has', async () => {
    const p = (await owner.post('/api/v1/products', dress({ generateSkus: { codePrefix: 'ADD', priceFen: 100, costFen: 50 } }))).json();
    const added = await owner.post(`/api/v1/products/${p.productId}/skus`, { skus: [{ code: 'ADD-G', specValues: { 颜色: '绿', 尺码: 'M' }, priceFen: 100, costFen: 50 }] });
    expect(added.statusCode).toBe(201);
    const after = (await owner.get(`/api/v1/products/${p.productId}`)).json();
    expect(after.specDimensions[0].values).toEqual(['红', '蓝', '绿']);
    const clash = await owner.post(`/api/v1/products/${p.productId}/skus`, { skus: [{ code: 'ADD-R', specValues: { 颜色: '红', 尺码: 'M' }, priceFen: 100, costFen: 50 }] });
    expect(clash.json().code).toBe('spec_combination_duplicate');
    const sku = p.skus[0];
    expect((await owner.patch(`/api/v1/skus/${sku.skuId}`, { priceFen: 10 })).json().code).toBe('price_below_cost');
    expect((await owner.patch(`/api/v1/skus/${sku.skuId}`, { code: 'GEN-2' })).json().code).toBe('sku_code_taken');
    expect((await owner.patch(`/api/v1/skus/${sku.skuId}`, { priceFen: 10, allowBelowCost: true })).json().priceFen).toBe(10);
  });

  it('publishes and unpublishes, one at a time and in bulk, all or none', async () => {
    const a = (await owner.post('/api/v1/products', dress({ generateSkus: { codePrefix: 'PA', priceFen: 100, costFen: 50 } }))).json();
    const empty = (await owner.post('/api/v1/products', dress({ specDimensions: [] }))).json();
    const pub = await owner.post(`/api/v1/products/${a.productId}/publish`);
    expect(pub.json().status).toBe('on_sale');
    expect((await owner.post(`/api/v1/products/${empty.productId}/publish`)).json().code).toBe('product_not_publishable');
    expect((await owner.post(`/api/v1/products/${a.productId}/unpublish`)).json().status).toBe('off_sale');
    const bulk = await owner.post('/api/v1/products/bulk-publish', { productIds: [a.productId, empty.productId] });
    expect(bulk.json()).toMatchObject({ code: 'product_not_publishable', products: [{ productId: empty.productId }] });
    expect((await owner.get(`/api/v1/products/${a.productId}`)).json().status).toBe('off_sale');
    const b = (await owner.post('/api/v1/products', dress({ generateSkus: { codePrefix: 'PB', priceFen: 100, costFen: 50 } }))).json();
    const ok = await owner.post('/api/v1/products/bulk-publish', { productIds: [a.productId, b.productId] });
    expect(ok.json().items.map((p: { status: string }) => p.status)).toEqual(['on_sale', 'on_sale']);
    const off = await owner.post('/api/v1/products/bulk-unpublish', { productIds: [a.productId, b.productId] });
    expect(off.json().items.map((p: { status: string }) => p.status)).toEqual(['off_sale', 'off_sale']);
  });

  it('changes prices in bulk by percent with ¥x.9 rounding and refuses below cost', async () => {
    const p = (await owner.post('/api/v1/products', dress({ generateSkus: { codePrefix: 'BP', priceFen: 10000, costFen: 8000 } }))).json();
    const res = await owner.post('/api/v1/skus/bulk-price', { productIds: [p.productId], change: { by: 'percent', bp: -1000 }, roundToNinety: true });
    expect(res.json().items.map((l: { afterFen: number }) => l.afterFen)).toEqual([8990, 8990, 8990, 8990]);
    const below = await owner.post('/api/v1/skus/bulk-price', { skuIds: [p.skus[0].skuId], change: { by: 'amount', amountFen: -2000 } });
    expect(below.json().code).toBe('price_below_cost');
    const negative = await owner.post('/api/v1/skus/bulk-price', { skuIds: [p.skus[0].skuId], change: { by: 'amount', amountFen: -20000 }, allowBelowCost: true });
    expect(negative.json().code).toBe('validation_failed');
    expect((await owner.get(`/api/v1/skus/${p.skus[0].skuId}`)).json().priceFen).toBe(8990);
  });

  it('checks listing quality against the category’s required specs', async () => {
    const cat = (await owner.post('/api/v1/categories', { name: '连衣裙', requiredSpecs: ['颜色', '尺码', '材质'] })).json();
    const p = (
      await owner.post('/api/v1/products', dress({ categoryId: cat.categoryId, title: '最佳连衣裙 国家级工艺', generateSkus: { codePrefix: 'Q', priceFen: 100, costFen: 50 } }))
    ).json();
    const findings = (await owner.get(`/api/v1/products/${p.productId}/quality`)).json().findings;
    expect(findings.map((f: { code: string }) => f.code).sort()).toEqual(['banned_word', 'required_spec_missing']);
    expect(findings.find((f: { code: string }) => f.code === 'banned_word').message['zh-CN']).toContain('最佳');
  });
});

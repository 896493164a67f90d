import { ENDPOINTS } from '@yunying/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, type ExampleIds } from './examples.ts';
import { callerFrom, createHarness, type Caller, type Harness } from './harness.ts';

let h: Harness;
let ownerA: Caller;
let ownerB: Caller;
let tokenB: Caller;
let idsOfA: ExampleIds;

beforeAll(async () => {
  h = await createHarness();
  ownerA = await h.login(h.shopA.ownerEmail);
  ownerB = await h.login(h.shopB.ownerEmail);
  const channel = await ownerA.post('/api/v1/channels', { code: 'tmall-a', name: 'A 天猫', platform: 'tmall' });
  const member = await ownerA.post('/api/v1/members', { email: 'staff-a@example.com', displayName: 'Staff A', role: 'merchandiser' });
  const token = await ownerA.post('/api/v1/tokens', { name: 'a-token', role: 'analyst' });
  const category = await ownerA.post('/api/v1/categories', { name: 'A 女装' });
  const brand = await ownerA.post('/api/v1/brands', { name: 'A 品牌' });
  const product = await ownerA.post('/api/v1/products', {
    title: 'A 连衣裙',
    categoryId: category.json().categoryId,
    brandId: brand.json().brandId,
    specDimensions: [{ name: '颜色', values: ['红'] }],
    skus: [{ code: 'A-RED', specValues: { 颜色: '红' }, priceFen: 9900, costFen: 4000 }],
  });
  const campaign = await ownerA.post('/api/v1/campaigns', {
    name: 'A 618',
    type: 'mid_year_618',
    phases: [{ phase: 'peak', startsAt: '2026-06-01T00:00:00+08:00', endsAt: '2026-06-19T00:00:00+08:00' }],
  });
  const promotion = await ownerA.post('/api/v1/promotions', {
    name: 'A 满300减50',
    code: 'spendThresholdDiscount',
    args: { scope: { type: 'order' }, mode: 'ladder', steps: [{ threshold: 30000, discount: 5000 }] },
    campaignId: campaign.json().campaignId,
  });
  const batch = await ownerA.post('/api/v1/coupon-batches', {
    name: 'A 店铺券',
    kind: 'order',
    discount: { type: 'amount', amountFen: 1000 },
    validity: { type: 'daysAfterClaim', days: 30 },
    totalQuantity: 10,
    status: 'active',
  });
  const coupon = await ownerA.post(`/api/v1/coupon-batches/${batch.json().batchId}/claims`, { customerRef: 'a-customer' });
  const warehouse = await ownerA.post('/api/v1/warehouses', { code: 'A-WH', name: 'A 仓', priority: 1 });
  const skuOfA = product.json().skus[0].skuId;
  await ownerA.post('/api/v1/inventory/receipts', { warehouseId: warehouse.json().warehouseId, skuId: skuOfA, qty: 5 });
  const reservation = await ownerA.post('/api/v1/inventory/reservations', { skuId: skuOfA, qty: 2, reference: 'A-ORDER-1' });
  const stocktake = await ownerA.post('/api/v1/inventory/stocktakes', { warehouseId: warehouse.json().warehouseId });
  const supplier = await ownerA.post('/api/v1/suppliers', { code: 'A-SUP', name: 'A 供应商' });
  const po = await ownerA.post('/api/v1/purchase-orders', {
    supplierId: supplier.json().supplierId,
    warehouseId: warehouse.json().warehouseId,
    lines: [{ skuId: skuOfA, qtyOrdered: 10, unitCostFen: 4000 }],
  });
  await ownerA.post(`/api/v1/purchase-orders/${po.json().poId}/send`);
  const supplierSku = await ownerA.request({ method: 'PUT', url: `/api/v1/suppliers/${supplier.json().supplierId}/skus/${skuOfA}`, payload: { purchasePriceFen: 3900, moq: 5, isPreferred: true } });
  expect(supplierSku.statusCode).toBe(200);
  const template = await ownerA.post('/api/v1/shipping-templates', {
    name: 'A 运费模板',
    defaultRule: { firstWeightGrams: 1000, firstFeeFen: 1000, additionalWeightGrams: 1000, additionalFeeFen: 500 },
    isDefault: true,
    channelIds: [channel.json().channelId],
  });
  const listing = await ownerA.request({ method: 'PUT', url: `/api/v1/channels/${channel.json().channelId}/listings/${skuOfA}`, payload: { priceFen: 8900, status: 'listed', externalId: 'A-TM-1' } });
  expect(listing.statusCode).toBe(200);
  const customer = await ownerA.post('/api/v1/customers', { customerRef: 'a-customer', displayName: 'A 顾客', tags: ['vip'] });
  await ownerA.post(`/api/v1/customers/${customer.json().customerId}/points`, { kind: 'earn', points: 300, reason: 'A 积分' });
  const segment = await ownerA.post('/api/v1/segments', { name: 'A 人群', rule: { match: 'all', conditions: [{ field: 'tags', op: 'hasAny', values: ['vip'] }] } });
  idsOfA = {
    supplierId: supplier.json().supplierId,
    poId: po.json().poId,
    stocktakeId: stocktake.json().stocktakeId,
    warehouseId: warehouse.json().warehouseId,
    reservationId: reservation.json().items[0].reservationId,
    channelId: channel.json().channelId,
    userId: member.json().userId,
    tokenId: token.json().tokenId,
    categoryId: category.json().categoryId,
    brandId: brand.json().brandId,
    productId: product.json().productId,
    skuId: product.json().skus[0].skuId,
    promotionId: promotion.json().promotionId,
    batchId: batch.json().batchId,
    couponId: coupon.json().couponId,
    campaignId: campaign.json().campaignId,
    templateId: template.json().templateId,
    customerId: customer.json().customerId,
    segmentId: segment.json().segmentId,
  };
  const created = await ownerB.post('/api/v1/tokens', { name: 'b-admin', role: 'admin' });
  tokenB = callerFrom(h.app, { bearer: created.json().token }, { userId: h.shopB.ownerId, tenantId: h.shopB.tenantId, role: 'admin' });
}, 60_000);
afterAll(async () => h?.close());

const withIds = ENDPOINTS.filter((e) => e.path.includes(':'));

describe('tenant isolation', () => {
  it('covers every route that takes an id', () => {
    expect(withIds.map((e) => e.id).sort()).toEqual(
      [
        'archiveChannel', 'getChannel', 'getMember', 'removeMember', 'revokeToken', 'updateChannel', 'updateMember',
        // catalog
        'addSkus', 'deleteBrand', 'deleteCategory', 'deleteProduct', 'deleteSku', 'getBrand', 'getCategory', 'getProduct', 'getProductQuality',
        'getSku', 'publishProduct', 'unpublishProduct', 'updateBrand', 'updateCategory', 'updateProduct', 'updateSku',
        // inventory
        'convertReservation', 'getWarehouse', 'releaseReservation', 'updateStockSettings', 'updateWarehouse',
        'cancelStocktake', 'getStocktake', 'postStocktake', 'recordStocktakeCounts',
        // purchasing
        'cancelPurchaseOrder', 'closePurchaseOrder', 'getPurchaseOrder', 'getSupplier', 'getSupplierScorecard', 'receivePurchaseOrder', 'sendPurchaseOrder', 'updateSupplier',
        'deleteSupplierSku', 'listSupplierSkus', 'putSupplierSku', 'returnToSupplier', 'updateSupplierSku',
        // catalog imports
        'getCatalogImport', 'getCatalogImportRejectedRows',
        // channel listings
        'listChannelListings', 'listSkuListings', 'putChannelListing', 'unlistChannelListing',
        // promotions
        'activateCouponBatch', 'activatePromotion', 'cancelCampaign', 'claimCoupon', 'endCouponBatch', 'endPromotion', 'getCampaign', 'getCoupon',
        'getCouponBatch', 'getPromotion', 'issueCoupons', 'pauseCouponBatch', 'pausePromotion', 'redeemCoupon', 'releaseCoupon', 'revokeCoupon',
        'updateCampaign', 'updateCouponBatch', 'updatePromotion', 'recordPromotionUsage', 'releasePromotionUsage', 'listPromotionUsages',
        // shipping templates
        'deleteShippingTemplate', 'getShippingTemplate', 'updateShippingTemplate',
        // customers, points, segments
        'getCustomer', 'updateCustomer', 'reviewCustomerTier', 'postPointsEntry', 'listPointsEntries',
        'getSegment', 'updateSegment', 'listSegmentMembers', 'issueCouponsToSegment',
      ].sort(),
    );
  });

  for (const endpoint of withIds) {
    it(`answers 404 when shop B calls ${endpoint.method} ${endpoint.path} with shop A's ids`, async () => {
      for (const caller of [ownerB, tokenB]) {
        const example = EXAMPLES[endpoint.id]!(idsOfA);
        const res = await caller.request({ method: endpoint.method, url: example.url, ...(example.body !== undefined ? { payload: example.body as object } : {}) });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('not_found');
      }
    });
  }

  it('left every entity of shop A untouched', async () => {
    const channel = await ownerA.get(`/api/v1/channels/${idsOfA.channelId}`);
    expect(channel.json()).toMatchObject({ status: 'active', commissionBp: 0 });
    const member = await ownerA.get(`/api/v1/members/${idsOfA.userId}`);
    expect(member.json().role).toBe('merchandiser');
    const product = (await ownerA.get(`/api/v1/products/${idsOfA.productId}`)).json();
    expect(product).toMatchObject({ status: 'draft', lifecycleStage: 'new', categoryId: idsOfA.categoryId, brandId: idsOfA.brandId });
    expect(product.skus).toMatchObject([{ skuId: idsOfA.skuId, priceFen: 9900, weightG: 0, status: 'active' }]);
    expect((await ownerA.get(`/api/v1/categories/${idsOfA.categoryId}`)).json().sortOrder).toBe(0);
    expect((await ownerA.get(`/api/v1/brands/${idsOfA.brandId}`)).json().logoUrl).toBeNull();
    expect((await ownerA.get(`/api/v1/warehouses/${idsOfA.warehouseId}`)).json().priority).toBe(1);
    const levels = (await ownerA.get(`/api/v1/inventory/levels?skuId=${idsOfA.skuId}`)).json().items;
    expect(levels).toMatchObject([{ onHand: 5, reserved: 2, available: 3, safetyStock: 0, reorderPoint: 0 }]);
    expect((await ownerA.get('/api/v1/inventory/reservations?reference=A-ORDER-1')).json().items).toMatchObject([{ status: 'held', qty: 2 }]);
    expect((await ownerA.get(`/api/v1/inventory/stocktakes/${idsOfA.stocktakeId}`)).json()).toMatchObject({ status: 'open', lines: [{ expectedOnHand: 5, counted: null }] });
    expect((await ownerA.get(`/api/v1/purchase-orders/${idsOfA.poId}`)).json()).toMatchObject({ status: 'sent', lines: [{ qtyOrdered: 10, qtyReceived: 0 }] });
    expect((await ownerA.get(`/api/v1/suppliers/${idsOfA.supplierId}`)).json().leadTimeDays).toBe(7);
    expect((await ownerA.get(`/api/v1/suppliers/${idsOfA.supplierId}/skus`)).json().items).toMatchObject([{ skuId: idsOfA.skuId, purchasePriceFen: 3900, moq: 5, isPreferred: true }]);
    expect((await ownerA.get(`/api/v1/skus/${idsOfA.skuId}/listings`)).json().items).toMatchObject([{ channelId: idsOfA.channelId, priceFen: 8900, status: 'listed', externalId: 'A-TM-1' }]);
    expect((await ownerA.get(`/api/v1/promotions/${idsOfA.promotionId}`)).json()).toMatchObject({ status: 'draft', priority: 0 });
    expect((await ownerA.get(`/api/v1/coupon-batches/${idsOfA.batchId}`)).json()).toMatchObject({ status: 'active', claimedCount: 1, totalQuantity: 10 });
    expect((await ownerA.get(`/api/v1/coupons/${idsOfA.couponId}`)).json()).toMatchObject({ status: 'available', usedOrderRef: null });
    expect((await ownerA.get(`/api/v1/campaigns/${idsOfA.campaignId}`)).json()).toMatchObject({ status: 'planned', budgetFen: 0 });
    expect((await ownerA.get(`/api/v1/shipping-templates/${idsOfA.templateId}`)).json()).toMatchObject({ isDefault: true, freeShipping: null, channelIds: [idsOfA.channelId] });
    expect((await ownerA.get(`/api/v1/customers/${idsOfA.customerId}`)).json()).toMatchObject({ pointsBalance: 300, tags: ['vip'], memberTier: 'regular', tierReviewedAt: null });
    expect((await ownerA.get(`/api/v1/segments/${idsOfA.segmentId}`)).json()).toMatchObject({ name: 'A 人群', description: null });
    const tokens = await ownerA.get('/api/v1/tokens');
    expect(tokens.json().items.find((t: { tokenId: string }) => t.tokenId === idsOfA.tokenId).revokedAt).toBeNull();
  });

  it('never lists shop A’s records to shop B', async () => {
    const catalogLists = ['/api/v1/categories', '/api/v1/brands', '/api/v1/products', '/api/v1/skus', '/api/v1/warehouses', '/api/v1/inventory/levels', '/api/v1/inventory/movements', '/api/v1/inventory/reservations', '/api/v1/inventory/stocktakes', '/api/v1/suppliers', '/api/v1/purchase-orders'];
    for (const url of ['/api/v1/channels', '/api/v1/members', '/api/v1/tokens', '/api/v1/audit-events?limit=200', ...catalogLists]) {
      const body = (await ownerB.get(url)).body;
      for (const id of [idsOfA.channelId, idsOfA.userId, idsOfA.tokenId, h.shopA.tenantId, idsOfA.productId, idsOfA.skuId, idsOfA.categoryId, idsOfA.brandId, idsOfA.warehouseId, idsOfA.reservationId, idsOfA.stocktakeId, idsOfA.supplierId, idsOfA.poId]) expect(body, url).not.toContain(id);
    }
  });

  it('never lists shop A’s promotions, coupons or campaigns to shop B', async () => {
    for (const url of ['/api/v1/promotions', '/api/v1/coupon-batches', '/api/v1/coupons', '/api/v1/coupons?customerRef=a-customer', '/api/v1/campaigns', '/api/v1/shipping-templates']) {
      const body = (await ownerB.get(url)).body;
      for (const id of [idsOfA.promotionId, idsOfA.batchId, idsOfA.couponId, idsOfA.campaignId, idsOfA.templateId]) expect(body, url).not.toContain(id);
    }
  });

  it('never lists shop A’s customers or segments to shop B', async () => {
    for (const url of ['/api/v1/customers', '/api/v1/customers?q=a-', '/api/v1/segments', '/api/v1/customers/points-ledger-check']) {
      const res = await ownerB.get(url);
      expect(res.statusCode, url).toBe(200);
      for (const id of [idsOfA.customerId, idsOfA.segmentId, 'a-customer']) expect(res.body, url).not.toContain(id);
    }
    const preview = await ownerB.post('/api/v1/segments/preview', { rule: { match: 'all', conditions: [{ field: 'tags', op: 'hasAny', values: ['vip'] }] } });
    expect(preview.json().count).toBe(0);
  });

  it('does not let a token for shop A be used as shop B by editing its text', async () => {
    const token = (await ownerA.post('/api/v1/tokens', { name: 'swap', role: 'analyst' })).json().token as string;
    const swapped = token.replace(h.shopA.tenantId, h.shopB.tenantId);
    const res = await callerFrom(h.app, { bearer: swapped }, { userId: '', tenantId: '', role: 'analyst' }).get('/api/v1/channels');
    expect(res.statusCode).toBe(401);
  });
});

import type { Endpoint } from '@yunying/contracts';
import { newId } from '@yunying/db';

/** Ids of real entities a test can point requests at. */
export interface ExampleIds {
  userId: string;
  tokenId: string;
  channelId: string;
  promotionId: string;
  batchId: string;
  couponId: string;
  campaignId: string;
  categoryId: string;
  brandId: string;
  productId: string;
  skuId: string;
  warehouseId: string;
  reservationId: string;
  stocktakeId: string;
  supplierId: string;
  poId: string;
  /** A catalog import; optional: the tenant-isolation setup does not run one (its own test checks isolation). */
  importId?: string;
  templateId: string;
  customerId: string;
  segmentId: string;
}

export interface ExampleRequest {
  url: string;
  body?: unknown;
}

let n = 0;
const unique = () => `${Date.now().toString(36)}${(++n).toString(36)}`;

/** Fills an endpoint's path parameters. */
export function pathFor(endpoint: Endpoint, ids: Partial<Record<string, string>>): string {
  return endpoint.path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? `MISSING_${name}`);
}

/** Ids that look right but name nothing. */
export function phantomIds(): ExampleIds {
  return {
    userId: newId('usr'),
    tokenId: newId('tok'),
    channelId: newId('chn'),
    promotionId: newId('prm'),
    batchId: newId('cpb'),
    couponId: newId('cpn'),
    campaignId: newId('cmp'),
    categoryId: newId('cat'),
    brandId: newId('brd'),
    productId: newId('prd'),
    skuId: newId('sku'),
    warehouseId: newId('whs'),
    reservationId: newId('rsv'),
    stocktakeId: newId('stk'),
    supplierId: newId('sup'),
    poId: newId('po'),
    importId: newId('imp'),
    templateId: newId('shp'),
    customerId: newId('cus'),
    segmentId: newId('seg'),
  };
}

/**
 * A valid request for every endpoint: the generated RBAC, tenant-isolation and fuzz tests start
 * from these. A test fails when an endpoint has no example, so new routes cannot slip past them.
 */
export const EXAMPLES: Record<string, (ids: ExampleIds) => ExampleRequest> = {
  health: () => ({ url: '/healthz' }),
  ready: () => ({ url: '/readyz' }),
  login: () => ({ url: '/api/v1/auth/login', body: { email: 'nobody@example.com', password: 'wrong-password' } }),
  logout: () => ({ url: '/api/v1/auth/logout' }),
  me: () => ({ url: '/api/v1/auth/me' }),
  switchTenant: () => ({ url: '/api/v1/auth/tenant', body: { tenantId: newId('tnt') } }),
  listRoles: () => ({ url: '/api/v1/roles' }),
  getTenant: () => ({ url: '/api/v1/tenant' }),
  updateTenant: () => ({ url: '/api/v1/tenant', body: { timeZone: 'Asia/Shanghai' } }),
  listMembers: () => ({ url: '/api/v1/members?limit=5' }),
  getMember: (ids) => ({ url: `/api/v1/members/${ids.userId}` }),
  addMember: () => ({ url: '/api/v1/members', body: { email: `m-${unique()}@example.com`, displayName: 'New', role: 'analyst' } }),
  updateMember: (ids) => ({ url: `/api/v1/members/${ids.userId}`, body: { role: 'analyst' } }),
  removeMember: (ids) => ({ url: `/api/v1/members/${ids.userId}` }),
  listTokens: () => ({ url: '/api/v1/tokens' }),
  createToken: () => ({ url: '/api/v1/tokens', body: { name: `t-${unique()}`, role: 'analyst' } }),
  revokeToken: (ids) => ({ url: `/api/v1/tokens/${ids.tokenId}` }),
  listAuditEvents: () => ({ url: '/api/v1/audit-events?limit=5' }),
  listChannels: () => ({ url: '/api/v1/channels' }),
  getChannel: (ids) => ({ url: `/api/v1/channels/${ids.channelId}` }),
  createChannel: () => ({ url: '/api/v1/channels', body: { code: `c-${unique()}`, name: '京东自营', platform: 'jd', commissionBp: 600, shipWithinHours: 24 } }),
  updateChannel: (ids) => ({ url: `/api/v1/channels/${ids.channelId}`, body: { commissionBp: 500 } }),
  archiveChannel: (ids) => ({ url: `/api/v1/channels/${ids.channelId}` }),
  // promotions
  listPromotions: () => ({ url: '/api/v1/promotions?status=active' }),
  getPromotionRules: () => ({ url: '/api/v1/promotion-rules' }),
  getPromotion: (ids) => ({ url: `/api/v1/promotions/${ids.promotionId}` }),
  createPromotion: () => ({
    url: '/api/v1/promotions',
    body: { name: '满300减50', code: 'spendThresholdDiscount', args: { scope: { type: 'order' }, mode: 'ladder', steps: [{ threshold: 30000, discount: 5000 }] } },
  }),
  updatePromotion: (ids) => ({ url: `/api/v1/promotions/${ids.promotionId}`, body: { priority: 5 } }),
  activatePromotion: (ids) => ({ url: `/api/v1/promotions/${ids.promotionId}/activate` }),
  pausePromotion: (ids) => ({ url: `/api/v1/promotions/${ids.promotionId}/pause` }),
  endPromotion: (ids) => ({ url: `/api/v1/promotions/${ids.promotionId}` }),
  recordPromotionUsage: (ids) => ({
    url: `/api/v1/promotions/${ids.promotionId}/usages`,
    body: { orderRef: `ord-${unique()}`, customerRef: 'cust-1', quantity: 1, discountFen: 5000 },
  }),
  listPromotionUsages: (ids) => ({ url: `/api/v1/promotions/${ids.promotionId}/usages?status=counted` }),
  releasePromotionUsage: (ids) => ({ url: `/api/v1/promotions/${ids.promotionId}/usages/release`, body: { orderRef: 'ord-1' } }),
  previewPrices: (ids) => ({
    url: '/api/v1/promotions/preview',
    body: { lines: [{ skuId: 'sku-1', quantity: 2, unitPrice: 19900, channelId: ids.channelId }], customer: { tier: 'gold' } },
  }),
  listCouponBatches: () => ({ url: '/api/v1/coupon-batches?kind=order' }),
  getCouponBatch: (ids) => ({ url: `/api/v1/coupon-batches/${ids.batchId}` }),
  createCouponBatch: () => ({
    url: '/api/v1/coupon-batches',
    body: { name: '店铺券 满200减20', kind: 'order', thresholdFen: 20000, discount: { type: 'amount', amountFen: 2000 }, validity: { type: 'daysAfterClaim', days: 7 }, totalQuantity: 100 },
  }),
  updateCouponBatch: (ids) => ({ url: `/api/v1/coupon-batches/${ids.batchId}`, body: { totalQuantity: 500 } }),
  activateCouponBatch: (ids) => ({ url: `/api/v1/coupon-batches/${ids.batchId}/activate` }),
  pauseCouponBatch: (ids) => ({ url: `/api/v1/coupon-batches/${ids.batchId}/pause` }),
  endCouponBatch: (ids) => ({ url: `/api/v1/coupon-batches/${ids.batchId}` }),
  claimCoupon: (ids) => ({ url: `/api/v1/coupon-batches/${ids.batchId}/claims`, body: { customerRef: `cust-${unique()}` } }),
  issueCoupons: (ids) => ({ url: `/api/v1/coupon-batches/${ids.batchId}/issues`, body: { customerRefs: [`cust-${unique()}`, `cust-${unique()}`] } }),
  listCoupons: () => ({ url: '/api/v1/coupons?customerRef=cust-1&status=available' }),
  getCoupon: (ids) => ({ url: `/api/v1/coupons/${ids.couponId}` }),
  revokeCoupon: (ids) => ({ url: `/api/v1/coupons/${ids.couponId}/revoke` }),
  redeemCoupon: (ids) => ({ url: `/api/v1/coupons/${ids.couponId}/redeem`, body: { orderRef: `ord-${unique()}`, discountFen: 2000 } }),
  releaseCoupon: (ids) => ({ url: `/api/v1/coupons/${ids.couponId}/release`, body: { orderRef: 'ord-1' } }),
  listCampaigns: () => ({ url: '/api/v1/campaigns?type=singles_day' }),
  getCampaign: (ids) => ({ url: `/api/v1/campaigns/${ids.campaignId}` }),
  createCampaign: () => ({
    url: '/api/v1/campaigns',
    body: {
      name: '双11 大促',
      type: 'singles_day',
      phases: [
        { phase: 'warmup', startsAt: '2026-10-20T20:00:00+08:00', endsAt: '2026-10-31T20:00:00+08:00' },
        { phase: 'peak', startsAt: '2026-10-31T20:00:00+08:00', endsAt: '2026-11-12T00:00:00+08:00' },
      ],
      budgetFen: 50_000_000,
      targetGmvFen: 2_000_000_000,
    },
  }),
  updateCampaign: (ids) => ({ url: `/api/v1/campaigns/${ids.campaignId}`, body: { budgetFen: 60_000_000 } }),
  cancelCampaign: (ids) => ({ url: `/api/v1/campaigns/${ids.campaignId}` }),
  listCategories: () => ({ url: '/api/v1/categories?parentId=root' }),
  getCategory: (ids) => ({ url: `/api/v1/categories/${ids.categoryId}` }),
  createCategory: () => ({ url: '/api/v1/categories', body: { name: `女装-${unique()}`, requiredSpecs: ['颜色', '尺码'] } }),
  updateCategory: (ids) => ({ url: `/api/v1/categories/${ids.categoryId}`, body: { sortOrder: 2 } }),
  deleteCategory: (ids) => ({ url: `/api/v1/categories/${ids.categoryId}` }),
  listBrands: () => ({ url: '/api/v1/brands' }),
  getBrand: (ids) => ({ url: `/api/v1/brands/${ids.brandId}` }),
  createBrand: () => ({ url: '/api/v1/brands', body: { name: `品牌-${unique()}` } }),
  updateBrand: (ids) => ({ url: `/api/v1/brands/${ids.brandId}`, body: { logoUrl: 'https://img.example.com/logo.png' } }),
  deleteBrand: (ids) => ({ url: `/api/v1/brands/${ids.brandId}` }),
  listProducts: () => ({ url: '/api/v1/products?status=draft' }),
  getProduct: (ids) => ({ url: `/api/v1/products/${ids.productId}` }),
  createProduct: () => ({
    url: '/api/v1/products',
    body: {
      title: '连衣裙女夏季新款碎花雪纺',
      specDimensions: [{ name: '颜色', values: ['红', '蓝'] }],
      generateSkus: { codePrefix: `D${unique()}`, priceFen: 19900, costFen: 8000 },
    },
  }),
  updateProduct: (ids) => ({ url: `/api/v1/products/${ids.productId}`, body: { lifecycleStage: 'growing' } }),
  deleteProduct: (ids) => ({ url: `/api/v1/products/${ids.productId}` }),
  addSkus: (ids) => ({ url: `/api/v1/products/${ids.productId}/skus`, body: { skus: [{ code: `S${unique()}`, specValues: { 颜色: `色${unique()}` }, priceFen: 100, costFen: 50 }] } }),
  publishProduct: (ids) => ({ url: `/api/v1/products/${ids.productId}/publish` }),
  unpublishProduct: (ids) => ({ url: `/api/v1/products/${ids.productId}/unpublish` }),
  bulkPublishProducts: (ids) => ({ url: '/api/v1/products/bulk-publish', body: { productIds: [ids.productId] } }),
  bulkUnpublishProducts: (ids) => ({ url: '/api/v1/products/bulk-unpublish', body: { productIds: [ids.productId] } }),
  getProductQuality: (ids) => ({ url: `/api/v1/products/${ids.productId}/quality` }),
  listSkus: (ids) => ({ url: `/api/v1/skus?productId=${ids.productId}` }),
  getSku: (ids) => ({ url: `/api/v1/skus/${ids.skuId}` }),
  updateSku: (ids) => ({ url: `/api/v1/skus/${ids.skuId}`, body: { weightG: 350 } }),
  deleteSku: (ids) => ({ url: `/api/v1/skus/${ids.skuId}` }),
  bulkChangePrices: (ids) => ({ url: '/api/v1/skus/bulk-price', body: { skuIds: [ids.skuId], change: { by: 'percent', bp: -1000 }, roundToNinety: true } }),
  listWarehouses: () => ({ url: '/api/v1/warehouses' }),
  getWarehouse: (ids) => ({ url: `/api/v1/warehouses/${ids.warehouseId}` }),
  createWarehouse: () => ({ url: '/api/v1/warehouses', body: { code: `W${unique()}`, name: '华东仓', priority: 10, region: '上海' } }),
  updateWarehouse: (ids) => ({ url: `/api/v1/warehouses/${ids.warehouseId}`, body: { priority: 5 } }),
  listStockLevels: (ids) => ({ url: `/api/v1/inventory/levels?skuId=${ids.skuId}&belowReorderPoint=true` }),
  updateStockSettings: (ids) => ({ url: `/api/v1/inventory/levels/${ids.warehouseId}/${ids.skuId}`, body: { safetyStock: 5, reorderPoint: 10 } }),
  receiveStock: (ids) => ({ url: '/api/v1/inventory/receipts', body: { warehouseId: ids.warehouseId, skuId: ids.skuId, qty: 10, reference: 'PO-1' } }),
  adjustStock: (ids) => ({ url: '/api/v1/inventory/adjustments', body: { warehouseId: ids.warehouseId, skuId: ids.skuId, delta: 1, reason: '盘盈' } }),
  transferStock: (ids) => ({ url: '/api/v1/inventory/transfers', body: { fromWarehouseId: ids.warehouseId, toWarehouseId: newId('whs'), skuId: ids.skuId, qty: 1 } }),
  listMovements: (ids) => ({ url: `/api/v1/inventory/movements?skuId=${ids.skuId}&kind=receipt` }),
  listReservations: () => ({ url: '/api/v1/inventory/reservations?status=held' }),
  createReservation: (ids) => ({ url: '/api/v1/inventory/reservations', body: { skuId: ids.skuId, qty: 1, reference: `ord-${unique()}` } }),
  releaseReservation: (ids) => ({ url: `/api/v1/inventory/reservations/${ids.reservationId}/release` }),
  convertReservation: (ids) => ({ url: `/api/v1/inventory/reservations/${ids.reservationId}/convert` }),
  checkLedger: () => ({ url: '/api/v1/inventory/ledger-check' }),
  listLifecycleSuggestions: () => ({ url: '/api/v1/catalog/lifecycle-suggestions?limit=5' }),
  getStockInsights: () => ({ url: '/api/v1/inventory/insights?windowDays=90&targetCoverDays=15&leadTimeDays=7&limit=20' }),
  listBatches: (ids) => ({ url: `/api/v1/inventory/batches?skuId=${ids.skuId}&expiringWithinDays=30` }),
  listStocktakes: () => ({ url: '/api/v1/inventory/stocktakes?status=open' }),
  createStocktake: (ids) => ({ url: '/api/v1/inventory/stocktakes', body: { warehouseId: ids.warehouseId, skuIds: [ids.skuId], note: '月末盘点' } }),
  getStocktake: (ids) => ({ url: `/api/v1/inventory/stocktakes/${ids.stocktakeId}` }),
  recordStocktakeCounts: (ids) => ({ url: `/api/v1/inventory/stocktakes/${ids.stocktakeId}/counts`, body: { counts: [{ skuId: ids.skuId, counted: 4 }] } }),
  postStocktake: (ids) => ({ url: `/api/v1/inventory/stocktakes/${ids.stocktakeId}/post` }),
  cancelStocktake: (ids) => ({ url: `/api/v1/inventory/stocktakes/${ids.stocktakeId}/cancel` }),
  listSuppliers: () => ({ url: '/api/v1/suppliers?status=active' }),
  getSupplier: (ids) => ({ url: `/api/v1/suppliers/${ids.supplierId}` }),
  getSupplierScorecard: (ids) => ({ url: `/api/v1/suppliers/${ids.supplierId}/scorecard` }),
  createSupplier: () => ({ url: '/api/v1/suppliers', body: { code: `S${unique()}`, name: '义乌工厂', contacts: [{ name: '王经理', phone: '13800000000' }], leadTimeDays: 10, moq: 100 } }),
  updateSupplier: (ids) => ({ url: `/api/v1/suppliers/${ids.supplierId}`, body: { leadTimeDays: 12 } }),
  listPurchaseOrders: (ids) => ({ url: `/api/v1/purchase-orders?supplierId=${ids.supplierId}` }),
  getPurchaseOrder: (ids) => ({ url: `/api/v1/purchase-orders/${ids.poId}` }),
  createPurchaseOrder: (ids) => ({ url: '/api/v1/purchase-orders', body: { supplierId: ids.supplierId, warehouseId: ids.warehouseId, lines: [{ skuId: ids.skuId, qtyOrdered: 100, unitCostFen: 3500 }] } }),
  sendPurchaseOrder: (ids) => ({ url: `/api/v1/purchase-orders/${ids.poId}/send` }),
  closePurchaseOrder: (ids) => ({ url: `/api/v1/purchase-orders/${ids.poId}/close` }),
  cancelPurchaseOrder: (ids) => ({ url: `/api/v1/purchase-orders/${ids.poId}/cancel` }),
  receivePurchaseOrder: (ids) => ({ url: `/api/v1/purchase-orders/${ids.poId}/receipts`, body: { lines: [{ skuId: ids.skuId, qty: 10 }] } }),
  returnToSupplier: (ids) => ({ url: `/api/v1/purchase-orders/${ids.poId}/returns`, body: { lines: [{ skuId: ids.skuId, qty: 1, reason: '质量问题' }] } }),
  listSupplierSkus: (ids) => ({ url: `/api/v1/suppliers/${ids.supplierId}/skus?preferred=true&limit=5` }),
  putSupplierSku: (ids) => ({
    url: `/api/v1/suppliers/${ids.supplierId}/skus/${ids.skuId}`,
    body: { supplierItemCode: `YW-${unique()}`, purchasePriceFen: 3500, moq: 50, leadTimeDays: 7, packSize: 12, isPreferred: true },
  }),
  updateSupplierSku: (ids) => ({ url: `/api/v1/suppliers/${ids.supplierId}/skus/${ids.skuId}`, body: { purchasePriceFen: 3400 } }),
  deleteSupplierSku: (ids) => ({ url: `/api/v1/suppliers/${ids.supplierId}/skus/${ids.skuId}` }),
  // channel listings
  listChannelListings: (ids) => ({ url: `/api/v1/channels/${ids.channelId}/listings?status=listed&limit=5` }),
  putChannelListing: (ids) => ({ url: `/api/v1/channels/${ids.channelId}/listings/${ids.skuId}`, body: { priceFen: 12900, status: 'listed', externalId: `tm-${unique()}` } }),
  unlistChannelListing: (ids) => ({ url: `/api/v1/channels/${ids.channelId}/listings/${ids.skuId}` }),
  listSkuListings: (ids) => ({ url: `/api/v1/skus/${ids.skuId}/listings` }),
  // shipping templates
  listShippingTemplates: () => ({ url: '/api/v1/shipping-templates?limit=5' }),
  getShippingTemplate: (ids) => ({ url: `/api/v1/shipping-templates/${ids.templateId}` }),
  createShippingTemplate: () => ({
    url: '/api/v1/shipping-templates',
    body: {
      name: `运费模板 ${unique()}`,
      groups: [{ regions: ['新疆', '西藏'], firstWeightGrams: 1000, firstFeeFen: 2000, additionalWeightGrams: 1000, additionalFeeFen: 1000 }],
      defaultRule: { firstWeightGrams: 1000, firstFeeFen: 1000, additionalWeightGrams: 1000, additionalFeeFen: 500 },
      undeliverableRegions: ['香港'],
      freeShipping: { minAmountFen: 9900, excludedRegions: ['新疆'] },
    },
  }),
  updateShippingTemplate: (ids) => ({ url: `/api/v1/shipping-templates/${ids.templateId}`, body: { freeShipping: { minItems: 2, excludedRegions: [] } } }),
  deleteShippingTemplate: (ids) => ({ url: `/api/v1/shipping-templates/${ids.templateId}` }),
  // catalog import/export (the upload is a raw CSV/XLSX body; without one it answers 415)
  createCatalogImport: () => ({ url: '/api/v1/catalog/imports?dryRun=true' }),
  listCatalogImports: () => ({ url: '/api/v1/catalog/imports?limit=5' }),
  getCatalogImport: (ids) => ({ url: `/api/v1/catalog/imports/${ids.importId ?? newId('imp')}` }),
  getCatalogImportRejectedRows: (ids) => ({ url: `/api/v1/catalog/imports/${ids.importId ?? newId('imp')}/rejected-rows.csv` }),
  exportCatalog: () => ({ url: '/api/v1/catalog/exports?format=csv' }),
  // customers, points, segments
  listCustomers: () => ({ url: '/api/v1/customers?tier=gold&tag=vip&q=cust&limit=5' }),
  getCustomer: (ids) => ({ url: `/api/v1/customers/${ids.customerId}` }),
  createCustomer: () => ({
    url: '/api/v1/customers',
    body: { customerRef: `cust-${unique()}`, displayName: '张三丰', phone: '138 1234 5678', email: 'zhang@example.com', region: '广东省', gender: 'male', birthday: '1990-05-01', tags: ['vip'] },
  }),
  updateCustomer: (ids) => ({ url: `/api/v1/customers/${ids.customerId}`, body: { tags: ['vip', '母婴'], region: '44' } }),
  upsertCustomers: () => ({ url: '/api/v1/customers/bulk-upsert', body: { customers: [{ customerRef: `cust-${unique()}`, ordersCount: 2, paidTotalFen: 30000, paidLast12mFen: 30000, pointsBalance: 200 }] } }),
  reviewCustomerTier: (ids) => ({ url: `/api/v1/customers/${ids.customerId}/tier-review` }),
  reviewAllTiers: () => ({ url: '/api/v1/customers/tier-review' }),
  postPointsEntry: (ids) => ({ url: `/api/v1/customers/${ids.customerId}/points`, body: { kind: 'earn', points: 100, reason: '下单赠送', reference: `ord-${unique()}` } }),
  listPointsEntries: (ids) => ({ url: `/api/v1/customers/${ids.customerId}/points?kind=earn&limit=5` }),
  checkPointsLedger: () => ({ url: '/api/v1/customers/points-ledger-check' }),
  listSegments: () => ({ url: '/api/v1/segments?limit=5' }),
  getSegment: (ids) => ({ url: `/api/v1/segments/${ids.segmentId}` }),
  createSegment: () => ({
    url: '/api/v1/segments',
    body: { name: `高价值沉睡 ${unique()}`, rule: { match: 'all', conditions: [{ field: 'tier', op: 'in', values: ['gold', 'diamond'] }, { field: 'lifecycleStage', op: 'in', values: ['dormant'] }] } },
  }),
  updateSegment: (ids) => ({ url: `/api/v1/segments/${ids.segmentId}`, body: { description: '金牌及以上、91–180 天未购' } }),
  listSegmentMembers: (ids) => ({ url: `/api/v1/segments/${ids.segmentId}/members?limit=5` }),
  previewSegment: () => ({ url: '/api/v1/segments/preview', body: { rule: { match: 'any', conditions: [{ field: 'tags', op: 'hasAny', values: ['vip'] }, { field: 'points', op: 'gte', value: 1000 }] } } }),
  issueCouponsToSegment: (ids) => ({ url: `/api/v1/coupon-batches/${ids.batchId}/issue-to-segment`, body: { segmentId: ids.segmentId } }),
};

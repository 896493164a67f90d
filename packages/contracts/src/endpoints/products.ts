import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';

// Products (SPU) with their spec grid and SKUs; publish/unpublish; the listing-quality check.

export const PRODUCT_STATUSES = ['draft', 'on_sale', 'off_sale', 'archived'] as const;
export const LIFECYCLE_STAGES = ['new', 'growing', 'mature', 'declining'] as const;

export const Fen = z.int().min(0).max(1_000_000_000_000).describe('integer fen (分)');

const SpecText = z.string().trim().min(1).max(50);
export const SpecDimension = z.object({ name: SpecText.max(30), values: z.array(SpecText).min(1).max(100) }).strict();
export const SpecValues = z.record(z.string().trim().min(1).max(30), SpecText).describe('one value per spec dimension: { "颜色": "红", "尺码": "M" }');

export const SkuCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . and -, up to 64');

export const Sku = z.object({
  skuId: idSchema('sku'),
  productId: idSchema('prd'),
  code: z.string(),
  barcode: z.string().nullable(),
  specValues: z.record(z.string(), z.string()),
  priceFen: z.int(),
  costFen: z.int(),
  weightG: z.int(),
  status: z.enum(['active', 'archived']),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const SkuInput = z
  .object({
    code: SkuCode,
    barcode: z.string().trim().regex(/^[0-9A-Za-z-]{1,64}$/).nullable().default(null),
    specValues: SpecValues.default({}),
    priceFen: Fen,
    costFen: Fen,
    weightG: z.int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const Product = z.object({
  productId: idSchema('prd'),
  title: z.string(),
  subtitle: z.string(),
  mainKeyword: z.string().nullable(),
  categoryId: idSchema('cat').nullable(),
  brandId: idSchema('brd').nullable(),
  tags: z.array(z.string()),
  imageUrls: z.array(z.string()),
  description: z.string(),
  status: z.enum(PRODUCT_STATUSES),
  lifecycleStage: z.enum(LIFECYCLE_STAGES),
  specDimensions: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ProductWithSkus = Product.extend({ skus: z.array(Sku) });

const ProductParams = z.object({ productId: idSchema('prd') });

const ProductFields = {
  title: z.string().trim().min(1).max(200).describe('the check flags titles over 60 characters (CJK counts 2)'),
  subtitle: z.string().trim().max(200),
  mainKeyword: z.string().trim().min(1).max(30).nullable(),
  categoryId: idSchema('cat').nullable(),
  brandId: idSchema('brd').nullable(),
  tags: z.array(z.string().trim().min(1).max(30)).max(30),
  imageUrls: z.array(z.url({ protocol: /^https?$/ }).max(500)).max(20),
  description: z.string().max(50_000),
  lifecycleStage: z.enum(LIFECYCLE_STAGES),
};

export const listProducts = endpoint({
  id: 'listProducts',
  method: 'GET',
  path: '/api/v1/products',
  access: 'catalog.read',
  summary: 'Products (SPU)',
  tags: ['catalog'],
  query: PageQuery.extend({ status: z.enum(PRODUCT_STATUSES).optional(), categoryId: idSchema('cat').optional(), brandId: idSchema('brd').optional() }),
  response: { 200: page(Product) },
});

export const getProduct = endpoint({
  id: 'getProduct',
  method: 'GET',
  path: '/api/v1/products/:productId',
  access: 'catalog.read',
  summary: 'One product with its SKUs',
  tags: ['catalog'],
  params: ProductParams,
  response: { 200: ProductWithSkus },
});

export const createProduct = endpoint({
  id: 'createProduct',
  method: 'POST',
  path: '/api/v1/products',
  access: 'catalog.write',
  idempotent: true,
  summary: 'Add a product (draft) with SKUs from its spec dimensions',
  tags: ['catalog'],
  body: z
    .object({
      title: ProductFields.title,
      subtitle: ProductFields.subtitle.default(''),
      mainKeyword: ProductFields.mainKeyword.default(null),
      categoryId: ProductFields.categoryId.default(null),
      brandId: ProductFields.brandId.default(null),
      tags: ProductFields.tags.default([]),
      imageUrls: ProductFields.imageUrls.default([]),
      description: ProductFields.description.default(''),
      lifecycleStage: ProductFields.lifecycleStage.default('new'),
      specDimensions: z.array(SpecDimension).max(5).default([]),
      skus: z.array(SkuInput).max(500).default([]).describe('SKUs with their own codes and prices'),
      generateSkus: z
        .object({ codePrefix: SkuCode.max(48), priceFen: Fen, costFen: Fen, weightG: z.int().min(0).max(1_000_000).default(0) })
        .strict()
        .optional()
        .describe('fill every spec combination not listed in `skus`, coded {codePrefix}-1, -2 …'),
      allowBelowCost: z.boolean().default(false).describe('accept SKUs priced below cost (flagged by the quality check)'),
    })
    .strict(),
  response: { 201: ProductWithSkus },
});

export const updateProduct = endpoint({
  id: 'updateProduct',
  method: 'PATCH',
  path: '/api/v1/products/:productId',
  access: 'catalog.write',
  summary: 'Change a product’s listing fields',
  tags: ['catalog'],
  params: ProductParams,
  body: z
    .object({
      title: ProductFields.title.optional(),
      subtitle: ProductFields.subtitle.optional(),
      mainKeyword: ProductFields.mainKeyword.optional(),
      categoryId: ProductFields.categoryId.optional(),
      brandId: ProductFields.brandId.optional(),
      tags: ProductFields.tags.optional(),
      imageUrls: ProductFields.imageUrls.optional(),
      description: ProductFields.description.optional(),
      lifecycleStage: ProductFields.lifecycleStage.optional(),
    })
    .strict(),
  response: { 200: Product },
});

export const deleteProduct = endpoint({
  id: 'deleteProduct',
  method: 'DELETE',
  path: '/api/v1/products/:productId',
  access: 'catalog.write',
  summary: 'Delete a product never stocked; archive one with stock history; sku_has_stock while any SKU holds stock',
  tags: ['catalog'],
  params: ProductParams,
  response: { 204: z.null() },
});

export const addSkus = endpoint({
  id: 'addSkus',
  method: 'POST',
  path: '/api/v1/products/:productId/skus',
  access: 'catalog.write',
  idempotent: true,
  summary: 'Add SKUs to a product (new spec values extend its dimensions)',
  tags: ['catalog'],
  params: ProductParams,
  body: z.object({ skus: z.array(SkuInput).min(1).max(500), allowBelowCost: z.boolean().default(false) }).strict(),
  response: { 201: z.object({ items: z.array(Sku) }) },
});

export const publishProduct = endpoint({
  id: 'publishProduct',
  method: 'POST',
  path: '/api/v1/products/:productId/publish',
  access: 'catalog.write',
  summary: 'Put on sale (上架); product_not_publishable when archived or without active SKUs',
  tags: ['catalog'],
  params: ProductParams,
  response: { 200: Product },
});

export const unpublishProduct = endpoint({
  id: 'unpublishProduct',
  method: 'POST',
  path: '/api/v1/products/:productId/unpublish',
  access: 'catalog.write',
  summary: 'Take off sale (下架)',
  tags: ['catalog'],
  params: ProductParams,
  response: { 200: Product },
});

const BulkIds = z.object({ productIds: z.array(idSchema('prd')).min(1).max(200) }).strict();

export const bulkPublishProducts = endpoint({
  id: 'bulkPublishProducts',
  method: 'POST',
  path: '/api/v1/products/bulk-publish',
  access: 'catalog.write',
  summary: 'Put several products on sale, all or none',
  tags: ['catalog'],
  body: BulkIds,
  response: { 200: z.object({ items: z.array(Product) }) },
});

export const bulkUnpublishProducts = endpoint({
  id: 'bulkUnpublishProducts',
  method: 'POST',
  path: '/api/v1/products/bulk-unpublish',
  access: 'catalog.write',
  summary: 'Take several products off sale, all or none',
  tags: ['catalog'],
  body: BulkIds,
  response: { 200: z.object({ items: z.array(Product) }) },
});

export const QualityFinding = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const getProductQuality = endpoint({
  id: 'getProductQuality',
  method: 'GET',
  path: '/api/v1/products/:productId/quality',
  access: 'catalog.read',
  summary: 'Listing-quality check: title, keywords, banned words, images, specs, description, price vs cost',
  tags: ['catalog'],
  params: ProductParams,
  response: { 200: z.object({ productId: idSchema('prd'), findings: z.array(QualityFinding) }) },
});

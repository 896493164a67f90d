import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';

// Catalog taxonomy: the category tree (类目) and brands (品牌).

const SpecName = z.string().trim().min(1).max(30);

export const Category = z.object({
  categoryId: idSchema('cat'),
  parentId: idSchema('cat').nullable(),
  name: z.string(),
  sortOrder: z.int(),
  requiredSpecs: z.array(z.string()).describe('spec names every product of the category must fill (颜色, 尺码 …)'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const Brand = z.object({
  brandId: idSchema('brd'),
  name: z.string(),
  logoUrl: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const CategoryParams = z.object({ categoryId: idSchema('cat') });
const BrandParams = z.object({ brandId: idSchema('brd') });
const CategoryName = z.string().trim().min(1).max(60);
const RequiredSpecs = z.array(SpecName).max(10);
const LogoUrl = z.url({ protocol: /^https?$/ }).max(500);

export const listCategories = endpoint({
  id: 'listCategories',
  method: 'GET',
  path: '/api/v1/categories',
  access: 'catalog.read',
  summary: 'Categories (类目); `parentId=root` lists the top level',
  tags: ['catalog'],
  query: PageQuery.extend({ parentId: z.union([z.literal('root'), idSchema('cat')]).optional() }),
  response: { 200: page(Category) },
});

export const getCategory = endpoint({
  id: 'getCategory',
  method: 'GET',
  path: '/api/v1/categories/:categoryId',
  access: 'catalog.read',
  summary: 'One category',
  tags: ['catalog'],
  params: CategoryParams,
  response: { 200: Category },
});

export const createCategory = endpoint({
  id: 'createCategory',
  method: 'POST',
  path: '/api/v1/categories',
  access: 'catalog.write',
  idempotent: true,
  summary: 'Add a category, at the top or under a parent',
  tags: ['catalog'],
  body: z
    .object({
      name: CategoryName,
      parentId: idSchema('cat').nullable().default(null),
      sortOrder: z.int().min(0).max(1_000_000).default(0),
      requiredSpecs: RequiredSpecs.default([]),
    })
    .strict(),
  response: { 201: Category },
});

export const updateCategory = endpoint({
  id: 'updateCategory',
  method: 'PATCH',
  path: '/api/v1/categories/:categoryId',
  access: 'catalog.write',
  summary: 'Rename, move (category_cycle when under itself) or change required specs',
  tags: ['catalog'],
  params: CategoryParams,
  body: z
    .object({
      name: CategoryName.optional(),
      parentId: idSchema('cat').nullable().optional(),
      sortOrder: z.int().min(0).max(1_000_000).optional(),
      requiredSpecs: RequiredSpecs.optional(),
    })
    .strict(),
  response: { 200: Category },
});

export const deleteCategory = endpoint({
  id: 'deleteCategory',
  method: 'DELETE',
  path: '/api/v1/categories/:categoryId',
  access: 'catalog.write',
  summary: 'Delete an empty category (category_in_use while it has children or products)',
  tags: ['catalog'],
  params: CategoryParams,
  response: { 204: z.null() },
});

export const listBrands = endpoint({
  id: 'listBrands',
  method: 'GET',
  path: '/api/v1/brands',
  access: 'catalog.read',
  summary: 'Brands (品牌)',
  tags: ['catalog'],
  query: PageQuery,
  response: { 200: page(Brand) },
});

export const getBrand = endpoint({
  id: 'getBrand',
  method: 'GET',
  path: '/api/v1/brands/:brandId',
  access: 'catalog.read',
  summary: 'One brand',
  tags: ['catalog'],
  params: BrandParams,
  response: { 200: Brand },
});

export const createBrand = endpoint({
  id: 'createBrand',
  method: 'POST',
  path: '/api/v1/brands',
  access: 'catalog.write',
  idempotent: true,
  summary: 'Add a brand',
  tags: ['catalog'],
  body: z.object({ name: z.string().trim().min(1).max(60), logoUrl: LogoUrl.nullable().default(null) }).strict(),
  response: { 201: Brand },
});

export const updateBrand = endpoint({
  id: 'updateBrand',
  method: 'PATCH',
  path: '/api/v1/brands/:brandId',
  access: 'catalog.write',
  summary: 'Change a brand',
  tags: ['catalog'],
  params: BrandParams,
  body: z.object({ name: z.string().trim().min(1).max(60).optional(), logoUrl: LogoUrl.nullable().optional() }).strict(),
  response: { 200: Brand },
});

export const deleteBrand = endpoint({
  id: 'deleteBrand',
  method: 'DELETE',
  path: '/api/v1/brands/:brandId',
  access: 'catalog.write',
  summary: 'Delete a brand no product uses (brand_in_use otherwise)',
  tags: ['catalog'],
  params: BrandParams,
  response: { 204: z.null() },
});

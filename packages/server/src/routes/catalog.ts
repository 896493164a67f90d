import { catalog } from '@yunying/contracts';
import { findBrand, findCategory, listBrands, listCategories, type BrandRecord, type CategoryRecord } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import { changeBrand, changeCategory, createBrand, createCategory, removeBrand, removeCategory } from '../services/categories.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';
import { isoTimestamp } from '@yunying/core/time';

const dates = <T extends { createdAt: Date; updatedAt: Date }>(r: T) => ({ ...r, createdAt: isoTimestamp(r.createdAt), updatedAt: isoTimestamp(r.updatedAt) });
const categoryToApi = (c: CategoryRecord) => dates(c);
const brandToApi = (b: BrandRecord) => dates(b);

export function catalogRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, catalog.listCategories, async ({ query, request }) => {
    const rows = await listCategories(ctx.db, actorOf(request).tenantId, {
      parentId: query.parentId === 'root' ? null : query.parentId,
      limit: query.limit + 1,
      afterCategoryId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (c) => c.categoryId, categoryToApi);
  });

  registerEndpoint(app, ctx, catalog.getCategory, async ({ params, request }) => {
    const found = await findCategory(ctx.db, actorOf(request).tenantId, params.categoryId);
    if (!found) throw new ApiError('not_found');
    return categoryToApi(found);
  });

  registerEndpoint(app, ctx, catalog.createCategory, async ({ body, request }) => categoryToApi(unwrap(await createCategory(ctx.db, actorOf(request), body))));

  registerEndpoint(app, ctx, catalog.updateCategory, async ({ params, body, request }) =>
    categoryToApi(unwrap(await changeCategory(ctx.db, actorOf(request), params.categoryId, body))),
  );

  registerEndpoint(app, ctx, catalog.deleteCategory, async ({ params, request }) => {
    unwrap(await removeCategory(ctx.db, actorOf(request), params.categoryId));
    return null;
  });

  registerEndpoint(app, ctx, catalog.listBrands, async ({ query, request }) => {
    const rows = await listBrands(ctx.db, actorOf(request).tenantId, { limit: query.limit + 1, afterBrandId: decodeCursor(query.cursor) });
    return toPage(rows, query.limit, (b) => b.brandId, brandToApi);
  });

  registerEndpoint(app, ctx, catalog.getBrand, async ({ params, request }) => {
    const found = await findBrand(ctx.db, actorOf(request).tenantId, params.brandId);
    if (!found) throw new ApiError('not_found');
    return brandToApi(found);
  });

  registerEndpoint(app, ctx, catalog.createBrand, async ({ body, request }) => brandToApi(unwrap(await createBrand(ctx.db, actorOf(request), body))));

  registerEndpoint(app, ctx, catalog.updateBrand, async ({ params, body, request }) => brandToApi(unwrap(await changeBrand(ctx.db, actorOf(request), params.brandId, body))));

  registerEndpoint(app, ctx, catalog.deleteBrand, async ({ params, request }) => {
    unwrap(await removeBrand(ctx.db, actorOf(request), params.brandId));
    return null;
  });
}

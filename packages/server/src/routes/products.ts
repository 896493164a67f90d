import { products, skus } from '@yunying/contracts';
import { findSku, listProducts, listSkus, type ProductRecord, type SkuRecord } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import { changeProduct, createProduct, productQuality, productWithSkus, removeProduct, setProductsOnSale } from '../services/products.ts';
import { addSkus, bulkChangePrices, changeSku, removeSku } from '../services/skus.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';
import { isoTimestamp } from '@yunying/core/time';

export const skuToApi = (s: SkuRecord) => ({ ...s, createdAt: isoTimestamp(s.createdAt), updatedAt: isoTimestamp(s.updatedAt) });
const productToApi = (p: ProductRecord) => ({ ...p, createdAt: isoTimestamp(p.createdAt), updatedAt: isoTimestamp(p.updatedAt) });
const withSkus = (p: ProductRecord & { skus: SkuRecord[] }) => ({ ...productToApi(p), skus: p.skus.map(skuToApi) });

export function productRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, products.listProducts, async ({ query, request }) => {
    const rows = await listProducts(ctx.db, actorOf(request).tenantId, {
      status: query.status,
      categoryId: query.categoryId,
      brandId: query.brandId,
      limit: query.limit + 1,
      afterProductId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (p) => p.productId, productToApi);
  });

  registerEndpoint(app, ctx, products.getProduct, async ({ params, request }) => {
    const found = await productWithSkus(ctx.db, actorOf(request).tenantId, params.productId);
    if (!found) throw new ApiError('not_found');
    return withSkus(found);
  });

  registerEndpoint(app, ctx, products.createProduct, async ({ body, request }) => withSkus(unwrap(await createProduct(ctx.db, actorOf(request), body))));

  registerEndpoint(app, ctx, products.updateProduct, async ({ params, body, request }) =>
    productToApi(unwrap(await changeProduct(ctx.db, actorOf(request), params.productId, body))),
  );

  registerEndpoint(app, ctx, products.deleteProduct, async ({ params, request }) => {
    unwrap(await removeProduct(ctx.db, actorOf(request), params.productId));
    return null;
  });

  registerEndpoint(app, ctx, products.addSkus, async ({ params, body, request }) => ({
    items: unwrap(await addSkus(ctx.db, actorOf(request), params.productId, body)).map(skuToApi),
  }));

  registerEndpoint(app, ctx, products.publishProduct, async ({ params, request }) =>
    productToApi(unwrap(await setProductsOnSale(ctx.db, actorOf(request), [params.productId], true))[0]!),
  );

  registerEndpoint(app, ctx, products.unpublishProduct, async ({ params, request }) =>
    productToApi(unwrap(await setProductsOnSale(ctx.db, actorOf(request), [params.productId], false))[0]!),
  );

  registerEndpoint(app, ctx, products.bulkPublishProducts, async ({ body, request }) => ({
    items: unwrap(await setProductsOnSale(ctx.db, actorOf(request), body.productIds, true)).map(productToApi),
  }));

  registerEndpoint(app, ctx, products.bulkUnpublishProducts, async ({ body, request }) => ({
    items: unwrap(await setProductsOnSale(ctx.db, actorOf(request), body.productIds, false)).map(productToApi),
  }));

  registerEndpoint(app, ctx, products.getProductQuality, async ({ params, request }) => ({
    productId: params.productId,
    findings: unwrap(await productQuality(ctx.db, actorOf(request).tenantId, params.productId)),
  }));

  registerEndpoint(app, ctx, skus.listSkus, async ({ query, request }) => {
    const rows = await listSkus(ctx.db, actorOf(request).tenantId, {
      productId: query.productId,
      code: query.code,
      status: query.status,
      limit: query.limit + 1,
      afterSkuId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (s) => s.skuId, skuToApi);
  });

  registerEndpoint(app, ctx, skus.getSku, async ({ params, request }) => {
    const found = await findSku(ctx.db, actorOf(request).tenantId, params.skuId);
    if (!found) throw new ApiError('not_found');
    return skuToApi(found);
  });

  registerEndpoint(app, ctx, skus.updateSku, async ({ params, body, request }) => skuToApi(unwrap(await changeSku(ctx.db, actorOf(request), params.skuId, body))));

  registerEndpoint(app, ctx, skus.deleteSku, async ({ params, request }) => {
    unwrap(await removeSku(ctx.db, actorOf(request), params.skuId));
    return null;
  });

  registerEndpoint(app, ctx, skus.bulkChangePrices, async ({ body, request }) => ({ items: unwrap(await bulkChangePrices(ctx.db, actorOf(request), body)) }));
}

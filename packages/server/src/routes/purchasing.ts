import { purchasing } from '@yunying/contracts';
import { scoreSupplier } from '@yunying/core/purchasing';
import { findSupplier, listPurchaseOrders, listSupplierSkus, listSuppliers, supplierHistory, type PurchaseOrderRecord, type SupplierRecord } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import {
  changeSupplier,
  createPurchaseOrder,
  createSupplier,
  movePurchaseOrder,
  purchaseOrderWithLines,
  receivePurchaseOrder,
  returnToSupplier,
  type PurchaseOrderWithLines,
} from '../services/purchasing.ts';
import { removeSupplierSku, supplierSkuView, writeSupplierSku, type SupplierSkuView } from '../services/supplier-skus.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';
import { isoTimestamp, isoTimestampOrNull } from '@yunying/core/time';

type PoStatus = 'draft' | 'sent' | 'partially_received' | 'received' | 'closed' | 'cancelled';

const supplierToApi = (s: SupplierRecord) => ({ ...s, createdAt: isoTimestamp(s.createdAt), updatedAt: isoTimestamp(s.updatedAt) });
const headerToApi = (p: PurchaseOrderRecord) => ({
  ...p,
  status: p.status as PoStatus,
  expectedAt: isoTimestampOrNull(p.expectedAt),
  createdAt: isoTimestamp(p.createdAt),
  updatedAt: isoTimestamp(p.updatedAt),
});
const orderToApi = (p: PurchaseOrderWithLines) => ({ ...headerToApi(p), lines: p.lines });
const supplierSkuToApi = (s: SupplierSkuView) => ({ ...s, createdAt: isoTimestamp(s.createdAt), updatedAt: isoTimestamp(s.updatedAt) });

export function purchasingRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, purchasing.listSuppliers, async ({ query, request }) => {
    const rows = await listSuppliers(ctx.db, actorOf(request).tenantId, { status: query.status, limit: query.limit + 1, afterSupplierId: decodeCursor(query.cursor) });
    return toPage(rows, query.limit, (s) => s.supplierId, supplierToApi);
  });

  registerEndpoint(app, ctx, purchasing.getSupplier, async ({ params, request }) => {
    const found = await findSupplier(ctx.db, actorOf(request).tenantId, params.supplierId);
    if (!found) throw new ApiError('not_found');
    return supplierToApi(found);
  });

  registerEndpoint(app, ctx, purchasing.getSupplierScorecard, async ({ params, request }) => {
    const tenantId = actorOf(request).tenantId;
    if (!(await findSupplier(ctx.db, tenantId, params.supplierId))) throw new ApiError('not_found');
    const history = await supplierHistory(ctx.db, tenantId, params.supplierId);
    return { supplierId: params.supplierId, ...scoreSupplier(history.orders, history.receipts, history.returns) };
  });

  registerEndpoint(app, ctx, purchasing.createSupplier, async ({ body, request }) => supplierToApi(unwrap(await createSupplier(ctx.db, actorOf(request), body))));

  registerEndpoint(app, ctx, purchasing.updateSupplier, async ({ params, body, request }) =>
    supplierToApi(unwrap(await changeSupplier(ctx.db, actorOf(request), params.supplierId, body))),
  );

  registerEndpoint(app, ctx, purchasing.listPurchaseOrders, async ({ query, request }) => {
    const rows = await listPurchaseOrders(ctx.db, actorOf(request).tenantId, {
      supplierId: query.supplierId,
      status: query.status,
      limit: query.limit + 1,
      beforePoId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (p) => p.poId, headerToApi);
  });

  registerEndpoint(app, ctx, purchasing.getPurchaseOrder, async ({ params, request }) => {
    const found = await purchaseOrderWithLines(ctx.db, actorOf(request).tenantId, params.poId);
    if (!found) throw new ApiError('not_found');
    return orderToApi(found);
  });

  registerEndpoint(app, ctx, purchasing.createPurchaseOrder, async ({ body, request }) =>
    orderToApi(unwrap(await createPurchaseOrder(ctx.db, actorOf(request), { ...body, expectedAt: body.expectedAt ? new Date(body.expectedAt) : null }))),
  );

  registerEndpoint(app, ctx, purchasing.sendPurchaseOrder, async ({ params, request }) => orderToApi(unwrap(await movePurchaseOrder(ctx.db, actorOf(request), params.poId, 'sent'))));
  registerEndpoint(app, ctx, purchasing.closePurchaseOrder, async ({ params, request }) => orderToApi(unwrap(await movePurchaseOrder(ctx.db, actorOf(request), params.poId, 'closed'))));
  registerEndpoint(app, ctx, purchasing.cancelPurchaseOrder, async ({ params, request }) =>
    orderToApi(unwrap(await movePurchaseOrder(ctx.db, actorOf(request), params.poId, 'cancelled'))),
  );

  registerEndpoint(app, ctx, purchasing.receivePurchaseOrder, async ({ params, body, request }) =>
    orderToApi(unwrap(await receivePurchaseOrder(ctx.db, actorOf(request), params.poId, body.lines))),
  );

  registerEndpoint(app, ctx, purchasing.returnToSupplier, async ({ params, body, request }) =>
    orderToApi(unwrap(await returnToSupplier(ctx.db, actorOf(request), params.poId, body.lines))),
  );

  registerEndpoint(app, ctx, purchasing.listSupplierSkus, async ({ params, query, request }) => {
    const tenantId = actorOf(request).tenantId;
    const supplier = await findSupplier(ctx.db, tenantId, params.supplierId);
    if (!supplier) throw new ApiError('not_found');
    const rows = await listSupplierSkus(ctx.db, tenantId, params.supplierId, {
      preferred: query.preferred === undefined ? undefined : query.preferred === 'true',
      limit: query.limit + 1,
      afterSkuId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (r) => r.skuId, ({ skuStatus: _s, ...r }) => supplierSkuToApi(supplierSkuView(r, r.skuCode, supplier)));
  });

  registerEndpoint(app, ctx, purchasing.putSupplierSku, async ({ params, body, request }) =>
    supplierSkuToApi(unwrap(await writeSupplierSku(ctx.db, actorOf(request), params.supplierId, params.skuId, body, 'put'))),
  );

  registerEndpoint(app, ctx, purchasing.updateSupplierSku, async ({ params, body, request }) =>
    supplierSkuToApi(unwrap(await writeSupplierSku(ctx.db, actorOf(request), params.supplierId, params.skuId, body, 'patch'))),
  );

  registerEndpoint(app, ctx, purchasing.deleteSupplierSku, async ({ params, request }) => {
    unwrap(await removeSupplierSku(ctx.db, actorOf(request), params.supplierId, params.skuId));
    return null;
  });
}

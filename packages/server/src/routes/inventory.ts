import { computeStockInsights } from '@yunying/core/inventory';
import { inventory, warehouses } from '@yunying/contracts';
import {
  activeSkuStock,
  batchOverflows,
  findWarehouse,
  listBatches,
  ledgerMismatches,
  listMovements,
  listReservations,
  listStockLevels,
  listWarehouses,
  salesByDay,
  type MovementRecord,
  type NewMovement,
  type ReservationRecord,
  type StockBatchRecord,
  type StockLevelRecord,
  type WarehouseRecord,
} from '@yunying/db';
import { reorderSupplierOf, reorderTermsBySku } from '../services/supplier-skus.ts';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import { closeReservationById, reserveStock } from '../services/reservations.ts';
import { adjustStock, changeStockSettings, receiveStock, transferStock, type StockChange } from '../services/stock.ts';
import { changeWarehouse, createWarehouse } from '../services/warehouses.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';
import { isoTimestamp, isoTimestampOrNull } from '@yunying/core/time';

const warehouseToApi = (w: WarehouseRecord) => ({ ...w, createdAt: isoTimestamp(w.createdAt), updatedAt: isoTimestamp(w.updatedAt) });
const levelToApi = (l: StockLevelRecord) => ({ ...l, updatedAt: isoTimestamp(l.updatedAt) });
const movementToApi = (m: NewMovement | MovementRecord) => ({
  movementId: m.movementId,
  warehouseId: m.warehouseId,
  skuId: m.skuId,
  kind: m.kind,
  onHandDelta: m.onHandDelta,
  reservedDelta: m.reservedDelta,
  reason: m.reason ?? null,
  reference: m.reference ?? null,
  reservationId: m.reservationId ?? null,
  actorId: m.actorId,
  ...('occurredAt' in m ? { occurredAt: isoTimestamp(m.occurredAt) } : {}),
});
const changeToApi = (c: StockChange) => ({ levels: c.levels.map(levelToApi), movements: c.movements.map(movementToApi) });
const reservationToApi = (r: ReservationRecord) => ({
  ...r,
  createdAt: isoTimestamp(r.createdAt),
  expiresAt: isoTimestamp(r.expiresAt),
  closedAt: isoTimestampOrNull(r.closedAt),
});

const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const batchToApi = (b: StockBatchRecord) => ({
  ...b,
  daysToExpiry: Math.round((Date.parse(b.expiryDate) - Date.parse(today())) / DAY),
  receivedAt: isoTimestamp(b.receivedAt),
});

/** A two-part cursor `a|b`. */
function pairCursor(cursor: string | undefined): [string, string] | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  const [a, b, ...rest] = key.split('|');
  if (!a || !b || rest.length > 0) throw new ApiError('invalid_cursor', 'Pass the nextCursor of a previous page unchanged.');
  return [a, b];
}

/** The level cursor holds `skuId|warehouseId`. */
function levelCursor(cursor: string | undefined): { skuId: string; warehouseId: string } | undefined {
  const pair = pairCursor(cursor);
  return pair && { skuId: pair[0], warehouseId: pair[1] };
}

export function inventoryRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, warehouses.listWarehouses, async ({ query, request }) => {
    const rows = await listWarehouses(ctx.db, actorOf(request).tenantId, { status: query.status, limit: query.limit + 1, afterWarehouseId: decodeCursor(query.cursor) });
    return toPage(rows, query.limit, (w) => w.warehouseId, warehouseToApi);
  });

  registerEndpoint(app, ctx, warehouses.getWarehouse, async ({ params, request }) => {
    const found = await findWarehouse(ctx.db, actorOf(request).tenantId, params.warehouseId);
    if (!found) throw new ApiError('not_found');
    return warehouseToApi(found);
  });

  registerEndpoint(app, ctx, warehouses.createWarehouse, async ({ body, request }) => warehouseToApi(unwrap(await createWarehouse(ctx.db, actorOf(request), body))));

  registerEndpoint(app, ctx, warehouses.updateWarehouse, async ({ params, body, request }) =>
    warehouseToApi(unwrap(await changeWarehouse(ctx.db, actorOf(request), params.warehouseId, body))),
  );

  registerEndpoint(app, ctx, inventory.listStockLevels, async ({ query, request }) => {
    const rows = await listStockLevels(ctx.db, actorOf(request).tenantId, {
      skuId: query.skuId,
      warehouseId: query.warehouseId,
      belowReorderPoint: query.belowReorderPoint === 'true',
      limit: query.limit + 1,
      after: levelCursor(query.cursor),
    });
    return toPage(rows, query.limit, (l) => `${l.skuId}|${l.warehouseId}`, levelToApi);
  });

  registerEndpoint(app, ctx, inventory.updateStockSettings, async ({ params, body, request }) =>
    levelToApi(unwrap(await changeStockSettings(ctx.db, actorOf(request), params.warehouseId, params.skuId, body))),
  );

  registerEndpoint(app, ctx, inventory.receiveStock, async ({ body, request }) => changeToApi(unwrap(await receiveStock(ctx.db, actorOf(request), body))));

  registerEndpoint(app, ctx, inventory.adjustStock, async ({ body, request }) => changeToApi(unwrap(await adjustStock(ctx.db, actorOf(request), body))));

  registerEndpoint(app, ctx, inventory.transferStock, async ({ body, request }) => changeToApi(unwrap(await transferStock(ctx.db, actorOf(request), body))));

  registerEndpoint(app, ctx, inventory.listMovements, async ({ query, request }) => {
    const rows = await listMovements(ctx.db, actorOf(request).tenantId, {
      skuId: query.skuId,
      warehouseId: query.warehouseId,
      kind: query.kind,
      reference: query.reference,
      limit: query.limit + 1,
      beforeMovementId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (m) => m.movementId, movementToApi);
  });

  registerEndpoint(app, ctx, inventory.listReservations, async ({ query, request }) => {
    const rows = await listReservations(ctx.db, actorOf(request).tenantId, {
      reference: query.reference,
      skuId: query.skuId,
      status: query.status,
      limit: query.limit + 1,
      beforeReservationId: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, (r) => r.reservationId, reservationToApi);
  });

  registerEndpoint(app, ctx, inventory.createReservation, async ({ body, request }) => ({
    items: unwrap(await reserveStock(ctx.db, actorOf(request), body)).map(reservationToApi),
  }));

  registerEndpoint(app, ctx, inventory.releaseReservation, async ({ params, request }) =>
    reservationToApi(unwrap(await closeReservationById(ctx.db, actorOf(request), params.reservationId, { to: 'released', reason: 'cancelled' }))),
  );

  registerEndpoint(app, ctx, inventory.convertReservation, async ({ params, request }) =>
    reservationToApi(unwrap(await closeReservationById(ctx.db, actorOf(request), params.reservationId, { to: 'converted' }))),
  );

  registerEndpoint(app, ctx, inventory.listBatches, async ({ query, request }) => {
    const after = pairCursor(query.cursor);
    if (after && !(/^(19|20)\d\d-\d\d-\d\d$/.test(after[0]) && new Date(Date.parse(after[0]) || 0).toISOString().slice(0, 10) === after[0])) throw new ApiError('invalid_cursor');
    const expiringBy = query.expiringWithinDays === undefined ? undefined : new Date(Date.parse(today()) + query.expiringWithinDays * DAY).toISOString().slice(0, 10);
    const rows = await listBatches(ctx.db, actorOf(request).tenantId, {
      skuId: query.skuId,
      warehouseId: query.warehouseId,
      expiringBy,
      limit: query.limit + 1,
      after: after && { expiryDate: after[0], batchId: after[1] },
    });
    return toPage(rows, query.limit, (b) => `${b.expiryDate}|${b.batchId}`, batchToApi);
  });

  registerEndpoint(app, ctx, inventory.checkLedger, async ({ request }) => {
    const tenantId = actorOf(request).tenantId;
    const result = await ledgerMismatches(ctx.db, tenantId);
    const overflows = await batchOverflows(ctx.db, tenantId);
    return { ok: result.mismatches.length === 0 && overflows.length === 0, ...result, batchOverflows: overflows };
  });

  registerEndpoint(app, ctx, inventory.getStockInsights, async ({ query, request }) => {
    const tenantId = actorOf(request).tenantId;
    const after = decodeCursor(query.cursor);
    // Every active SKU takes part (ABC and 动销比 are shop-wide); the page only cuts the rows returned.
    const skus = await activeSkuStock(ctx.db, tenantId);
    const sales = await salesByDay(ctx.db, tenantId, new Date(), Math.max(query.windowDays, 30));
    // A SKU with a preferred supplier reorders on its terms; the others on the query's lead time.
    const terms = await reorderTermsBySku(ctx.db, tenantId);
    const { summary, skus: rows } = computeStockInsights({
      skus: skus.map((k) => {
        const t = terms.get(k.skuId);
        return t ? { ...k, leadTimeDays: t.leadTimeDays, moq: t.moq, packSize: t.packSize } : { ...k, leadTimeDays: query.leadTimeDays };
      }),
      sales,
      windowDays: query.windowDays,
      targetCoverDays: query.targetCoverDays,
    });
    const code = new Map(skus.map((k) => [k.skuId, k.code]));
    const rest = after === undefined ? rows : rows.filter((r) => r.skuId > after);
    const page = toPage(rest.slice(0, query.limit + 1), query.limit, (r) => r.skuId, (r) => ({
      skuId: r.skuId,
      code: code.get(r.skuId) ?? '',
      abcClass: r.abcClass,
      unitsSold: r.unitsSold,
      salesFen: r.salesFen,
      onHand: r.onHand,
      available: r.available,
      coverDays: r.coverDays,
      sellOutRateBp: r.sellOutRateBp,
      flags: { slowMover: r.slowMover, stockOutRisk: r.stockOutRisk },
      reorderQty: r.reorderQty,
      reorderSupplier: reorderSupplierOf(terms.get(r.skuId), r.reorderQty),
    }));
    return { summary: { windowDays: query.windowDays, ...summary }, ...page };
  });
}

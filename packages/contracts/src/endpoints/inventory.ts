import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';

// Stock levels, the stock-movement ledger, reservations and the ledger check.

export const MOVEMENT_KINDS = ['receipt', 'sale', 'reservation', 'release', 'return', 'adjustment', 'transfer_out', 'transfer_in', 'stocktake'] as const;

const Qty = z.int().min(1).max(1_000_000_000);
const Reference = z.string().trim().min(1).max(100);

export const StockLevel = z.object({
  warehouseId: idSchema('whs'),
  skuId: idSchema('sku'),
  onHand: z.int(),
  reserved: z.int(),
  available: z.int().describe('on hand − reserved, never negative'),
  safetyStock: z.int(),
  reorderPoint: z.int(),
  updatedAt: Timestamp,
});

export const Movement = z.object({
  movementId: z.string(),
  warehouseId: idSchema('whs'),
  skuId: idSchema('sku'),
  kind: z.enum(MOVEMENT_KINDS),
  onHandDelta: z.int(),
  reservedDelta: z.int(),
  reason: z.string().nullable(),
  reference: z.string().nullable(),
  reservationId: z.string().nullable(),
  actorId: z.string().nullable(),
  occurredAt: Timestamp.optional(),
});

export const Reservation = z.object({
  reservationId: idSchema('rsv'),
  reference: z.string(),
  skuId: idSchema('sku'),
  warehouseId: idSchema('whs'),
  qty: z.int(),
  status: z.enum(['held', 'released', 'converted']),
  releaseReason: z.string().nullable(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  closedAt: Timestamp.nullable(),
});

const IsoDay = z.iso.date().regex(/^(19|20)\d\d-/, 'a day between 1900 and 2099').describe('YYYY-MM-DD');

export const BatchInput = z
  .object({ batchNo: z.string().trim().min(1).max(50), productionDate: IsoDay.optional(), expiryDate: IsoDay })
  .strict()
  .refine((b) => !b.productionDate || b.productionDate <= b.expiryDate, { message: 'production after expiry', path: ['productionDate'] })
  .describe('perishables: the batch (批次) with its dates');

export const StockBatch = z.object({
  batchId: z.string(),
  warehouseId: idSchema('whs'),
  skuId: idSchema('sku'),
  batchNo: z.string(),
  productionDate: z.string().nullable(),
  expiryDate: z.string(),
  onHand: z.int(),
  daysToExpiry: z.int().describe('negative once expired'),
  receivedAt: Timestamp,
});

const StockChange = z.object({ levels: z.array(StockLevel), movements: z.array(Movement) });
const ReservationParams = z.object({ reservationId: idSchema('rsv') });

export const listStockLevels = endpoint({
  id: 'listStockLevels',
  method: 'GET',
  path: '/api/v1/inventory/levels',
  access: 'inventory.read',
  summary: 'Stock per warehouse × SKU: on hand, reserved, available, safety stock, reorder point',
  tags: ['inventory'],
  query: PageQuery.extend({
    skuId: idSchema('sku').optional(),
    warehouseId: idSchema('whs').optional(),
    belowReorderPoint: z.enum(['true', 'false']).optional().describe('only levels whose available ≤ reorder point'),
  }),
  response: { 200: page(StockLevel) },
});

export const updateStockSettings = endpoint({
  id: 'updateStockSettings',
  method: 'PATCH',
  path: '/api/v1/inventory/levels/:warehouseId/:skuId',
  access: 'inventory.write',
  summary: 'Set safety stock and reorder point of a warehouse × SKU',
  tags: ['inventory'],
  params: z.object({ warehouseId: idSchema('whs'), skuId: idSchema('sku') }),
  body: z.object({ safetyStock: z.int().min(0).max(1_000_000_000).optional(), reorderPoint: z.int().min(0).max(1_000_000_000).optional() }).strict(),
  response: { 200: StockLevel },
});

export const receiveStock = endpoint({
  id: 'receiveStock',
  method: 'POST',
  path: '/api/v1/inventory/receipts',
  access: 'inventory.write',
  idempotent: true,
  summary: 'Receive stock (receipt) or take back a customer return (return)',
  tags: ['inventory'],
  body: z
    .object({
      warehouseId: idSchema('whs'),
      skuId: idSchema('sku'),
      qty: Qty,
      kind: z.enum(['receipt', 'return']).default('receipt'),
      reference: Reference.optional(),
      batch: BatchInput.optional(),
    })
    .strict(),
  response: { 201: StockChange },
});

export const adjustStock = endpoint({
  id: 'adjustStock',
  method: 'POST',
  path: '/api/v1/inventory/adjustments',
  access: 'inventory.write',
  idempotent: true,
  summary: 'Adjust on hand by a signed quantity with a reason; insufficient_stock below what is available',
  tags: ['inventory'],
  body: z
    .object({
      warehouseId: idSchema('whs'),
      skuId: idSchema('sku'),
      delta: z.int().min(-1_000_000_000).max(1_000_000_000).refine((d) => d !== 0, 'must not be 0'),
      reason: z.string().trim().min(1).max(200),
    })
    .strict(),
  response: { 201: StockChange },
});

export const transferStock = endpoint({
  id: 'transferStock',
  method: 'POST',
  path: '/api/v1/inventory/transfers',
  access: 'inventory.write',
  idempotent: true,
  summary: 'Move available stock from one warehouse to another',
  tags: ['inventory'],
  body: z.object({ fromWarehouseId: idSchema('whs'), toWarehouseId: idSchema('whs'), skuId: idSchema('sku'), qty: Qty, reference: Reference.optional() }).strict(),
  response: { 201: StockChange },
});

export const listMovements = endpoint({
  id: 'listMovements',
  method: 'GET',
  path: '/api/v1/inventory/movements',
  access: 'inventory.read',
  summary: 'The stock-movement ledger, newest first',
  tags: ['inventory'],
  query: PageQuery.extend({ skuId: idSchema('sku').optional(), warehouseId: idSchema('whs').optional(), kind: z.enum(MOVEMENT_KINDS).optional(), reference: Reference.optional() }),
  response: { 200: page(Movement) },
});

export const listReservations = endpoint({
  id: 'listReservations',
  method: 'GET',
  path: '/api/v1/inventory/reservations',
  access: 'inventory.read',
  summary: 'Reservations, newest first',
  tags: ['inventory'],
  query: PageQuery.extend({ reference: Reference.optional(), skuId: idSchema('sku').optional(), status: z.enum(['held', 'released', 'converted']).optional() }),
  response: { 200: page(Reservation) },
});

const Allocation = z
  .discriminatedUnion('strategy', [
    z.object({ strategy: z.literal('priority') }).strict(),
    z
      .object({
        strategy: z.literal('nearest'),
        destination: z.union([
          z.object({ region: z.string().trim().min(1).max(100).describe('province name (广东, 广东省, Guangdong) or GB/T 2260 code (44, 440300)') }).strict(),
          z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict(),
        ]),
      })
      .strict(),
  ])
  .describe('warehouse priority (default), or the warehouses nearest to the destination first (by coordinates, else the province of their region)');

export const createReservation = endpoint({
  id: 'createReservation',
  method: 'POST',
  path: '/api/v1/inventory/reservations',
  access: 'inventory.write',
  idempotent: true,
  summary: 'Reserve stock for a reference (order): by warehouse priority or nearest to the destination, split across warehouses when needed; insufficient_stock otherwise',
  tags: ['inventory'],
  body: z
    .object({
      skuId: idSchema('sku'),
      qty: Qty,
      reference: Reference,
      warehouseId: idSchema('whs').optional().describe('reserve only from this warehouse'),
      allocation: Allocation.optional(),
      ttlMinutes: z.int().min(1).max(60 * 24 * 30).default(30).describe('payment window; released when it passes'),
    })
    .strict(),
  response: { 201: z.object({ items: z.array(Reservation) }) },
});

export const releaseReservation = endpoint({
  id: 'releaseReservation',
  method: 'POST',
  path: '/api/v1/inventory/reservations/:reservationId/release',
  access: 'inventory.write',
  summary: 'Release a held reservation (order cancelled)',
  tags: ['inventory'],
  params: ReservationParams,
  response: { 200: Reservation },
});

export const convertReservation = endpoint({
  id: 'convertReservation',
  method: 'POST',
  path: '/api/v1/inventory/reservations/:reservationId/convert',
  access: 'inventory.write',
  summary: 'Convert a held reservation to a sale (order shipped)',
  tags: ['inventory'],
  params: ReservationParams,
  response: { 200: Reservation },
});

export const listBatches = endpoint({
  id: 'listBatches',
  method: 'GET',
  path: '/api/v1/inventory/batches',
  access: 'inventory.read',
  summary: 'Batches with stock, earliest expiry first (the FEFO order); expiringWithinDays is the expiry alert',
  tags: ['inventory'],
  query: PageQuery.extend({
    skuId: idSchema('sku').optional(),
    warehouseId: idSchema('whs').optional(),
    expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  }),
  response: { 200: page(StockBatch) },
});

export const checkLedger = endpoint({
  id: 'checkLedger',
  method: 'GET',
  path: '/api/v1/inventory/ledger-check',
  access: 'inventory.read',
  summary: 'Recompute every balance from the ledger and held reservations and compare',
  tags: ['inventory'],
  response: {
    200: z.object({
      ok: z.boolean(),
      checked: z.int(),
      mismatches: z.array(
        z.object({
          warehouseId: z.string(),
          skuId: z.string(),
          onHand: z.int(),
          ledgerOnHand: z.int(),
          reserved: z.int(),
          ledgerReserved: z.int(),
          heldReservations: z.int(),
        }),
      ),
      batchOverflows: z.array(z.object({ warehouseId: z.string(), skuId: z.string(), batched: z.int(), onHand: z.int() })).describe('levels whose batches hold more than on hand'),
    }),
  },
});

const AbcClassSchema = z.enum(['A', 'B', 'C']);

export const StockInsight = z.object({
  skuId: idSchema('sku'),
  code: z.string(),
  abcClass: AbcClassSchema.describe('A: SKUs making the first 80 % of sales value in the window, B: the next 15 %, C: the rest and unsold SKUs'),
  unitsSold: z.int().describe('units sold (shipped) in the window'),
  salesFen: z.int().describe('unitsSold × the SKU price, fen'),
  onHand: z.int(),
  available: z.int(),
  coverDays: z.number().nullable().describe('stockCoverDays: on hand / average daily units over the trailing 30 days, 1 decimal; null when nothing sold in 30 days'),
  sellOutRateBp: z.int().nullable().describe('sellOutRate: sold / (sold + on hand), basis points; null when both are 0'),
  flags: z.object({
    slowMover: z.boolean().describe('cover > 60 days, or stock on hand and nothing sold in 30 days'),
    stockOutRisk: z.boolean().describe('class A with cover < 3 days'),
  }),
  reorderQty: z.int().describe('ceil(avg daily × (lead time + target cover days)) − available, never negative; raised to the MOQ and rounded up to whole packs of the preferred supplier'),
  reorderSupplier: z
    .object({
      supplierId: idSchema('sup'),
      supplierCode: z.string(),
      supplierName: z.string(),
      supplierItemCode: z.string().nullable(),
      purchasePriceFen: z.int().describe('the supplier SKU’s purchase price per unit, fen'),
      leadTimeDays: z.int().describe('the supplier SKU’s lead time, or the supplier’s default'),
      moq: z.int().describe('the supplier SKU’s MOQ, or the supplier’s default'),
      packSize: z.int(),
      amountFen: z.int().describe('reorderQty × purchasePriceFen'),
    })
    .nullable()
    .describe('the SKU’s preferred (active) supplier the suggestion is for; null = none, and the query’s leadTimeDays applies without MOQ'),
});

export const getStockInsights = endpoint({
  id: 'getStockInsights',
  method: 'GET',
  path: '/api/v1/inventory/insights',
  access: 'inventory.read',
  summary: 'Stock insights from shipped sales: ABC class, cover days, 动销比, sell-out rate, slow movers, stock-out risks, reorder suggestions',
  tags: ['inventory'],
  query: PageQuery.extend({
    windowDays: z.coerce.number().int().min(1).max(365).default(90).describe('window for ABC, units sold and 动销比'),
    targetCoverDays: z.coerce.number().int().min(1).max(365).default(15).describe('days of cover a reorder should reach'),
    leadTimeDays: z.coerce.number().int().min(0).max(365).default(0).describe('lead time added to the target cover of SKUs without a preferred supplier'),
  }),
  response: {
    200: z.object({
      summary: z.object({
        windowDays: z.int(),
        skusOnSale: z.int().describe('active SKUs'),
        skusSold: z.int().describe('active SKUs with ≥ 1 unit sold in the window'),
        sellThroughSkuRatioBp: z.int().describe('动销比 = skusSold / skusOnSale, basis points'),
        healthy: z.boolean().describe('动销比 ≥ 70 %'),
        classCounts: z.object({ A: z.int(), B: z.int(), C: z.int() }),
        slowMovers: z.int(),
        stockOutRisks: z.int(),
        unitsSold: z.int(),
        salesFen: z.int(),
      }),
      items: z.array(StockInsight).describe('per SKU in SKU id order, keyset-paginated'),
      nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
    }),
  },
});

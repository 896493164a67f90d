import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';
import { BatchInput } from './inventory.ts';

// Suppliers (供应商) and purchase orders (采购单).

const PO_STATUSES = ['draft', 'sent', 'partially_received', 'received', 'closed', 'cancelled'] as const;
const Contact = z.object({ name: z.string().trim().min(1).max(50), phone: z.string().trim().max(30).optional(), email: z.email().max(200).optional() }).strict();

export const Supplier = z.object({
  supplierId: idSchema('sup'),
  code: z.string(),
  name: z.string(),
  contacts: z.array(z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() })),
  leadTimeDays: z.int(),
  moq: z.int().describe('minimum order quantity'),
  paymentTerms: z.string(),
  status: z.enum(['active', 'archived']),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const PurchaseOrder = z.object({
  poId: idSchema('po'),
  supplierId: idSchema('sup'),
  warehouseId: idSchema('whs'),
  status: z.enum(PO_STATUSES),
  expectedAt: Timestamp.nullable(),
  note: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lines: z.array(
    z.object({
      skuId: idSchema('sku'),
      qtyOrdered: z.int(),
      qtyReceived: z.int().describe('accepted units (rejected units never enter stock and do not count)'),
      unitCostFen: z.int(),
      qtyRejected: z.int().describe('units rejected as defective at receiving'),
      qtyReturned: z.int().describe('accepted units returned to the supplier (退供)'),
    }),
  ),
});

export const PurchaseOrderHeader = PurchaseOrder.omit({ lines: true });

const SupplierParams = z.object({ supplierId: idSchema('sup') });
const PoParams = z.object({ poId: idSchema('po') });
const LeadTime = z.int().min(0).max(365);
const Moq = z.int().min(1).max(1_000_000_000);

export const listSuppliers = endpoint({
  id: 'listSuppliers',
  method: 'GET',
  path: '/api/v1/suppliers',
  access: 'purchasing.read',
  summary: 'Suppliers',
  tags: ['purchasing'],
  query: PageQuery.extend({ status: z.enum(['active', 'archived']).optional() }),
  response: { 200: page(Supplier) },
});

export const getSupplier = endpoint({
  id: 'getSupplier',
  method: 'GET',
  path: '/api/v1/suppliers/:supplierId',
  access: 'purchasing.read',
  summary: 'One supplier',
  tags: ['purchasing'],
  params: SupplierParams,
  response: { 200: Supplier },
});

export const createSupplier = endpoint({
  id: 'createSupplier',
  method: 'POST',
  path: '/api/v1/suppliers',
  access: 'purchasing.write',
  idempotent: true,
  summary: 'Add a supplier with contacts, lead time, MOQ and payment terms',
  tags: ['purchasing'],
  body: z
    .object({
      code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'letters, digits, _ and -, up to 40'),
      name: z.string().trim().min(1).max(100),
      contacts: z.array(Contact).max(10).default([]),
      leadTimeDays: LeadTime.default(7),
      moq: Moq.default(1),
      paymentTerms: z.string().trim().max(100).default(''),
    })
    .strict(),
  response: { 201: Supplier },
});

export const updateSupplier = endpoint({
  id: 'updateSupplier',
  method: 'PATCH',
  path: '/api/v1/suppliers/:supplierId',
  access: 'purchasing.write',
  summary: 'Change a supplier',
  tags: ['purchasing'],
  params: SupplierParams,
  body: z
    .object({
      name: z.string().trim().min(1).max(100).optional(),
      contacts: z.array(Contact).max(10).optional(),
      leadTimeDays: LeadTime.optional(),
      moq: Moq.optional(),
      paymentTerms: z.string().trim().max(100).optional(),
      status: z.enum(['active', 'archived']).optional(),
    })
    .strict(),
  response: { 200: Supplier },
});

export const listPurchaseOrders = endpoint({
  id: 'listPurchaseOrders',
  method: 'GET',
  path: '/api/v1/purchase-orders',
  access: 'purchasing.read',
  summary: 'Purchase orders, newest first (without lines)',
  tags: ['purchasing'],
  query: PageQuery.extend({ supplierId: idSchema('sup').optional(), status: z.enum(PO_STATUSES).optional() }),
  response: { 200: page(PurchaseOrderHeader) },
});

export const getPurchaseOrder = endpoint({
  id: 'getPurchaseOrder',
  method: 'GET',
  path: '/api/v1/purchase-orders/:poId',
  access: 'purchasing.read',
  summary: 'One purchase order with its lines',
  tags: ['purchasing'],
  params: PoParams,
  response: { 200: PurchaseOrder },
});

export const createPurchaseOrder = endpoint({
  id: 'createPurchaseOrder',
  method: 'POST',
  path: '/api/v1/purchase-orders',
  access: 'purchasing.write',
  idempotent: true,
  summary: 'Draft a purchase order',
  tags: ['purchasing'],
  body: z
    .object({
      supplierId: idSchema('sup'),
      warehouseId: idSchema('whs'),
      expectedAt: z.iso.datetime().nullable().default(null),
      note: z.string().trim().max(500).default(''),
      lines: z
        .array(
          z
            .object({
              skuId: idSchema('sku'),
              qtyOrdered: z.int().min(1).max(1_000_000_000),
              unitCostFen: z.int().min(0).max(1_000_000_000_000).optional().describe('fen; omitted = the supplier SKU’s purchase price (sku_not_supplied when the supplier has none)'),
            })
            .strict(),
        )
        .min(1)
        .max(500),
      allowBelowMoq: z.boolean().default(false).describe('accept lines below the supplier SKU’s MOQ (else below_moq)'),
    })
    .strict(),
  response: { 201: PurchaseOrder },
});

const move = (id: string, verb: 'send' | 'close' | 'cancel', summary: string) =>
  endpoint({
    id,
    method: 'POST',
    path: `/api/v1/purchase-orders/:poId/${verb}`,
    access: 'purchasing.write',
    summary,
    tags: ['purchasing'],
    params: PoParams,
    response: { 200: PurchaseOrder },
  });

export const sendPurchaseOrder = move('sendPurchaseOrder', 'send', 'Send a draft to the supplier');
export const closePurchaseOrder = move('closePurchaseOrder', 'close', 'Close a (partially) received order');
export const cancelPurchaseOrder = move('cancelPurchaseOrder', 'cancel', 'Cancel a draft or sent order');

const ReceiptLine = z
  .object({
    skuId: idSchema('sku'),
    qty: z.int().min(0).max(1_000_000_000).describe('accepted units: they enter stock'),
    rejectedQty: z.int().min(0).max(1_000_000_000).default(0).describe('units rejected as defective: they never enter stock'),
    rejectReason: z.string().trim().min(1).max(200).optional().describe('required when rejectedQty > 0'),
    batch: BatchInput.optional(),
  })
  .strict()
  .refine((l) => l.qty + l.rejectedQty > 0, { message: 'receive or reject at least one unit', path: ['qty'] })
  .refine((l) => l.rejectedQty === 0 || l.rejectReason !== undefined, { message: 'give a reason for rejected units', path: ['rejectReason'] });

export const receivePurchaseOrder = endpoint({
  id: 'receivePurchaseOrder',
  method: 'POST',
  path: '/api/v1/purchase-orders/:poId/receipts',
  access: 'purchasing.write',
  idempotent: true,
  summary: 'Receive goods: accepted units post stock (and batches) to the ledger, rejected units are recorded with a reason; over_receipt and sku_not_on_order are refused',
  tags: ['purchasing'],
  params: PoParams,
  body: z.object({ lines: z.array(ReceiptLine).min(1).max(500) }).strict(),
  response: { 201: PurchaseOrder },
});

export const returnToSupplier = endpoint({
  id: 'returnToSupplier',
  method: 'POST',
  path: '/api/v1/purchase-orders/:poId/returns',
  access: 'purchasing.write',
  idempotent: true,
  summary: 'Return accepted units to the supplier (退供): posts an adjustment out of the order’s warehouse; over_return, insufficient_stock and sku_not_on_order are refused',
  tags: ['purchasing'],
  params: PoParams,
  body: z
    .object({
      lines: z
        .array(z.object({ skuId: idSchema('sku'), qty: z.int().min(1).max(1_000_000_000), reason: z.string().trim().min(1).max(200).describe('why, e.g. 质量问题') }).strict())
        .min(1)
        .max(500),
    })
    .strict(),
  response: { 201: PurchaseOrder },
});

export const getSupplierScorecard = endpoint({
  id: 'getSupplierScorecard',
  method: 'GET',
  path: '/api/v1/suppliers/:supplierId/scorecard',
  access: 'purchasing.read',
  summary: 'Supplier scorecard from receipts and returns: on-time, fill and defect rates (bp), grade S/A/B/C, monthly trend',
  tags: ['purchasing'],
  params: SupplierParams,
  response: {
    200: z.object({
      supplierId: idSchema('sup'),
      onTimeRateBp: z.int().nullable(),
      fillRateBp: z.int().nullable().describe('accepted / ordered units on received or closed orders'),
      defectRateBp: z.int().nullable().describe('(rejected + returned) / (accepted + rejected) units; null before any delivery'),
      grade: z.enum(['S', 'A', 'B', 'C']).nullable().describe('null until the on-time and fill rates can be computed'),
      ordersScored: z.int(),
      unitsRejected: z.int(),
      unitsReturned: z.int(),
      trend: z.array(
        z.object({
          month: z.string(),
          onTimeRateBp: z.int().nullable(),
          unitsReceived: z.int().describe('accepted units received in the month'),
          unitsRejected: z.int(),
          unitsReturned: z.int().describe('units returned to the supplier in the month'),
          defectRateBp: z.int().nullable().describe('(rejected + returned) / (accepted + rejected) of the month; null without deliveries'),
        }),
      ),
    }),
  },
});

// Supplier SKUs (供应商商品): the supplier's item code and terms for a SKU.

export const SupplierSku = z.object({
  supplierId: idSchema('sup'),
  skuId: idSchema('sku'),
  skuCode: z.string(),
  supplierItemCode: z.string().nullable().describe('the supplier’s own item code (货号)'),
  purchasePriceFen: z.int().describe('purchase price per unit, fen'),
  moq: z.int().nullable().describe('minimum order quantity; null = the supplier’s default'),
  leadTimeDays: z.int().nullable().describe('null = the supplier’s default'),
  packSize: z.int().describe('units per case; reorder suggestions round up to whole cases'),
  isPreferred: z.boolean().describe('the SKU’s preferred supplier (at most one per SKU)'),
  effectiveMoq: z.int().describe('moq, or the supplier’s default'),
  effectiveLeadTimeDays: z.int().describe('leadTimeDays, or the supplier’s default'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const SupplierSkuParams = z.object({ supplierId: idSchema('sup'), skuId: idSchema('sku') });
const SupplierItemCode = z.string().trim().min(1).max(64).nullable();
const PurchasePrice = z.int().min(0).max(1_000_000_000_000);
const PackSize = z.int().min(1).max(1_000_000);

export const listSupplierSkus = endpoint({
  id: 'listSupplierSkus',
  method: 'GET',
  path: '/api/v1/suppliers/:supplierId/skus',
  access: 'purchasing.read',
  summary: 'The SKUs a supplier supplies, with its item codes and terms, in SKU id order',
  tags: ['purchasing'],
  params: SupplierParams,
  query: PageQuery.extend({ preferred: z.enum(['true', 'false']).optional().describe('only the SKUs this supplier is (not) preferred for') }),
  response: { 200: page(SupplierSku) },
});

export const putSupplierSku = endpoint({
  id: 'putSupplierSku',
  method: 'PUT',
  path: '/api/v1/suppliers/:supplierId/skus/:skuId',
  access: 'purchasing.write',
  summary: 'Add a SKU to a supplier or replace its terms; isPreferred moves the SKU’s preferred flag here (sku_archived, supplier_archived)',
  tags: ['purchasing'],
  params: SupplierSkuParams,
  body: z
    .object({
      supplierItemCode: SupplierItemCode.default(null),
      purchasePriceFen: PurchasePrice,
      moq: z.int().min(1).max(1_000_000_000).nullable().default(null).describe('null = the supplier’s default'),
      leadTimeDays: z.int().min(0).max(365).nullable().default(null).describe('null = the supplier’s default'),
      packSize: PackSize.default(1),
      isPreferred: z.boolean().default(false),
    })
    .strict(),
  response: { 200: SupplierSku },
});

export const updateSupplierSku = endpoint({
  id: 'updateSupplierSku',
  method: 'PATCH',
  path: '/api/v1/suppliers/:supplierId/skus/:skuId',
  access: 'purchasing.write',
  summary: 'Change some of a supplier SKU’s terms (omitted = unchanged)',
  tags: ['purchasing'],
  params: SupplierSkuParams,
  body: z
    .object({
      supplierItemCode: SupplierItemCode.optional(),
      purchasePriceFen: PurchasePrice.optional(),
      moq: z.int().min(1).max(1_000_000_000).nullable().optional(),
      leadTimeDays: z.int().min(0).max(365).nullable().optional(),
      packSize: PackSize.optional(),
      isPreferred: z.boolean().optional(),
    })
    .strict(),
  response: { 200: SupplierSku },
});

export const deleteSupplierSku = endpoint({
  id: 'deleteSupplierSku',
  method: 'DELETE',
  path: '/api/v1/suppliers/:supplierId/skus/:skuId',
  access: 'purchasing.write',
  summary: 'Stop buying a SKU from a supplier (its purchase orders keep their lines)',
  tags: ['purchasing'],
  params: SupplierSkuParams,
  response: { 204: z.null() },
});

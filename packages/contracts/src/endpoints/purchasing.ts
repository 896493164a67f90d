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
  lines: z.array(z.object({ skuId: idSchema('sku'), qtyOrdered: z.int(), qtyReceived: z.int(), unitCostFen: z.int() })),
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
        .array(z.object({ skuId: idSchema('sku'), qtyOrdered: z.int().min(1).max(1_000_000_000), unitCostFen: z.int().min(0).max(1_000_000_000_000) }).strict())
        .min(1)
        .max(500),
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

export const receivePurchaseOrder = endpoint({
  id: 'receivePurchaseOrder',
  method: 'POST',
  path: '/api/v1/purchase-orders/:poId/receipts',
  access: 'purchasing.write',
  idempotent: true,
  summary: 'Receive goods: posts stock (and batches) to the ledger; over_receipt and sku_not_on_order are refused',
  tags: ['purchasing'],
  params: PoParams,
  body: z.object({ lines: z.array(z.object({ skuId: idSchema('sku'), qty: z.int().min(1).max(1_000_000_000), batch: BatchInput.optional() }).strict()).min(1).max(500) }).strict(),
  response: { 201: PurchaseOrder },
});

export const getSupplierScorecard = endpoint({
  id: 'getSupplierScorecard',
  method: 'GET',
  path: '/api/v1/suppliers/:supplierId/scorecard',
  access: 'purchasing.read',
  summary: 'Supplier scorecard from receipts: on-time rate, fill rate (bp), grade S/A/B/C, monthly trend',
  tags: ['purchasing'],
  params: SupplierParams,
  response: {
    200: z.object({
      supplierId: idSchema('sup'),
      onTimeRateBp: z.int().nullable(),
      fillRateBp: z.int().nullable(),
      grade: z.enum(['S', 'A', 'B', 'C']).nullable().describe('null until both rates can be computed'),
      ordersScored: z.int(),
      trend: z.array(z.object({ month: z.string(), onTimeRateBp: z.int().nullable(), unitsReceived: z.int() })),
    }),
  },
});

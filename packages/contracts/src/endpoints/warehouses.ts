import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';

export const Warehouse = z.object({
  warehouseId: idSchema('whs'),
  code: z.string(),
  name: z.string(),
  priority: z.int().describe('lower is allocated first'),
  region: z.string().describe('a province name or GB/T 2260 code places the warehouse for the nearest strategy'),
  latitude: z.number().nullable().describe('WGS-84 degrees; with longitude, overrides the region for the nearest strategy'),
  longitude: z.number().nullable(),
  status: z.enum(['active', 'archived']),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const WarehouseParams = z.object({ warehouseId: idSchema('whs') });
const Priority = z.int().min(0).max(10_000);
const Latitude = z.number().min(-90).max(90);
const Longitude = z.number().min(-180).max(180);
const paired = (w: { latitude?: number | null | undefined; longitude?: number | null | undefined }) => (w.latitude === undefined) === (w.longitude === undefined) && (w.latitude === null) === (w.longitude === null);
const PAIRED = { message: 'latitude and longitude go together', path: ['longitude'] };

export const listWarehouses = endpoint({
  id: 'listWarehouses',
  method: 'GET',
  path: '/api/v1/warehouses',
  access: 'inventory.read',
  summary: 'Warehouses (仓库)',
  tags: ['inventory'],
  query: PageQuery.extend({ status: z.enum(['active', 'archived']).optional() }),
  response: { 200: page(Warehouse) },
});

export const getWarehouse = endpoint({
  id: 'getWarehouse',
  method: 'GET',
  path: '/api/v1/warehouses/:warehouseId',
  access: 'inventory.read',
  summary: 'One warehouse',
  tags: ['inventory'],
  params: WarehouseParams,
  response: { 200: Warehouse },
});

export const createWarehouse = endpoint({
  id: 'createWarehouse',
  method: 'POST',
  path: '/api/v1/warehouses',
  access: 'inventory.write',
  idempotent: true,
  summary: 'Add a warehouse',
  tags: ['inventory'],
  body: z
    .object({
      code: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'letters, digits, _ and -, up to 40'),
      name: z.string().trim().min(1).max(100),
      priority: Priority.default(100),
      region: z.string().trim().max(100).default(''),
      latitude: Latitude.nullable().optional(),
      longitude: Longitude.nullable().optional(),
    })
    .strict()
    .refine(paired, PAIRED),
  response: { 201: Warehouse },
});

export const updateWarehouse = endpoint({
  id: 'updateWarehouse',
  method: 'PATCH',
  path: '/api/v1/warehouses/:warehouseId',
  access: 'inventory.write',
  summary: 'Change a warehouse; archiving one with stock is warehouse_has_stock',
  tags: ['inventory'],
  params: WarehouseParams,
  body: z
    .object({
      name: z.string().trim().min(1).max(100).optional(),
      priority: Priority.optional(),
      region: z.string().trim().max(100).optional(),
      latitude: Latitude.nullable().optional(),
      longitude: Longitude.nullable().optional(),
      status: z.enum(['active', 'archived']).optional(),
    })
    .strict()
    .refine(paired, PAIRED),
  response: { 200: Warehouse },
});

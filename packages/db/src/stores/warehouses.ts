import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { WarehousesTable } from '../schema-inventory.ts';

export interface WarehouseRecord {
  warehouseId: string;
  code: string;
  name: string;
  priority: number;
  region: string;
  latitude: number | null;
  longitude: number | null;
  status: 'active' | 'archived';
  createdAt: Date;
  updatedAt: Date;
}

export type WarehouseFields = Pick<WarehouseRecord, 'code' | 'name' | 'priority' | 'region'> & Partial<Pick<WarehouseRecord, 'latitude' | 'longitude'>>;
export type WarehousePatch = Partial<Pick<WarehouseRecord, 'name' | 'priority' | 'region' | 'latitude' | 'longitude' | 'status'>>;

function toWarehouse(r: Selectable<WarehousesTable>): WarehouseRecord {
  return {
    warehouseId: r.warehouse_id,
    code: r.code,
    name: r.name,
    priority: r.priority,
    region: r.region,
    latitude: r.latitude,
    longitude: r.longitude,
    status: r.status as WarehouseRecord['status'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Inserts a warehouse; undefined when its code is taken. */
export async function insertWarehouse(db: Kysely<DB>, tenantId: string, w: WarehouseFields & { warehouseId: string }): Promise<WarehouseRecord | undefined> {
  const row = await db
    .insertInto('warehouses')
    .values({ tenant_id: tenantId, warehouse_id: w.warehouseId, code: w.code, name: w.name, priority: w.priority, region: w.region, latitude: w.latitude ?? null, longitude: w.longitude ?? null })
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && toWarehouse(row);
}

export async function findWarehouse(db: Kysely<DB>, tenantId: string, warehouseId: string, forUpdate = false): Promise<WarehouseRecord | undefined> {
  let q = db.selectFrom('warehouses').selectAll().where('tenant_id', '=', tenantId).where('warehouse_id', '=', warehouseId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toWarehouse(row);
}

export async function listWarehouses(
  db: Kysely<DB>,
  tenantId: string,
  filter: { status?: string | undefined; limit: number; afterWarehouseId?: string | undefined },
): Promise<WarehouseRecord[]> {
  let q = db.selectFrom('warehouses').selectAll().where('tenant_id', '=', tenantId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.afterWarehouseId) q = q.where('warehouse_id', '>', filter.afterWarehouseId);
  const rows = await q.orderBy('warehouse_id').limit(filter.limit).execute();
  return rows.map(toWarehouse);
}

/** Active warehouses in allocation order: priority, then id. */
export async function activeWarehouses(db: Kysely<DB>, tenantId: string): Promise<WarehouseRecord[]> {
  const rows = await db
    .selectFrom('warehouses')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    .orderBy('priority')
    .orderBy('warehouse_id')
    .execute();
  return rows.map(toWarehouse);
}

export async function updateWarehouse(
  db: Kysely<DB>,
  tenantId: string,
  warehouseId: string,
  patch: WarehousePatch,
): Promise<WarehouseRecord | undefined> {
  const row = await db
    .updateTable('warehouses')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
      ...(patch.region !== undefined ? { region: patch.region } : {}),
      ...(patch.latitude !== undefined ? { latitude: patch.latitude } : {}),
      ...(patch.longitude !== undefined ? { longitude: patch.longitude } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('warehouse_id', '=', warehouseId)
    .returningAll()
    .executeTakeFirst();
  return row && toWarehouse(row);
}

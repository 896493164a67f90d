import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from './schema.ts';

// Row types of migrations/0004_inventory.sql.

export interface WarehousesTable {
  tenant_id: string;
  warehouse_id: string;
  code: string;
  name: string;
  priority: Generated<number>;
  region: Generated<string>;
  status: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** 0010 */
  latitude: number | null;
  longitude: number | null;
}

export interface StockLevelsTable {
  tenant_id: string;
  warehouse_id: string;
  sku_id: string;
  on_hand: Generated<number>;
  reserved: Generated<number>;
  safety_stock: Generated<number>;
  reorder_point: Generated<number>;
  updated_at: Timestamp;
}

export interface StockMovementsTable {
  tenant_id: string;
  movement_id: string;
  occurred_at: Timestamp;
  warehouse_id: string;
  sku_id: string;
  kind: string;
  on_hand_delta: number;
  reserved_delta: number;
  reason: string | null;
  reference: string | null;
  reservation_id: string | null;
  actor_id: string | null;
  request_id: string | null;
}

export interface ReservationsTable {
  tenant_id: string;
  reservation_id: string;
  reference: string;
  sku_id: string;
  warehouse_id: string;
  qty: number;
  status: Generated<string>;
  release_reason: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  closed_at: NullableTimestamp;
}

export interface StocktakesTable {
  tenant_id: string;
  stocktake_id: string;
  warehouse_id: string;
  status: Generated<string>;
  note: Generated<string>;
  created_at: Timestamp;
  closed_at: NullableTimestamp;
}

export interface StocktakeLinesTable {
  tenant_id: string;
  stocktake_id: string;
  sku_id: string;
  expected_on_hand: number;
  counted: number | null;
  counted_at: NullableTimestamp;
}

export interface StockBatchesTable {
  tenant_id: string;
  batch_id: string;
  warehouse_id: string;
  sku_id: string;
  batch_no: string;
  /** `date` columns: written as 'YYYY-MM-DD', read through to_char (see stores/stock-batches.ts). */
  production_date: string | null;
  expiry_date: string;
  on_hand: Generated<number>;
  received_at: Timestamp;
}

/** The inventory module's tables. */
export interface InventoryTables {
  warehouses: WarehousesTable;
  stock_levels: StockLevelsTable;
  stock_movements: StockMovementsTable;
  reservations: ReservationsTable;
  stocktakes: StocktakesTable;
  stocktake_lines: StocktakeLinesTable;
  stock_batches: StockBatchesTable;
}

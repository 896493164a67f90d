import type { Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './schema.ts';

// Row types of migrations/0005_purchasing.sql and 0008_supplier_skus.sql.

export interface SupplierContact {
  name: string;
  phone?: string | undefined;
  email?: string | undefined;
}

export interface SuppliersTable {
  tenant_id: string;
  supplier_id: string;
  code: string;
  name: string;
  contacts: Json<SupplierContact[]>;
  lead_time_days: Generated<number>;
  moq: Generated<number>;
  payment_terms: Generated<string>;
  status: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PurchaseOrdersTable {
  tenant_id: string;
  po_id: string;
  supplier_id: string;
  warehouse_id: string;
  status: Generated<string>;
  expected_at: NullableTimestamp;
  note: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PurchaseOrderLinesTable {
  tenant_id: string;
  po_id: string;
  sku_id: string;
  qty_ordered: number;
  qty_received: Generated<number>;
  unit_cost_fen: number;
  qty_rejected: Generated<number>;
  qty_returned: Generated<number>;
}

export interface PurchaseReceiptsTable {
  tenant_id: string;
  receipt_id: string;
  po_id: string;
  sku_id: string;
  qty: number;
  received_at: Timestamp;
  rejected_qty: Generated<number>;
  reject_reason: string | null;
}

export interface SupplierSkusTable {
  tenant_id: string;
  supplier_id: string;
  sku_id: string;
  supplier_item_code: string | null;
  purchase_price_fen: number;
  moq: number | null;
  lead_time_days: number | null;
  pack_size: Generated<number>;
  is_preferred: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SupplierReturnsTable {
  tenant_id: string;
  return_id: string;
  po_id: string;
  sku_id: string;
  qty: number;
  reason: string;
  returned_at: Timestamp;
}

/** The purchasing module's tables. */
export interface PurchasingTables {
  suppliers: SuppliersTable;
  purchase_orders: PurchaseOrdersTable;
  purchase_order_lines: PurchaseOrderLinesTable;
  purchase_receipts: PurchaseReceiptsTable;
  supplier_skus: SupplierSkusTable;
  supplier_returns: SupplierReturnsTable;
}

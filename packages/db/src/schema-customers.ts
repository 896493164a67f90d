import type { Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './schema.ts';

// Row types of migrations/0011_customers.sql.

export interface CustomersTable {
  tenant_id: string;
  customer_id: string;
  customer_ref: string;
  display_name: string | null;
  phone: string | null;
  email: string | null;
  region: string | null;
  gender: string | null;
  /** `date`: written as 'YYYY-MM-DD', read through to_char (see stores/customers.ts). */
  birthday: string | null;
  member_tier: Generated<string>;
  tags: Generated<string[]>;
  points_balance: Generated<number>;
  first_order_at: NullableTimestamp;
  last_order_at: NullableTimestamp;
  orders_count: Generated<number>;
  paid_total_fen: Generated<number>;
  paid_last_12m_fen: Generated<number>;
  tier_reviewed_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PointsLedgerTable {
  tenant_id: string;
  entry_id: string;
  customer_id: string;
  kind: string;
  points: number;
  balance_after: number;
  reason: string;
  reference: string | null;
  actor_id: string | null;
  request_id: string | null;
  occurred_at: Timestamp;
}

export interface SegmentsTable {
  tenant_id: string;
  segment_id: string;
  name: string;
  description: string | null;
  rule: Json<unknown>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomersTables {
  customers: CustomersTable;
  points_ledger: PointsLedgerTable;
  segments: SegmentsTable;
}

import type { ColumnType, Generated } from 'kysely';
import type { CatalogTables } from './schema-catalog.ts';
import type { CatalogImportsTables } from './schema-catalog-imports.ts';
import type { ChannelListingsTables } from './schema-channel-listings.ts';
import type { InventoryTables } from './schema-inventory.ts';
import type { PurchasingTables } from './schema-purchasing.ts';
import type { PromotionsTables } from './schema-promotions.ts';
import type { ShippingTables } from './schema-shipping.ts';
import type { CustomersTables } from './schema-customers.ts';

// Row types of the SQL schema in ../migrations. A test compares these names with the migrated
// database's information_schema, so the two cannot drift apart silently.

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
export type Json<T> = ColumnType<T, string | undefined, string>;

export interface TenantsTable {
  tenant_id: string;
  name: string;
  time_zone: Generated<string>;
  currency: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  user_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  disabled_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  tenant_id: string;
  user_id: string;
  role: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  session_hash: string;
  user_id: string;
  tenant_id: string | null;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface ApiTokensTable {
  tenant_id: string;
  token_id: string;
  user_id: string;
  name: string;
  role: string;
  secret_hash: string;
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface AuditLogTable {
  tenant_id: string;
  audit_id: string;
  occurred_at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: Json<Record<string, { before: unknown; after: unknown }>>;
  request_id: string | null;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  actor_id: string;
  idem_key: string;
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response_body: Json<unknown> | null;
  created_at: Timestamp;
}

export interface ChannelsTable {
  tenant_id: string;
  channel_id: string;
  code: string;
  name: string;
  platform: string;
  commission_bp: number;
  ship_within_hours: number;
  status: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

/** The foundation's tables. Each module adds its own `…Tables` interface to `DB` below. */
export interface FoundationTables {
  tenants: TenantsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  channels: ChannelsTable;
  schema_migrations: SchemaMigrationsTable;
}

/** Every table of the database: one `…Tables` interface per module (schema-<module>.ts). */
export interface DB extends FoundationTables, CatalogTables, InventoryTables, PurchasingTables, PromotionsTables, ChannelListingsTables, ShippingTables, CatalogImportsTables, CustomersTables {}

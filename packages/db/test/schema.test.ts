import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_ENGINE, type TestDatabase } from './test-database.ts';

// Identity is the control plane and spans shops (see 0001_foundation.sql); every other table is
// a shop's data and must lead its keys and indexes with tenant_id (Citus-ready).
const CONTROL_PLANE = new Set(['tenants', 'users', 'sessions', 'schema_migrations']);

// Column names of src/schema.ts, per table: kept here as the test's independent copy.
const EXPECTED: Record<string, string[]> = {
  tenants: ['tenant_id', 'name', 'time_zone', 'currency', 'created_at', 'updated_at'],
  users: ['user_id', 'email', 'display_name', 'password_hash', 'failed_logins', 'locked_until', 'disabled_at', 'created_at', 'updated_at'],
  memberships: ['tenant_id', 'user_id', 'role', 'created_at', 'updated_at'],
  sessions: ['session_hash', 'user_id', 'tenant_id', 'csrf_token', 'created_at', 'expires_at', 'last_seen_at'],
  api_tokens: ['tenant_id', 'token_id', 'user_id', 'name', 'role', 'secret_hash', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'],
  audit_log: ['tenant_id', 'audit_id', 'occurred_at', 'actor_type', 'actor_id', 'action', 'entity_type', 'entity_id', 'changes', 'request_id'],
  idempotency_keys: ['tenant_id', 'actor_id', 'idem_key', 'method', 'path', 'request_hash', 'status_code', 'response_body', 'created_at'],
  channels: ['tenant_id', 'channel_id', 'code', 'name', 'platform', 'commission_bp', 'ship_within_hours', 'status', 'created_at', 'updated_at'],
  schema_migrations: ['version', 'name', 'checksum', 'applied_at'],
  // promotions (0003)
  campaigns: ['tenant_id', 'campaign_id', 'name', 'campaign_type', 'phases', 'starts_at', 'ends_at', 'budget_fen', 'target_gmv_fen', 'status', 'created_at', 'updated_at'],
  promotions: ['tenant_id', 'promotion_id', 'name', 'rule_code', 'args', 'starts_at', 'ends_at', 'channel_ids', 'tiers', 'priority', 'exclusive', 'stacking', 'status', 'campaign_id', 'created_at', 'updated_at'],
  coupon_batches: [
    'tenant_id', 'batch_id', 'name', 'kind', 'scope', 'threshold_fen', 'discount_type', 'amount_fen', 'pay_bp', 'cap_fen', 'validity_type', 'valid_from', 'valid_until', 'valid_days',
    'total_quantity', 'claimed_count', 'per_customer_limit', 'channel_ids', 'tiers', 'priority', 'exclusive', 'stacking', 'status', 'campaign_id', 'created_at', 'updated_at',
  ],
  coupons: ['tenant_id', 'coupon_id', 'batch_id', 'customer_ref', 'claimed_at', 'valid_from', 'expires_at', 'status', 'used_order_ref', 'used_at', 'used_discount_fen', 'revoked_at', 'updated_at'],
  promotion_usages: ['tenant_id', 'promotion_id', 'order_ref', 'customer_ref', 'quantity', 'discount_fen', 'status', 'used_at', 'released_at'],
  // catalog (0002)
  categories: ['tenant_id', 'category_id', 'parent_id', 'name', 'sort_order', 'required_specs', 'created_at', 'updated_at'],
  brands: ['tenant_id', 'brand_id', 'name', 'logo_url', 'created_at', 'updated_at'],
  products: ['tenant_id', 'product_id', 'title', 'subtitle', 'main_keyword', 'category_id', 'brand_id', 'tags', 'image_urls', 'description', 'status', 'lifecycle_stage', 'spec_dimensions', 'created_at', 'updated_at'],
  skus: ['tenant_id', 'sku_id', 'product_id', 'code', 'barcode', 'spec_values', 'spec_key', 'price_fen', 'cost_fen', 'weight_g', 'status', 'created_at', 'updated_at'],
  // inventory (0004)
  warehouses: ['tenant_id', 'warehouse_id', 'code', 'name', 'priority', 'region', 'status', 'created_at', 'updated_at', 'latitude', 'longitude'],
  stock_levels: ['tenant_id', 'warehouse_id', 'sku_id', 'on_hand', 'reserved', 'safety_stock', 'reorder_point', 'updated_at'],
  stock_movements: ['tenant_id', 'movement_id', 'occurred_at', 'warehouse_id', 'sku_id', 'kind', 'on_hand_delta', 'reserved_delta', 'reason', 'reference', 'reservation_id', 'actor_id', 'request_id'],
  reservations: ['tenant_id', 'reservation_id', 'reference', 'sku_id', 'warehouse_id', 'qty', 'status', 'release_reason', 'created_at', 'expires_at', 'closed_at'],
  stocktakes: ['tenant_id', 'stocktake_id', 'warehouse_id', 'status', 'note', 'created_at', 'closed_at'],
  stocktake_lines: ['tenant_id', 'stocktake_id', 'sku_id', 'expected_on_hand', 'counted', 'counted_at'],
  stock_batches: ['tenant_id', 'batch_id', 'warehouse_id', 'sku_id', 'batch_no', 'production_date', 'expiry_date', 'on_hand', 'received_at'],
  // purchasing (0005)
  suppliers: ['tenant_id', 'supplier_id', 'code', 'name', 'contacts', 'lead_time_days', 'moq', 'payment_terms', 'status', 'created_at', 'updated_at'],
  purchase_orders: ['tenant_id', 'po_id', 'supplier_id', 'warehouse_id', 'status', 'expected_at', 'note', 'created_at', 'updated_at'],
  purchase_order_lines: ['tenant_id', 'po_id', 'sku_id', 'qty_ordered', 'qty_received', 'unit_cost_fen', 'qty_rejected', 'qty_returned'],
  purchase_receipts: ['tenant_id', 'receipt_id', 'po_id', 'sku_id', 'qty', 'received_at', 'rejected_qty', 'reject_reason'],
  // supplier SKUs, rejections and returns to suppliers (0008)
  supplier_skus: ['tenant_id', 'supplier_id', 'sku_id', 'supplier_item_code', 'purchase_price_fen', 'moq', 'lead_time_days', 'pack_size', 'is_preferred', 'created_at', 'updated_at'],
  supplier_returns: ['tenant_id', 'return_id', 'po_id', 'sku_id', 'qty', 'reason', 'returned_at'],
  // channel listings (0006)
  channel_listings: ['tenant_id', 'channel_id', 'sku_id', 'price_fen', 'status', 'external_id', 'created_at', 'updated_at'],
  // catalog imports (0007)
  catalog_imports: ['tenant_id', 'import_id', 'status', 'format', 'encoding', 'dry_run', 'create_missing', 'fields', 'rows_read', 'created_count', 'updated_count', 'unchanged_count', 'rejected_count', 'warnings', 'failure_code', 'failure_detail', 'actor_id', 'created_at', 'updated_at', 'finished_at'],
  catalog_import_problems: ['tenant_id', 'import_id', 'row_number', 'seq', 'column_name', 'code', 'message_zh', 'message_en'],
  catalog_import_rows: ['tenant_id', 'import_id', 'row_number', 'product_code', 'title', 'category_path', 'brand_name', 'spec_names', 'spec_vals', 'spec_values', 'sku_code', 'barcode', 'price_fen', 'cost_fen', 'weight_g', 'status', 'tags', 'image_urls', 'description', 'new_product_id', 'new_sku_id', 'product_id', 'sku_id', 'sku_product_id', 'category_id', 'brand_id'],
  catalog_product_codes: ['tenant_id', 'code', 'product_id', 'created_at'],
  // shipping templates (0009)
  shipping_templates: ['tenant_id', 'template_id', 'name', 'groups', 'default_rule', 'undeliverable_regions', 'free_shipping', 'is_default', 'created_at', 'updated_at'],
  shipping_template_channels: ['tenant_id', 'channel_id', 'template_id'],
  // customers, points ledger, segments (0011)
  customers: [
    'tenant_id', 'customer_id', 'customer_ref', 'display_name', 'phone', 'email', 'region', 'gender', 'birthday', 'member_tier', 'tags', 'points_balance',
    'first_order_at', 'last_order_at', 'orders_count', 'paid_total_fen', 'paid_last_12m_fen', 'tier_reviewed_at', 'created_at', 'updated_at',
  ],
  points_ledger: ['tenant_id', 'entry_id', 'customer_id', 'kind', 'points', 'balance_after', 'reason', 'reference', 'actor_id', 'request_id', 'occurred_at'],
  segments: ['tenant_id', 'segment_id', 'name', 'description', 'rule', 'created_at', 'updated_at'],
};

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => t?.close());

describe(`schema (${TEST_ENGINE})`, () => {
  it('has exactly the tables and columns the typed query layer declares', async () => {
    const rows = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' order by table_name, ordinal_position`.execute(t.database.db);
    const actual: Record<string, string[]> = {};
    for (const r of rows.rows) (actual[r.table_name] ??= []).push(r.column_name);
    expect(actual).toEqual(EXPECTED);
  });

  it('leads every primary key and index of shop data with tenant_id', async () => {
    const rows = await sql<{ table_name: string; index_name: string; first_column: string }>`
      select t.relname as table_name, i.relname as index_name, a.attname as first_column
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      left join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
      where n.nspname = 'public'`.execute(t.database.db);
    const offenders = rows.rows.filter((r) => !CONTROL_PLANE.has(r.table_name) && r.first_column !== 'tenant_id');
    // memberships_user_idx serves sign-in (a person's shops), the one lookup that starts from a user.
    expect(offenders.map((r) => r.index_name)).toEqual(['memberships_user_idx']);
  });

  it('keeps the audit log append-only in the database itself', async () => {
    const db = t.database.db;
    await db.insertInto('tenants').values({ tenant_id: 'tnt_audit', name: 'x' }).execute();
    await db
      .insertInto('audit_log')
      .values({ tenant_id: 'tnt_audit', audit_id: 'aud_1', actor_type: 'system', action: 'create', entity_type: 'x', entity_id: '1', changes: '{}', actor_id: null, request_id: null })
      .execute();
    await expect(db.updateTable('audit_log').set({ action: 'tampered' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    const left = await db.selectFrom('audit_log').select('action').execute();
    expect(left).toEqual([{ action: 'create' }]);
  });

  it('refuses to truncate any ledger (row triggers never see a TRUNCATE), naming the ledger', async () => {
    const db = t.database.db;
    for (const table of ['audit_log', 'stock_movements', 'points_ledger']) {
      await expect(sql.raw(`truncate ${table}`).execute(db), table).rejects.toThrow(new RegExp(`${table} is append-only`));
    }
    await expect(sql.raw('delete from audit_log').execute(db)).rejects.toThrow(/audit_log is append-only/);
    expect((await db.selectFrom('audit_log').select('action').execute()).length).toBe(1);
  });
});

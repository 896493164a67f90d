import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { ReservationsTable } from '../schema-inventory.ts';

export type ReservationStatus = 'held' | 'released' | 'converted';

export interface ReservationRecord {
  reservationId: string;
  reference: string;
  skuId: string;
  warehouseId: string;
  qty: number;
  status: ReservationStatus;
  releaseReason: string | null;
  createdAt: Date;
  expiresAt: Date;
  closedAt: Date | null;
}

function toReservation(r: Selectable<ReservationsTable>): ReservationRecord {
  return {
    reservationId: r.reservation_id,
    reference: r.reference,
    skuId: r.sku_id,
    warehouseId: r.warehouse_id,
    qty: r.qty,
    status: r.status as ReservationStatus,
    releaseReason: r.release_reason,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    closedAt: r.closed_at,
  };
}

export async function insertReservations(
  db: Kysely<DB>,
  tenantId: string,
  rows: readonly { reservationId: string; reference: string; skuId: string; warehouseId: string; qty: number; expiresAt: Date }[],
): Promise<ReservationRecord[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('reservations')
    .values(
      rows.map((r) => ({
        tenant_id: tenantId,
        reservation_id: r.reservationId,
        reference: r.reference,
        sku_id: r.skuId,
        warehouse_id: r.warehouseId,
        qty: r.qty,
        expires_at: r.expiresAt,
      })),
    )
    .returningAll()
    .execute();
  const order = new Map(rows.map((r, i) => [r.reservationId, i]));
  return inserted.map(toReservation).sort((a, b) => order.get(a.reservationId)! - order.get(b.reservationId)!);
}

export async function findReservation(db: Kysely<DB>, tenantId: string, reservationId: string, forUpdate = false): Promise<ReservationRecord | undefined> {
  let q = db.selectFrom('reservations').selectAll().where('tenant_id', '=', tenantId).where('reservation_id', '=', reservationId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toReservation(row);
}

/** Held reservations of a reference, locked in id order. */
export async function heldReservationsOf(db: Kysely<DB>, tenantId: string, reference: string): Promise<ReservationRecord[]> {
  const rows = await db
    .selectFrom('reservations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('reference', '=', reference)
    .where('status', '=', 'held')
    .orderBy('reservation_id')
    .forUpdate()
    .execute();
  return rows.map(toReservation);
}

export async function listReservations(
  db: Kysely<DB>,
  tenantId: string,
  filter: { reference?: string | undefined; skuId?: string | undefined; status?: string | undefined; limit: number; beforeReservationId?: string | undefined },
): Promise<ReservationRecord[]> {
  let q = db.selectFrom('reservations').selectAll().where('tenant_id', '=', tenantId);
  if (filter.reference) q = q.where('reference', '=', filter.reference);
  if (filter.skuId) q = q.where('sku_id', '=', filter.skuId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.beforeReservationId) q = q.where('reservation_id', '<', filter.beforeReservationId);
  const rows = await q.orderBy('reservation_id', 'desc').limit(filter.limit).execute();
  return rows.map(toReservation);
}

/** Closes a held reservation; undefined when it was no longer held. */
export async function closeReservation(
  db: Kysely<DB>,
  tenantId: string,
  reservationId: string,
  to: { status: 'released' | 'converted'; releaseReason: string | null; at: Date },
): Promise<ReservationRecord | undefined> {
  const row = await db
    .updateTable('reservations')
    .set({ status: to.status, release_reason: to.releaseReason, closed_at: to.at })
    .where('tenant_id', '=', tenantId)
    .where('reservation_id', '=', reservationId)
    .where('status', '=', 'held')
    .returningAll()
    .executeTakeFirst();
  return row && toReservation(row);
}

/** Shops with held reservations past their deadline (the expiry job's work list). */
export async function tenantsWithOverdueReservations(db: Kysely<DB>, now: Date): Promise<string[]> {
  const rows = await sql<{ tenant_id: string }>`
    select distinct tenant_id from reservations where status = 'held' and expires_at <= ${now}`.execute(db);
  return rows.rows.map((r) => r.tenant_id);
}

/** Ids of a shop's overdue held reservations, oldest deadline first. */
export async function overdueReservationIds(db: Kysely<DB>, tenantId: string, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('reservations')
    .select('reservation_id')
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'held')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.reservation_id);
}

/** A SKU's state and stock as one unlocked read sees it, for planning reservations. */
export interface ReservationSnapshot {
  skuStatus: string;
  /** Every active warehouse, with the SKU's available units there (0 without a level row). */
  warehouses: { warehouseId: string; priority: number; region: string; latitude: number | null; longitude: number | null; available: number }[];
}

/**
 * One read for planning reservations: the status of each SKU and its available units in every
 * active warehouse, without locks. SKUs of another shop or unknown ids are absent from the map.
 * The plan is only a guess: writeReservations re-checks every level.
 */
export async function reservationSnapshot(db: Kysely<DB>, tenantId: string, skuIds: readonly string[]): Promise<Map<string, ReservationSnapshot>> {
  const out = new Map<string, ReservationSnapshot>();
  if (skuIds.length === 0) return out;
  // One SQL text for any number of SKUs (an array parameter), and each level reached through its
  // primary key: a prepared statement's generic plan cannot turn this into a scan of every level.
  const { rows } = await sql<{
    sku_id: string;
    status: string;
    warehouse_id: string | null;
    priority: number | null;
    region: string | null;
    latitude: number | null;
    longitude: number | null;
    available: number | null;
  }>`
    select s.sku_id, s.status, w.warehouse_id, w.priority, w.region, w.latitude, w.longitude,
           (select l.on_hand - l.reserved from stock_levels l
             where l.tenant_id = s.tenant_id and l.warehouse_id = w.warehouse_id and l.sku_id = s.sku_id) as available
    from skus s
    left join warehouses w on w.tenant_id = s.tenant_id and w.status = 'active'
    where s.tenant_id = ${tenantId}::text and s.sku_id = any(${[...skuIds]}::text[])`.execute(db);
  for (const r of rows) {
    let s = out.get(r.sku_id);
    if (!s) out.set(r.sku_id, (s = { skuStatus: r.status, warehouses: [] }));
    if (r.warehouse_id === null) continue;
    s.warehouses.push({
      warehouseId: r.warehouse_id,
      priority: r.priority!,
      region: r.region!,
      latitude: r.latitude,
      longitude: r.longitude,
      available: r.available ?? 0,
    });
  }
  return out;
}

/** One planned reservation row for writeReservations, with the ids of its ledger and audit rows. */
export interface PlannedReservation {
  reservationId: string;
  reference: string;
  skuId: string;
  warehouseId: string;
  qty: number;
  expiresAt: Date;
  movementId: string;
  auditId: string;
  /** The audit entry's changes (field → { before, after }). */
  auditChanges: unknown;
  actorType: string;
  actorId: string | null;
  requestId: string | null;
}

/** SQLSTATE raised by writeReservations when a level no longer had the planned units. */
export const RESERVATION_RACE_SQLSTATE = 'YY001';

/**
 * Writes planned reservations — of one order or of many orders at once — in ONE statement (one
 * round trip, its own implicit transaction when `db` is not a transaction). Each level's reserved
 * count goes up by the plan's total for it through a conditional UPDATE (on hand − reserved ≥
 * total, re-checked by PostgreSQL on the latest row version after any lock wait), and only when
 * every level took its total are the reservation, ledger ('reservation') and audit rows inserted.
 * Otherwise the statement aborts itself with SQLSTATE YY001 (yunying_abort, 0010) and nothing is
 * written. The plan travels as one jsonb parameter (yunying_reservation_plan, 0010), so the SQL
 * text (a prepared statement) is the same for every plan size.
 */
export async function writeReservations(db: Kysely<DB>, tenantId: string, plan: readonly PlannedReservation[]): Promise<ReservationRecord[]> {
  if (plan.length === 0) return [];
  const levels = new Set(plan.map((p) => `${p.skuId}\u0000${p.warehouseId}`)).size;
  const rows = JSON.stringify(
    plan.map((p) => ({
      reservation_id: p.reservationId,
      reference: p.reference,
      sku_id: p.skuId,
      warehouse_id: p.warehouseId,
      qty: p.qty,
      expires_at: p.expiresAt.toISOString(),
      movement_id: p.movementId,
      audit_id: p.auditId,
      changes: p.auditChanges,
      actor_type: p.actorType,
      actor_id: p.actorId,
      request_id: p.requestId,
    })),
  );
  const result = await sql<Selectable<ReservationsTable>>`
    with plan as (select * from yunying_reservation_plan(${rows}::jsonb)),
    totals as (
      select sku_id, warehouse_id, sum(qty)::integer as qty from plan group by sku_id, warehouse_id order by sku_id, warehouse_id
    ),
    taken as (
      update stock_levels l set reserved = l.reserved + t.qty, updated_at = now()
      from totals t
      where l.tenant_id = ${tenantId}::text and l.sku_id = t.sku_id and l.warehouse_id = t.warehouse_id and l.on_hand - l.reserved >= t.qty
      returning 1
    ),
    complete as (
      select case when count(*) = ${levels}::integer then true else yunying_abort('reservation_race') end as ok from taken
    ),
    inserted as (
      insert into reservations (tenant_id, reservation_id, reference, sku_id, warehouse_id, qty, expires_at)
      select ${tenantId}::text, reservation_id, reference, sku_id, warehouse_id, qty, expires_at from plan where (select ok from complete)
      returning *
    ),
    moved as (
      insert into stock_movements (tenant_id, movement_id, warehouse_id, sku_id, kind, on_hand_delta, reserved_delta, reference, reservation_id, actor_id, request_id)
      select ${tenantId}::text, movement_id, warehouse_id, sku_id, 'reservation', 0, qty, reference, reservation_id, actor_id, request_id from plan where (select ok from complete)
    ),
    audited as (
      insert into audit_log (tenant_id, audit_id, actor_type, actor_id, action, entity_type, entity_id, changes, request_id)
      select ${tenantId}::text, audit_id, actor_type, actor_id, 'reserve', 'reservation', reservation_id, changes, request_id from plan where (select ok from complete)
    )
    select * from inserted`.execute(db);
  const order = new Map(plan.map((p, i) => [p.reservationId, i]));
  return result.rows.map(toReservation).sort((a, b) => order.get(a.reservationId)! - order.get(b.reservationId)!);
}

/** True when `error` is writeReservations' abort (a level lost its units to a concurrent writer) or a deadlock victim. */
export function isReservationRace(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === RESERVATION_RACE_SQLSTATE || code === '40P01';
}

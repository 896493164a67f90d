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

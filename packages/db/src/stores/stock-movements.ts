import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { StockMovementsTable } from '../schema-inventory.ts';

export const MOVEMENT_KINDS = ['receipt', 'sale', 'reservation', 'release', 'return', 'adjustment', 'transfer_out', 'transfer_in', 'stocktake'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** The movement kind written when a reservation is converted on shipment: units leaving as sold. */
export const SALE_KIND: MovementKind = 'sale';

/**
 * Units sold over the `sale` movements of the rows aliased `alias`: a sale takes units off hand, so
 * units sold = −Σ on_hand_delta. The one definition that the stock insights and the product
 * lifecycle read until order lines exist (then 件数 is the sum of paid line quantities; GLOSSARY).
 * An aggregate: put it in a grouped select, optionally followed by `filter (where …)`.
 */
export function unitsSold(alias: string) {
  return sql<number>`-sum(${sql.ref(`${alias}.on_hand_delta`)})`;
}

export interface NewMovement {
  movementId: string;
  warehouseId: string;
  skuId: string;
  kind: MovementKind;
  onHandDelta: number;
  reservedDelta: number;
  reason?: string | null | undefined;
  reference?: string | null | undefined;
  reservationId?: string | null | undefined;
  actorId: string | null;
  requestId: string | null;
}

export interface MovementRecord extends Required<NewMovement> {
  occurredAt: Date;
}

function toMovement(r: Selectable<StockMovementsTable>): MovementRecord {
  return {
    movementId: r.movement_id,
    occurredAt: r.occurred_at,
    warehouseId: r.warehouse_id,
    skuId: r.sku_id,
    kind: r.kind as MovementKind,
    onHandDelta: r.on_hand_delta,
    reservedDelta: r.reserved_delta,
    reason: r.reason,
    reference: r.reference,
    reservationId: r.reservation_id,
    actorId: r.actor_id,
    requestId: r.request_id,
  };
}

/** Appends ledger rows; call it in the transaction that changes the balances. */
export async function appendMovements(db: Kysely<DB>, tenantId: string, movements: readonly NewMovement[]): Promise<void> {
  if (movements.length === 0) return;
  await db
    .insertInto('stock_movements')
    .values(
      movements.map((m) => ({
        tenant_id: tenantId,
        movement_id: m.movementId,
        warehouse_id: m.warehouseId,
        sku_id: m.skuId,
        kind: m.kind,
        on_hand_delta: m.onHandDelta,
        reserved_delta: m.reservedDelta,
        reason: m.reason ?? null,
        reference: m.reference ?? null,
        reservation_id: m.reservationId ?? null,
        actor_id: m.actorId,
        request_id: m.requestId,
      })),
    )
    .execute();
}

/** Newest first, keyset-paged by movement id. */
export async function listMovements(
  db: Kysely<DB>,
  tenantId: string,
  filter: { skuId?: string | undefined; warehouseId?: string | undefined; kind?: string | undefined; reference?: string | undefined; limit: number; beforeMovementId?: string | undefined },
): Promise<MovementRecord[]> {
  let q = db.selectFrom('stock_movements').selectAll().where('tenant_id', '=', tenantId);
  if (filter.skuId) q = q.where('sku_id', '=', filter.skuId);
  if (filter.warehouseId) q = q.where('warehouse_id', '=', filter.warehouseId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.reference) q = q.where('reference', '=', filter.reference);
  if (filter.beforeMovementId) q = q.where('movement_id', '<', filter.beforeMovementId);
  const rows = await q.orderBy('movement_id', 'desc').limit(filter.limit).execute();
  return rows.map(toMovement);
}

/** True when any ledger row names one of the SKUs (its history must stay). */
export async function hasMovements(db: Kysely<DB>, tenantId: string, skuIds: readonly string[]): Promise<boolean> {
  if (skuIds.length === 0) return false;
  const row = await db.selectFrom('stock_movements').select('movement_id').where('tenant_id', '=', tenantId).where('sku_id', 'in', [...skuIds]).limit(1).executeTakeFirst();
  return row !== undefined;
}

export interface LedgerMismatch {
  warehouseId: string;
  skuId: string;
  onHand: number;
  ledgerOnHand: number;
  reserved: number;
  ledgerReserved: number;
  heldReservations: number;
}

/**
 * Recomputes every balance of the shop from the ledger (and reserved from the held reservations)
 * and returns the levels that disagree, plus how many levels were checked.
 */
export async function ledgerMismatches(db: Kysely<DB>, tenantId: string): Promise<{ checked: number; mismatches: LedgerMismatch[] }> {
  const rows = await sql<{ warehouse_id: string; sku_id: string; on_hand: number; reserved: number; ledger_on_hand: string; ledger_reserved: string; held: string }>`
    select l.warehouse_id, l.sku_id, l.on_hand, l.reserved,
      coalesce(m.on_hand, 0) as ledger_on_hand, coalesce(m.reserved, 0) as ledger_reserved, coalesce(r.held, 0) as held
    from stock_levels l
    left join (select warehouse_id, sku_id, sum(on_hand_delta) as on_hand, sum(reserved_delta) as reserved
               from stock_movements where tenant_id = ${tenantId} group by warehouse_id, sku_id) m
      on m.warehouse_id = l.warehouse_id and m.sku_id = l.sku_id
    left join (select warehouse_id, sku_id, sum(qty) as held
               from reservations where tenant_id = ${tenantId} and status = 'held' group by warehouse_id, sku_id) r
      on r.warehouse_id = l.warehouse_id and r.sku_id = l.sku_id
    where l.tenant_id = ${tenantId}
    order by l.sku_id, l.warehouse_id`.execute(db);
  const mismatches = rows.rows
    .map((r) => ({
      warehouseId: r.warehouse_id,
      skuId: r.sku_id,
      onHand: r.on_hand,
      ledgerOnHand: Number(r.ledger_on_hand),
      reserved: r.reserved,
      ledgerReserved: Number(r.ledger_reserved),
      heldReservations: Number(r.held),
    }))
    .filter((m) => m.onHand !== m.ledgerOnHand || m.reserved !== m.ledgerReserved || m.reserved !== m.heldReservations);
  return { checked: rows.rows.length, mismatches };
}

import { resolveProvince, type GeoPoint } from '@yunying/core/geo';
import { allocateStock, byDistanceFrom, byPriority, type LocatedWarehouse } from '@yunying/core/inventory';
import { isoTimestamp } from '@yunying/core/time';
import {
  activeWarehouses,
  appendMovements,
  applyStockDelta,
  closeReservation,
  consumeBatchesFefo,
  findReservation,
  findSku,
  heldReservationsOf,
  insertReservations,
  readLevels,
  newId,
  overdueReservationIds,
  tenantsWithOverdueReservations,
  type DB,
  type Kysely,
  type ReservationRecord,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { reserveInBatch } from './reservation-batches.ts';
import { fail, ok, type Actor, type Result } from './result.ts';
import { insufficient, movement } from './stock.ts';
import { transact } from './transact.ts';

// Reservations (库存占用): taken when an order is created, released when it is cancelled or its
// payment window expires, converted to a sale on shipment.

export const DEFAULT_RESERVATION_MINUTES = 30;

function auditable(r: Pick<ReservationRecord, 'reference' | 'skuId' | 'warehouseId' | 'qty' | 'status' | 'releaseReason' | 'expiresAt'>): Record<string, unknown> {
  return { reference: r.reference, skuId: r.skuId, warehouseId: r.warehouseId, qty: r.qty, status: r.status, releaseReason: r.releaseReason, expiresAt: isoTimestamp(r.expiresAt) };
}

export interface ReservationLine {
  skuId: string;
  qty: number;
}

/**
 * Which warehouses a line takes its units from: 'priority' (the default) or 'nearest' to the
 * destination — a province (name or GB/T 2260 code) or a point.
 */
export type AllocationStrategy = { strategy: 'priority' } | { strategy: 'nearest'; destination: { region: string } | GeoPoint };

/** The warehouse order of a strategy; unknown_region when the destination names no province. */
function warehouseOrder(strategy: AllocationStrategy | undefined): Result<(a: LocatedWarehouse, b: LocatedWarehouse) => number> {
  if (!strategy || strategy.strategy === 'priority') return ok(byPriority);
  const d = strategy.destination;
  if ('region' in d) {
    const province = resolveProvince(d.region);
    if (!province) return fail('unknown_region', `${d.region} names no province (use a name such as 广东 or a GB/T 2260 code such as 44).`, { region: d.region });
    return ok(byDistanceFrom(province));
  }
  return ok(byDistanceFrom(d));
}

/**
 * Reserves one line inside the caller's transaction, exactly: the levels are read under row locks
 * (warehouse id order, the global lock order), planned by the strategy's warehouse order — split
 * across warehouses when no single one has enough, each judged on its own available stock — and
 * written through the conditional UPDATE of applyStockDelta (reserved + q ≤ on hand).
 */
async function reserveLine(
  trx: Kysely<DB>,
  actor: Actor,
  line: ReservationLine,
  opts: { reference: string; warehouseId?: string | undefined; expiresAt: Date; order: (a: LocatedWarehouse, b: LocatedWarehouse) => number },
): Promise<Result<ReservationRecord[]>> {
  const sku = await findSku(trx, actor.tenantId, line.skuId);
  if (!sku || sku.status !== 'active') return fail('not_found', `Unknown or archived SKU ${line.skuId}.`, { skuId: line.skuId });
  let warehouses = await activeWarehouses(trx, actor.tenantId);
  if (opts.warehouseId) {
    warehouses = warehouses.filter((w) => w.warehouseId === opts.warehouseId);
    if (warehouses.length === 0) return fail('not_found', `Unknown warehouse ${opts.warehouseId}.`, { warehouseId: opts.warehouseId });
  }
  const levels = await readLevels(trx, actor.tenantId, line.skuId, warehouses.map((w) => w.warehouseId), true);
  const stock = warehouses.map((w) => ({ ...w, available: levels.find((l) => l.warehouseId === w.warehouseId)?.available ?? 0 }));
  const plan = allocateStock(stock, line.qty, opts.order);
  if (!plan.ok) return insufficient(line.skuId, line.qty, stock.map(({ warehouseId, available }) => ({ warehouseId, available })));
  const rows = plan.allocations.map((a) => ({ reservationId: newId('rsv'), reference: opts.reference, skuId: line.skuId, warehouseId: a.warehouseId, qty: a.qty, expiresAt: opts.expiresAt }));
  for (const r of [...rows].sort((a, b) => (a.warehouseId < b.warehouseId ? -1 : 1))) {
    const after = await applyStockDelta(trx, actor.tenantId, r.warehouseId, r.skuId, { onHand: 0, reserved: r.qty });
    if (!after) throw new Error(`reservation of a locked level failed: ${r.warehouseId}/${r.skuId}`);
  }
  const reservations = await insertReservations(trx, actor.tenantId, rows);
  await appendMovements(
    trx,
    actor.tenantId,
    reservations.map((r) => movement(actor, { warehouseId: r.warehouseId, skuId: r.skuId, kind: 'reservation', onHandDelta: 0, reservedDelta: r.qty, reference: r.reference, reservationId: r.reservationId })),
  );
  for (const r of reservations) await recordChange(trx, actor, { action: 'reserve', entityType: 'reservation', entityId: r.reservationId, before: null, after: auditable(r) });
  return ok(reservations);
}

/** The request of reserveLines. */
export interface ReserveInput {
  /** The order (or other document) the units are held for. */
  reference: string;
  lines: readonly ReservationLine[];
  /** Reserve only from this warehouse. */
  warehouseId?: string | undefined;
  allocation?: AllocationStrategy | undefined;
  ttlMinutes?: number | undefined;
  now?: Date;
}

/**
 * Reserves every line of an order (`reference`), all or none. Lines of the same SKU are merged and
 * SKUs are handled in id order, so concurrent orders cannot deadlock.
 *
 * The fast path (outside a caller's transaction) batches concurrent requests: one unlocked read
 * plans them, one statement takes the units and writes the reservation, ledger and audit rows —
 * or aborts, writing nothing, when a level lost its units meanwhile (reservation-batches.ts).
 * Then, and inside a caller's transaction, the lines are re-planned under row locks, which is exact.
 */
export async function reserveLines(db: Kysely<DB>, actor: Actor, input: ReserveInput): Promise<Result<ReservationRecord[]>> {
  const merged = new Map<string, number>();
  for (const l of input.lines) merged.set(l.skuId, (merged.get(l.skuId) ?? 0) + l.qty);
  const lines = [...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([skuId, qty]) => ({ skuId, qty }));
  const order = warehouseOrder(input.allocation);
  if (!order.ok) return order;
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (input.ttlMinutes ?? DEFAULT_RESERVATION_MINUTES) * 60_000);
  const opts = { reference: input.reference, warehouseId: input.warehouseId, expiresAt, order: order.value };
  const locked = async (trx: Kysely<DB>) => {
    const out: ReservationRecord[] = [];
    for (const line of lines) {
      const r = await reserveLine(trx, actor, line, opts);
      if (!r.ok) return r;
      out.push(...r.value);
    }
    return ok(out);
  };
  if (db.isTransaction) return locked(db);
  const outcome = await reserveInBatch(db, { actor, lines, ...opts, auditable });
  return outcome === 'retry' ? transact(db, locked) : outcome;
}

/** Reserves `qty` units of one SKU for `reference` (see reserveLines). */
export async function reserveStock(
  db: Kysely<DB>,
  actor: Actor,
  input: Omit<ReserveInput, 'lines'> & { skuId: string; qty: number },
): Promise<Result<ReservationRecord[]>> {
  const { skuId, qty, ...rest } = input;
  return reserveLines(db, actor, { ...rest, lines: [{ skuId, qty }] });
}

type Closing = { to: 'released'; reason: 'cancelled' | 'expired' } | { to: 'converted' };

/** Closes one held reservation in the caller's transaction: release gives the units back, convert ships them. */
async function closeHeld(trx: Kysely<DB>, actor: Actor, held: ReservationRecord, closing: Closing, now: Date): Promise<ReservationRecord> {
  const sale = closing.to === 'converted';
  const delta = { onHand: sale ? -held.qty : 0, reserved: -held.qty };
  const level = await applyStockDelta(trx, actor.tenantId, held.warehouseId, held.skuId, delta);
  if (!level) throw new Error(`closing reservation ${held.reservationId} broke its level's invariant`);
  if (sale) await consumeBatchesFefo(trx, actor.tenantId, held.warehouseId, held.skuId, held.qty);
  const after = (await closeReservation(trx, actor.tenantId, held.reservationId, { status: closing.to, releaseReason: sale ? null : closing.reason, at: now }))!;
  await appendMovements(trx, actor.tenantId, [
    movement(actor, {
      warehouseId: held.warehouseId,
      skuId: held.skuId,
      kind: sale ? 'sale' : 'release',
      onHandDelta: delta.onHand,
      reservedDelta: delta.reserved,
      reason: sale ? null : closing.reason,
      reference: held.reference,
      reservationId: held.reservationId,
    }),
  ]);
  await recordChange(trx, actor, { action: sale ? 'convert' : closing.reason === 'expired' ? 'expire' : 'release', entityType: 'reservation', entityId: held.reservationId, before: auditable(held), after: auditable(after) });
  return after;
}

/** Releases (cancelled) or converts (shipped) one reservation; reservation_not_held once it is closed. */
export async function closeReservationById(db: Kysely<DB>, actor: Actor, reservationId: string, closing: Closing, now = new Date()): Promise<Result<ReservationRecord>> {
  return transact(db, async (trx) => {
    const held = await findReservation(trx, actor.tenantId, reservationId, true);
    if (!held) return fail('not_found');
    if (held.status !== 'held') return fail('reservation_not_held', `The reservation is ${held.status}.`, { status: held.status });
    return ok(await closeHeld(trx, actor, held, closing, now));
  });
}

/** Closes every held reservation of a reference (an order): release on cancel, convert on shipment. */
export async function closeReservationsOf(db: Kysely<DB>, actor: Actor, reference: string, closing: Closing, now = new Date()): Promise<Result<ReservationRecord[]>> {
  return transact(db, async (trx) => {
    const held = await heldReservationsOf(trx, actor.tenantId, reference);
    const out: ReservationRecord[] = [];
    for (const r of held) out.push(await closeHeld(trx, actor, r, closing, now));
    return ok(out);
  });
}

/**
 * Releases held reservations whose payment window has passed, shop by shop, one small transaction
 * each (a reservation closed meanwhile is skipped). The server runs it every minute. Returns how
 * many it released.
 */
export async function expireReservations(db: Kysely<DB>, now = new Date(), batch = 500): Promise<number> {
  let released = 0;
  for (const tenantId of await tenantsWithOverdueReservations(db, now)) {
    const actor: Actor = { tenantId, actorType: 'system', actorId: null, userId: null, role: 'owner', requestId: null };
    for (const id of await overdueReservationIds(db, tenantId, now, batch)) {
      const result = await transact(db, async (trx) => {
        const held = await findReservation(trx, tenantId, id, true);
        if (!held || held.status !== 'held' || held.expiresAt > now) return ok(false);
        await closeHeld(trx, actor, held, { to: 'released', reason: 'expired' }, now);
        return ok(true);
      });
      if (result.ok && result.value) released++;
    }
  }
  return released;
}

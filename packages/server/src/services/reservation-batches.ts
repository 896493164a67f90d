import { diffChanges } from '@yunying/core/audit';
import { allocateStock, byPriority, type LocatedWarehouse } from '@yunying/core/inventory';
import { newId, reservationSnapshot, writeReservations, isReservationRace, type DB, type Kysely, type PlannedReservation, type ReservationRecord, type ReservationSnapshot } from '@yunying/db';
import { fail, ok, type Actor, type Failure, type Result } from './result.ts';
import { insufficient } from './stock.ts';

// The fast path of reservations: requests that arrive while a reservation statement is in flight
// are planned together from one unlocked read and written together by one statement
// (writeReservations) — group commit. The statement takes each level's total or aborts writing
// nothing; then every request of the batch is retried on the exact, row-locking path.

/** What one reservation request asks for (lines merged by SKU, in SKU id order). */
export interface ReservationRequest {
  actor: Actor;
  lines: readonly { skuId: string; qty: number }[];
  reference: string;
  warehouseId?: string | undefined;
  expiresAt: Date;
  order: (a: LocatedWarehouse, b: LocatedWarehouse) => number;
  /** The audit shape of a reservation (the same as the locking path writes). */
  auditable: (r: Pick<ReservationRecord, 'reference' | 'skuId' | 'warehouseId' | 'qty' | 'status' | 'releaseReason' | 'expiresAt'>) => Record<string, unknown>;
}

/** A batch's answer to a request: its reservations, a failure the read proves, or 'retry' on the locking path. */
export type BatchOutcome = Result<ReservationRecord[]> | 'retry';

interface Pending {
  request: ReservationRequest;
  resolve: (outcome: BatchOutcome) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 256;
const MAX_IN_FLIGHT = 2;

/**
 * Plans one request against the batch's view of stock, taking its units from `available` (keyed
 * sku|warehouse) so later requests of the batch cannot plan the same units. 'retry' when it does
 * not fit only because earlier requests of the batch took units (their statement might still fail).
 */
function plan(request: ReservationRequest, snapshot: Map<string, ReservationSnapshot>, available: Map<string, number>): { rows: PlannedReservation[] } | Failure | 'retry' {
  const rows: PlannedReservation[] = [];
  const taking: [string, number][] = [];
  for (const line of request.lines) {
    const sku = snapshot.get(line.skuId);
    if (!sku || sku.skuStatus !== 'active') return fail('not_found', `Unknown or archived SKU ${line.skuId}.`, { skuId: line.skuId });
    const warehouses = request.warehouseId ? sku.warehouses.filter((w) => w.warehouseId === request.warehouseId) : sku.warehouses;
    if (request.warehouseId && warehouses.length === 0) return fail('not_found', `Unknown warehouse ${request.warehouseId}.`, { warehouseId: request.warehouseId });
    const stock = warehouses.map((w) => ({ ...w, available: available.get(`${line.skuId}|${w.warehouseId}`) ?? w.available }));
    const allocation = allocateStock(stock, line.qty, request.order);
    if (!allocation.ok) {
      if (stock.some((s, i) => s.available !== warehouses[i]!.available)) return 'retry';
      return insufficient(line.skuId, line.qty, [...warehouses].sort(byPriority).map(({ warehouseId, available: a }) => ({ warehouseId, available: a })));
    }
    for (const a of allocation.allocations) {
      const key = `${line.skuId}|${a.warehouseId}`;
      taking.push([key, (stock.find((s) => s.warehouseId === a.warehouseId)!.available) - a.qty]);
      const after = request.auditable({ reference: request.reference, skuId: line.skuId, warehouseId: a.warehouseId, qty: a.qty, status: 'held', releaseReason: null, expiresAt: request.expiresAt });
      rows.push({
        reservationId: newId('rsv'),
        reference: request.reference,
        skuId: line.skuId,
        warehouseId: a.warehouseId,
        qty: a.qty,
        expiresAt: request.expiresAt,
        movementId: newId('mov'),
        auditId: newId('aud'),
        auditChanges: diffChanges(null, after),
        actorType: request.actor.actorType,
        actorId: request.actor.actorId,
        requestId: request.actor.requestId,
      });
    }
  }
  for (const [key, left] of taking) available.set(key, left);
  return { rows };
}

/** Plans and writes one shop's share of a batch; resolves every request of it. */
async function runTenantBatch(db: Kysely<DB>, tenantId: string, batch: Pending[]): Promise<void> {
  const skuIds = [...new Set(batch.flatMap((p) => p.request.lines.map((l) => l.skuId)))];
  const snapshot = await reservationSnapshot(db, tenantId, skuIds);
  const available = new Map<string, number>();
  const writing: { pending: Pending; ids: Set<string> }[] = [];
  const rows: PlannedReservation[] = [];
  for (const p of batch) {
    const planned = plan(p.request, snapshot, available);
    if (planned === 'retry' || 'ok' in planned) {
      p.resolve(planned);
      continue;
    }
    writing.push({ pending: p, ids: new Set(planned.rows.map((r) => r.reservationId)) });
    rows.push(...planned.rows);
  }
  if (rows.length === 0) return;
  let written: ReservationRecord[];
  try {
    written = await writeReservations(db, tenantId, rows);
  } catch (error) {
    if (!isReservationRace(error)) throw error;
    for (const w of writing) w.pending.resolve('retry');
    return;
  }
  for (const w of writing) w.pending.resolve(ok(written.filter((r) => w.ids.has(r.reservationId))));
}

/**
 * Queues reservation requests and writes them in batches, at most MAX_IN_FLIGHT at a time: while
 * one batch's statement runs in the database, the next is planned, so neither side waits for the
 * other. Two batches can race for the same units (the later one planned before the earlier one
 * committed); the later statement then aborts and its requests retry under row locks.
 */
class ReservationBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(private readonly db: Kysely<DB>) {}

  submit(request: ReservationRequest): Promise<BatchOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    const byTenant = new Map<string, Pending[]>();
    for (const p of batch) {
      const list = byTenant.get(p.request.actor.tenantId);
      if (list) list.push(p);
      else byTenant.set(p.request.actor.tenantId, [p]);
    }
    for (const [tenantId, pending] of byTenant) {
      try {
        await runTenantBatch(this.db, tenantId, pending);
      } catch (error) {
        for (const p of pending) p.reject(error);
      }
    }
  }
}

const batchers = new WeakMap<Kysely<DB>, ReservationBatcher>();

/** Reserves through the database handle's batcher (never a transaction handle: a batch commits on its own). */
export function reserveInBatch(db: Kysely<DB>, request: ReservationRequest): Promise<BatchOutcome> {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new ReservationBatcher(db)));
  return batcher.submit(request);
}

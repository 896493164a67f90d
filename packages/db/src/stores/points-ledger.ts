import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { PointsLedgerTable } from '../schema-customers.ts';

/** One entry of the append-only points ledger (积分流水). */
export interface PointsEntryRecord {
  entryId: string;
  customerId: string;
  kind: string;
  /** signed: earn > 0, spend and expire < 0, adjust either way */
  points: number;
  balanceAfter: number;
  reason: string;
  reference: string | null;
  actorId: string | null;
  requestId: string | null;
  occurredAt: Date;
}

function toEntry(r: Selectable<PointsLedgerTable>): PointsEntryRecord {
  return {
    entryId: r.entry_id,
    customerId: r.customer_id,
    kind: r.kind,
    points: r.points,
    balanceAfter: r.balance_after,
    reason: r.reason,
    reference: r.reference,
    actorId: r.actor_id,
    requestId: r.request_id,
    occurredAt: r.occurred_at,
  };
}

/**
 * Moves a customer's balance by `points` and appends the ledger entry, in the caller's transaction.
 * The balance moves by a conditional update (`balance + points ≥ 0`), so concurrent spends queue on
 * the row and the loser sees the new balance: undefined when the customer does not exist or the
 * balance would go negative (the CHECK on the column is the last line of defence).
 */
export async function appendPoints(
  db: Kysely<DB>,
  tenantId: string,
  entry: { entryId: string; customerId: string; kind: string; points: number; reason: string; reference: string | null; actorId: string | null; requestId: string | null; at: Date },
): Promise<PointsEntryRecord | undefined> {
  const moved = await db
    .updateTable('customers')
    .set({ points_balance: sql`points_balance + ${entry.points}`, updated_at: entry.at })
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', entry.customerId)
    .where(sql<boolean>`points_balance + ${entry.points} >= 0`)
    .returning('points_balance')
    .executeTakeFirst();
  if (!moved) return undefined;
  const row = await db
    .insertInto('points_ledger')
    .values({
      tenant_id: tenantId,
      entry_id: entry.entryId,
      customer_id: entry.customerId,
      kind: entry.kind,
      points: entry.points,
      balance_after: moved.points_balance,
      reason: entry.reason,
      reference: entry.reference,
      actor_id: entry.actorId,
      request_id: entry.requestId,
      occurred_at: entry.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toEntry(row);
}

export async function listPointsEntries(
  db: Kysely<DB>,
  tenantId: string,
  filter: { customerId: string; kind?: string | undefined; limit: number; beforeEntryId?: string | undefined },
): Promise<PointsEntryRecord[]> {
  let q = db.selectFrom('points_ledger').selectAll().where('tenant_id', '=', tenantId).where('customer_id', '=', filter.customerId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.beforeEntryId) q = q.where('entry_id', '<', filter.beforeEntryId);
  const rows = await q.orderBy('entry_id', 'desc').limit(filter.limit).execute();
  return rows.map(toEntry);
}

/** Customers whose stored balance differs from the sum of their ledger entries (empty when all is in step). */
export async function pointsLedgerMismatches(db: Kysely<DB>, tenantId: string, limit = 100): Promise<{ customerId: string; balance: number; ledgerSum: number }[]> {
  const rows = await sql<{ customer_id: string; balance: number; ledger_sum: number | string }>`
    select c.customer_id, c.points_balance as balance, coalesce(l.total, 0) as ledger_sum
    from customers c
    left join (select customer_id, sum(points) as total from points_ledger where tenant_id = ${tenantId} group by customer_id) l
      on l.customer_id = c.customer_id
    where c.tenant_id = ${tenantId} and c.points_balance <> coalesce(l.total, 0)
    order by c.customer_id
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ customerId: r.customer_id, balance: Number(r.balance), ledgerSum: Number(r.ledger_sum) }));
}

/** How many customers and ledger entries the check read. */
export async function pointsLedgerTotals(db: Kysely<DB>, tenantId: string): Promise<{ customers: number; entries: number }> {
  const c = await db.selectFrom('customers').select((eb) => eb.fn.countAll<string | number>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  const e = await db.selectFrom('points_ledger').select((eb) => eb.fn.countAll<string | number>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  return { customers: Number(c.n), entries: Number(e.n) };
}

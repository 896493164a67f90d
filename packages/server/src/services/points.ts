// 积分: posting to a customer's append-only points ledger. The balance on the customer row moves
// in the same transaction by a conditional update, so concurrent spends never take it below zero.
import { appendPoints, findCustomer, newId, pointsLedgerMismatches, pointsLedgerTotals, type DB, type Kysely, type PointsEntryRecord } from '@yunying/db';
import { recordChange } from './audit.ts';
import { fail, ok, type Actor, type Result } from './result.ts';
import { transact } from './transact.ts';

export interface PointsInput {
  kind: 'earn' | 'spend' | 'expire' | 'adjust';
  points: number;
  reason: string;
  reference?: string | undefined;
}

export async function postPoints(db: Kysely<DB>, actor: Actor, customerId: string, input: PointsInput, now = new Date()): Promise<Result<PointsEntryRecord>> {
  return transact(db, async (trx) => {
    const entry = await appendPoints(trx, actor.tenantId, {
      entryId: newId('pts', now.getTime()),
      customerId,
      kind: input.kind,
      points: input.points,
      reason: input.reason,
      reference: input.reference ?? null,
      actorId: actor.actorId,
      requestId: actor.requestId,
      at: now,
    });
    if (!entry) {
      const customer = await findCustomer(trx, actor.tenantId, customerId);
      if (!customer) return fail('not_found');
      return fail('insufficient_points', `The balance is ${customer.pointsBalance}; ${-input.points} asked.`, { balance: customer.pointsBalance, points: input.points });
    }
    await recordChange(trx, actor, {
      action: `points_${input.kind}`,
      entityType: 'customer',
      entityId: customerId,
      before: { pointsBalance: entry.balanceAfter - entry.points },
      after: { pointsBalance: entry.balanceAfter, pointsEntryId: entry.entryId },
    });
    return ok(entry);
  });
}

/** Recomputes every balance from the ledger; a mismatch means something wrote around the ledger. */
export async function checkPointsLedger(db: Kysely<DB>, tenantId: string): Promise<{ customersChecked: number; entriesChecked: number; mismatches: { customerId: string; balance: number; ledgerSum: number }[] }> {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const totals = await pointsLedgerTotals(trx, tenantId);
    const mismatches = await pointsLedgerMismatches(trx, tenantId);
    return { customersChecked: totals.customers, entriesChecked: totals.entries, mismatches };
  });
}

// Customers (客户): create, change, bulk upsert by customerRef, tier review. Personal data is
// stored plain and masked at the edge for roles without customers.pii; the audit log records
// personal fields masked too (it shows that a phone changed, not the number).
import { assignTier, maskPersonalData, normalizePhone, type MemberTier } from '@yunying/core/customers';
import { resolveProvince } from '@yunying/core/geo';
import {
  appendPoints, findCustomer, findCustomersByRefs, insertCustomers, lockCustomerPage, newId, overwriteCustomers, updateCustomer,
  type CustomerFields, type CustomerRecord, type DB, type Kysely,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { fail, ok, type Actor, type Result } from './result.ts';
import { transact } from './transact.ts';

/** The writable fields as the contract gives them (strings for times, phone and region as typed). */
export interface CustomerInput {
  displayName?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  region?: string | null | undefined;
  gender?: string | null | undefined;
  birthday?: string | null | undefined;
  memberTier?: MemberTier | undefined;
  tags?: string[] | undefined;
  firstOrderAt?: string | null | undefined;
  lastOrderAt?: string | null | undefined;
  ordersCount?: number | undefined;
  paidTotalFen?: number | undefined;
  paidLast12mFen?: number | undefined;
}

type Patch = Partial<Omit<CustomerFields, 'customerRef'>>;

const time = (s: string | null | undefined): Date | null | undefined => (s === undefined ? undefined : s === null ? null : new Date(s));

/** The input as stored: phone and region normalised (the contract already checked both), times as Dates. */
function toPatch(input: CustomerInput): Patch {
  const patch: Patch = {};
  if (input.displayName !== undefined) patch.displayName = input.displayName;
  if (input.phone !== undefined) patch.phone = input.phone === null ? null : normalizePhone(input.phone)!;
  if (input.email !== undefined) patch.email = input.email === null ? null : input.email.toLowerCase();
  if (input.region !== undefined) patch.region = input.region === null ? null : resolveProvince(input.region)!.nameZh;
  if (input.gender !== undefined) patch.gender = input.gender;
  if (input.birthday !== undefined) patch.birthday = input.birthday;
  if (input.memberTier !== undefined) patch.memberTier = input.memberTier;
  if (input.tags !== undefined) patch.tags = [...new Set(input.tags)];
  if (input.firstOrderAt !== undefined) patch.firstOrderAt = time(input.firstOrderAt)!;
  if (input.lastOrderAt !== undefined) patch.lastOrderAt = time(input.lastOrderAt)!;
  if (input.ordersCount !== undefined) patch.ordersCount = input.ordersCount;
  if (input.paidTotalFen !== undefined) patch.paidTotalFen = input.paidTotalFen;
  if (input.paidLast12mFen !== undefined) patch.paidLast12mFen = input.paidLast12mFen;
  return patch;
}

/** An upgrade earned by the 12-month spend applies at once, unless the write sets the tier by hand. */
function withEarnedTier(current: MemberTier, patch: Patch): Patch {
  if (patch.memberTier !== undefined || patch.paidLast12mFen === undefined) return patch;
  const { tier, change } = assignTier(current, patch.paidLast12mFen, { review: false });
  return change === 'upgrade' ? { ...patch, memberTier: tier } : patch;
}

function inOrder(first: Date | null, last: Date | null): boolean {
  return first === null || last === null || last >= first;
}

const ORDER_TIMES = (detail: string) => fail('validation_failed', detail, { errors: [{ path: 'body.lastOrderAt', message: 'before firstOrderAt' }] });

/** The record for the audit log: personal fields masked, bookkeeping left out. */
function auditable(c: CustomerRecord): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, customerId: _i, ...rest } = maskPersonalData(c);
  return rest;
}

const EMPTY: Omit<CustomerFields, 'customerRef'> = {
  displayName: null, phone: null, email: null, region: null, gender: null, birthday: null, memberTier: 'regular', tags: [],
  firstOrderAt: null, lastOrderAt: null, ordersCount: 0, paidTotalFen: 0, paidLast12mFen: 0,
};

export async function createCustomer(db: Kysely<DB>, actor: Actor, input: CustomerInput & { customerRef: string }): Promise<Result<CustomerRecord>> {
  const fields: CustomerFields = { ...EMPTY, ...withEarnedTier('regular', toPatch(input)), customerRef: input.customerRef };
  if (!inOrder(fields.firstOrderAt, fields.lastOrderAt)) return ORDER_TIMES('The last order cannot come before the first.');
  return transact(db, async (trx) => {
    const [created] = await insertCustomers(trx, actor.tenantId, [{ ...fields, customerId: newId('cus') }]);
    if (!created) return fail('customer_ref_taken', `A customer with customerRef ${input.customerRef} exists.`);
    await recordChange(trx, actor, { action: 'create', entityType: 'customer', entityId: created.customerId, before: null, after: auditable(created) });
    return ok(created);
  });
}

export async function changeCustomer(db: Kysely<DB>, actor: Actor, customerId: string, input: CustomerInput): Promise<Result<CustomerRecord>> {
  return transact(db, async (trx) => {
    const before = await findCustomer(trx, actor.tenantId, customerId, true);
    if (!before) return fail('not_found');
    const patch = withEarnedTier(before.memberTier as MemberTier, toPatch(input));
    if (!inOrder(patch.firstOrderAt !== undefined ? patch.firstOrderAt : before.firstOrderAt, patch.lastOrderAt !== undefined ? patch.lastOrderAt : before.lastOrderAt)) {
      return ORDER_TIMES('The last order cannot come before the first.');
    }
    const after = (await updateCustomer(trx, actor.tenantId, customerId, patch))!;
    await recordChange(trx, actor, { action: 'update', entityType: 'customer', entityId: customerId, before: auditable(before), after: auditable(after) });
    return ok(after);
  });
}

export interface UpsertRow extends CustomerInput {
  customerRef: string;
  pointsBalance?: number | undefined;
}

export interface UpsertOutcome {
  created: number;
  updated: number;
  unchanged: number;
  customerIds: string[];
}

const WRITABLE: (keyof Omit<CustomerFields, 'customerRef'>)[] = Object.keys(EMPTY) as (keyof Omit<CustomerFields, 'customerRef'>)[];
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a instanceof Date ? a.toISOString() : a) === JSON.stringify(b instanceof Date ? b.toISOString() : b);

/**
 * Creates or updates customers by customerRef in one transaction: every row is checked first and
 * one bad row refuses the whole call (all or none). A ref given twice is refused too: which of the
 * two would win is a guess. pointsBalance moves the balance through an `adjust` ledger entry.
 */
export async function upsertCustomers(db: Kysely<DB>, actor: Actor, rows: UpsertRow[], now = new Date()): Promise<Result<UpsertOutcome>> {
  const seen = new Map<string, number>();
  const errors: { path: string; message: string }[] = [];
  rows.forEach((r, i) => {
    const first = seen.get(r.customerRef);
    if (first !== undefined) errors.push({ path: `body.customers.${i}.customerRef`, message: `given twice (also at ${first})` });
    else seen.set(r.customerRef, i);
  });
  if (errors.length > 0) return fail('validation_failed', 'Each customerRef may appear once per call.', { errors });
  return transact(db, async (trx) => {
    const existing = new Map((await findCustomersByRefs(trx, actor.tenantId, rows.map((r) => r.customerRef), true)).map((c) => [c.customerRef, c]));
    const inserts: (CustomerFields & { customerId: string })[] = [];
    const overwrites: (CustomerFields & { customerId: string })[] = [];
    const ids: string[] = [];
    let unchanged = 0;
    for (const [i, row] of rows.entries()) {
      const old = existing.get(row.customerRef);
      const patch = withEarnedTier((old?.memberTier ?? 'regular') as MemberTier, toPatch(row));
      const merged: CustomerFields & { customerId: string } = { ...EMPTY, ...(old ?? {}), ...patch, customerRef: row.customerRef, customerId: old?.customerId ?? newId('cus') };
      if (!inOrder(merged.firstOrderAt, merged.lastOrderAt)) errors.push({ path: `body.customers.${i}.lastOrderAt`, message: 'before firstOrderAt' });
      ids.push(merged.customerId);
      if (!old) inserts.push(merged);
      else if (WRITABLE.some((k) => !same(old[k], merged[k]))) overwrites.push(merged);
      else if (row.pointsBalance === undefined || row.pointsBalance === old.pointsBalance) unchanged += 1;
    }
    if (errors.length > 0) return fail('validation_failed', 'Some rows are not valid; nothing was written.', { errors });
    const created = await insertCustomers(trx, actor.tenantId, inserts);
    // A ref created by a concurrent call between our read and this insert: refuse rather than guess.
    if (created.length !== inserts.length) return fail('customer_ref_taken', 'A customer of this call was created meanwhile; send the call again.');
    const updated = await overwriteCustomers(trx, actor.tenantId, overwrites);
    const byId = new Map([...created, ...updated].map((c) => [c.customerId, c]));
    for (const c of created) await recordChange(trx, actor, { action: 'create', entityType: 'customer', entityId: c.customerId, before: null, after: auditable(c) });
    for (const c of updated) {
      await recordChange(trx, actor, { action: 'update', entityType: 'customer', entityId: c.customerId, before: auditable(existing.get(c.customerRef)!), after: auditable(c) });
    }
    let pointsOnly = 0;
    for (const [i, row] of rows.entries()) {
      if (row.pointsBalance === undefined) continue;
      const customerId = ids[i]!;
      const current = byId.get(customerId)?.pointsBalance ?? existing.get(row.customerRef)?.pointsBalance ?? 0;
      const delta = row.pointsBalance - current;
      if (delta === 0) continue;
      if (!byId.has(customerId)) pointsOnly += 1;
      const entry = await appendPoints(trx, actor.tenantId, {
        entryId: newId('pts', now.getTime()), customerId, kind: 'adjust', points: delta, reason: 'import', reference: null, actorId: actor.actorId, requestId: actor.requestId, at: now,
      });
      if (!entry) return fail('insufficient_points', `The points of ${row.customerRef} were spent meanwhile; send the call again.`);
    }
    return ok({ created: created.length, updated: updated.length + pointsOnly, unchanged, customerIds: ids });
  });
}

/** 定级: reviews one customer's tier against the 12-month spend; a downgrade applies only here. */
export async function reviewTier(db: Kysely<DB>, actor: Actor, customerId: string, now = new Date()): Promise<Result<{ customer: CustomerRecord; change: 'upgrade' | 'downgrade' | 'none'; previousTier: MemberTier }>> {
  return transact(db, async (trx) => {
    const before = await findCustomer(trx, actor.tenantId, customerId, true);
    if (!before) return fail('not_found');
    const previousTier = before.memberTier as MemberTier;
    const { tier, change } = assignTier(previousTier, before.paidLast12mFen, { review: true });
    const after = (await updateCustomer(trx, actor.tenantId, customerId, { memberTier: tier, tierReviewedAt: now }))!;
    await recordChange(trx, actor, { action: 'tier_review', entityType: 'customer', entityId: customerId, before: { memberTier: previousTier, tierReviewedAt: before.tierReviewedAt }, after: { memberTier: tier, tierReviewedAt: now } });
    return ok({ customer: after, change, previousTier });
  });
}

export interface TierReviewTotals {
  reviewed: number;
  upgraded: number;
  downgraded: number;
  unchanged: number;
}

/** Customers reviewed per transaction: the page's rows stay locked only while it is reviewed. */
export const REVIEW_PAGE = 500;

/**
 * 定级 for the whole shop: walks every customer in id order, page by page (one transaction each),
 * and applies the tier the 12-month spend earns in either direction. Running it twice changes
 * nothing the second time.
 */
export async function reviewAllTiers(db: Kysely<DB>, actor: Actor, now = new Date()): Promise<TierReviewTotals> {
  const totals: TierReviewTotals = { reviewed: 0, upgraded: 0, downgraded: 0, unchanged: 0 };
  let after: string | undefined;
  for (;;) {
    const r = await transact(db, async (trx) => {
      const page = await lockCustomerPage(trx, actor.tenantId, { limit: REVIEW_PAGE, afterCustomerId: after });
      for (const c of page) {
        const previousTier = c.memberTier as MemberTier;
        const { tier, change } = assignTier(previousTier, c.paidLast12mFen, { review: true });
        totals.reviewed += 1;
        if (change === 'none') {
          totals.unchanged += 1;
          continue;
        }
        totals[change === 'upgrade' ? 'upgraded' : 'downgraded'] += 1;
        await updateCustomer(trx, actor.tenantId, c.customerId, { memberTier: tier, tierReviewedAt: now });
        await recordChange(trx, actor, { action: 'tier_review', entityType: 'customer', entityId: c.customerId, before: { memberTier: previousTier }, after: { memberTier: tier } });
      }
      return ok(page);
    });
    if (!r.ok) throw new Error(r.code); // transact only fails with what the work returned, and it returns ok
    if (r.value.length === 0) break;
    after = r.value.at(-1)!.customerId;
    if (r.value.length < REVIEW_PAGE) break;
  }
  return totals;
}

import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { SegmentsTable } from '../schema-customers.ts';
import { CUSTOMER_COLUMNS, toCustomer, type CustomerRecord } from './customers.ts';

/** A saved segment (人群). `rule` is the JSON the core validated (segmentRuleSchema). */
export interface SegmentRecord {
  segmentId: string;
  name: string;
  description: string | null;
  rule: unknown;
  createdAt: Date;
  updatedAt: Date;
}

function toSegment(r: Selectable<SegmentsTable>): SegmentRecord {
  return { segmentId: r.segment_id, name: r.name, description: r.description, rule: r.rule, createdAt: r.created_at, updatedAt: r.updated_at };
}

export async function insertSegment(db: Kysely<DB>, tenantId: string, s: { segmentId: string; name: string; description: string | null; rule: unknown }): Promise<SegmentRecord | undefined> {
  const row = await db
    .insertInto('segments')
    .values({ tenant_id: tenantId, segment_id: s.segmentId, name: s.name, description: s.description, rule: JSON.stringify(s.rule) })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && toSegment(row);
}

export async function findSegment(db: Kysely<DB>, tenantId: string, segmentId: string, forUpdate = false): Promise<SegmentRecord | undefined> {
  let q = db.selectFrom('segments').selectAll().where('tenant_id', '=', tenantId).where('segment_id', '=', segmentId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toSegment(row);
}

export async function listSegments(db: Kysely<DB>, tenantId: string, filter: { limit: number; afterSegmentId?: string | undefined }): Promise<SegmentRecord[]> {
  let q = db.selectFrom('segments').selectAll().where('tenant_id', '=', tenantId);
  if (filter.afterSegmentId) q = q.where('segment_id', '>', filter.afterSegmentId);
  const rows = await q.orderBy('segment_id').limit(filter.limit).execute();
  return rows.map(toSegment);
}

export async function updateSegment(
  db: Kysely<DB>,
  tenantId: string,
  segmentId: string,
  patch: { name?: string | undefined; description?: string | null | undefined; rule?: unknown },
): Promise<SegmentRecord | undefined> {
  const row = await db
    .updateTable('segments')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.rule !== undefined ? { rule: JSON.stringify(patch.rule) } : {}),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('segment_id', '=', segmentId)
    .returningAll()
    .executeTakeFirst();
  return row && toSegment(row);
}

/**
 * The compiled segment rule (the core's SegmentNode, restated here so the db package does not
 * depend on the core): fields are customer fields, mapped to columns below and nowhere else.
 */
export type SegmentQueryNode =
  | { kind: 'and' | 'or'; children: SegmentQueryNode[] }
  | { kind: 'not'; child: SegmentQueryNode }
  | { kind: 'in'; field: 'tier' | 'region'; values: string[] }
  | { kind: 'tags'; mode: 'any' | 'all'; values: string[] }
  | { kind: 'compare'; field: 'points' | 'ordersCount' | 'paidTotalFen'; op: '>=' | '<='; value: number }
  | { kind: 'since'; field: 'lastOrderAt' | 'firstOrderAt'; days: number }
  | { kind: 'isNull'; field: 'lastOrderAt' | 'firstOrderAt' };

// Column names are chosen from this fixed map, never from the rule; every value is a parameter.
const COLUMN = {
  tier: sql.ref('member_tier'),
  region: sql.ref('region'),
  points: sql.ref('points_balance'),
  ordersCount: sql.ref('orders_count'),
  paidTotalFen: sql.ref('paid_total_fen'),
  lastOrderAt: sql.ref('last_order_at'),
  firstOrderAt: sql.ref('first_order_at'),
} as const;
const OP = { '>=': sql.raw('>='), '<=': sql.raw('<=') } as const;
const DAY_MS = 86_400_000;

/**
 * Renders the AST as a SQL boolean that is never NULL (a missing region or order time counts as
 * "not in" / "outside the window"), so NOT means exactly "does not match", as matchesSegment says.
 */
export function segmentCondition(node: SegmentQueryNode, now: Date): RawBuilder<boolean> {
  switch (node.kind) {
    case 'and':
    case 'or':
      return sql<boolean>`(${sql.join(node.children.map((c) => segmentCondition(c, now)), sql.raw(node.kind === 'and' ? ' and ' : ' or '))})`;
    case 'not':
      return sql<boolean>`(not ${segmentCondition(node.child, now)})`;
    case 'in':
      return sql<boolean>`coalesce(${COLUMN[node.field]} = any(${node.values}::text[]), false)`;
    case 'tags':
      return node.mode === 'all' ? sql<boolean>`(tags @> ${node.values}::text[])` : sql<boolean>`(tags && ${node.values}::text[])`;
    case 'compare':
      return sql<boolean>`(${COLUMN[node.field]} ${OP[node.op]} ${node.value})`;
    case 'since':
      return sql<boolean>`coalesce(${COLUMN[node.field]} >= ${new Date(now.getTime() - node.days * DAY_MS)}, false)`;
    case 'isNull':
      return sql<boolean>`(${COLUMN[node.field]} is null)`;
  }
}

/** One page of a segment's members in customer-id order (keyset: after `afterCustomerId`). */
export async function listSegmentMembers(
  db: Kysely<DB>,
  tenantId: string,
  node: SegmentQueryNode,
  page: { now: Date; limit: number; afterCustomerId?: string | undefined },
): Promise<CustomerRecord[]> {
  let q = db
    .selectFrom('customers')
    .select([...CUSTOMER_COLUMNS, sql<string | null>`to_char(birthday, 'YYYY-MM-DD')`.as('birthday')])
    .where('tenant_id', '=', tenantId)
    .where(segmentCondition(node, page.now));
  if (page.afterCustomerId) q = q.where('customer_id', '>', page.afterCustomerId);
  const rows = await q.orderBy('customer_id').limit(page.limit).execute();
  return rows.map(toCustomer);
}

/** How many customers of the shop the rule selects at `now`. */
export async function countSegmentMembers(db: Kysely<DB>, tenantId: string, node: SegmentQueryNode, now: Date): Promise<number> {
  const row = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where(segmentCondition(node, now))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Just the ids and refs of a page of members (coupon issuance reads nothing else). */
export async function listSegmentMemberRefs(
  db: Kysely<DB>,
  tenantId: string,
  node: SegmentQueryNode,
  page: { now: Date; limit: number; afterCustomerId?: string | undefined },
): Promise<{ customerId: string; customerRef: string }[]> {
  let q = db.selectFrom('customers').select(['customer_id', 'customer_ref']).where('tenant_id', '=', tenantId).where(segmentCondition(node, page.now));
  if (page.afterCustomerId) q = q.where('customer_id', '>', page.afterCustomerId);
  const rows = await q.orderBy('customer_id').limit(page.limit).execute();
  return rows.map((r) => ({ customerId: r.customer_id, customerRef: r.customer_ref }));
}

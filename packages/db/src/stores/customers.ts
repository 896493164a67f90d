import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { CustomersTable } from '../schema-customers.ts';

/** A customer (客户) of the shop, identified outside by customerRef. Personal fields as stored (unmasked). */
export interface CustomerRecord {
  customerId: string;
  customerRef: string;
  displayName: string | null;
  phone: string | null;
  email: string | null;
  region: string | null;
  gender: string | null;
  /** YYYY-MM-DD */
  birthday: string | null;
  memberTier: string;
  tags: string[];
  pointsBalance: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  ordersCount: number;
  paidTotalFen: number;
  paidLast12mFen: number;
  tierReviewedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The fields a caller writes (the points balance moves only through the ledger). */
export type CustomerFields = Omit<CustomerRecord, 'customerId' | 'pointsBalance' | 'tierReviewedAt' | 'createdAt' | 'updatedAt'>;

type Row = Omit<Selectable<CustomersTable>, 'birthday' | 'tenant_id'> & { birthday: string | null };

export function toCustomer(r: Row): CustomerRecord {
  return {
    customerId: r.customer_id,
    customerRef: r.customer_ref,
    displayName: r.display_name,
    phone: r.phone,
    email: r.email,
    region: r.region,
    gender: r.gender,
    birthday: r.birthday,
    memberTier: r.member_tier,
    tags: r.tags,
    pointsBalance: r.points_balance,
    firstOrderAt: r.first_order_at,
    lastOrderAt: r.last_order_at,
    ordersCount: r.orders_count,
    paidTotalFen: r.paid_total_fen,
    paidLast12mFen: r.paid_last_12m_fen,
    tierReviewedAt: r.tier_reviewed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Every column, with the `date` read as 'YYYY-MM-DD' text (no time-zone shift through a JS Date). */
export const CUSTOMER_COLUMNS = [
  'customer_id', 'customer_ref', 'display_name', 'phone', 'email', 'region', 'gender', 'member_tier', 'tags', 'points_balance', 'first_order_at', 'last_order_at',
  'orders_count', 'paid_total_fen', 'paid_last_12m_fen', 'tier_reviewed_at', 'created_at', 'updated_at',
] as const;
const birthdayText = sql<string | null>`to_char(birthday, 'YYYY-MM-DD')`.as('birthday');

function columns(f: Partial<CustomerFields>) {
  return {
    ...(f.customerRef !== undefined ? { customer_ref: f.customerRef } : {}),
    ...(f.displayName !== undefined ? { display_name: f.displayName } : {}),
    ...(f.phone !== undefined ? { phone: f.phone } : {}),
    ...(f.email !== undefined ? { email: f.email } : {}),
    ...(f.region !== undefined ? { region: f.region } : {}),
    ...(f.gender !== undefined ? { gender: f.gender } : {}),
    ...(f.birthday !== undefined ? { birthday: f.birthday } : {}),
    ...(f.memberTier !== undefined ? { member_tier: f.memberTier } : {}),
    ...(f.tags !== undefined ? { tags: f.tags } : {}),
    ...(f.firstOrderAt !== undefined ? { first_order_at: f.firstOrderAt } : {}),
    ...(f.lastOrderAt !== undefined ? { last_order_at: f.lastOrderAt } : {}),
    ...(f.ordersCount !== undefined ? { orders_count: f.ordersCount } : {}),
    ...(f.paidTotalFen !== undefined ? { paid_total_fen: f.paidTotalFen } : {}),
    ...(f.paidLast12mFen !== undefined ? { paid_last_12m_fen: f.paidLast12mFen } : {}),
  };
}

/** Inserts customers; those whose customerRef is taken are left out of the answer (on conflict do nothing). */
export async function insertCustomers(db: Kysely<DB>, tenantId: string, customers: (CustomerFields & { customerId: string })[]): Promise<CustomerRecord[]> {
  if (customers.length === 0) return [];
  const rows = await db
    .insertInto('customers')
    .values(customers.map((c) => ({ tenant_id: tenantId, customer_id: c.customerId, ...columns(c), customer_ref: c.customerRef })))
    .onConflict((oc) => oc.columns(['tenant_id', 'customer_ref']).doNothing())
    .returning([...CUSTOMER_COLUMNS, birthdayText])
    .execute();
  return rows.map(toCustomer);
}

export async function findCustomer(db: Kysely<DB>, tenantId: string, customerId: string, forUpdate = false): Promise<CustomerRecord | undefined> {
  let q = db.selectFrom('customers').select([...CUSTOMER_COLUMNS, birthdayText]).where('tenant_id', '=', tenantId).where('customer_id', '=', customerId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toCustomer(row);
}

export async function findCustomerByRef(db: Kysely<DB>, tenantId: string, customerRef: string): Promise<CustomerRecord | undefined> {
  const row = await db.selectFrom('customers').select([...CUSTOMER_COLUMNS, birthdayText]).where('tenant_id', '=', tenantId).where('customer_ref', '=', customerRef).executeTakeFirst();
  return row && toCustomer(row);
}

/** Customers by ref, locked for the transaction (bulk upsert reads them before it writes). */
export async function findCustomersByRefs(db: Kysely<DB>, tenantId: string, refs: string[], forUpdate = false): Promise<CustomerRecord[]> {
  if (refs.length === 0) return [];
  let q = db.selectFrom('customers').select([...CUSTOMER_COLUMNS, birthdayText]).where('tenant_id', '=', tenantId).where('customer_ref', 'in', refs).orderBy('customer_id');
  if (forUpdate) q = q.forUpdate();
  return (await q.execute()).map(toCustomer);
}

/** A page of customers in id order, locked for the transaction (the tier review walks the shop with it). */
export async function lockCustomerPage(db: Kysely<DB>, tenantId: string, page: { limit: number; afterCustomerId?: string | undefined }): Promise<CustomerRecord[]> {
  let q = db.selectFrom('customers').select([...CUSTOMER_COLUMNS, birthdayText]).where('tenant_id', '=', tenantId);
  if (page.afterCustomerId) q = q.where('customer_id', '>', page.afterCustomerId);
  return (await q.orderBy('customer_id').limit(page.limit).forUpdate().execute()).map(toCustomer);
}

export async function listCustomers(
  db: Kysely<DB>,
  tenantId: string,
  filter: { tier?: string | undefined; tag?: string | undefined; refPrefix?: string | undefined; limit: number; afterCustomerId?: string | undefined },
): Promise<CustomerRecord[]> {
  let q = db.selectFrom('customers').select([...CUSTOMER_COLUMNS, birthdayText]).where('tenant_id', '=', tenantId);
  if (filter.tier) q = q.where('member_tier', '=', filter.tier);
  if (filter.tag) q = q.where(sql<boolean>`tags @> array[${filter.tag}]::text[]`);
  if (filter.refPrefix) q = q.where(sql<boolean>`starts_with(customer_ref, ${filter.refPrefix})`);
  if (filter.afterCustomerId) q = q.where('customer_id', '>', filter.afterCustomerId);
  const rows = await q.orderBy('customer_id').limit(filter.limit).execute();
  return rows.map(toCustomer);
}

export async function updateCustomer(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  patch: Partial<CustomerFields> & { tierReviewedAt?: Date | undefined },
): Promise<CustomerRecord | undefined> {
  const row = await db
    .updateTable('customers')
    .set({ ...columns(patch), ...(patch.tierReviewedAt !== undefined ? { tier_reviewed_at: patch.tierReviewedAt } : {}), updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .returning([...CUSTOMER_COLUMNS, birthdayText])
    .executeTakeFirst();
  return row && toCustomer(row);
}

/** Writes full rows for existing customers, keyed by customerId (one statement for a bulk upsert). */
export async function overwriteCustomers(db: Kysely<DB>, tenantId: string, customers: (CustomerFields & { customerId: string })[]): Promise<CustomerRecord[]> {
  if (customers.length === 0) return [];
  const rows = await db
    .insertInto('customers')
    .values(customers.map((c) => ({ tenant_id: tenantId, customer_id: c.customerId, ...columns(c), customer_ref: c.customerRef })))
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'customer_id']).doUpdateSet((eb) => ({
        display_name: eb.ref('excluded.display_name'),
        phone: eb.ref('excluded.phone'),
        email: eb.ref('excluded.email'),
        region: eb.ref('excluded.region'),
        gender: eb.ref('excluded.gender'),
        birthday: eb.ref('excluded.birthday'),
        member_tier: eb.ref('excluded.member_tier'),
        tags: eb.ref('excluded.tags'),
        first_order_at: eb.ref('excluded.first_order_at'),
        last_order_at: eb.ref('excluded.last_order_at'),
        orders_count: eb.ref('excluded.orders_count'),
        paid_total_fen: eb.ref('excluded.paid_total_fen'),
        paid_last_12m_fen: eb.ref('excluded.paid_last_12m_fen'),
        updated_at: sql`now()`,
      })),
    )
    .returning([...CUSTOMER_COLUMNS, birthdayText])
    .execute();
  return rows.map(toCustomer);
}

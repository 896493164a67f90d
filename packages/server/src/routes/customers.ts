import { can } from '@yunying/core/access';
import { maskPersonalData, type MemberTier } from '@yunying/core/customers';
import { customers } from '@yunying/contracts';
import { findCustomer, listCustomers, listPointsEntries, type CustomerRecord, type PointsEntryRecord } from '@yunying/db';
import type { FastifyInstance } from 'fastify';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { ApiError } from '../problem.ts';
import { changeCustomer, createCustomer, reviewAllTiers, reviewTier, upsertCustomers } from '../services/customers.ts';
import { checkPointsLedger, postPoints } from '../services/points.ts';
import type { Actor } from '../services/result.ts';
import { registerEndpoint, unwrap, type RouteContext } from './register.ts';
import { isoTimestamp, isoTimestampOrNull } from '@yunying/core/time';


/** A customer as the API shows it to `actor`: personal data masked unless the role holds customers.pii. */
export function customerToApi(actor: Actor) {
  const plain = can(actor.role, 'customers.pii');
  return (record: CustomerRecord) => {
    const c = plain ? record : maskPersonalData(record);
    return {
      customerId: c.customerId,
      customerRef: c.customerRef,
      displayName: c.displayName,
      phone: c.phone,
      email: c.email,
      region: c.region,
      gender: c.gender as (typeof customers.GENDERS)[number] | null,
      birthday: c.birthday,
      memberTier: c.memberTier as MemberTier,
      tags: c.tags,
      pointsBalance: c.pointsBalance,
      firstOrderAt: isoTimestampOrNull(c.firstOrderAt),
      lastOrderAt: isoTimestampOrNull(c.lastOrderAt),
      ordersCount: c.ordersCount,
      paidTotalFen: c.paidTotalFen,
      paidLast12mFen: c.paidLast12mFen,
      tierReviewedAt: isoTimestampOrNull(c.tierReviewedAt),
      piiMasked: !plain,
      createdAt: isoTimestamp(c.createdAt),
      updatedAt: isoTimestamp(c.updatedAt),
    };
  };
}

function entryToApi(e: PointsEntryRecord) {
  return {
    entryId: e.entryId,
    customerId: e.customerId,
    kind: e.kind as (typeof customers.POINTS_KINDS)[number],
    points: e.points,
    balanceAfter: e.balanceAfter,
    reason: e.reason,
    reference: e.reference,
    actorId: e.actorId,
    occurredAt: isoTimestamp(e.occurredAt),
  };
}

export function customerRoutes(app: FastifyInstance, ctx: RouteContext): void {
  registerEndpoint(app, ctx, customers.listCustomers, async ({ query, request }) => {
    const actor = actorOf(request);
    const rows = await listCustomers(ctx.db, actor.tenantId, { tier: query.tier, tag: query.tag, refPrefix: query.q, limit: query.limit + 1, afterCustomerId: decodeCursor(query.cursor) });
    return toPage(rows, query.limit, (c) => c.customerId, customerToApi(actor));
  });

  registerEndpoint(app, ctx, customers.checkPointsLedger, async ({ request }) => checkPointsLedger(ctx.db, actorOf(request).tenantId));

  registerEndpoint(app, ctx, customers.getCustomer, async ({ params, request }) => {
    const actor = actorOf(request);
    const found = await findCustomer(ctx.db, actor.tenantId, params.customerId);
    if (!found) throw new ApiError('not_found');
    return customerToApi(actor)(found);
  });

  registerEndpoint(app, ctx, customers.createCustomer, async ({ body, request }) => {
    const actor = actorOf(request);
    return customerToApi(actor)(unwrap(await createCustomer(ctx.db, actor, body)));
  });

  registerEndpoint(app, ctx, customers.updateCustomer, async ({ params, body, request }) => {
    const actor = actorOf(request);
    return customerToApi(actor)(unwrap(await changeCustomer(ctx.db, actor, params.customerId, body)));
  });

  registerEndpoint(app, ctx, customers.upsertCustomers, async ({ body, request }) => unwrap(await upsertCustomers(ctx.db, actorOf(request), body.customers)));

  registerEndpoint(app, ctx, customers.reviewCustomerTier, async ({ params, request }) => {
    const actor = actorOf(request);
    const r = unwrap(await reviewTier(ctx.db, actor, params.customerId));
    return { customer: customerToApi(actor)(r.customer), change: r.change, previousTier: r.previousTier };
  });

  registerEndpoint(app, ctx, customers.reviewAllTiers, async ({ request }) => reviewAllTiers(ctx.db, actorOf(request)));

  registerEndpoint(app, ctx, customers.postPointsEntry, async ({ params, body, request }) => entryToApi(unwrap(await postPoints(ctx.db, actorOf(request), params.customerId, body))));

  registerEndpoint(app, ctx, customers.listPointsEntries, async ({ params, query, request }) => {
    const tenantId = actorOf(request).tenantId;
    if (!(await findCustomer(ctx.db, tenantId, params.customerId))) throw new ApiError('not_found');
    const rows = await listPointsEntries(ctx.db, tenantId, { customerId: params.customerId, kind: query.kind, limit: query.limit + 1, beforeEntryId: decodeCursor(query.cursor) });
    return toPage(rows, query.limit, (e) => e.entryId, entryToApi);
  });
}

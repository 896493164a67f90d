import { PERMISSIONS, type Permission, type Role } from './permissions.ts';

const ALL_READS = PERMISSIONS.filter((p) => p.endsWith('.read'));
const EVERYTHING = [...PERMISSIONS];

function without(list: readonly Permission[], ...excluded: Permission[]): Permission[] {
  return list.filter((p) => !excluded.includes(p));
}

/**
 * The permission matrix: the one place that says what each role may do. Routes name a permission;
 * the API docs and the console's role page are generated from this table; the RBAC test walks it.
 *
 * - owner: everything; the only role that can hand out or take away `owner`.
 * - admin: everything (members, tokens, audit) but cannot touch owners.
 * - ops_director (运营总监): runs the business: every module, channels, reports, audit; not members.
 * - merchandiser (商品运营): catalog, inventory, purchasing; reads orders and analytics.
 * - campaign_manager (活动运营): promotions and coupons; reads catalog, orders, customers, analytics.
 * - crm (用户运营): customers, segments, points; sees personal data; reads orders, promotions.
 * - content (内容运营): content and reviews; reads catalog and analytics.
 * - service_agent (客服): tickets, after-sales, orders; sees the personal data service needs.
 * - analyst (数据分析): read-only, everything but personal data and the audit log.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = Object.freeze({
  owner: EVERYTHING,
  admin: EVERYTHING,
  ops_director: without(EVERYTHING, 'members.manage', 'tenant.manage'),
  merchandiser: [
    'tenant.read',
    'channels.read',
    'catalog.read',
    'catalog.write',
    'inventory.read',
    'inventory.write',
    'purchasing.read',
    'purchasing.write',
    'orders.read',
    'promotions.read',
    'analytics.read',
  ],
  campaign_manager: [
    'tenant.read',
    'channels.read',
    'catalog.read',
    'inventory.read',
    'orders.read',
    'promotions.read',
    'promotions.write',
    'customers.read',
    'content.read',
    'analytics.read',
    'reports.manage',
  ],
  crm: [
    'tenant.read',
    'channels.read',
    'catalog.read',
    'orders.read',
    'promotions.read',
    'customers.read',
    'customers.write',
    'customers.pii',
    'service.read',
    'analytics.read',
  ],
  content: [
    'tenant.read',
    'channels.read',
    'catalog.read',
    'content.read',
    'content.write',
    'service.read',
    'analytics.read',
  ],
  service_agent: [
    'tenant.read',
    'channels.read',
    'catalog.read',
    'inventory.read',
    'orders.read',
    'orders.write',
    'after_sales.read',
    'after_sales.write',
    'customers.read',
    'customers.pii',
    'service.read',
    'service.write',
  ],
  analyst: without(ALL_READS, 'audit.read', 'members.read'),
});

/** Does `role` hold `permission`? */
export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * May a person with role `actor` give role `target` to someone (or to an API token)? Only an owner
 * grants owner; otherwise the target's permissions must be a subset of the actor's, so no one
 * escalates through an invitation or a token.
 */
export function canGrant(actor: Role, target: Role): boolean {
  if (target === 'owner') return actor === 'owner';
  const held = ROLE_PERMISSIONS[actor];
  return ROLE_PERMISSIONS[target].every((p) => held.includes(p));
}

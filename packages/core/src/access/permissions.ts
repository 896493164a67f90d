/**
 * Every permission a route can require. A permission is `area.verb`; `read` never writes.
 * Areas not built yet are listed so the matrix is whole and roles don't change shape as modules land.
 */
export const PERMISSIONS = [
  'tenant.read',
  'tenant.manage',
  'members.read',
  'members.manage',
  'audit.read',
  'channels.read',
  'channels.manage',
  'catalog.read',
  'catalog.write',
  'inventory.read',
  'inventory.write',
  'purchasing.read',
  'purchasing.write',
  'orders.read',
  'orders.write',
  'after_sales.read',
  'after_sales.write',
  'promotions.read',
  'promotions.write',
  'customers.read',
  'customers.write',
  'customers.pii', // see phone, address and name unmasked
  'content.read',
  'content.write',
  'service.read',
  'service.write',
  'analytics.read',
  'reports.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** The seed teams' roles (团队分工), from most to least powerful. */
export const ROLES = [
  'owner',
  'admin',
  'ops_director',
  'merchandiser',
  'campaign_manager',
  'crm',
  'content',
  'service_agent',
  'analyst',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES } from './permissions.ts';
import { can, canGrant, ROLE_PERMISSIONS } from './role-matrix.ts';

describe('the role matrix', () => {
  it('names only known permissions, each at most once per role', () => {
    for (const role of ROLES) {
      const list = ROLE_PERMISSIONS[role];
      expect(new Set(list).size).toBe(list.length);
      for (const p of list) expect(PERMISSIONS).toContain(p);
    }
  });

  it('keeps the analyst read-only and away from personal data and the audit log', () => {
    const analyst = ROLE_PERMISSIONS.analyst;
    expect(analyst.every((p) => p.endsWith('.read'))).toBe(true);
    expect(can('analyst', 'customers.pii')).toBe(false);
    expect(can('analyst', 'audit.read')).toBe(false);
    expect(can('analyst', 'analytics.read')).toBe(true);
  });

  it('gives each seed team its own area to write', () => {
    expect(can('merchandiser', 'catalog.write')).toBe(true);
    expect(can('merchandiser', 'promotions.write')).toBe(false);
    expect(can('campaign_manager', 'promotions.write')).toBe(true);
    expect(can('campaign_manager', 'catalog.write')).toBe(false);
    expect(can('crm', 'customers.write')).toBe(true);
    expect(can('content', 'content.write')).toBe(true);
    expect(can('service_agent', 'after_sales.write')).toBe(true);
    expect(can('ops_director', 'members.manage')).toBe(false);
  });

  it('lets no one grant a role with a permission they lack, and only owners grant owner', () => {
    for (const actor of ROLES) {
      for (const target of ROLES) {
        const grantable = canGrant(actor, target);
        if (target === 'owner') expect(grantable).toBe(actor === 'owner');
        else expect(grantable).toBe(ROLE_PERMISSIONS[target].every((p) => ROLE_PERMISSIONS[actor].includes(p)));
      }
    }
    expect(canGrant('admin', 'admin')).toBe(true);
    expect(canGrant('merchandiser', 'analyst')).toBe(false); // analyst reads more areas than a merchandiser
  });
});

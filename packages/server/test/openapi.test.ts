import { ROLE_PERMISSIONS, ROLES } from '@yunying/core/access';
import { ENDPOINTS } from '@yunying/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document with every endpoint, its permission and its schemas', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const e of ENDPOINTS) {
      const path = e.path.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[e.method.toLowerCase()];
      expect(op, `${e.method} ${path}`).toBeDefined();
      expect(op.operationId).toBe(e.id);
      if (e.access !== 'public' && e.access !== 'session' && e.access !== 'member') expect(op.description).toContain(e.access);
      if (e.body) expect(op.requestBody?.content?.['application/json']?.schema, e.id).toBeDefined();
    }
  });

  it('serves the browsable reference page', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('lists the role matrix through the API', async () => {
    const owner = await h.login(h.shopA.ownerEmail);
    const body = (await owner.get('/api/v1/roles')).json();
    expect(body.roles.map((r: { role: string }) => r.role)).toEqual([...ROLES]);
    for (const r of body.roles) expect(r.permissions).toEqual([...ROLE_PERMISSIONS[r.role as (typeof ROLES)[number]]]);
    expect(body.roles.find((r: { role: string }) => r.role === 'analyst').permissions.every((p: string) => p.endsWith('.read'))).toBe(true);
  });
});

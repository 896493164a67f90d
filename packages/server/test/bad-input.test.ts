import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENDPOINTS, ERROR_CODES, type ErrorCode } from '@yunying/contracts';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, phantomIds } from './examples.ts';
import { createHarness, type Caller, type Harness } from './harness.ts';

let h: Harness;
let owner: Caller;
beforeAll(async () => {
  h = await createHarness({ bodyLimitBytes: 64 * 1024 });
  owner = await h.login(h.shopA.ownerEmail);
}, 60_000);
afterAll(async () => h?.close());

/** A 4xx must be problem+json with a registered code; nothing may be a 5xx. */
function expectProblemOrSuccess(res: LightMyRequestResponse, what: string): void {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(res.headers['content-type'], what).toContain('application/problem+json');
    const body = res.json();
    expect(ERROR_CODES, what).toContain(body.code);
    expect(body.status).toBe(res.statusCode);
    expect(res.body, what).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack traces
  }
}

describe('bad input gets a 4xx problem, never a 5xx', () => {
  const cases: [string, Parameters<Caller['request']>[0], ErrorCode][] = [
    ['broken percent-encoding in the path', { method: 'GET', url: '/api/v1/channels/%E0%A4%A' }, 'malformed_request'],
    ['percent-encoded NUL in the path', { method: 'GET', url: '/api/v1/members/%00' }, 'validation_failed'],
    ['a very long path parameter', { method: 'GET', url: `/api/v1/channels/${'x'.repeat(5000)}` }, 'malformed_request'],
    ['a number that overflows to Infinity', { method: 'PATCH', url: '/api/v1/channels/chn_00000000000000000000000000', payload: '{"commissionBp":1e309}', headers: { 'content-type': 'application/json' } }, 'validation_failed'],
    ['an integer beyond 2^53', { method: 'POST', url: '/api/v1/channels', payload: '{"code":"x1","name":"n","platform":"jd","commissionBp":9007199254740993}', headers: { 'content-type': 'application/json' } }, 'validation_failed'],
    ['a fractional integer field', { method: 'POST', url: '/api/v1/channels', payload: { code: 'x2', name: 'n', platform: 'jd', shipWithinHours: 1.5 } }, 'validation_failed'],
    ['invalid JSON', { method: 'POST', url: '/api/v1/channels', payload: '{"code":', headers: { 'content-type': 'application/json' } }, 'malformed_request'],
    ['an empty JSON body', { method: 'POST', url: '/api/v1/channels', payload: '', headers: { 'content-type': 'application/json' } }, 'malformed_request'],
    ['text/plain', { method: 'POST', url: '/api/v1/channels', payload: 'code=x', headers: { 'content-type': 'text/plain' } }, 'unsupported_media_type'],
    ['a form post', { method: 'POST', url: '/api/v1/channels', payload: 'code=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 'unsupported_media_type'],
    ['a body over the limit', { method: 'POST', url: '/api/v1/channels', payload: { code: 'x3', name: 'n'.repeat(100_000), platform: 'jd' } }, 'payload_too_large'],
    ['unknown fields', { method: 'POST', url: '/api/v1/channels', payload: { code: 'x4', name: 'n', platform: 'jd', tenantId: 'tnt_other' } }, 'validation_failed'],
    ['a prototype-poisoning body', { method: 'POST', url: '/api/v1/channels', payload: '{"code":"x5","name":"n","platform":"jd","__proto__":{"admin":true}}', headers: { 'content-type': 'application/json' } }, 'malformed_request'],
    ['a garbage cursor', { method: 'GET', url: '/api/v1/channels?cursor=!!!' }, 'invalid_cursor'],
    ['a well-formed cursor with a wrong shape', { method: 'GET', url: `/api/v1/channels?cursor=${Buffer.from('{"x":1}').toString('base64url')}` }, 'invalid_cursor'],
    ['a limit out of range', { method: 'GET', url: '/api/v1/channels?limit=100000' }, 'validation_failed'],
    ['a non-numeric limit', { method: 'GET', url: '/api/v1/channels?limit=abc' }, 'validation_failed'],
    ['a malformed id', { method: 'GET', url: '/api/v1/channels/not-an-id' }, 'validation_failed'],
    ['an unknown route', { method: 'GET', url: '/api/v1/nothing-here' }, 'not_found'],
    ['an unsupported method', { method: 'PUT', url: '/api/v1/channels' }, 'not_found'],
    ['a bad Idempotency-Key', { method: 'POST', url: '/api/v1/channels', payload: { code: 'x6', name: 'n', platform: 'jd' }, headers: { 'idempotency-key': 'ключ' } }, 'validation_failed'],
    ['an unknown role', { method: 'POST', url: '/api/v1/members', payload: { email: 'a@example.com', displayName: 'A', role: 'god' } }, 'validation_failed'],
    ['a bad email', { method: 'POST', url: '/api/v1/members', payload: { email: 'not-an-email', displayName: 'A', role: 'analyst' } }, 'validation_failed'],
    ['a bad time zone', { method: 'PATCH', url: '/api/v1/tenant', payload: { timeZone: 'Mars/Olympus' } }, 'validation_failed'],
  ];

  for (const [what, req, code] of cases) {
    it(`answers ${what} with ${code}`, async () => {
      const res = await owner.request(req);
      expectProblemOrSuccess(res, what);
      expect(res.json().code, what).toBe(code);
    });
  }

  it('names the failing fields of a validation problem', async () => {
    const res = await owner.post('/api/v1/channels', { code: 'Bad Code!', name: '', platform: 'mars' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { path: string }) => e.path).sort();
    expect(fields).toEqual(['body.code', 'body.name', 'body.platform']);
  });

  it('wrote nothing for any of the refused requests', async () => {
    const list = await owner.get('/api/v1/channels?limit=200');
    expect(list.json().items).toEqual([]);
  });

  it('answers oversized headers on a real socket with 431 problem+json', async () => {
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = h.app.server.address() as AddressInfo;
    const res = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/v1/channels', headers: { 'x-big': 'a'.repeat(40_000) } }, (r) => {
        let body = '';
        r.on('data', (d) => (body += d));
        r.on('end', () => resolve({ status: r.statusCode!, type: String(r.headers['content-type']), body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(431);
    expect(res.type).toContain('application/problem+json');
    expect(JSON.parse(res.body).code).toBe('header_too_large');
  });
});

describe('generated bad requests at every route', () => {
  const jsonish = fc.oneof(
    fc.jsonValue(),
    fc.constantFrom('1e309', '-1e309', '9007199254740993', '{"__proto__":{"x":1}}', '[]', 'null', '"\\u0000"', '{'.repeat(200)),
  );
  const idish = fc.oneof(
    fc.string(),
    fc.constantFrom('%', '%E0%A4%A', '%00', '..', '%2e%2e', 'chn_', `chn_${'z'.repeat(26)}`, 'usr_00000000000000000000000000', 'x'.repeat(300)),
  );
  const mutation = fc.record({
    endpoint: fc.constantFrom(...ENDPOINTS.filter((e) => e.id !== 'logout')),
    method: fc.option(fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'), { nil: undefined }),
    param: idish,
    query: fc.option(fc.dictionary(fc.constantFrom('limit', 'cursor', 'status', 'entityType', 'x'), fc.string()), { nil: undefined }),
    body: fc.option(fc.oneof(jsonish.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))), fc.string()), { nil: undefined }),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', ''),
    authed: fc.boolean(),
  });

  it('never answers 5xx and always explains a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const example = EXAMPLES[m.endpoint.id]!(phantomIds());
        let url = m.endpoint.path.includes(':') ? m.endpoint.path.replace(/:(\w+)/, encodeURI(m.param).replace(/#/g, '%23').replace(/\?/g, '%3F')) : example.url.split('?')[0]!;
        if (m.query) url += `?${new URLSearchParams(m.query).toString()}`;
        const headers: Record<string, string> = {};
        if (m.contentType) headers['content-type'] = m.contentType;
        const req = {
          method: (m.method ?? m.endpoint.method) as 'GET',
          url,
          headers,
          ...(m.body !== undefined && (m.method ?? m.endpoint.method) !== 'GET' ? { payload: m.body } : {}),
        };
        const res = m.authed ? await owner.request(req) : await h.app.inject(req);
        expectProblemOrSuccess(res, `${req.method} ${url}`);
      }),
      { numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? 20261122) },
    );
  }, 120_000);
});

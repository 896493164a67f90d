import fastifyHelmet from '@fastify/helmet';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { recordHelmetHeaders, registerSecurityHeaders } from './security-headers.ts';

const OPTIONS = { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false } as const;

async function appWith(headers: 'helmet' | 'recorded') {
  const app = Fastify({ logger: false });
  if (headers === 'helmet') await app.register(fastifyHelmet, OPTIONS);
  else await registerSecurityHeaders(app, OPTIONS);
  app.get('/ok', async () => ({ ok: true }));
  app.get('/refused', async () => {
    throw Object.assign(new Error('no'), { statusCode: 401 });
  });
  await app.ready();
  return app;
}

/** Header names as written on the wire, in order (Node has the method; its types for Node 20 do not). */
const rawHeaderNames = (res: unknown) => (res as { getRawHeaderNames(): string[] }).getRawHeaderNames();

/** The response headers without the ones that differ between two answers anyway. */
function securityHeaders(headers: Record<string, unknown>) {
  const { date: _date, ...rest } = headers;
  return rest;
}

describe('registerSecurityHeaders', () => {
  it('records the headers helmet sets, with their names as helmet writes them', async () => {
    const headers = await recordHelmetHeaders(OPTIONS);
    expect(Object.fromEntries(headers)).toMatchObject({
      'X-Frame-Options': 'SAMEORIGIN',
      'X-Content-Type-Options': 'nosniff',
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
      'Referrer-Policy': 'no-referrer',
    });
    expect(headers.map(([name]) => name.toLowerCase())).not.toContain('content-security-policy');
    expect(headers.map(([name]) => name.toLowerCase())).not.toContain('cross-origin-embedder-policy');
  });

  it('answers with exactly the headers of @fastify/helmet, on success, error and not-found answers', async () => {
    const helmet = await appWith('helmet');
    const recorded = await appWith('recorded');
    for (const url of ['/ok', '/refused', '/nowhere']) {
      const [a, b] = await Promise.all([helmet.inject({ url }), recorded.inject({ url })]);
      expect(b.statusCode).toBe(a.statusCode);
      expect(securityHeaders(b.headers)).toEqual(securityHeaders(a.headers));
      expect(rawHeaderNames(b.raw.res)).toEqual(rawHeaderNames(a.raw.res));
    }
    await Promise.all([helmet.close(), recorded.close()]);
  });

  it('refuses CSP nonces, which differ per request', async () => {
    await expect(recordHelmetHeaders({ enableCSPNonces: true })).rejects.toThrow(/nonces/);
  });
});

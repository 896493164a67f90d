import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openTestDatabase, type TestDatabase } from '@yunying/db/testing';

// While the server shuts down (SIGTERM), in-flight requests finish and new ones get a
// problem+json 503 that tells the client to retry; liveness still answers, readiness does not.

let test: TestDatabase;
let built: App;

beforeAll(async () => {
  test = await openTestDatabase();
  built = await buildApp(loadConfig({}, { logLevel: 'silent' }), { database: test.database });
}, 60_000);
afterAll(async () => {
  await built?.app.close();
  await test?.close();
});

describe('shutting down', () => {
  it('answers new requests with a problem+json 503 and Connection: close, keeping /healthz alive', async () => {
    expect((await built.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    built.lifecycle.closing = true;
    const res = await built.app.inject({ url: '/api/v1/channels', headers: { 'accept-language': 'en-US' } });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers.connection).toBe('close');
    expect(res.json()).toMatchObject({ code: 'service_unavailable', status: 503 });
    expect((await built.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await built.app.inject({ url: '/readyz' })).json()).toMatchObject({ code: 'service_unavailable' });
  });
});

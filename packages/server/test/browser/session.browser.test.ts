// A password session as a browser holds it: the cookie is httpOnly (scripts cannot read it, the
// browser still sends it), and cookie-authenticated writes need the X-CSRF-Token header.
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserTarget, documentCookie, launchChromium, pageFetch, type BrowserTarget } from './support.ts';

interface Me {
  user: { userId: string; email: string };
  tenantId: string | null;
  role: string | null;
  permissions: string[];
  csrfToken: string | null;
  authenticatedBy: string;
}

interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
}

interface Channel {
  channelId: string;
  code: string;
  name: string;
  platform: string;
  status: string;
}

describe('session cookie and CSRF from the page', () => {
  let target: BrowserTarget;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let me: Me;

  beforeAll(async () => {
    target = browserTarget();
    browser = await launchChromium(target);
    context = await browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
    // Any same-origin page will do: the fetches below run in its origin.
    const response = await page.goto(`${target.baseUrl}/healthz`);
    expect(response?.status()).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('signs in with the printed one-time login; the session cookie is httpOnly', async () => {
    expect(await context.cookies()).toEqual([]);

    const login = await pageFetch(page, '/api/v1/auth/login', { method: 'POST', json: { email: target.email, password: target.password } });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    expect(login.contentType).toMatch(/^application\/json/);
    me = login.body as Me;
    expect(me.user.email).toBe(target.email);
    expect(me.role).toBe('owner');
    expect(me.authenticatedBy).toBe('session');
    expect(me.csrfToken).toEqual(expect.any(String));
    expect(me.csrfToken!.length).toBeGreaterThan(10);

    // The browser stored the cookie...
    const cookies = await context.cookies(target.baseUrl);
    const session = cookies.find((c) => c.name === 'yy_session');
    expect(session, `cookies: ${cookies.map((c) => c.name).join(', ')}`).toBeDefined();
    expect(session!.httpOnly).toBe(true);
    expect(session!.sameSite).toBe('Lax');
    expect(session!.path).toBe('/');
    expect(session!.value.length).toBeGreaterThan(20);
    // ...but the page's scripts cannot see it.
    const visible = await documentCookie(page);
    expect(visible).not.toContain('yy_session');
    expect(visible).not.toContain(session!.value);
  });

  test('GET /api/v1/auth/me succeeds on the cookie alone', async () => {
    const res = await pageFetch(page, '/api/v1/auth/me');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body as Me;
    expect(body.user).toEqual(me.user);
    expect(body.tenantId).toBe(me.tenantId);
    expect(body.csrfToken).toBe(me.csrfToken);
    expect(body.permissions).toContain('channels.manage');
  });

  test('POST /api/v1/channels without X-CSRF-Token is refused with a csrf_failed problem', async () => {
    const code = `web-${randomBytes(4).toString('hex')}`;
    const res = await pageFetch(page, '/api/v1/channels', { method: 'POST', json: { code, name: '官网商城', platform: 'own_store' } });
    expect(res.status).toBe(403);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    const problem = res.body as Problem;
    expect(problem.code).toBe('csrf_failed');
    expect(problem.status).toBe(403);
    expect(problem.title).toBe('The CSRF token is missing or wrong');

    // A wrong token is refused the same way, and neither created anything.
    const wrong = await pageFetch(page, '/api/v1/channels', {
      method: 'POST',
      headers: { 'X-CSRF-Token': `${me.csrfToken}x` },
      json: { code, name: '官网商城', platform: 'own_store' },
    });
    expect(wrong.status).toBe(403);
    expect((wrong.body as Problem).code).toBe('csrf_failed');
    const list = await pageFetch(page, '/api/v1/channels');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(code);
  });

  test('POST /api/v1/channels with the csrfToken from the login response creates the channel', async () => {
    const code = `web-${randomBytes(4).toString('hex')}`;
    const res = await pageFetch(page, '/api/v1/channels', {
      method: 'POST',
      headers: { 'X-CSRF-Token': me.csrfToken! },
      json: { code, name: '官网商城', platform: 'own_store', commissionBp: 250 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.contentType).toMatch(/^application\/json/);
    const channel = res.body as Channel;
    expect(channel).toMatchObject({ code, name: '官网商城', platform: 'own_store', status: 'active' });
    expect(channel.channelId).toMatch(/^chn_/);

    const fetched = await pageFetch(page, `/api/v1/channels/${channel.channelId}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject({ channelId: channel.channelId, code, commissionBp: 250 });
  });
});

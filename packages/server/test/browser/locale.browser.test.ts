// Problem titles follow the browser's language: Chromium sends Accept-Language from its locale, and
// the server negotiates zh-CN or en-US from it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserTarget, launchChromium, pageFetch, type BrowserTarget } from './support.ts';

describe('problem titles follow the browser locale', () => {
  let target: BrowserTarget;
  let browser: Browser;

  beforeAll(async () => {
    target = browserTarget();
    browser = await launchChromium(target);
  });

  afterAll(async () => {
    await browser?.close();
  });

  test.each([
    ['en-US', 'Sign in first'],
    ['zh-CN', '请先登录'],
  ])('a %s browser gets "%s" for GET /api/v1/auth/me signed out', async (locale, title) => {
    const context = await browser.newContext({ locale });
    try {
      const page = await context.newPage();
      await page.goto(`${target.baseUrl}/healthz`);
      expect(await page.evaluate(() => (globalThis as unknown as { navigator: { language: string } }).navigator.language)).toBe(locale);

      const sent = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/v1/auth/me');
      const res = await pageFetch(page, '/api/v1/auth/me');
      // What Chromium actually put on the wire (Playwright's locale sets it; page scripts cannot).
      const acceptLanguage = (await (await sent).allHeaders())['accept-language'];
      expect(acceptLanguage).toBe(locale);

      expect(res.status).toBe(401);
      expect(res.contentType).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'unauthenticated', status: 401, title });
    } finally {
      await context.close();
    }
  });
});

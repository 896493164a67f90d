// The browsable API reference (@fastify/swagger-ui at /api/docs) in a real Chromium: it must render
// the document, list the operation groups and expand an operation down to its request schema.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserTarget, launchChromium, type BrowserTarget } from './support.ts';

interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
}

const TAGS = ['system', 'auth', 'tenant', 'members', 'tokens', 'audit', 'channels'];

describe('API reference at /api/docs', () => {
  let target: BrowserTarget;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const failedRequests: string[] = [];
  const errorResponses: string[] = [];

  beforeAll(async () => {
    target = browserTarget();
    browser = await launchChromium(target);
    // Swagger UI virtualises a long operation list (only what is in view is in the DOM): a window
    // taller than the whole list lets the test see every group at once.
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 16_000 } });
    // Record every Content-Security-Policy violation the page reports.
    await context.addInitScript(() => {
      const w = globalThis as unknown as {
        __cspViolations: unknown[];
        document: { addEventListener(type: string, fn: (e: Record<string, unknown>) => void): void };
      };
      w.__cspViolations = [];
      w.document.addEventListener('securitypolicyviolation', (e) => {
        w.__cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${String(e.sourceFile)}:${String(e.lineNumber)}` });
      });
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('requestfailed', (request) => failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`));
    page.on('response', (response) => {
      if (response.status() >= 400) errorResponses.push(`${response.status()} ${response.url()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('renders the document title, its version and the operation groups', async () => {
    const response = await page.goto(`${target.baseUrl}/api/docs`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);

    // Rendered by swagger-ui's scripts from /api/docs/json: nothing of it is in the served HTML.
    const title = page.getByRole('heading', { name: /Yunying \(运营\) API/ });
    await title.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await title.innerText()).toContain('Yunying (运营) API');
    expect(await title.locator('.version').first().innerText()).toContain('0.1.0');

    const tags = page.locator('h3.opblock-tag');
    await tags.first().waitFor({ state: 'visible' });
    const names = await tags.evaluateAll((elements) => elements.map((e) => (e as unknown as { dataset: { tag?: string } }).dataset.tag ?? ''));
    expect(names).toEqual(expect.arrayContaining(TAGS));
    for (const tag of TAGS) {
      expect(await page.locator(`h3.opblock-tag[data-tag="${tag}"]`).isVisible(), `tag ${tag} visible`).toBe(true);
    }
    // Every group is expanded and lists its operations.
    expect(await page.locator('#operations-auth-login').isVisible()).toBe(true);
    expect(await page.locator('#operations-channels-createChannel').isVisible()).toBe(true);
    expect(await page.locator('[id^="operations-audit-"]').first().isVisible()).toBe(true);
  });

  test('expanding POST /api/v1/auth/login shows its request body and schema', async () => {
    const operation = page.locator('#operations-auth-login');
    await operation.waitFor({ state: 'visible' });
    expect(await operation.locator('.opblock-summary-method').innerText()).toBe('POST');
    expect(await operation.locator('.opblock-summary-path').getAttribute('data-path')).toBe('/api/v1/auth/login');

    const toggle = operation.locator('button.opblock-summary-control');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');

    const requestBody = operation.locator('.opblock-section-request-body');
    await requestBody.waitFor({ state: 'visible' });
    expect(await requestBody.locator('select.content-type').inputValue()).toBe('application/json');
    const example = await requestBody.locator('.body-param__example').innerText();
    expect(example).toContain('"email"');
    expect(example).toContain('"password"');

    await requestBody.locator('button.tablinks[data-name="model"]').click();
    const schema = requestBody.locator('.model-box');
    await schema.first().waitFor({ state: 'visible' });
    const schemaText = await schema.first().innerText();
    for (const property of ['email', 'password', 'tenantId']) expect(schemaText).toContain(property);
    expect(schemaText).toContain('≤ 254 characters'); // the email's maxLength from the contract
    expect(schemaText).toMatch(/\^tnt_/); // the tenantId pattern

    await page.screenshot({ path: join(target.artifactsDir, 'api-docs.png'), fullPage: true });
    await operation.screenshot({ path: join(target.artifactsDir, 'api-docs-login-operation.png') });
  });

  test('loads without script errors, failed requests or blocked scripts', async () => {
    const violations = await page.evaluate(() => (globalThis as unknown as { __cspViolations: unknown[] }).__cspViolations);
    const csp = violations as CspViolation[];
    // A blocked inline style only loses some highlighting; a blocked script would leave the page blank.
    const blocking = csp.filter((v) => !v.directive.startsWith('style-src') && !v.directive.startsWith('img-src'));
    const cosmetic = csp.filter((v) => !blocking.includes(v));
    if (cosmetic.length > 0) console.warn(`CSP blocked ${cosmetic.length} non-script resource(s) on /api/docs:`, cosmetic);
    expect(blocking).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(errorResponses).toEqual([]);
  });

  // Reached over plain HTTP by a name other than localhost/127.0.0.1 (HOST=0.0.0.0 on a LAN), the
  // docs must not ask the browser to upgrade their scripts to https (swagger-ui's default CSP
  // does, which leaves the page blank). The host name is mapped to 127.0.0.1 inside Chromium only.
  test('renders over plain HTTP at a non-loopback host name too (no upgrade of its scripts to https)', async () => {
    const port = new URL(target.baseUrl).port;
    const lanBrowser = await launchChromium(target, ['--host-resolver-rules=MAP yunying.test 127.0.0.1']);
    try {
      const lanPage = await lanBrowser.newPage();
      const upgraded: string[] = [];
      lanPage.on('request', (request) => {
        if (request.url().startsWith('https://')) upgraded.push(new URL(request.url()).pathname);
      });
      const response = await lanPage.goto(`http://yunying.test:${port}/api/docs`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');
      await expect.poll(() => lanPage.getByRole('heading', { name: /Yunying/ }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(upgraded).toEqual([]);
      await lanPage.screenshot({ path: join(target.artifactsDir, 'api-docs-non-loopback-host.png') });
    } finally {
      await lanBrowser.close();
    }
  });
});

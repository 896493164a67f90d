// Shared by the *.browser.test.ts files: what scripts/test-browser.mjs passes in, how Chromium is
// launched, and a fetch that runs inside the page (same origin, the browser's own cookies and headers).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export interface BrowserTarget {
  /** The running server, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** The one-time owner login the server printed on its first start. */
  email: string;
  password: string;
  chromiumPath: string;
  /** Where screenshots go (.test-artifacts/browser/). */
  artifactsDir: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set. Run the browser tests with \`npm run test:browser\`: it starts the server and finds Chromium.`);
  }
  return value;
}

export function browserTarget(): BrowserTarget {
  const artifactsDir = process.env.YUNYING_BROWSER_ARTIFACTS || join(process.cwd(), '.test-artifacts', 'browser');
  mkdirSync(artifactsDir, { recursive: true });
  return {
    baseUrl: required('YUNYING_BROWSER_BASE_URL').replace(/\/$/, ''),
    email: required('YUNYING_BROWSER_EMAIL'),
    password: required('YUNYING_BROWSER_PASSWORD'),
    chromiumPath: required('CHROMIUM_PATH'),
    artifactsDir,
  };
}

/** Flags for Debian's chromium running headless as root in a container, with no network but loopback. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(target: BrowserTarget, extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: target.chromiumPath, args: [...CHROMIUM_ARGS, ...extraArgs], timeout: 30_000 });
}

export interface PageResponse {
  status: number;
  contentType: string;
  /** Parsed JSON when the body is JSON, else the text; null when empty. */
  body: unknown;
}

/**
 * fetch() from inside the page: a same-origin request that carries whatever cookies and
 * Accept-Language the browser itself sends. `json` becomes a JSON body.
 */
export function pageFetch(
  page: Page,
  path: string,
  init: { method?: string; headers?: Record<string, string>; json?: unknown } = {},
): Promise<PageResponse> {
  return page.evaluate(
    async ({ path, method, headers, json, hasBody }) => {
      const response = await fetch(path, {
        method,
        headers: hasBody ? { 'content-type': 'application/json', ...headers } : headers,
        ...(hasBody ? { body: JSON.stringify(json) } : {}),
      });
      const text = await response.text();
      let body: unknown = text === '' ? null : text;
      try {
        if (text !== '') body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
    },
    { path, method: init.method ?? 'GET', headers: init.headers ?? {}, json: init.json ?? null, hasBody: init.json !== undefined },
  );
}

/** document.cookie as the page's scripts see it (lib "dom" is not in this project's tsconfig). */
export function documentCookie(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie);
}

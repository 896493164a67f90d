import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS, renderErrorReference } from '../src/index.ts';

describe('the error reference page', () => {
  it('is up to date with the registry (run `npm run docs:errors` after adding a code)', () => {
    const page = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    expect(page).toBe(renderErrorReference());
    for (const code of Object.keys(ERRORS)) expect(page).toContain(`\`${code}\``);
  });

  it('gives every code a 4xx or 5xx status and both titles', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(e.status).toBeGreaterThanOrEqual(400);
      expect(e.status).toBeLessThan(600);
      expect(e.en.length).toBeGreaterThan(3);
      expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('is the prefix, 10 time characters and 16 random ones in Crockford base32', () => {
    expect(newId('sku')).toMatch(/^sku_[0-9a-hjkmnp-tv-z]{26}$/);
  });

  it('sorts ids of later milliseconds after earlier ones', () => {
    const ids = [5, 1_700_000_000_000, 1_700_000_000_001, 4_000_000_000_000].map((t) => newId('ord', t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('never repeats across many refills of the random pool, and uses the whole alphabet', () => {
    const ids = Array.from({ length: 100_000 }, () => newId('x', 0));
    expect(new Set(ids).size).toBe(ids.length);
    const chars = new Set(ids.slice(0, 1000).flatMap((id) => [...id.slice(12)]));
    expect(chars.size).toBe(32);
  });
});

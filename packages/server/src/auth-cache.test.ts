import { describe, expect, it } from 'vitest';
import { AuthCache } from './auth-cache.ts';

describe('AuthCache', () => {
  it('returns an entry until its time is up', () => {
    let now = 1_000;
    const cache = new AuthCache<string>(5_000, 10, () => now);
    cache.set('a', 'alice');
    now += 4_999;
    expect(cache.get('a')).toBe('alice');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the oldest entry when full', () => {
    const cache = new AuthCache<number>(60_000, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
  });

  it('caches nothing when turned off', () => {
    const cache = new AuthCache<number>(0);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
  });

  it('forgets everyone on clear', () => {
    const cache = new AuthCache<number>(60_000);
    cache.set('a', 1);
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
  });
});

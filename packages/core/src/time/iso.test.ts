import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTimestamp, isoTimestampOrNull } from './iso.ts';

const MAX_MS = 8.64e15; // the largest time value a Date holds

describe('isoTimestamp', () => {
  it('writes what toISOString writes, for any instant a Date can hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_MS, max: MAX_MS }), (ms) => {
        const date = new Date(ms);
        expect(isoTimestamp(date)).toBe(date.toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes what toISOString writes around the edges of its four-digit years, days and leap days', () => {
    const edges = [
      '0000-01-01T00:00:00.000Z', '0000-02-29T12:00:00.000Z', '0001-01-01T00:00:00.000Z', '0099-12-31T23:59:59.999Z',
      '1899-12-31T23:59:59.999Z', '1969-12-31T23:59:59.999Z', '1970-01-01T00:00:00.000Z', '2000-02-29T00:00:00.000Z',
      '2100-02-28T23:59:59.999Z', '2100-03-01T00:00:00.000Z', '2026-12-06T13:49:35.838Z', '9999-12-31T23:59:59.999Z',
    ];
    for (const text of edges) {
      const date = new Date(text);
      for (const delta of [-1, 0, 1]) {
        const near = new Date(date.getTime() + delta);
        expect(isoTimestamp(near)).toBe(near.toISOString());
      }
      expect(isoTimestamp(date)).toBe(text);
    }
    const beyond = new Date('+010000-01-01T00:00:00.000Z');
    expect(isoTimestamp(beyond)).toBe('+010000-01-01T00:00:00.000Z');
    expect(isoTimestamp(new Date(-62_167_219_200_001))).toBe('-000001-12-31T23:59:59.999Z');
  });

  it('refuses an invalid date as toISOString does', () => {
    expect(() => isoTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('passes an absent date on as null', () => {
    expect(isoTimestampOrNull(null)).toBeNull();
    expect(isoTimestampOrNull(undefined)).toBeNull();
    expect(isoTimestampOrNull(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });
});

import { createRequire } from 'node:module';
import { types as pgliteTypes } from '@electric-sql/pglite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timestamptzParser } from './type-parsers.ts';

// The parsers the drivers use on their own: postgres-date (pg, through pg-types) and PGlite's.
const requireFromPg = createRequire(createRequire(import.meta.url).resolve('pg'));
const requireFromPgTypes = createRequire(requireFromPg.resolve('pg-types'));
const postgresDate = requireFromPgTypes('postgres-date') as (text: string) => Date | number | null;
const pgliteDate = (text: string) => pgliteTypes.parsers[1184]!(text, 1184) as Date | number;

const asTime = (value: unknown) => (value instanceof Date ? value.getTime() : value);

const two = (n: number) => String(n).padStart(2, '0');
/** timestamptz text as PostgreSQL writes it with DateStyle ISO, in any time zone. */
const isoTimestamptz = fc
  .record({
    year: fc.integer({ min: 100, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }), // Feb 31 does not occur, but both parsers roll it over alike
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: undefined }),
    sign: fc.constantFrom('+', '-'),
    offsetHours: fc.integer({ min: 0, max: 15 }),
    offsetMinutes: fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
  })
  .map(
    (t) =>
      `${String(t.year).padStart(4, '0')}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}:${two(t.second)}` +
      `${t.fraction === undefined ? '' : `.${t.fraction}`}${t.sign}${two(t.offsetHours)}${t.offsetMinutes === undefined ? '' : `:${two(t.offsetMinutes)}`}`,
  );

describe('timestamptzParser', () => {
  it('reads ISO timestamptz text to the same instant as pg’s and PGlite’s own parsers', () => {
    const pgParser = timestamptzParser(postgresDate);
    const pgliteParser = timestamptzParser(pgliteDate);
    fc.assert(
      fc.property(isoTimestamptz, (text) => {
        const ours = pgParser(text);
        expect(ours).toBeInstanceOf(Date);
        expect(asTime(ours)).toBe(asTime(postgresDate(text)));
        expect(asTime(pgliteParser(text))).toBe(asTime(pgliteDate(text)));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['2026-11-22 03:24:33.123456+00', Date.UTC(2026, 10, 22, 3, 24, 33, 123)],
    ['2026-11-22 03:24:33+08', Date.UTC(2026, 10, 21, 19, 24, 33)],
    ['2026-11-22 03:24:33.5-03:30', Date.UTC(2026, 10, 22, 6, 54, 33, 500)],
    ['0100-01-01 00:00:00+00', Date.UTC(100, 0, 1)],
    ['2024-02-29 23:59:59.999999+00', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
    ['2000-03-01 00:00:00.07+00', Date.UTC(2000, 2, 1, 0, 0, 0, 70)],
    ['1970-01-01 00:00:00+14', Date.UTC(1969, 11, 31, 10)],
  ])('reads %s', (text, expected) => {
    expect(asTime(timestamptzParser(postgresDate)(text))).toBe(expected);
  });

  it.each(['infinity', '-infinity', '2026-11-22 03:24:33+00 BC', '0099-01-01 00:00:00+00', '1890-01-01 00:00:00+08:05:43', '2026-11-22T03:24:33Z', '2026-11-22'])(
    'leaves %s to the driver’s parser',
    (text) => {
      const fallback = (t: string) => `fallback ${t}`;
      expect(timestamptzParser(fallback)(text)).toBe(`fallback ${text}`);
    },
  );
});

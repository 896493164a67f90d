// How both engines read the column types whose default JavaScript form is wrong or slow for us.

/** Type oids whose text the engines' parsers read our way. */
export const INT8 = 20;
export const NUMERIC = 1700;
export const TIMESTAMPTZ = 1184;

/** bigint columns hold integer minor units and counts; refuse values JavaScript cannot hold exactly. */
export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return n;
}

/** Two ASCII digits at `at` as a number, or -1. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil); linear in `day`. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/**
 * A timestamptz as PostgreSQL writes it (DateStyle ISO): `2026-11-22 03:24:33.123456+00`, the offset
 * `±HH` or `±HH:MM`. Undefined for anything else: BC dates, infinity, years before 100, offsets
 * with seconds, other date styles. The instant is computed by integer arithmetic (no Date.UTC, no
 * parseFloat): the fraction's first three digits are the milliseconds, which is what postgres-date's
 * `Date.UTC(…, 1000 * parseFloat(fraction))` keeps too (checked for every 1- to 6-digit fraction).
 */
function readIsoTimestamptz(text: string): Date | undefined {
  const n = text.length;
  if (n < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) {
    return undefined;
  }
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if ((century | yy | month | day | hour | minute | second) < 0 || century === 0) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  let at = 19;
  let ms = 0;
  if (text.charCodeAt(at) === 46) {
    at++;
    let digits = 0;
    for (; at < n; at++, digits++) {
      const d = text.charCodeAt(at) - 48;
      if (d < 0 || d > 9) break;
      if (digits < 3) ms = ms * 10 + d;
    }
    if (digits === 0) return undefined;
    if (digits === 1) ms *= 100;
    else if (digits === 2) ms *= 10;
  }
  const sign = text.charCodeAt(at);
  const offsetHours = twoDigits(text, at + 1);
  if ((sign !== 43 && sign !== 45) || offsetHours < 0) return undefined;
  let offsetMinutes = 0;
  if (n === at + 6 && text.charCodeAt(at + 3) === 58) offsetMinutes = twoDigits(text, at + 4);
  else if (n !== at + 3) return undefined;
  if (offsetMinutes < 0) return undefined;
  const offsetMs = (offsetHours * 3600 + offsetMinutes * 60) * 1000 * (sign === 45 ? -1 : 1);
  const days = daysFromCivil(century * 100 + yy, month, day);
  return new Date(days * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms - offsetMs);
}

/**
 * timestamptz values are read by arithmetic when they have the usual form, else by `fallback`, the
 * driver's own parser. For the usual form both give the same Date (see engine.test.ts); the
 * drivers' general parsers (regular expressions in pg, V8's legacy date parser in PGlite) cost
 * more than the rest of reading a row of a list.
 */
export function timestamptzParser<T>(fallback: (text: string) => T): (text: string) => Date | T {
  return (text) => readIsoTimestamptz(text) ?? fallback(text);
}

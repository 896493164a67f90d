/**
 * `date.toISOString()`, computed in JavaScript: `2026-12-06T13:49:35.838Z`.
 *
 * V8's Date.prototype.toISOString is a C++ builtin that breaks the time down through its date
 * cache on every call; an answer listing 50 rows with two timestamps each called it 100 times, and
 * in a profile of `GET /api/v1/channels` the row mapping that did so was the largest function of
 * our own (about 0.65 µs a call against 0.23 µs here; bench/README.md). Same output for every
 * valid Date (a property test compares them); years outside 0000–9999, whose form has a sign and
 * six digits, and invalid dates (RangeError) are left to toISOString itself.
 */
export function isoTimestamp(date: Date): string {
  const ms = date.getTime();
  // 0000-01-01 and 10000-01-01, in ms since the epoch.
  if (!(ms >= -62_167_219_200_000 && ms < 253_402_300_800_000)) return date.toISOString();
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  // H. Hinnant's civil_from_days: the proleptic Gregorian date of a day count from 1970-01-01.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  return (
    (year < 1000 ? (year < 10 ? '000' : year < 100 ? '00' : '0') : '') +
    year +
    '-' +
    two(month) +
    '-' +
    two(day) +
    'T' +
    two(hour) +
    ':' +
    two(minute) +
    ':' +
    two(second) +
    '.' +
    (milli < 10 ? '00' : milli < 100 ? '0' : '') +
    milli +
    'Z'
  );
}

/** isoTimestamp of a date that may be absent. */
export function isoTimestampOrNull(date: Date | null | undefined): string | null {
  return date ? isoTimestamp(date) : null;
}

const two = (n: number): string => (n < 10 ? '0' + n : '' + n);

import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/**
 * A prefixed, time-sortable id: `ord_` + 10 chars of milliseconds + 16 random chars (80 bits).
 * Ids made later sort after earlier ones (to the millisecond), so lists can page by id.
 */
export function newId(prefix: string, now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (const byte of bytes) rand += ALPHABET[byte & 31];
  return `${prefix}_${time}${rand}`;
}

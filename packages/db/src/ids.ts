import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

// Random bytes are drawn from the CSPRNG 4 KiB at a time: one call per 256 ids instead of one per
// id (the call, not the bytes, is what costs on hot paths such as a batch of reservations).
const POOL = Buffer.alloc(4096);
let offset = POOL.length;

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
  if (offset + 16 > POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  let rand = '';
  for (let i = offset; i < offset + 16; i++) rand += ALPHABET[POOL[i]! & 31];
  offset += 16;
  return `${prefix}_${time}${rand}`;
}

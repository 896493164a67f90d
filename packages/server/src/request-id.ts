import { randomBytes } from 'node:crypto';

// A random prefix per process and a counter: unique across processes, cheap per request (no
// call into the random source on the hot path).
const prefix = randomBytes(6).toString('base64url');
let counter = 0;

/** A short request id, logged with every line and returned in problems: `req_<process>-<n>`. */
export function newRequestId(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `req_${prefix}-${counter.toString(36)}`;
}

import { randomBytes } from 'node:crypto';

/** A short random request id, logged with every line and returned in problems. */
export function newRequestId(): string {
  return `req_${randomBytes(9).toString('base64url')}`;
}

import type { Permission } from '@yunying/core/access';
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Who may call an endpoint:
 * - `public`: anyone (health, login);
 * - `session`: any signed-in person, whatever the shop (me, logout, switch shop);
 * - `member`: a member of the current shop, any role;
 * - a permission: a member of the current shop whose role holds it (see the role matrix).
 */
export type Access = 'public' | 'session' | 'member' | Permission;

/** One HTTP endpoint's contract, shared by the server, the console, the CLI and the tests. */
export interface Endpoint {
  id: string;
  method: HttpMethod;
  path: string;
  access: Access;
  summary: string;
  tags: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: { [status: number]: z.ZodType };
  /** POSTs that create records honour the Idempotency-Key header. */
  idempotent?: boolean;
  /** Only a password session may call it (never an API token). */
  sessionOnly?: boolean;
}

/** Identity helper that keeps the literal types of a contract. */
export function endpoint<const E extends Endpoint>(e: E): E {
  return e;
}

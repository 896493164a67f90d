import * as audit from './endpoints/audit.ts';
import * as auth from './endpoints/auth.ts';
import * as channels from './endpoints/channels.ts';
import * as members from './endpoints/members.ts';
import * as system from './endpoints/system.ts';
import * as tenant from './endpoints/tenant.ts';
import * as tokens from './endpoints/tokens.ts';
import type { Endpoint } from './endpoint.ts';

export * from './common.ts';
export * from './endpoint.ts';
export * from './errors.ts';
export { audit, auth, channels, members, system, tenant, tokens };

function collect(...modules: Record<string, unknown>[]): Endpoint[] {
  return modules.flatMap((m) =>
    Object.values(m).filter((v): v is Endpoint => typeof v === 'object' && v !== null && 'id' in v && 'method' in v),
  );
}

/** Every endpoint of the API. The server registers exactly these; tests enumerate them. */
export const ENDPOINTS: readonly Endpoint[] = collect(system, auth, tenant, members, tokens, audit, channels);
export { renderErrorReference } from './error-reference.ts';

import type { Endpoint } from '@yunying/contracts';
import type { DB, Kysely } from '@yunying/db';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { z } from 'zod';
import type { Config } from '../config.ts';
import type { AuthCache } from '../auth-cache.ts';
import { guard, type Principal } from '../plugins/auth.ts';
import { idempotencyCheck } from '../plugins/idempotency.ts';
import { ApiError } from '../problem.ts';
import type { Result } from '../services/result.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    endpoint?: Endpoint;
  }
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a handler receives: the validated input of its contract plus the request. */
export interface HandlerInput<E extends Endpoint> {
  body: Infer<E['body']>;
  params: Infer<E['params']>;
  query: Infer<E['query']>;
  request: FastifyRequest;
  reply: FastifyReply;
}

type SuccessBody<E extends Endpoint> = z.input<E['response'][keyof E['response'] & number]>;
export type Handler<E extends Endpoint> = (input: HandlerInput<E>) => Promise<SuccessBody<E> | null>;

export interface RouteContext {
  db: Kysely<DB>;
  config: Config;
  /** Verified callers; clear it after any change to sessions, memberships or tokens. */
  authCache: AuthCache<Principal>;
}

function successStatus(endpoint: Endpoint): number {
  const codes = Object.keys(endpoint.response).map(Number).filter((s) => s < 300);
  return codes[0] ?? 200;
}

function describeAccess(endpoint: Endpoint): string {
  switch (endpoint.access) {
    case 'public':
      return 'Public.';
    case 'session':
      return 'Requires a signed-in person.';
    case 'member':
      return 'Requires membership of the current shop (any role).';
    default:
      return `Requires permission \`${endpoint.access}\` (see GET /api/v1/roles).`;
  }
}

/** Unwraps a service result for the HTTP edge: failures become problems. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new ApiError(result.code, result.detail, result.extra);
  return result.value;
}

/**
 * Registers one endpoint from its contract: validation, OpenAPI description, access guard,
 * Idempotency-Key handling and the success status all come from the contract.
 */
export function registerEndpoint<E extends Endpoint>(
  app: FastifyInstance,
  ctx: RouteContext,
  endpoint: E,
  handler: Handler<E>,
  extraConfig: Record<string, unknown> = {},
): void {
  const status = successStatus(endpoint);
  const options: RouteOptions = {
    method: endpoint.method,
    url: endpoint.path,
    schema: {
      operationId: endpoint.id,
      summary: endpoint.summary,
      description: `${describeAccess(endpoint)}${endpoint.idempotent ? ' Honours the Idempotency-Key header.' : ''}${
        endpoint.sessionOnly ? ' Password sessions only (not API tokens).' : ''
      }`,
      tags: endpoint.tags,
      ...(endpoint.params ? { params: endpoint.params } : {}),
      ...(endpoint.query ? { querystring: endpoint.query } : {}),
      ...(endpoint.body ? { body: endpoint.body } : {}),
      response: endpoint.response,
      ...(endpoint.access === 'public' ? { security: [] } : { security: [{ session: [] }, { bearer: [] }] }),
    } as RouteOptions['schema'],
    config: { endpoint, ...extraConfig },
    onRequest: guard(ctx.db, endpoint, ctx.config, ctx.authCache),
    ...(endpoint.idempotent ? { preHandler: idempotencyCheck(ctx.db) } : {}),
    handler: async (request, reply) => {
      const body = await handler({
        body: request.body as Infer<E['body']>,
        params: request.params as Infer<E['params']>,
        query: request.query as Infer<E['query']>,
        request,
        reply,
      });
      if (reply.sent) return reply;
      reply.code(status);
      return status === 204 ? reply.send() : reply.send(body);
    },
  };
  app.route(options);
}

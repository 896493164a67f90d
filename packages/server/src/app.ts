import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ENDPOINTS } from '@yunying/contracts';
import type { Database } from '@yunying/db';
import type { IncomingMessage, Server } from 'node:http';
import Fastify, { type FastifyHttpOptions, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { AuthCache } from './auth-cache.ts';
import type { Config } from './config.ts';
import { newRequestId } from './request-id.ts';
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandling } from './plugins/errors.ts';
import { registerIdempotencyCompletion } from './plugins/idempotency.ts';
import { responseSerializerCompiler } from './plugins/response-serializer.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { ApiError } from './problem.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { channelRoutes } from './routes/channels.ts';
import { channelListingRoutes } from './routes/channel-listings.ts';
import { catalogImportRoutes } from './routes/catalog-imports.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { catalogLifecycleRoutes } from './routes/catalog-lifecycle.ts';
import { productRoutes } from './routes/products.ts';
import { inventoryRoutes } from './routes/inventory.ts';
import { stocktakeRoutes } from './routes/stocktakes.ts';
import { purchasingRoutes } from './routes/purchasing.ts';
import { memberRoutes } from './routes/members.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { couponRoutes } from './routes/coupons.ts';
import { promotionRoutes } from './routes/promotions.ts';
import { shippingTemplateRoutes } from './routes/shipping-templates.ts';
import { customerRoutes } from './routes/customers.ts';
import { segmentRoutes } from './routes/segments.ts';
import type { RouteContext } from './routes/register.ts';
import { systemRoutes, type Lifecycle } from './routes/system.ts';
import { tenantRoutes } from './routes/tenant.ts';
import { tokenRoutes } from './routes/tokens.ts';

export interface AppDeps {
  database: Database;
  /** A pino logger; tests pass a silent one. */
  logger?: Logger | boolean;
}

export interface App {
  app: FastifyInstance;
  lifecycle: Lifecycle;
}

/**
 * The composition root: wires config, database, plugins and every endpoint of the contracts.
 * Tests call this same function and talk to it through `inject()`.
 */
export async function buildApp(config: Config, deps: AppDeps): Promise<App> {
  const logging = typeof deps.logger === 'object' ? { loggerInstance: deps.logger } : { logger: deps.logger ?? false };
  const app = Fastify({
    ...logging,
    genReqId: (req: IncomingMessage) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : newRequestId();
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // during shutdown the hook below answers new requests with a problem+json 503
    return503OnClosing: false,
    frameworkErrors: frameworkErrorHandler(config),
    clientErrorHandler,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  } as FastifyHttpOptions<Server>) as unknown as FastifyInstance;

  // A JSON API: bodies of any other type are refused with 415 (Fastify would parse text/plain).
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  app.decorateRequest('principal', null);
  registerErrorHandling(app, config);

  await app.register(cookie);
  await registerSecurityHeaders(app, { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      new ApiError('too_many_requests', `Try again in ${Math.ceil(context.ttl / 1000)} s.`, {
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Yunying (运营) API',
        version: '0.1.0',
        description:
          'The e-commerce operations platform. Errors are application/problem+json with a stable `code` ' +
          '(see docs/errors.md). Lists are cursor-paginated. Writes through a session cookie need the ' +
          'X-CSRF-Token header; API tokens use Authorization: Bearer.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'yy_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'personal API token (yyt.…)' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // The default CSP says upgrade-insecure-requests, which blanks the page when the server is
    // reached over plain HTTP by a LAN name (browsers then fetch its scripts over https).
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/g, ''),
    theme: { title: 'Yunying (运营) API' },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerIdempotencyCompletion(app, deps.database.db);

  const ctx: RouteContext = { db: deps.database.db, config, authCache: new AuthCache(config.authCacheMs) };
  const lifecycle: Lifecycle = { engine: deps.database.engine, closing: false };
  // callback style: no promise per request on the hot path
  app.addHook('onRequest', (request, reply, done) => {
    if (!lifecycle.closing || request.url === '/healthz' || request.url === '/readyz') return done();
    reply.header('connection', 'close');
    done(new ApiError('service_unavailable', 'The server is shutting down; retry the request (another instance will answer).'));
  });
  systemRoutes(app, ctx, lifecycle);
  authRoutes(app, ctx);
  tenantRoutes(app, ctx);
  memberRoutes(app, ctx);
  tokenRoutes(app, ctx);
  auditRoutes(app, ctx);
  channelRoutes(app, ctx);
  promotionRoutes(app, ctx);
  couponRoutes(app, ctx);
  shippingTemplateRoutes(app, ctx);
  campaignRoutes(app, ctx);
  catalogRoutes(app, ctx);
  catalogLifecycleRoutes(app, ctx);
  productRoutes(app, ctx);
  inventoryRoutes(app, ctx);
  stocktakeRoutes(app, ctx);
  purchasingRoutes(app, ctx);
  channelListingRoutes(app, ctx);
  catalogImportRoutes(app, ctx);
  customerRoutes(app, ctx);
  segmentRoutes(app, ctx);

  await app.ready();
  const missing = ENDPOINTS.filter((e) => !app.hasRoute({ method: e.method, url: e.path }));
  if (missing.length > 0) throw new Error(`endpoints without a route: ${missing.map((e) => e.id).join(', ')}`);
  return { app, lifecycle };
}

import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * The headers @fastify/helmet puts on a response with `options`, read once from a throw-away
 * Fastify instance: helmet itself decides, this only records its answer (names with their case).
 * Options that make the headers differ per request (CSP nonces) are refused.
 */
export async function recordHelmetHeaders(options: FastifyHelmetOptions): Promise<Array<[string, string]>> {
  if (options.enableCSPNonces) throw new Error('CSP nonces differ per request: register @fastify/helmet itself');
  const probe = Fastify({ logger: false });
  const headers: Array<[string, string]> = [];
  try {
    // Hooks run in the order they were added: every header set between the first hook (before
    // helmet's) and the last one (after them) is helmet's, written down as helmet sets it.
    let recording = false;
    probe.addHook('onRequest', (_request, reply, done) => {
      const raw = reply.raw;
      const setHeader = raw.setHeader.bind(raw);
      raw.setHeader = (name: string, value: number | string | readonly string[]) => {
        if (recording) headers.push([name, String(value)]);
        return setHeader(name, value);
      };
      recording = true;
      done();
    });
    await probe.register(fastifyHelmet, options);
    probe.addHook('onRequest', (_request, _reply, done) => {
      recording = false;
      done();
    });
    probe.get('/', async () => 'ok');
    await probe.inject({ method: 'GET', url: '/' });
  } finally {
    await probe.close();
  }
  return headers;
}

/**
 * Helmet's security headers on every response, as @fastify/helmet sets them, but worked out once at
 * start-up. @fastify/helmet builds a new helmet middleware from its options on every request, in
 * two hooks (one of them async): more CPU than the rest of a cached read's authentication. The
 * headers are set on the raw response in a global onRequest hook, as @fastify/helmet does, so error
 * answers (401, 404, 429 …) carry them too.
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: FastifyHelmetOptions): Promise<void> {
  const headers = await recordHelmetHeaders(options);
  if (headers.length === 0) throw new Error('helmet set no headers');
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (let i = 0; i < headers.length; i++) raw.setHeader(headers[i]![0], headers[i]![1]);
    done();
  });
}

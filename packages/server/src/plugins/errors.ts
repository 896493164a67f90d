import type { ErrorCode } from '@yunying/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, negotiateLocale, problemBody, type FieldProblem } from '../problem.ts';
import type { Config } from '../config.ts';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'malformed_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  431: 'header_too_large',
};

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_request',
  FST_ERR_BAD_URL: 'malformed_request',
  FST_ERR_ASYNC_CONSTRAINT: 'malformed_request',
};

interface ZodLikeIssue {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: (string | number)[]; message?: string } };
}

function validationFields(error: FastifyError & { validation?: unknown[]; validationContext?: string }): FieldProblem[] {
  const context = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body');
  return ((error.validation ?? []) as ZodLikeIssue[]).map((issue) => {
    const path = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
    return { path: path ? `${context}.${path}` : context, message: issue.message ?? issue.params?.issue?.message ?? 'invalid' };
  });
}

/** Sends a problem+json response. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  opts: { detail?: string | undefined; fields?: FieldProblem[] | undefined; extra?: Record<string, unknown> } = {},
  defaultLocale: 'zh-CN' | 'en-US' = 'zh-CN',
): FastifyReply {
  const locale = negotiateLocale(request.headers['accept-language'], defaultLocale);
  const body = problemBody(code, locale, { ...opts, requestId: request.id, instance: request.url.split('?')[0]!.slice(0, 200) });
  if (typeof opts.extra?.retryAfterSeconds === 'number') reply.header('retry-after', String(opts.extra.retryAfterSeconds));
  return reply.code(body.status as number).type('application/problem+json; charset=utf-8').serializer(JSON.stringify).send(body);
}

/** Maps any error to a problem; unknown errors become a logged 500 without details. */
export function registerErrorHandling(app: FastifyInstance, config: Config): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return sendProblem(request, reply, error.code, { detail: error.detail, fields: error.fields, extra: error.extra }, config.defaultLocale);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(request, reply, 'validation_failed', { fields: validationFields(error) }, config.defaultLocale);
    }
    const mapped = (error.code && FASTIFY_CODES[error.code]) || (error.statusCode && STATUS_CODES[error.statusCode]);
    if (mapped) {
      return sendProblem(request, reply, mapped, { detail: mapped === 'malformed_request' ? error.message.slice(0, 200) : undefined }, config.defaultLocale);
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(request, reply, 'malformed_request', {}, config.defaultLocale);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 'internal_error', { detail: `Quote request id ${request.id} when reporting this.` }, config.defaultLocale);
  });

  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 'not_found', { detail: `No route ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}` }, config.defaultLocale));
}

/** Problems for errors Fastify raises before routing (bad URL encoding and the like). */
export function frameworkErrorHandler(config: Config) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const code = (error.code && FASTIFY_CODES[error.code]) || 'malformed_request';
    sendProblem(request, reply, code, { detail: error.message.slice(0, 200) }, config.defaultLocale);
  };
}

/** The raw socket answer for requests Node's HTTP parser rejects (oversized headers, garbage). */
export function clientErrorHandler(error: NodeJS.ErrnoException & { code?: string }, socket: import('node:net').Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const code: ErrorCode = tooLarge ? 'header_too_large' : 'malformed_request';
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify(problemBody(code, 'en-US', {}));
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      'Content-Type: application/problem+json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

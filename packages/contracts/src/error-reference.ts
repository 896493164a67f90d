import { ERRORS, problemType, type ErrorCode } from './errors.ts';

/** The error reference page (docs/errors.md), rendered from the registry. */
export function renderErrorReference(): string {
  const rows = (Object.keys(ERRORS) as ErrorCode[])
    .sort((a, b) => ERRORS[a].status - ERRORS[b].status || a.localeCompare(b))
    .map((code) => `| \`${code}\` | ${ERRORS[code].status} | ${ERRORS[code].en} | ${ERRORS[code].zh} |`);
  return [
    '# API error reference',
    '',
    'Every error the API returns is `application/problem+json` (RFC 9457):',
    '',
    '```json',
    JSON.stringify(
      {
        type: problemType('validation_failed'),
        title: ERRORS.validation_failed.en,
        status: 400,
        code: 'validation_failed',
        instance: '/api/v1/channels',
        requestId: 'req_…',
        errors: [{ path: 'body.code', message: 'lower-case letters, digits, _ and -, up to 40' }],
      },
      null,
      2,
    ),
    '```',
    '',
    '`code` is stable: clients branch on it, never on `title` (which follows Accept-Language: zh-CN or en-US).',
    'Codes are never renamed or reused. Some problems carry extra members: `permission` (forbidden),',
    '`retryAfterSeconds` (account_locked, too_many_requests, with a Retry-After header), `errors` (validation_failed).',
    '',
    'This page is generated from `packages/contracts/src/errors.ts` by `npm run docs:errors`; a test fails when they differ.',
    '',
    '| code | HTTP status | title (en-US) | title (zh-CN) |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

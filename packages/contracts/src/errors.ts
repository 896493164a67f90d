/**
 * The error registry: every stable error code the API can answer with, its HTTP status and its
 * title in both console languages. Codes are never reused or renamed; docs/errors.md is generated
 * from this table and a test fails when the two differ.
 */
export const ERRORS = {
  validation_failed: { status: 400, en: 'The request is not valid', zh: '请求参数不合法' },
  malformed_request: { status: 400, en: 'The request could not be read', zh: '无法解析请求' },
  invalid_cursor: { status: 400, en: 'The page cursor is not valid', zh: '分页游标无效' },
  unauthenticated: { status: 401, en: 'Sign in first', zh: '请先登录' },
  invalid_credentials: { status: 401, en: 'Email or password is wrong', zh: '邮箱或密码错误' },
  forbidden: { status: 403, en: 'Your role does not allow this', zh: '您的角色无此权限' },
  csrf_failed: { status: 403, en: 'The CSRF token is missing or wrong', zh: 'CSRF 令牌缺失或错误' },
  no_tenant: { status: 403, en: 'Choose a shop first', zh: '请先选择店铺' },
  role_not_grantable: { status: 403, en: 'You cannot grant this role', zh: '您无法授予该角色' },
  token_requires_session: { status: 403, en: 'Sign in with a password to manage API tokens', zh: '请使用密码登录后管理 API 令牌' },
  not_found: { status: 404, en: 'Not found', zh: '未找到' },
  method_not_allowed: { status: 405, en: 'Method not allowed', zh: '不支持该请求方法' },
  email_taken: { status: 409, en: 'That email already belongs to an account', zh: '该邮箱已被使用' },
  already_member: { status: 409, en: 'That person is already a member of this shop', zh: '该用户已是本店成员' },
  last_owner: { status: 409, en: 'A shop needs at least one owner', zh: '店铺至少需要一位店主' },
  channel_code_taken: { status: 409, en: 'A channel with that code exists', zh: '渠道编码已存在' },
  idempotency_key_in_flight: { status: 409, en: 'A request with this Idempotency-Key is still running', zh: '相同幂等键的请求仍在处理中' },
  payload_too_large: { status: 413, en: 'The request body is too large', zh: '请求体过大' },
  unsupported_media_type: { status: 415, en: 'Send JSON (Content-Type: application/json)', zh: '请以 JSON 格式发送（Content-Type: application/json）' },
  idempotency_key_reused: { status: 422, en: 'This Idempotency-Key was used for a different request', zh: '该幂等键已用于另一个请求' },
  account_locked: { status: 423, en: 'Too many failed sign-ins; the account is locked for a while', zh: '登录失败次数过多，账户已暂时锁定' },
  too_many_requests: { status: 429, en: 'Too many requests; slow down', zh: '请求过于频繁，请稍后再试' },
  header_too_large: { status: 431, en: 'The request headers are too large', zh: '请求头过大' },
  internal_error: { status: 500, en: 'Something went wrong on our side', zh: '服务器内部错误' },
  service_unavailable: { status: 503, en: 'The service is starting or stopping; try again shortly', zh: '服务正在启动或停止，请稍后重试' },
} as const satisfies Record<string, { status: number; en: string; zh: string }>;

export type ErrorCode = keyof typeof ERRORS;

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export type Locale = 'zh-CN' | 'en-US';

/** The problem `type` URI for a code. */
export function problemType(code: ErrorCode): string {
  return `urn:yunying:problem:${code}`;
}

/** The title of a code in a locale. */
export function problemTitle(code: ErrorCode, locale: Locale): string {
  const entry = ERRORS[code];
  return locale === 'zh-CN' ? entry.zh : entry.en;
}

import { ERRORS, problemTitle, problemType, type ErrorCode, type Locale } from '@yunying/contracts';

/** A field that failed validation. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * An expected failure on its way to the client as application/problem+json. Services return typed
 * failures; handlers turn them into an ApiError; the error handler renders it.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
    readonly fields?: FieldProblem[],
  ) {
    super(detail ?? code);
    this.name = 'ApiError';
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** zh-CN when the client prefers Chinese, en-US when it prefers anything else, else the default. */
export function negotiateLocale(acceptLanguage: string | undefined, fallback: Locale): Locale {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number.parseFloat(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((l) => l.tag && l.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return fallback;
}

/** The problem+json body for an error. */
export function problemBody(
  code: ErrorCode,
  locale: Locale,
  opts: { detail?: string | undefined; instance?: string; requestId?: string; fields?: FieldProblem[] | undefined; extra?: Record<string, unknown> } = {},
): Record<string, unknown> {
  return {
    ...opts.extra,
    type: problemType(code),
    title: problemTitle(code, locale),
    status: ERRORS[code].status,
    ...(opts.detail ? { detail: opts.detail } : {}),
    code,
    ...(opts.instance ? { instance: opts.instance } : {}),
    ...(opts.requestId ? { requestId: opts.requestId } : {}),
    ...(opts.fields ? { errors: opts.fields } : {}),
  };
}

import { z } from 'zod';

/** A prefixed id such as `chn_01hx…`: prefix, underscore, 26 lower-case base32 characters. */
export function idSchema(prefix: string) {
  return z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `must be a ${prefix}_ id`)
    .describe(`${prefix}_ id`);
}

export const Timestamp = z.string().describe('ISO 8601 instant (UTC)');

/** A failed field in a validation problem. */
export const ProblemField = z.object({
  path: z.string().describe('where: body.email, query.limit, params.channelId …'),
  message: z.string(),
});

/** application/problem+json (RFC 9457) with the stable machine `code`. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    code: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(ProblemField).optional(),
  })
  .passthrough()
  .describe('application/problem+json');

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('items per page, 1–200'),
  cursor: z.string().max(512).optional().describe('nextCursor of the previous page'),
});

/** A cursor-paginated list. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
  });
}

export const Empty = z.object({}).strict();

import { z } from 'zod';
import { ApiError } from './problem.ts';

const Key = z.object({ k: z.string().min(1).max(100) }).strict();

/** An opaque page cursor holding the last key of the page. */
export function encodeCursor(lastKey: string): string {
  return Buffer.from(JSON.stringify({ k: lastKey })).toString('base64url');
}

/** The key inside a cursor; a cursor that was not made by encodeCursor is a 400 invalid_cursor. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    return Key.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).k;
  } catch {
    throw new ApiError('invalid_cursor', 'Pass the nextCursor of a previous page unchanged.');
  }
}

/** Builds a page from `limit + 1` fetched rows: the extra row only says there is a next page. */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => string, map: (row: R) => T): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(map), nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

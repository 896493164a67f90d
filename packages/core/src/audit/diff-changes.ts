export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

function normalize(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

/**
 * The fields that differ between two versions of an entity, as `{ field: { before, after } }`.
 * A created entity has `before` null (every field listed with before = null), a deleted one has
 * `after` null. Fields in `omit` (secrets, hashes) never appear; timestamps of bookkeeping
 * (updatedAt) are left out so an audit entry shows what a person changed.
 */
export function diffChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  omit: readonly string[] = [],
): FieldChanges {
  const skip = new Set(['updatedAt', ...omit]);
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChanges = {};
  for (const key of [...keys].sort()) {
    if (skip.has(key)) continue;
    const b = before ? normalize(before[key]) : null;
    const a = after ? normalize(after[key]) : null;
    if (before && after && same(b, a)) continue;
    changes[key] = { before: b ?? null, after: a ?? null };
  }
  return changes;
}

// Whether a cart line falls inside a rule's scope.
import type { CartLine } from './input-schemas.ts';
import type { Scope } from './rule-args.ts';

/**
 * True when `x` is in `ids`. A counted loop rather than Array.prototype.includes: the lists are
 * short (usually one id) and the loop inlines into the callers, the builtin call does not.
 */
export function hasId(ids: readonly string[], x: string): boolean {
  for (let i = 0; i < ids.length; i++) if (ids[i] === x) return true;
  return false;
}

/** True when some id of `have` is in `ids` (plain loops: this is the engine's innermost test). */
function anyIn(have: readonly string[], ids: readonly string[]): boolean {
  for (let i = 0; i < have.length; i++) if (hasId(ids, have[i]!)) return true;
  return false;
}

/** True when `line` is inside `scope` ('order' = every line; others match by any listed id). */
export function inScope(scope: Scope, line: CartLine): boolean {
  switch (scope.type) {
    case 'order':
      return true;
    case 'skus':
      return hasId(scope.ids, line.skuId);
    case 'products':
      return hasId(scope.ids, line.productId);
    case 'categories':
      return anyIn(line.categoryIds, scope.ids);
    case 'tags':
      return anyIn(line.tags, scope.ids);
  }
}

/** The whole order: every line is in scope. */
export const WHOLE_ORDER: Scope = { type: 'order' };

/** A predicate bound to one scope. */
export function scopeFilter(scope: Scope): (line: CartLine) => boolean {
  return (line) => inScope(scope, line);
}

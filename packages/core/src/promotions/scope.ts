// Whether a cart line falls inside a rule's scope.
import type { CartLine } from './input-schemas.ts';
import type { Scope } from './rule-args.ts';

/** True when `line` is inside `scope` ('order' = every line; others match by any listed id). */
export function inScope(scope: Scope, line: CartLine): boolean {
  switch (scope.type) {
    case 'order':
      return true;
    case 'skus':
      return scope.ids.includes(line.skuId);
    case 'products':
      return scope.ids.includes(line.productId);
    case 'categories':
      return line.categoryIds.some((c) => scope.ids.includes(c));
    case 'tags':
      return line.tags.some((t) => scope.ids.includes(t));
  }
}

/** A predicate bound to one scope, for `eligibleLines`. */
export function scopeFilter(scope: Scope): (line: CartLine) => boolean {
  return (line) => inScope(scope, line);
}

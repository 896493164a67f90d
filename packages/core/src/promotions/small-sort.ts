// A stable in-place insertion sort for the engine's small arrays (a line's competing prices, its
// unit groups, the run's outcomes): cheaper than Array.prototype.sort at these sizes (no call
// out of the builtin per comparison). Same result as the built-in stable sort for any
// consistent comparator (property-tested in small-sort.test.ts).

/**
 * Sorts `xs` in place (stable) and returns it. For lists of a handful up to a few dozen (a line's
 * competing prices, its unit groups, a run's outcomes): binary insertion, so about log₂ n
 * comparisons per element however shuffled, and one for an element already in place. Longer lists
 * use the built-in sort.
 */
export function sortSmall<T>(xs: T[], compare: (a: T, b: T) => number): T[] {
  if (xs.length > 64) return xs.sort(compare);
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i]!;
    if (compare(xs[i - 1]!, x) <= 0) continue;
    // Insert after the last element ≤ x among xs[0..i-1] (keeps equal elements in order).
    let lo = 0;
    let hi = i - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(xs[mid]!, x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    for (let j = i; j > lo; j--) xs[j] = xs[j - 1]!;
    xs[lo] = x;
  }
  return xs;
}

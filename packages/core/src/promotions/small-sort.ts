// Stable in-place insertion sort for the engine's tiny arrays (a line's competing prices, its
// unit groups): cheaper than Array.prototype.sort at these sizes. Same result as the built-in
// stable sort for any consistent comparator.

/** Sorts `xs` in place (stable) and returns it. Meant for arrays of a handful of elements. */
export function sortSmall<T>(xs: T[], compare: (a: T, b: T) => number): T[] {
  if (xs.length > 16) return xs.sort(compare); // insertion sort is quadratic: not for long arrays
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= 0 && compare(xs[j]!, x) > 0) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = x;
  }
  return xs;
}

// Largest-remainder (Hamilton) proportional allocation: the one place where an amount is split
// into parts. Used to spread an order-level discount over lines so that line allocations add up
// to the discount exactly and a partial refund of any line is exact.

/**
 * Splits the integer `total` into one integer part per weight, proportionally to the weights.
 *
 * Contract:
 * - `total` is a safe integer (minor units); it may be negative, in which case the split of
 *   |total| is negated (so rounding is symmetric around zero).
 * - `weights` are non-negative safe integers (typically line amounts in fen). Throws RangeError on
 *   a negative, fractional or non-finite weight: that is a programming error, not user input.
 * - Parts always sum exactly to `total`; each part is floor or ceil of its exact share
 *   total × wᵢ / Σw, so it is within 1 minor unit of it; a zero weight gets 0.
 * - All weights zero: the total is split evenly (as if all weights were 1).
 * - No weights: returns [] for total 0, throws RangeError otherwise (nothing to carry the total).
 * - Deterministic: the leftover units go to the largest fractional remainders, ties to the
 *   lower index.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total)) throw new RangeError(`allocate: total ${total} is not a safe integer`);
  const n = weights.length;
  if (n === 0) {
    if (total === 0) return [];
    throw new RangeError('allocate: cannot split a non-zero total over no weights');
  }
  let sum = 0;
  let maxWeight = 0;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`allocate: weight ${w} is not a non-negative safe integer`);
    sum += w;
    if (w > maxWeight) maxWeight = w;
  }
  if (total < 0) return allocate(-total, weights).map((p) => (p === 0 ? 0 : -p));
  if (total === 0) return new Array<number>(n).fill(0);
  if (sum === 0) return allocate(total, new Array<number>(n).fill(1));
  if (!Number.isSafeInteger(sum) || !Number.isSafeInteger(total * maxWeight)) return allocateBig(total, weights);

  const parts = new Array<number>(n);
  const remainders = new Array<number>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const scaled = total * weights[i]!; // exact: checked safe above
    const part = Math.floor(scaled / sum);
    parts[i] = part;
    remainders[i] = scaled - part * sum; // exact integer remainder in [0, sum)
    given += part;
  }
  const leftover = total - given;
  if (n <= 16) giveLeftoverSmall(parts, remainders, leftover);
  else distributeLeftover(parts, remainders, leftover);
  return parts;
}

// Number-only twin of distributeLeftover's small-input loop (the pricing engine's hot path):
// the same picks — largest remainder, ties to the lower index — without number/bigint checks.
function giveLeftoverSmall(parts: number[], remainders: number[], leftover: number): void {
  for (let k = 0; k < leftover; k++) {
    let best = -1;
    for (let i = 0; i < parts.length; i++) {
      const r = remainders[i]!;
      if (r === -1) continue;
      if (best === -1 || r > remainders[best]!) best = i;
    }
    parts[best]! += 1;
    remainders[best] = -1;
  }
}

// Gives one unit to each of the `leftover` largest remainders (ties: lower index). leftover < n.
function distributeLeftover(parts: number[], remainders: (number | bigint)[], leftover: number): void {
  if (leftover === 0) return;
  if (parts.length <= 16) {
    // Small inputs (the common case: cart lines): repeated selection, no sort, no allocation.
    for (let k = 0; k < leftover; k++) {
      let best = -1;
      for (let i = 0; i < parts.length; i++) {
        const r = remainders[i]!;
        if (r === -1 || r === -1n) continue;
        if (best === -1 || r > remainders[best]!) best = i;
      }
      parts[best]! += 1;
      remainders[best] = typeof remainders[best] === 'bigint' ? -1n : -1;
    }
    return;
  }
  const order = remainders.map((_, i) => i);
  order.sort((a, b) => {
    const ra = remainders[a]!;
    const rb = remainders[b]!;
    if (ra !== rb) return ra > rb ? -1 : 1;
    return a - b;
  });
  for (let k = 0; k < leftover; k++) parts[order[k]!]! += 1;
}

// Same algorithm in BigInt for totals and weights whose products exceed 2^53.
function allocateBig(total: number, weights: readonly number[]): number[] {
  const bigTotal = BigInt(total);
  let sum = 0n;
  for (const w of weights) sum += BigInt(w);
  const parts = new Array<number>(weights.length);
  const remainders = new Array<bigint>(weights.length);
  let given = 0;
  weights.forEach((w, i) => {
    const scaled = bigTotal * BigInt(w);
    const part = scaled / sum; // BigInt division truncates; all operands are non-negative
    parts[i] = Number(part);
    remainders[i] = scaled - part * sum;
    given += Number(part);
  });
  distributeLeftover(parts, remainders, total - given);
  return parts;
}

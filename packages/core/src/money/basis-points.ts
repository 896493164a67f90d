// Percentages as basis points (1 bp = 0.01 %, 10 000 bp = 100 %), applied to integer minor units
// with an explicit rounding mode. Engine convention (see promotions/README.md): a discounted
// *price* is rounded half-up to the fen, and the discount is the difference, so "8折 of ¥9.99"
// is ¥7.99 (799.2 → 799) and saves ¥2.00; caps and shares (points cap, fee shares) use floor so
// a cap is never exceeded.

export const BASIS_POINTS_PER_UNIT = 10_000;

export type Rounding = 'halfUp' | 'floor';

/** True for an integer rate in [0, 10 000] bp. */
export function isBasisPoints(bp: number): boolean {
  return Number.isInteger(bp) && bp >= 0 && bp <= BASIS_POINTS_PER_UNIT;
}

/**
 * amount × bp / 10 000 rounded to an integer with `rounding`.
 * - 'halfUp': nearest integer, halves away from zero (199.5 → 200, −199.5 → −200).
 * - 'floor': toward zero for the magnitude (199.9 → 199, −199.9 → −199), so the result never
 *   exceeds the exact share in absolute value.
 * Contract: `amount` is a safe integer, `bp` an integer ≥ 0 (may exceed 10 000 for markups).
 * Exact for every safe amount (falls back to BigInt when amount × bp leaves 2^53).
 */
export function applyBasisPoints(amount: number, bp: number, rounding: Rounding): number {
  if (!Number.isSafeInteger(amount) || !Number.isInteger(bp) || bp < 0) {
    throw new RangeError(`applyBasisPoints: bad operands ${amount}, ${bp}`);
  }
  const negative = amount < 0;
  const abs = Math.abs(amount);
  let result: number;
  const scaled = abs * bp;
  if (Number.isSafeInteger(scaled)) {
    const whole = Math.floor(scaled / BASIS_POINTS_PER_UNIT);
    const rest = scaled - whole * BASIS_POINTS_PER_UNIT;
    result = rounding === 'halfUp' && rest * 2 >= BASIS_POINTS_PER_UNIT ? whole + 1 : whole;
  } else {
    const big = BigInt(abs) * BigInt(bp);
    const unit = BigInt(BASIS_POINTS_PER_UNIT);
    const whole = big / unit;
    const rest = big - whole * unit;
    result = Number(rounding === 'halfUp' && rest * 2n >= unit ? whole + 1n : whole);
  }
  return negative && result !== 0 ? -result : result;
}

/**
 * The price after paying `payBp` of `amount` (8000 bp = 8折 = 20 % off), rounded half-up to the
 * fen. Contract: amount ≥ 0 safe integer, 0 ≤ payBp ≤ 10 000; result in [0, amount].
 */
export function discountedPrice(amount: number, payBp: number): number {
  return applyBasisPoints(amount, Math.min(payBp, BASIS_POINTS_PER_UNIT), 'halfUp');
}

/** amount − discountedPrice(amount, payBp): the saving of a "pay payBp" rate, ≥ 0. */
export function percentageDiscount(amount: number, payBp: number): number {
  return amount - discountedPrice(amount, payBp);
}

/** floor(amount × bp / 10 000): the largest share of `amount` that does not exceed bp. */
export function shareOf(amount: number, bp: number): number {
  return applyBasisPoints(amount, bp, 'floor');
}

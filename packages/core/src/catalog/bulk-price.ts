import { applyBasisPoints } from '../money/index.ts';

/** A bulk price change: a signed amount in fen, or a signed percentage in basis points (−1000 = −10 %). */
export type PriceChange = { by: 'amount'; amountFen: number } | { by: 'percent'; bp: number };

/**
 * The nearest price ending in 90 fen (¥x.9), ties going up; never below 90 fen.
 * 1234 → 1190, 1240 → 1290, 1290 → 1290, 50 → 90.
 */
export function roundToNinety(fen: number): number {
  const down = Math.floor((fen - 90) / 100) * 100 + 90;
  const up = down + 100;
  const nearest = fen - down < up - fen ? down : up;
  return Math.max(90, nearest);
}

/**
 * A SKU's new price under a bulk change, in integer fen. Percentages round half-up to the fen
 * (the money module's convention); `roundNinety` then moves it to the nearest ¥x.9.
 * May return a negative number: the caller refuses it.
 */
export function applyPriceChange(priceFen: number, change: PriceChange, roundNinety = false): number {
  const delta =
    change.by === 'amount' ? change.amountFen : Math.sign(change.bp) * applyBasisPoints(priceFen, Math.abs(change.bp), 'halfUp');
  const next = priceFen + delta;
  return roundNinety && next >= 0 ? roundToNinety(next) : next;
}

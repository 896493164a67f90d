// Money as plain data: an integer amount of minor units (fen for CNY) and an ISO 4217 currency.
// Arithmetic here never rounds: anything that divides goes through `allocate` or the basis-point
// helpers, which say how they round.

export interface Money {
  /** Integer minor units (fen). May be negative for refunds and adjustments. */
  readonly amount: number;
  /** ISO 4217 code, e.g. 'CNY'. */
  readonly currency: string;
}

export const DEFAULT_CURRENCY = 'CNY';

/** True when `amount` is an integer number of minor units that doubles represent exactly. */
export function isMinorUnits(amount: number): boolean {
  return Number.isSafeInteger(amount);
}

/**
 * Builds a Money value. Contract: `amount` is a safe integer of minor units; throws RangeError
 * otherwise, because a fractional or unsafe amount here is a bug in the caller, not user input.
 */
export function money(amount: number, currency: string = DEFAULT_CURRENCY): Money {
  if (!isMinorUnits(amount)) throw new RangeError(`money: ${amount} is not a safe integer of minor units`);
  return { amount, currency };
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`money: cannot mix ${a.currency} and ${b.currency}`);
}

/** a + b in the same currency; throws RangeError on mixed currencies or an unsafe result. */
export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

/** a − b in the same currency; throws RangeError on mixed currencies or an unsafe result. */
export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

/** Σ of integer minor-unit amounts; throws RangeError when the sum leaves the safe integer range. */
export function sumAmounts(amounts: readonly number[]): number {
  let total = 0;
  for (const a of amounts) total += a;
  if (!Number.isSafeInteger(total)) throw new RangeError('sumAmounts: sum is not a safe integer');
  return total;
}

/** unitAmount × quantity, or null when the product is not a safe integer (overflow). */
export function multiplyAmount(unitAmount: number, quantity: number): number | null {
  const product = unitAmount * quantity;
  return Number.isSafeInteger(product) ? product : null;
}

/** Formats minor units as yuan with two decimals for logs and messages ('¥12.30', '-¥0.05'). */
export function formatYuan(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const fen = String(abs % 100).padStart(2, '0');
  return `${sign}¥${Math.floor(abs / 100)}.${fen}`;
}

// Table-driven runner for the worked examples: one test per hand-computed case, plus the
// bookkeeping checks every breakdown must pass.
import { expect, it } from 'vitest';
import { priceCart } from './price-cart.ts';
import { buildInput, lineDiscounts, savedBy } from './test-builders.ts';
import type { PricingInput } from './input-schemas.ts';
import type { PricingResult, ReasonCode } from './types.ts';

export interface WorkedExample {
  /** Reads as a sentence after "it". */
  name: string;
  /** The hand computation. */
  why: string;
  input: Partial<PricingInput>;
  payable: number;
  /** Exactly the applied promotions (key: held coupon id for coupons, else promotion id) → fen saved. */
  saved?: Record<string, number>;
  /** Per line, every discount on it (item-level and allocated) by key → fen. */
  lines?: Record<string, Record<string, number>>;
  notApplied?: Record<string, ReasonCode>;
  check?: (r: PricingResult) => void;
}

/** Registers one test per worked example; also checks the breakdown adds up. */
export function runWorkedExamples(cases: readonly WorkedExample[]): void {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = priceCart(buildInput(c.input));
    expect(r.payable, c.why).toBe(c.payable);
    if (c.saved !== undefined) expect(savedBy(r), c.why).toEqual(c.saved);
    for (const [lineId, expected] of Object.entries(c.lines ?? {})) expect(lineDiscounts(r, lineId), `${lineId}: ${c.why}`).toEqual(expected);
    for (const [key, reason] of Object.entries(c.notApplied ?? {})) {
      expect(r.notApplied.filter((n) => (n.heldCouponId ?? n.promotionId) === key).map((n) => n.reason), `${key}: ${c.why}`).toContain(reason);
    }
    const sumLines = r.lines.reduce((s, l) => s + l.payable, 0);
    expect(sumLines + r.shipping.payable).toBe(r.payable);
    expect(r.listTotal - r.discountTotal - r.points.value + r.shipping.payable).toBe(r.payable);
    c.check?.(r);
  });
}

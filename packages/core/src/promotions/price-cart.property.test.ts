// Invariants of priceCart over random carts, customers and rule sets (fast-check).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pricingInputSchema, type PricingInput } from './input-schemas.ts';
import { priceCart } from './price-cart.ts';
import { personalFactors } from './fairness.ts';
import { customerArb, pricingInputArb, scenarioArb } from './test-arbitraries.ts';
import type { PricingResult } from './types.ts';

const RUNS = { numRuns: 400 };

function byLineId(r: PricingResult) {
  return [...r.lines].sort((a, b) => (a.lineId < b.lineId ? -1 : 1));
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('priceCart properties', () => {
  it('only generates inputs that pass the zod schema', () => {
    fc.assert(fc.property(pricingInputArb, (input) => {
      const parsed = pricingInputSchema.safeParse(input);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }), { numRuns: 200 });
  });

  it('never throws and balances: payable = Σ list − Σ discounts + shipping − points', () => {
    fc.assert(fc.property(pricingInputArb, (input) => {
      const r = priceCart(input);
      let list = 0;
      let discounts = 0;
      for (const l of r.lines) {
        list += l.listAmount;
        discounts += l.discounts.reduce((s, d) => s + d.amount, 0);
        expect(l.discountTotal).toBe(l.discounts.reduce((s, d) => s + d.amount, 0));
        expect(l.payable).toBe(l.listAmount - l.discountTotal - l.pointsValue);
        expect(l.payable).toBeGreaterThanOrEqual(0);
        for (const d of l.discounts) expect(Number.isSafeInteger(d.amount) && d.amount > 0).toBe(true);
      }
      expect(r.payable).toBe(list - discounts + r.shipping.payable - r.points.value);
      expect(r.payable).toBe(r.lines.reduce((s, l) => s + l.payable, 0) + r.shipping.payable);
      expect(r.shipping.payable).toBe(r.shipping.fee - r.shipping.discount);
      expect(r.shipping.payable).toBeGreaterThanOrEqual(0);
      expect(r.points.value).toBeLessThanOrEqual(r.points.capValue);
    }), RUNS);
  });

  it('never takes a line below its floor price or below zero', () => {
    fc.assert(fc.property(pricingInputArb, (input) => {
      for (const l of priceCart(input).lines) {
        expect(l.listAmount - l.discountTotal).toBeGreaterThanOrEqual(l.floorAmount);
        for (const u of l.unitPrices) expect(u.unitPrice).toBeGreaterThanOrEqual(0);
      }
    }), RUNS);
  });

  it('allocates every promotion to lines so the line amounts add up to what it saved', () => {
    fc.assert(fc.property(pricingInputArb, (input) => {
      const r = priceCart(input);
      for (const a of r.applied) {
        const onLines = r.lines.flatMap((l) => l.discounts).filter((d) => d.promotionId === a.promotionId && d.heldCouponId === a.heldCouponId).reduce((s, d) => s + d.amount, 0);
        if (a.stage === 'points') expect(r.lines.reduce((s, l) => s + l.pointsValue, 0)).toBe(a.saved);
        else if (a.stage === 'shipping') expect(r.shipping.discounts.find((d) => d.promotionId === a.promotionId && d.heldCouponId === a.heldCouponId)?.amount).toBe(a.saved);
        else expect(onLines).toBe(a.saved);
      }
    }), RUNS);
  });

  it('gives the same result whatever the order of lines, promotions and held coupons', () => {
    fc.assert(fc.property(pricingInputArb, fc.integer({ min: 1, max: 1_000_000 }), (input, seed) => {
      const a = priceCart(input);
      const b = priceCart({ ...input, lines: shuffled(input.lines, seed), promotions: shuffled(input.promotions, seed + 1), customer: { ...input.customer, coupons: shuffled(input.customer.coupons, seed + 2) } });
      expect(byLineId(b)).toEqual(byLineId(a));
      expect({ ...b, lines: [] }).toEqual({ ...a, lines: [] });
    }), RUNS);
  });

  it('gives the same result when pricing twice', () => {
    fc.assert(fc.property(pricingInputArb, (input) => {
      expect(priceCart(input)).toEqual(priceCart(structuredClone(input)));
    }), { numRuns: 200 });
  });

  it('does not change its input', () => {
    fc.assert(fc.property(pricingInputArb, (input) => {
      const before = structuredClone(input);
      priceCart(input);
      expect(input).toEqual(before);
    }), { numRuns: 200 });
  });

  it('lets two customers pay differently only through personal factors the breakdown lists', () => {
    const pair = scenarioArb.chain((s) => fc.tuple(fc.constant(s), customerArb(s.promotions, 'cus_a'), customerArb(s.promotions, 'cus_b')));
    let compared = 0;
    fc.assert(fc.property(pair, ([scenario, a, b]) => {
      const ra = priceCart({ ...scenario, customer: a });
      const rb = priceCart({ ...scenario, customer: b });
      const linePayables = (r: PricingResult) => JSON.stringify(r.lines.map((l) => [l.lineId, l.payable, l.quantity]));
      if (ra.payable !== rb.payable || linePayables(ra) !== linePayables(rb)) {
        expect(personalFactors(ra)).not.toEqual(personalFactors(rb));
      }
      if (JSON.stringify(personalFactors(ra)) === JSON.stringify(personalFactors(rb))) {
        compared++;
        expect(rb.payable).toBe(ra.payable);
        expect(linePayables(rb)).toBe(linePayables(ra));
      }
    }), { numRuns: 600 });
    expect(compared).toBeGreaterThan(0);
  });

  it('traces a price difference between customers who differ in one fact to a listed rule of that fact', () => {
    // The fact changed → the basis the breakdown must name for it (PIPL art. 24: no unexplained per-person pricing).
    const basisOf = { tier: ['"basis":"tier"'], isNewCustomer: ['"basis":"new_customer"'], pointsBalance: ['"basis":"points"', 'points|'], coupons: ['"basis":"coupon"'], promotionUsage: ['"basis":"customer_limit"'] } as const;
    const facts = Object.keys(basisOf) as (keyof typeof basisOf)[];
    const trio = scenarioArb.chain((s) => fc.tuple(fc.constant(s), customerArb(s.promotions, 'cus_a'), customerArb(s.promotions, 'cus_a'), fc.constantFrom(...facts)));
    let differed = 0;
    fc.assert(fc.property(trio, ([scenario, a, other, fact]) => {
      const b = { ...a, [fact]: other[fact] };
      const ra = priceCart({ ...scenario, customer: a });
      const rb = priceCart({ ...scenario, customer: b });
      const prices = (r: PricingResult) => JSON.stringify([r.payable, r.lines.map((l) => [l.lineId, l.payable, l.quantity])]);
      if (prices(ra) === prices(rb)) return;
      differed++;
      const fa = personalFactors(ra);
      const fb = personalFactors(rb);
      const changed = [...fa.filter((f) => !fb.includes(f)), ...fb.filter((f) => !fa.includes(f))];
      expect(changed.some((f) => basisOf[fact].some((k) => f.includes(k))), `${fact}: ${JSON.stringify(changed)}`).toBe(true);
    }), { numRuns: 600 });
    expect(differed).toBeGreaterThan(0);
  });

  it('prices two customers identical but for their id exactly alike', () => {
    fc.assert(fc.property(pricingInputArb, (input) => {
      const twin: PricingInput = { ...input, customer: { ...input.customer, id: 'cus_twin' } };
      expect({ ...priceCart(twin), customerId: 'x' }).toEqual({ ...priceCart(input), customerId: 'x' });
    }), { numRuns: 200 });
  });

  it('picks coupons that save at least as much as any explicit selection', () => {
    fc.assert(fc.property(pricingInputArb, (input) => {
      const ids = input.customer.coupons.map((c) => c.id).slice(0, 5);
      const best = priceCart({ ...input, selectedCouponIds: undefined }).couponChoice.saved;
      for (let mask = 0; mask < 1 << ids.length; mask++) {
        const selected = ids.filter((_, i) => (mask >> i) & 1);
        expect(best).toBeGreaterThanOrEqual(priceCart({ ...input, selectedCouponIds: selected }).couponChoice.saved);
      }
    }), { numRuns: 150 });
  });
});

import { describe, expect, it } from 'vitest';
import { validateCart } from './validate-cart.ts';
import { safePriceCart } from './price-cart.ts';
import { buildCustomer, buildLine, T0 } from './test-builders.ts';

describe('validateCart', () => {
  it('accepts well-formed lines', () => {
    expect(validateCart([buildLine('l1'), buildLine('l2', { quantity: 3, floorPrice: 100 })])).toMatchObject({ ok: true });
  });

  it.each([
    ['quantity_not_positive', { quantity: 0 }],
    ['quantity_not_positive', { quantity: -2 }],
    ['quantity_not_integer', { quantity: 1.5 }],
    ['quantity_too_large', { quantity: 2_000_000 }],
    ['price_negative', { unitPrice: -1 }],
    ['price_not_integer', { unitPrice: 99.5 }],
    ['amount_overflow', { unitPrice: 2 ** 52, quantity: 4 }],
    ['floor_above_list_price', { unitPrice: 100, floorPrice: 200 }],
  ])('reports %s', (code, over) => {
    const r = validateCart([{ ...buildLine('l1'), ...over }]);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.code)).toContain(code);
    expect(r.problems[0]!.lineId).toBe('l1');
  });

  it('reports duplicate line ids and an overflowing cart total', () => {
    expect(validateCart([buildLine('l1'), buildLine('l1')]).problems.map((p) => p.code)).toEqual(['duplicate_line_id']);
    const big = { unitPrice: 2 ** 51, quantity: 2 };
    expect(validateCart([buildLine('a', big), buildLine('b', big)]).problems.map((p) => p.code)).toEqual(['cart_total_overflow']);
  });

  it('reports a non-list and a line that is not an object', () => {
    expect(validateCart('x').problems[0]!.code).toBe('not_a_list');
    expect(validateCart([42]).problems[0]!.code).toBe('invalid_line');
  });
});

describe('safePriceCart', () => {
  it('refuses input that fails the schema instead of throwing', () => {
    const r = safePriceCart({ now: T0, lines: [{ ...buildLine('l1'), quantity: 0 }], customer: buildCustomer(), promotions: [] });
    expect(r.ok).toBe(false);
  });

  it('accepts an ISO instant for now and prices the cart', () => {
    const r = safePriceCart({ now: '2024-11-11T00:00:00+08:00', lines: [buildLine('l1')], customer: buildCustomer(), promotions: [] });
    expect(r).toMatchObject({ ok: true, result: { now: T0, payable: 10_000 } });
  });
});

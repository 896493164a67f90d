import { describe, expect, it } from 'vitest';
import { addMoney, formatYuan, money, multiplyAmount, subtractMoney, sumAmounts } from './index.ts';

describe('money', () => {
  it('adds and subtracts amounts of the same currency', () => {
    expect(addMoney(money(150), money(50))).toEqual({ amount: 200, currency: 'CNY' });
    expect(subtractMoney(money(150), money(200))).toEqual({ amount: -50, currency: 'CNY' });
  });

  it('refuses to mix currencies or hold fractional fen', () => {
    expect(() => addMoney(money(1, 'CNY'), money(1, 'USD'))).toThrow(RangeError);
    expect(() => money(1.5)).toThrow(RangeError);
  });

  it('reports overflow instead of losing precision', () => {
    expect(multiplyAmount(2 ** 52, 4)).toBeNull();
    expect(multiplyAmount(1999, 3)).toBe(5997);
    expect(() => sumAmounts([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });

  it('formats fen as yuan', () => {
    expect(formatYuan(1230)).toBe('¥12.30');
    expect(formatYuan(-5)).toBe('-¥0.05');
  });
});

import { describe, expect, it } from 'vitest';
import { scoreSupplier } from './score-supplier.ts';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('scoreSupplier', () => {
  it('computes on-time and fill rates in basis points and grades by both', () => {
    const score = scoreSupplier(
      [
        { poId: 'a', status: 'received', expectedAt: d('2026-03-10'), qtyOrdered: 100, qtyReceived: 100 },
        { poId: 'b', status: 'closed', expectedAt: d('2026-04-10'), qtyOrdered: 100, qtyReceived: 90 },
        { poId: 'c', status: 'sent', expectedAt: null, qtyOrdered: 50, qtyReceived: 0 },
      ],
      [
        { poId: 'a', qty: 100, receivedAt: d('2026-03-09') },
        { poId: 'b', qty: 60, receivedAt: d('2026-04-10') },
        { poId: 'b', qty: 30, receivedAt: d('2026-04-20') },
      ],
    );
    expect(score).toEqual({
      onTimeRateBp: Math.floor((160 * 10_000) / 190),
      fillRateBp: Math.floor((190 * 10_000) / 200),
      grade: 'B',
      ordersScored: 2,
      trend: [
        { month: '2026-03', onTimeRateBp: 10_000, unitsReceived: 100 },
        { month: '2026-04', onTimeRateBp: 6666, unitsReceived: 90 },
      ],
    });
  });

  it('gives S to a supplier always complete and on time, and no grade without data', () => {
    expect(scoreSupplier([{ poId: 'a', status: 'received', expectedAt: d('2026-03-10'), qtyOrdered: 5, qtyReceived: 5 }], [{ poId: 'a', qty: 5, receivedAt: d('2026-03-01') }]).grade).toBe('S');
    expect(scoreSupplier([], []).grade).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateStock } from './allocate-stock.ts';

const w = (warehouseId: string, priority: number, available: number) => ({ warehouseId, priority, available });

describe('allocateStock', () => {
  it('takes the whole line from the first warehouse by priority that can cover it', () => {
    expect(allocateStock([w('b', 2, 10), w('a', 1, 3), w('c', 3, 50)], 5)).toEqual({ ok: true, allocations: [{ warehouseId: 'b', qty: 5 }] });
    expect(allocateStock([w('b', 1, 10), w('a', 1, 10)], 5)).toEqual({ ok: true, allocations: [{ warehouseId: 'a', qty: 5 }] });
  });

  it('splits across warehouses in priority order when none has enough alone', () => {
    expect(allocateStock([w('a', 1, 3), w('b', 2, 4), w('c', 3, 4)], 9)).toEqual({
      ok: true,
      allocations: [
        { warehouseId: 'a', qty: 3 },
        { warehouseId: 'b', qty: 4 },
        { warehouseId: 'c', qty: 2 },
      ],
    });
  });

  it('fails without allocating when all warehouses together hold too little', () => {
    expect(allocateStock([w('a', 1, 3), w('b', 2, 0)], 4)).toEqual({ ok: false, requested: 4, available: 3 });
  });

  it('never takes more from a warehouse than it has, and allocates exactly the line', () => {
    const stock = fc.uniqueArray(fc.record({ warehouseId: fc.string({ minLength: 1, maxLength: 4 }), priority: fc.integer({ min: 0, max: 5 }), available: fc.nat(20) }), {
      maxLength: 6,
      selector: (s) => s.warehouseId,
    });
    fc.assert(
      fc.property(stock, fc.integer({ min: 1, max: 60 }), (levels, qty) => {
        const r = allocateStock(levels, qty);
        const total = levels.reduce((s, l) => s + l.available, 0);
        expect(r.ok).toBe(total >= qty);
        if (!r.ok) return;
        expect(r.allocations.reduce((s, a) => s + a.qty, 0)).toBe(qty);
        for (const a of r.allocations) {
          expect(a.qty).toBeGreaterThan(0);
          expect(a.qty).toBeLessThanOrEqual(levels.find((l) => l.warehouseId === a.warehouseId)!.available);
        }
      }),
    );
  });
});

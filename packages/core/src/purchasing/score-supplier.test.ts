import { describe, expect, it } from 'vitest';
import { GRADE_THRESHOLDS, gradeSupplier, scoreSupplier } from './score-supplier.ts';

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
      defectRateBp: 0,
      grade: 'B',
      ordersScored: 2,
      unitsRejected: 0,
      unitsReturned: 0,
      trend: [
        { month: '2026-03', onTimeRateBp: 10_000, unitsReceived: 100, unitsRejected: 0, unitsReturned: 0, defectRateBp: 0 },
        { month: '2026-04', onTimeRateBp: 6666, unitsReceived: 90, unitsRejected: 0, unitsReturned: 0, defectRateBp: 0 },
      ],
    });
  });

  it('gives S to a supplier always complete and on time, and no grade without data', () => {
    expect(scoreSupplier([{ poId: 'a', status: 'received', expectedAt: d('2026-03-10'), qtyOrdered: 5, qtyReceived: 5 }], [{ poId: 'a', qty: 5, receivedAt: d('2026-03-01') }]).grade).toBe('S');
    expect(scoreSupplier([], [])).toMatchObject({ grade: null, defectRateBp: null, trend: [] });
  });

  it('counts rejected and returned units in the defect rate, rejected units not in the fill rate', () => {
    // Ordered 200 on one order expected 2026-05-31. May: 150 accepted + 10 rejected, on time.
    // June: 40 accepted + 2 rejected, late; 6 returned in June, 3 more in July (no delivery then).
    // fill = 190 / 200 = 9500; on time = 150 / 190 = 7894; defect = (12 + 9) / (190 + 12) = 1039
    const score = scoreSupplier(
      [{ poId: 'a', status: 'closed', expectedAt: d('2026-05-31'), qtyOrdered: 200, qtyReceived: 190 }],
      [
        { poId: 'a', qty: 150, rejectedQty: 10, receivedAt: d('2026-05-20') },
        { poId: 'a', qty: 40, rejectedQty: 2, receivedAt: d('2026-06-05') },
      ],
      [
        { poId: 'a', qty: 6, returnedAt: d('2026-06-10') },
        { poId: 'a', qty: 3, returnedAt: d('2026-07-01') },
      ],
    );
    expect(score).toEqual({
      onTimeRateBp: 7894,
      fillRateBp: 9500,
      defectRateBp: 1039,
      grade: 'C',
      ordersScored: 1,
      unitsRejected: 12,
      unitsReturned: 9,
      trend: [
        { month: '2026-05', onTimeRateBp: 10_000, unitsReceived: 150, unitsRejected: 10, unitsReturned: 0, defectRateBp: 625 }, // 10 / 160
        { month: '2026-06', onTimeRateBp: 0, unitsReceived: 40, unitsRejected: 2, unitsReturned: 6, defectRateBp: 1904 }, // 8 / 42
        { month: '2026-07', onTimeRateBp: null, unitsReceived: 0, unitsRejected: 0, unitsReturned: 3, defectRateBp: null },
      ],
    });
  });

  it('scores an all-rejected delivery: nothing accepted, every unit defective', () => {
    const score = scoreSupplier([{ poId: 'a', status: 'closed', expectedAt: null, qtyOrdered: 10, qtyReceived: 0 }], [{ poId: 'a', qty: 0, rejectedQty: 10, receivedAt: d('2026-02-01') }]);
    expect(score).toMatchObject({ fillRateBp: 0, defectRateBp: 10_000, onTimeRateBp: null, grade: null, unitsRejected: 10 });
  });
});

describe('gradeSupplier', () => {
  // [on time, fill, defect, grade]
  const table: [number | null, number | null, number | null, string | null][] = [
    [10_000, 10_000, 0, 'S'],
    [10_000, 10_000, null, 'S'], // no deliveries scored for defects: no defect limit
    [10_000, 10_000, 100, 'S'],
    [10_000, 10_000, 101, 'A'], // 1.01 % defective drops S to A
    [9500, 9800, 200, 'A'],
    [10_000, 10_000, 201, 'B'],
    [10_000, 10_000, 500, 'B'],
    [10_000, 10_000, 501, 'C'],
    [9499, 10_000, 0, 'A'],
    [8000, 9000, 0, 'B'],
    [7999, 10_000, 0, 'C'],
    [null, 10_000, 0, null],
    [10_000, null, 0, null],
  ];
  for (const [onTime, fill, defect, grade] of table) {
    it(`grades on time ${onTime}, fill ${fill}, defect ${defect} as ${grade}`, () => expect(gradeSupplier(onTime, fill, defect)).toBe(grade));
  }

  it('keeps the thresholds ordered best first, C accepting anything', () => {
    for (let i = 1; i < GRADE_THRESHOLDS.length; i++) {
      expect(GRADE_THRESHOLDS[i]!.onTimeBp).toBeLessThanOrEqual(GRADE_THRESHOLDS[i - 1]!.onTimeBp);
      expect(GRADE_THRESHOLDS[i]!.fillBp).toBeLessThanOrEqual(GRADE_THRESHOLDS[i - 1]!.fillBp);
      expect(GRADE_THRESHOLDS[i]!.maxDefectBp).toBeGreaterThanOrEqual(GRADE_THRESHOLDS[i - 1]!.maxDefectBp);
    }
    expect(GRADE_THRESHOLDS.at(-1)).toEqual({ grade: 'C', onTimeBp: 0, fillBp: 0, maxDefectBp: 10_000 });
  });
});

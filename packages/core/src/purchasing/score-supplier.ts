// Supplier scorecard (供应商评分) from purchase orders and their receipts. Rates are basis points.
// - on-time rate: units received on or before the order's expected date / units received on
//   orders that had one;
// - fill rate: units received / units ordered, over orders that are received or closed (a
//   short-closed order counts what never came);
// - grade: the best of S/A/B/C whose minimums both rates meet (thresholds are data, below);
// - trend: the on-time rate per calendar month (UTC) of receipt.
// A defect/return rate needs returns to suppliers, which are not recorded yet; it is not scored.

export interface ScoredOrder {
  poId: string;
  status: string;
  expectedAt: Date | null;
  qtyOrdered: number;
  qtyReceived: number;
}

export interface ScoredReceipt {
  poId: string;
  qty: number;
  receivedAt: Date;
}

export type SupplierGrade = 'S' | 'A' | 'B' | 'C';

/** Minimum on-time and fill rates (bp) per grade, best first. */
export const GRADE_THRESHOLDS: readonly { grade: SupplierGrade; onTimeBp: number; fillBp: number }[] = [
  { grade: 'S', onTimeBp: 9500, fillBp: 9800 },
  { grade: 'A', onTimeBp: 9000, fillBp: 9500 },
  { grade: 'B', onTimeBp: 8000, fillBp: 9000 },
  { grade: 'C', onTimeBp: 0, fillBp: 0 },
];

export interface SupplierScore {
  onTimeRateBp: number | null;
  fillRateBp: number | null;
  grade: SupplierGrade | null;
  ordersScored: number;
  trend: { month: string; onTimeRateBp: number | null; unitsReceived: number }[];
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 10_000) / whole) : null);

/** Scores one supplier; grade is null until both rates can be computed. */
export function scoreSupplier(orders: readonly ScoredOrder[], receipts: readonly ScoredReceipt[]): SupplierScore {
  const byId = new Map(orders.map((o) => [o.poId, o]));
  let dueUnits = 0;
  let onTimeUnits = 0;
  const months = new Map<string, { due: number; onTime: number; units: number }>();
  for (const r of receipts) {
    const month = r.receivedAt.toISOString().slice(0, 7);
    const m = months.get(month) ?? { due: 0, onTime: 0, units: 0 };
    m.units += r.qty;
    const expected = byId.get(r.poId)?.expectedAt;
    if (expected) {
      const onTime = r.receivedAt.getTime() <= expected.getTime();
      dueUnits += r.qty;
      m.due += r.qty;
      if (onTime) {
        onTimeUnits += r.qty;
        m.onTime += r.qty;
      }
    }
    months.set(month, m);
  }
  const finished = orders.filter((o) => o.status === 'received' || o.status === 'closed');
  const fillRateBp = rate(
    finished.reduce((s, o) => s + o.qtyReceived, 0),
    finished.reduce((s, o) => s + o.qtyOrdered, 0),
  );
  const onTimeRateBp = rate(onTimeUnits, dueUnits);
  const grade =
    onTimeRateBp === null || fillRateBp === null ? null : GRADE_THRESHOLDS.find((t) => onTimeRateBp >= t.onTimeBp && fillRateBp >= t.fillBp)!.grade;
  const trend = [...months].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, m]) => ({ month, onTimeRateBp: rate(m.onTime, m.due), unitsReceived: m.units }));
  return { onTimeRateBp, fillRateBp, grade, ordersScored: finished.length, trend };
}

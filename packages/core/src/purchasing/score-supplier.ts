// Supplier scorecard (供应商评分) from purchase orders, their receipts and returns. Rates are basis points.
// - on-time rate: accepted units received on or before the order's expected date / accepted units
//   received on orders that had one;
// - fill rate: accepted units / units ordered, over orders that are received or closed (a
//   short-closed order counts what never came). Rejected units did not fill the order: they show in
//   the defect rate, and the line stays open for replacements;
// - defect rate: (rejected at receiving + returned to the supplier) / (accepted + rejected), over
//   every receipt and return of the supplier;
// - grade: the best of S/A/B/C whose minimums on-time and fill rates meet and whose maximum the
//   defect rate stays within (thresholds are data, below); no defect data = no defect limit;
// - trend: per calendar month (UTC) of the event: the on-time rate and units accepted by month of
//   receipt, rejected units by month of receipt, returned units by month of return, and that
//   month's defect rate (rejected + returned) / (accepted + rejected) of the month, null when
//   nothing was delivered in the month.

export interface ScoredOrder {
  poId: string;
  status: string;
  expectedAt: Date | null;
  qtyOrdered: number;
  /** accepted units */
  qtyReceived: number;
}

export interface ScoredReceipt {
  poId: string;
  /** accepted units */
  qty: number;
  /** units rejected as defective at receiving (default 0) */
  rejectedQty?: number | undefined;
  receivedAt: Date;
}

/** A return to the supplier (退供) of accepted units. */
export interface ScoredReturn {
  poId: string;
  qty: number;
  returnedAt: Date;
}

export type SupplierGrade = 'S' | 'A' | 'B' | 'C';

/** Minimum on-time and fill rates and maximum defect rate (bp) per grade, best first. */
export const GRADE_THRESHOLDS: readonly { grade: SupplierGrade; onTimeBp: number; fillBp: number; maxDefectBp: number }[] = [
  { grade: 'S', onTimeBp: 9500, fillBp: 9800, maxDefectBp: 100 },
  { grade: 'A', onTimeBp: 9000, fillBp: 9500, maxDefectBp: 200 },
  { grade: 'B', onTimeBp: 8000, fillBp: 9000, maxDefectBp: 500 },
  { grade: 'C', onTimeBp: 0, fillBp: 0, maxDefectBp: 10_000 },
];

export interface SupplierTrendMonth {
  month: string;
  onTimeRateBp: number | null;
  unitsReceived: number;
  unitsRejected: number;
  unitsReturned: number;
  defectRateBp: number | null;
}

export interface SupplierScore {
  onTimeRateBp: number | null;
  fillRateBp: number | null;
  defectRateBp: number | null;
  grade: SupplierGrade | null;
  ordersScored: number;
  unitsRejected: number;
  unitsReturned: number;
  trend: SupplierTrendMonth[];
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 10_000) / whole) : null);

/** The best grade the three rates earn; null until on-time and fill rates can be computed. */
export function gradeSupplier(onTimeRateBp: number | null, fillRateBp: number | null, defectRateBp: number | null): SupplierGrade | null {
  if (onTimeRateBp === null || fillRateBp === null) return null;
  return GRADE_THRESHOLDS.find((t) => onTimeRateBp >= t.onTimeBp && fillRateBp >= t.fillBp && (defectRateBp === null || defectRateBp <= t.maxDefectBp))!.grade;
}

/** Scores one supplier; grade is null until both on-time and fill rates can be computed. */
export function scoreSupplier(orders: readonly ScoredOrder[], receipts: readonly ScoredReceipt[], returns: readonly ScoredReturn[] = []): SupplierScore {
  const byId = new Map(orders.map((o) => [o.poId, o]));
  let dueUnits = 0;
  let onTimeUnits = 0;
  let accepted = 0;
  let rejected = 0;
  let returned = 0;
  const months = new Map<string, { due: number; onTime: number; units: number; rejected: number; returned: number }>();
  const monthOf = (at: Date) => {
    const key = at.toISOString().slice(0, 7);
    let m = months.get(key);
    if (!m) months.set(key, (m = { due: 0, onTime: 0, units: 0, rejected: 0, returned: 0 }));
    return m;
  };
  for (const r of receipts) {
    const m = monthOf(r.receivedAt);
    const rej = r.rejectedQty ?? 0;
    m.units += r.qty;
    m.rejected += rej;
    accepted += r.qty;
    rejected += rej;
    const expected = byId.get(r.poId)?.expectedAt;
    if (expected) {
      dueUnits += r.qty;
      m.due += r.qty;
      if (r.receivedAt.getTime() <= expected.getTime()) {
        onTimeUnits += r.qty;
        m.onTime += r.qty;
      }
    }
  }
  for (const r of returns) {
    monthOf(r.returnedAt).returned += r.qty;
    returned += r.qty;
  }
  const finished = orders.filter((o) => o.status === 'received' || o.status === 'closed');
  const fillRateBp = rate(
    finished.reduce((s, o) => s + o.qtyReceived, 0),
    finished.reduce((s, o) => s + o.qtyOrdered, 0),
  );
  const onTimeRateBp = rate(onTimeUnits, dueUnits);
  const defectRateBp = rate(rejected + returned, accepted + rejected);
  const trend = [...months]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, m]) => ({
      month,
      onTimeRateBp: rate(m.onTime, m.due),
      unitsReceived: m.units,
      unitsRejected: m.rejected,
      unitsReturned: m.returned,
      defectRateBp: rate(m.rejected + m.returned, m.units + m.rejected),
    }));
  return {
    onTimeRateBp,
    fillRateBp,
    defectRateBp,
    grade: gradeSupplier(onTimeRateBp, fillRateBp, defectRateBp),
    ordersScored: finished.length,
    unitsRejected: rejected,
    unitsReturned: returned,
    trend,
  };
}

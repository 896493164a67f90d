// Stock insights from sales (units leaving stock on shipment): ABC class, stock cover days,
// 动销比 (sell-through SKU ratio), sell-out rate, slow movers, stock-out risks and reorder
// suggestions. Pure: the caller passes the sales already bucketed by day before "now".
// Formulas: docs/catalog-and-inventory.md § Stock insights; names: GLOSSARY.md.

export type AbcClass = 'A' | 'B' | 'C';

export interface InsightSku {
  skuId: string;
  priceFen: number;
  onHand: number;
  available: number;
  /** supplier lead time in days (default 0) */
  leadTimeDays?: number | undefined;
  /** minimum order quantity: a positive suggestion is raised to at least this */
  moq?: number | undefined;
  /** units per case: a positive suggestion is rounded up to whole cases (after the MOQ) */
  packSize?: number | undefined;
}

/** Units sold of a SKU on the day `daysAgo` days before now (0 = the last 24 hours). */
export interface DailySale {
  skuId: string;
  daysAgo: number;
  units: number;
}

export interface InsightsInput {
  /** the SKUs on sale */
  skus: readonly InsightSku[];
  sales: readonly DailySale[];
  /** the ABC / sell-through window, in days */
  windowDays: number;
  targetCoverDays?: number | undefined;
}

export interface SkuInsight {
  skuId: string;
  abcClass: AbcClass;
  unitsSold: number;
  salesFen: number;
  unitsSold30d: number;
  onHand: number;
  available: number;
  /** on hand / average daily units over the trailing 30 days; null when nothing sold in 30 days */
  coverDays: number | null;
  /** sold / (sold + on hand) in basis points; null when both are 0 */
  sellOutRateBp: number | null;
  slowMover: boolean;
  stockOutRisk: boolean;
  reorderQty: number;
}

export interface InsightsSummary {
  skusOnSale: number;
  skusSold: number;
  /** 动销比: SKUs with ≥ 1 unit sold in the window / SKUs on sale, basis points */
  sellThroughSkuRatioBp: number;
  healthy: boolean;
  classCounts: Record<AbcClass, number>;
  slowMovers: number;
  stockOutRisks: number;
  unitsSold: number;
  salesFen: number;
}

export const COVER_TRAILING_DAYS = 30;
export const DEFAULT_TARGET_COVER_DAYS = 15;
export const SLOW_MOVER_COVER_DAYS = 60;
export const STOCK_OUT_RISK_COVER_DAYS = 3;
/** A: cumulative share of sales value before the SKU below 80 %; B: below 95 %; C: the rest. */
export const ABC_CUTOFFS_BP = { a: 8000, b: 9500 } as const;
export const HEALTHY_SELL_THROUGH_BP = 7000;

/** Round half up of a non-negative ratio num/den to basis points. */
const bp = (num: number, den: number): number => Math.floor((num * 10_000 * 2 + den) / (2 * den));

/**
 * ABC classes by sales value: SKUs sorted by value (desc, then id); a SKU is A while the value of
 * the SKUs before it is below 80 % of the total, B while below 95 %, else C. Unsold SKUs are C.
 */
export function classifyAbc(values: readonly { skuId: string; salesFen: number }[]): Map<string, AbcClass> {
  const out = new Map<string, AbcClass>();
  const total = values.reduce((s, v) => s + v.salesFen, 0);
  const sorted = [...values].sort((x, y) => y.salesFen - x.salesFen || (x.skuId < y.skuId ? -1 : x.skuId > y.skuId ? 1 : 0));
  let before = 0;
  for (const v of sorted) {
    if (v.salesFen <= 0 || total <= 0) out.set(v.skuId, 'C');
    else if (before * 10_000 < ABC_CUTOFFS_BP.a * total) out.set(v.skuId, 'A');
    else if (before * 10_000 < ABC_CUTOFFS_BP.b * total) out.set(v.skuId, 'B');
    else out.set(v.skuId, 'C');
    before += v.salesFen;
  }
  return out;
}

/**
 * ceil(avg daily × (lead time + target cover)) − available, never negative; a positive quantity is
 * raised to the MOQ, then rounded up to a whole number of packs.
 */
export function reorderQuantity(avgDaily: number, available: number, leadTimeDays: number, targetCoverDays: number, moq?: number, packSize?: number): number {
  const need = Math.ceil(avgDaily * (leadTimeDays + targetCoverDays) - 1e-9) - available;
  if (need <= 0) return 0;
  const atLeastMoq = moq !== undefined && moq > need ? moq : need;
  return packSize !== undefined && packSize > 1 ? Math.ceil(atLeastMoq / packSize) * packSize : atLeastMoq;
}

export function computeStockInsights(input: InsightsInput): { summary: InsightsSummary; skus: SkuInsight[] } {
  const target = input.targetCoverDays ?? DEFAULT_TARGET_COVER_DAYS;
  const window = new Map<string, number>();
  const trailing = new Map<string, number>();
  for (const s of input.sales) {
    if (s.units <= 0 || s.daysAgo < 0) continue;
    if (s.daysAgo < input.windowDays) window.set(s.skuId, (window.get(s.skuId) ?? 0) + s.units);
    if (s.daysAgo < COVER_TRAILING_DAYS) trailing.set(s.skuId, (trailing.get(s.skuId) ?? 0) + s.units);
  }
  const classes = classifyAbc(input.skus.map((k) => ({ skuId: k.skuId, salesFen: (window.get(k.skuId) ?? 0) * k.priceFen })));
  const rows: SkuInsight[] = input.skus.map((k) => {
    const unitsSold = window.get(k.skuId) ?? 0;
    const sold30 = trailing.get(k.skuId) ?? 0;
    const avgDaily = sold30 / COVER_TRAILING_DAYS;
    const exactCover = sold30 > 0 ? (k.onHand * COVER_TRAILING_DAYS) / sold30 : null;
    const abcClass = classes.get(k.skuId) ?? 'C';
    return {
      skuId: k.skuId,
      abcClass,
      unitsSold,
      salesFen: unitsSold * k.priceFen,
      unitsSold30d: sold30,
      onHand: k.onHand,
      available: k.available,
      coverDays: exactCover === null ? null : Math.round(exactCover * 10) / 10,
      sellOutRateBp: unitsSold + k.onHand > 0 ? bp(unitsSold, unitsSold + k.onHand) : null,
      slowMover: exactCover !== null ? exactCover > SLOW_MOVER_COVER_DAYS : k.onHand > 0,
      stockOutRisk: abcClass === 'A' && exactCover !== null && exactCover < STOCK_OUT_RISK_COVER_DAYS,
      reorderQty: reorderQuantity(avgDaily, k.available, k.leadTimeDays ?? 0, target, k.moq, k.packSize),
    };
  });
  const skusSold = rows.filter((r) => r.unitsSold > 0).length;
  const classCounts: Record<AbcClass, number> = { A: 0, B: 0, C: 0 };
  for (const r of rows) classCounts[r.abcClass] += 1;
  const sellThroughSkuRatioBp = rows.length > 0 ? bp(skusSold, rows.length) : 0;
  return {
    summary: {
      skusOnSale: rows.length,
      skusSold,
      sellThroughSkuRatioBp,
      healthy: rows.length > 0 && skusSold * 10_000 >= HEALTHY_SELL_THROUGH_BP * rows.length,
      classCounts,
      slowMovers: rows.filter((r) => r.slowMover).length,
      stockOutRisks: rows.filter((r) => r.stockOutRisk).length,
      unitsSold: rows.reduce((s, r) => s + r.unitsSold, 0),
      salesFen: rows.reduce((s, r) => s + r.salesFen, 0),
    },
    skus: rows,
  };
}

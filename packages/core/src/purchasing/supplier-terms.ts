// Supplier SKU terms (供应商商品): the purchase price, MOQ, lead time and pack size a supplier
// offers for a SKU, with the supplier's defaults filling what the SKU leaves open, and how a
// purchase order's lines are priced and checked against them.

/** A supplier's own defaults (suppliers.moq, suppliers.lead_time_days). */
export interface SupplierDefaults {
  leadTimeDays: number;
  moq: number;
}

/** One supplier SKU's terms; null = the supplier's default. */
export interface SupplierSkuTerms {
  skuId: string;
  purchasePriceFen: number;
  moq: number | null;
  leadTimeDays: number | null;
  packSize: number;
}

export interface EffectiveTerms {
  purchasePriceFen: number;
  moq: number;
  leadTimeDays: number;
  packSize: number;
}

/** The terms that apply: the SKU's own, else the supplier's defaults. */
export function effectiveTerms(sku: SupplierSkuTerms, supplier: SupplierDefaults): EffectiveTerms {
  return {
    purchasePriceFen: sku.purchasePriceFen,
    moq: sku.moq ?? supplier.moq,
    leadTimeDays: sku.leadTimeDays ?? supplier.leadTimeDays,
    packSize: sku.packSize,
  };
}

export interface DraftLine {
  skuId: string;
  qtyOrdered: number;
  /** explicit unit cost in fen; undefined = the supplier SKU's purchase price */
  unitCostFen?: number | undefined;
}

export type PricedLines =
  | { ok: true; lines: { skuId: string; qtyOrdered: number; unitCostFen: number }[] }
  | { ok: false; code: 'sku_not_supplied'; skuIds: string[] }
  | { ok: false; code: 'below_moq'; lines: { skuId: string; qtyOrdered: number; moq: number }[] };

/**
 * Prices a purchase order's lines with the supplier's SKU terms:
 * - a line without a unit cost takes the supplier SKU's purchase price; a SKU the supplier does
 *   not supply needs an explicit unit cost (else sku_not_supplied, every such SKU listed);
 * - a line for a supplied SKU below its MOQ (the SKU's, else the supplier's) is below_moq unless
 *   `allowBelowMoq`. SKUs without supplier terms have no MOQ to meet.
 */
export function priceOrderLines(lines: readonly DraftLine[], terms: readonly SupplierSkuTerms[], supplier: SupplierDefaults, allowBelowMoq: boolean): PricedLines {
  const bySku = new Map(terms.map((t) => [t.skuId, t]));
  const notSupplied = lines.filter((l) => l.unitCostFen === undefined && !bySku.has(l.skuId)).map((l) => l.skuId);
  if (notSupplied.length > 0) return { ok: false, code: 'sku_not_supplied', skuIds: notSupplied };
  if (!allowBelowMoq) {
    const below = lines.flatMap((l) => {
      const t = bySku.get(l.skuId);
      const moq = t ? effectiveTerms(t, supplier).moq : 1;
      return l.qtyOrdered < moq ? [{ skuId: l.skuId, qtyOrdered: l.qtyOrdered, moq }] : [];
    });
    if (below.length > 0) return { ok: false, code: 'below_moq', lines: below };
  }
  return { ok: true, lines: lines.map((l) => ({ skuId: l.skuId, qtyOrdered: l.qtyOrdered, unitCostFen: l.unitCostFen ?? bySku.get(l.skuId)!.purchasePriceFen })) };
}

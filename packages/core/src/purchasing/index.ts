// The purchasing module's only door: the purchase-order lifecycle, the supplier scorecard and supplier SKU terms.
export { PO_STATUSES, PO_TRANSITIONS, canTransition, isReceivable, statusAfterReceipt, type PoStatus } from './po-status.ts';
export {
  GRADE_THRESHOLDS,
  gradeSupplier,
  scoreSupplier,
  type ScoredOrder,
  type ScoredReceipt,
  type ScoredReturn,
  type SupplierGrade,
  type SupplierScore,
  type SupplierTrendMonth,
} from './score-supplier.ts';
export { effectiveTerms, priceOrderLines, type DraftLine, type EffectiveTerms, type PricedLines, type SupplierDefaults, type SupplierSkuTerms } from './supplier-terms.ts';

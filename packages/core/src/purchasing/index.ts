// The purchasing module's only door: the purchase-order lifecycle.
export { PO_STATUSES, PO_TRANSITIONS, canTransition, isReceivable, statusAfterReceipt, type PoStatus } from './po-status.ts';
export { GRADE_THRESHOLDS, scoreSupplier, type ScoredOrder, type ScoredReceipt, type SupplierGrade, type SupplierScore } from './score-supplier.ts';

// The purchase-order lifecycle (采购单) as a transition table plus one guard.
//   draft → sent → partially_received → received → closed
//   draft | sent → cancelled;  partially_received → closed (short-closed: the rest will not come)
// Receiving moves sent/partially_received to partially_received or received by the quantities.

export const PO_STATUSES = ['draft', 'sent', 'partially_received', 'received', 'closed', 'cancelled'] as const;
export type PoStatus = (typeof PO_STATUSES)[number];

export const PO_TRANSITIONS: Readonly<Record<PoStatus, readonly PoStatus[]>> = {
  draft: ['sent', 'cancelled'],
  sent: ['partially_received', 'received', 'cancelled'],
  partially_received: ['partially_received', 'received', 'closed'],
  received: ['closed'],
  closed: [],
  cancelled: [],
};

/** True when a purchase order may move from `from` to `to`. */
export function canTransition(from: PoStatus, to: PoStatus): boolean {
  return PO_TRANSITIONS[from].includes(to);
}

/** True while goods may still be received against the order. */
export function isReceivable(status: PoStatus): boolean {
  return status === 'sent' || status === 'partially_received';
}

/** The status after a receipt: received when every line is complete, else partially received. */
export function statusAfterReceipt(lines: readonly { qtyOrdered: number; qtyReceived: number }[]): PoStatus {
  return lines.every((l) => l.qtyReceived >= l.qtyOrdered) ? 'received' : 'partially_received';
}

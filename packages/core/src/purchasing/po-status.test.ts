import { describe, expect, it } from 'vitest';
import { PO_STATUSES, PO_TRANSITIONS, canTransition, isReceivable, statusAfterReceipt } from './po-status.ts';

describe('purchase-order lifecycle', () => {
  it('allows exactly the transitions of the table', () => {
    for (const from of PO_STATUSES) for (const to of PO_STATUSES) expect(canTransition(from, to), `${from} → ${to}`).toBe(PO_TRANSITIONS[from].includes(to));
    expect(canTransition('draft', 'received')).toBe(false);
    expect(canTransition('cancelled', 'sent')).toBe(false);
  });

  it('ends in closed or cancelled, which lead nowhere', () => {
    expect(PO_TRANSITIONS.closed).toEqual([]);
    expect(PO_TRANSITIONS.cancelled).toEqual([]);
  });

  it('receives only sent or partially received orders, and completes when every line is in', () => {
    expect(PO_STATUSES.filter(isReceivable)).toEqual(['sent', 'partially_received']);
    expect(statusAfterReceipt([{ qtyOrdered: 5, qtyReceived: 5 }, { qtyOrdered: 2, qtyReceived: 1 }])).toBe('partially_received');
    expect(statusAfterReceipt([{ qtyOrdered: 5, qtyReceived: 5 }])).toBe('received');
  });
});

// Cart validation with stable codes: zero, negative or fractional quantities, negative or
// fractional prices, amounts that overflow (unit price × quantity must stay a safe integer),
// duplicate line ids, floors above list price. Never throws.
import { MAX_CART_AMOUNT, MAX_QUANTITY, cartLineSchema, type CartLine } from './input-schemas.ts';

export const CART_PROBLEM_CODES = [
  'not_a_list', 'invalid_line', 'quantity_not_positive', 'quantity_not_integer', 'quantity_too_large',
  'price_negative', 'price_not_integer', 'amount_overflow', 'cart_total_overflow', 'duplicate_line_id',
  'floor_above_list_price',
] as const;
export type CartProblemCode = (typeof CART_PROBLEM_CODES)[number];

export interface CartProblem {
  code: CartProblemCode;
  lineId?: string;
  path: (string | number)[];
  message: string;
}

export type CartValidation = { ok: true; lines: CartLine[]; problems: [] } | { ok: false; problems: CartProblem[] };

function numberProblems(raw: Record<string, unknown>, i: number, out: CartProblem[], lineId: string | undefined): void {
  const add = (code: CartProblemCode, field: string, message: string): void => {
    const p: CartProblem = { code, path: [i, field], message };
    if (lineId !== undefined) p.lineId = lineId;
    out.push(p);
  };
  const q = raw.quantity;
  if (typeof q === 'number') {
    if (!Number.isInteger(q)) add('quantity_not_integer', 'quantity', 'quantity must be a whole number');
    else if (q <= 0) add('quantity_not_positive', 'quantity', 'quantity must be at least 1');
    else if (q > MAX_QUANTITY) add('quantity_too_large', 'quantity', `quantity must be at most ${MAX_QUANTITY}`);
  }
  for (const field of ['unitPrice', 'floorPrice'] as const) {
    const v = raw[field];
    if (typeof v !== 'number') continue;
    if (!Number.isSafeInteger(v)) add('price_not_integer', field, `${field} must be an integer number of fen`);
    else if (v < 0) add('price_negative', field, `${field} must not be negative`);
  }
}

/** Validates raw cart lines; on success returns them typed. */
export function validateCart(raw: unknown): CartValidation {
  if (!Array.isArray(raw)) return { ok: false, problems: [{ code: 'not_a_list', path: [], message: 'cart lines must be a list' }] };
  const problems: CartProblem[] = [];
  const lines: CartLine[] = [];
  const seen = new Set<string>();
  let total = 0;
  raw.forEach((item, i) => {
    const rec = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const lineId = typeof rec.lineId === 'string' ? rec.lineId : undefined;
    const before = problems.length;
    numberProblems(rec, i, problems, lineId);
    const parsed = cartLineSchema.safeParse(item);
    if (!parsed.success) {
      if (problems.length === before) {
        problems.push({ code: 'invalid_line', path: [i, ...parsed.error.issues[0]!.path.map(String)], message: parsed.error.issues[0]!.message, ...(lineId !== undefined ? { lineId } : {}) });
      }
      return;
    }
    const line = parsed.data;
    if (seen.has(line.lineId)) problems.push({ code: 'duplicate_line_id', lineId: line.lineId, path: [i, 'lineId'], message: 'line ids must be unique' });
    seen.add(line.lineId);
    const amount = line.unitPrice * line.quantity;
    if (!Number.isSafeInteger(amount)) problems.push({ code: 'amount_overflow', lineId: line.lineId, path: [i, 'unitPrice'], message: 'unit price × quantity is not a safe integer' });
    if (line.floorPrice !== undefined && line.floorPrice > line.unitPrice) problems.push({ code: 'floor_above_list_price', lineId: line.lineId, path: [i, 'floorPrice'], message: 'the floor price is above the list price' });
    total += amount;
    lines.push(line);
  });
  if (problems.length === 0 && !(total <= MAX_CART_AMOUNT)) problems.push({ code: 'cart_total_overflow', path: [], message: 'the cart total is too large to price exactly' });
  return problems.length === 0 ? { ok: true, lines, problems: [] } : { ok: false, problems };
}

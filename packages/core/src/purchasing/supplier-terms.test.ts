import { describe, expect, it } from 'vitest';
import { effectiveTerms, priceOrderLines, type SupplierSkuTerms } from './supplier-terms.ts';

const supplier = { leadTimeDays: 10, moq: 50 };
const cup: SupplierSkuTerms = { skuId: 'cup', purchasePriceFen: 2800, moq: 20, leadTimeDays: 5, packSize: 12 };
const lid: SupplierSkuTerms = { skuId: 'lid', purchasePriceFen: 250, moq: null, leadTimeDays: null, packSize: 1 };

describe('effectiveTerms', () => {
  it('takes the SKU’s own terms, and the supplier’s defaults where the SKU has none', () => {
    expect(effectiveTerms(cup, supplier)).toEqual({ purchasePriceFen: 2800, moq: 20, leadTimeDays: 5, packSize: 12 });
    expect(effectiveTerms(lid, supplier)).toEqual({ purchasePriceFen: 250, moq: 50, leadTimeDays: 10, packSize: 1 });
  });
});

describe('priceOrderLines', () => {
  const cases: { name: string; lines: { skuId: string; qtyOrdered: number; unitCostFen?: number }[]; allow?: boolean; expected: unknown }[] = [
    {
      name: 'fills a missing unit cost with the purchase price and keeps an explicit one',
      lines: [{ skuId: 'cup', qtyOrdered: 20 }, { skuId: 'lid', qtyOrdered: 50, unitCostFen: 199 }],
      expected: { ok: true, lines: [{ skuId: 'cup', qtyOrdered: 20, unitCostFen: 2800 }, { skuId: 'lid', qtyOrdered: 50, unitCostFen: 199 }] },
    },
    {
      name: 'accepts a SKU the supplier does not supply when the unit cost is given, with no MOQ',
      lines: [{ skuId: 'other', qtyOrdered: 1, unitCostFen: 0 }],
      expected: { ok: true, lines: [{ skuId: 'other', qtyOrdered: 1, unitCostFen: 0 }] },
    },
    {
      name: 'refuses every unsupplied SKU without a unit cost',
      lines: [{ skuId: 'x' }, { skuId: 'cup' }, { skuId: 'y' }].map((l) => ({ ...l, qtyOrdered: 100 })),
      expected: { ok: false, code: 'sku_not_supplied', skuIds: ['x', 'y'] },
    },
    {
      name: 'refuses lines below the SKU’s MOQ, or the supplier’s when the SKU has none, even with a unit cost',
      lines: [{ skuId: 'cup', qtyOrdered: 19 }, { skuId: 'lid', qtyOrdered: 49, unitCostFen: 250 }, { skuId: 'other', qtyOrdered: 1, unitCostFen: 5 }],
      expected: { ok: false, code: 'below_moq', lines: [{ skuId: 'cup', qtyOrdered: 19, moq: 20 }, { skuId: 'lid', qtyOrdered: 49, moq: 50 }] },
    },
    {
      name: 'accepts lines below the MOQ when allowed',
      lines: [{ skuId: 'cup', qtyOrdered: 1 }],
      allow: true,
      expected: { ok: true, lines: [{ skuId: 'cup', qtyOrdered: 1, unitCostFen: 2800 }] },
    },
    {
      name: 'reports unsupplied SKUs before MOQ shortfalls',
      lines: [{ skuId: 'cup', qtyOrdered: 1 }, { skuId: 'x', qtyOrdered: 1 }],
      expected: { ok: false, code: 'sku_not_supplied', skuIds: ['x'] },
    },
  ];
  for (const c of cases) it(c.name, () => expect(priceOrderLines(c.lines, [cup, lid], supplier, c.allow ?? false)).toEqual(c.expected));
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyAbc, computeStockInsights, reorderQuantity } from './stock-insights.ts';

const sku = (skuId: string, priceFen: number, onHand: number, available = onHand, extra: { leadTimeDays?: number; moq?: number } = {}) => ({ skuId, priceFen, onHand, available, ...extra });

describe('classifyAbc', () => {
  it.each([
    // values → classes; shares before each SKU decide
    { values: [['a', 700], ['b', 200], ['c', 60], ['d', 40]], want: { a: 'A', b: 'A', c: 'B', d: 'C' } }, // before: 0, 70 %, 90 %, 96 %
    { values: [['a', 800], ['b', 150], ['c', 50]], want: { a: 'A', b: 'B', c: 'C' } }, // before: 0, 80 % (not < 80), 95 %
    { values: [['a', 100], ['b', 0]], want: { a: 'A', b: 'C' } },
    { values: [['a', 0], ['b', 0]], want: { a: 'C', b: 'C' } },
    { values: [['b', 500], ['a', 500]], want: { a: 'A', b: 'A' } }, // tie broken by id: a first (0), b (50 %)
  ])('$values', ({ values, want }) => {
    const got = classifyAbc(values.map(([skuId, salesFen]) => ({ skuId: skuId as string, salesFen: salesFen as number })));
    expect(Object.fromEntries(got)).toEqual(want);
  });

  it('partitions the SKUs and respects the 80/95 cut-offs', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ skuId: fc.string({ minLength: 1, maxLength: 4 }), salesFen: fc.nat(1_000_000) }), { selector: (v) => v.skuId, maxLength: 40 }), (values) => {
        const classes = classifyAbc(values);
        expect(classes.size).toBe(values.length);
        for (const v of values) expect(['A', 'B', 'C']).toContain(classes.get(v.skuId));
        const total = values.reduce((s, v) => s + v.salesFen, 0);
        const sorted = [...values].sort((x, y) => y.salesFen - x.salesFen || (x.skuId < y.skuId ? -1 : x.skuId > y.skuId ? 1 : 0));
        let before = 0;
        let rank = 0;
        const order = { A: 0, B: 1, C: 2 } as const;
        for (const v of sorted) {
          const c = classes.get(v.skuId)!;
          expect(order[c]).toBeGreaterThanOrEqual(rank); // classes never go back up in value order
          rank = order[c];
          if (v.salesFen === 0) expect(c).toBe('C');
          else if (c === 'A') expect(before * 10_000).toBeLessThan(8000 * total);
          else if (c === 'B') expect(before * 10_000 >= 8000 * total && before * 10_000 < 9500 * total).toBe(true);
          else expect(before * 10_000).toBeGreaterThanOrEqual(9500 * total);
          before += v.salesFen;
        }
        // the A SKUs make at least 80 % of the value when anything sold
        const aValue = values.filter((v) => classes.get(v.skuId) === 'A').reduce((s, v) => s + v.salesFen, 0);
        if (total > 0) expect(aValue * 10_000).toBeGreaterThanOrEqual(8000 * total);
      }),
    );
  });
});

describe('reorderQuantity', () => {
  it.each([
    { avg: 2, available: 10, lead: 5, target: 15, moq: undefined, want: 30 }, // ceil(2 × 20) − 10
    { avg: 2, available: 50, lead: 5, target: 15, moq: undefined, want: 0 }, // never negative
    { avg: 0.1, available: 0, lead: 0, target: 15, moq: undefined, want: 2 }, // ceil(1.5)
    { avg: 1, available: 10, lead: 0, target: 15, moq: 100, want: 100 }, // raised to the MOQ
    { avg: 1, available: 20, lead: 0, target: 15, moq: 100, want: 0 }, // no need, no MOQ
    { avg: 0, available: 0, lead: 7, target: 15, moq: 10, want: 0 },
  ])('avg $avg available $available lead $lead → $want', ({ avg, available, lead, target, moq, want }) => {
    expect(reorderQuantity(avg, available, lead, target, moq)).toBe(want);
  });

  it.each([
    { avg: 2, available: 10, lead: 5, moq: undefined, pack: 12, want: 36 }, // need 30 → 3 packs of 12
    { avg: 2, available: 10, lead: 5, moq: 40, pack: 12, want: 48 }, // need 30 → MOQ 40 → 4 packs
    { avg: 2, available: 10, lead: 5, moq: 24, pack: 12, want: 36 }, // need 30 ≥ MOQ → 3 packs
    { avg: 2, available: 10, lead: 5, moq: undefined, pack: 1, want: 30 }, // single units
    { avg: 2, available: 10, lead: 5, moq: undefined, pack: 10, want: 30 }, // already whole packs
    { avg: 2, available: 50, lead: 5, moq: 40, pack: 12, want: 0 }, // no need: no MOQ, no pack
  ])('rounds need $avg×(lead $lead + 15) − $available up to MOQ $moq and packs of $pack → $want', ({ avg, available, lead, moq, pack, want }) => {
    expect(reorderQuantity(avg, available, lead, 15, moq, pack)).toBe(want);
  });
});

describe('computeStockInsights', () => {
  // window 90 days; 30-day trailing average for cover
  const input = {
    windowDays: 90,
    skus: [
      sku('hot', 1000, 3, 2, { leadTimeDays: 5 }), // 60 units in 30 d → 2/day, cover 1.5 d
      sku('mid', 500, 100), // 30 units in 30 d → 1/day, cover 100 d (slow)
      sku('old', 100, 20), // sold 50 days ago only: no 30-day sales → slow, cover null
      sku('dead', 2000, 0), // never sold, no stock
      sku('idle', 300, 5), // never sold, has stock → slow
    ],
    sales: [
      { skuId: 'hot', daysAgo: 0, units: 40 },
      { skuId: 'hot', daysAgo: 29, units: 20 },
      { skuId: 'mid', daysAgo: 10, units: 30 },
      { skuId: 'old', daysAgo: 50, units: 10 },
      { skuId: 'old', daysAgo: 95, units: 99 }, // outside the window
    ],
  };
  const r = computeStockInsights(input);
  const by = Object.fromEntries(r.skus.map((s) => [s.skuId, s]));

  it('values sales and classes them', () => {
    // values: hot 60 000, mid 15 000, old 1 000 → total 76 000; before: 0, 78.9 %, 98.7 %
    expect(by.hot).toMatchObject({ unitsSold: 60, salesFen: 60_000, abcClass: 'A' });
    expect(by.mid).toMatchObject({ unitsSold: 30, salesFen: 15_000, abcClass: 'A' });
    expect(by.old).toMatchObject({ unitsSold: 10, salesFen: 1_000, abcClass: 'C' });
    expect(by.dead!.abcClass).toBe('C');
    expect(by.idle!.abcClass).toBe('C');
    expect(r.summary.classCounts).toEqual({ A: 2, B: 0, C: 3 });
    expect(r.summary).toMatchObject({ unitsSold: 100, salesFen: 76_000 });
  });

  it('computes cover, sell-out, flags and reorder quantities', () => {
    expect(by.hot).toMatchObject({ coverDays: 1.5, sellOutRateBp: 9524, slowMover: false, stockOutRisk: true, reorderQty: 38 }); // 60/63; ceil(2 × 20) − 2
    expect(by.mid).toMatchObject({ coverDays: 100, sellOutRateBp: 2308, slowMover: true, stockOutRisk: false, reorderQty: 0 }); // 30/130
    expect(by.old).toMatchObject({ coverDays: null, sellOutRateBp: 3333, slowMover: true, stockOutRisk: false, reorderQty: 0 }); // 10/30
    expect(by.dead).toMatchObject({ coverDays: null, sellOutRateBp: null, slowMover: false, reorderQty: 0 });
    expect(by.idle).toMatchObject({ coverDays: null, sellOutRateBp: 0, slowMover: true });
    expect(r.summary).toMatchObject({ slowMovers: 3, stockOutRisks: 1 });
  });

  it('gives 动销比 with the 70 % health line', () => {
    expect(r.summary).toMatchObject({ skusOnSale: 5, skusSold: 3, sellThroughSkuRatioBp: 6000, healthy: false });
    const healthy = computeStockInsights({ ...input, skus: input.skus.slice(0, 4) }).summary; // 3 of 4
    expect(healthy).toMatchObject({ sellThroughSkuRatioBp: 7500, healthy: true });
    expect(computeStockInsights({ windowDays: 30, skus: [], sales: [] }).summary).toMatchObject({ sellThroughSkuRatioBp: 0, healthy: false });
  });

  it('uses the target cover days', () => {
    const r2 = computeStockInsights({ ...input, targetCoverDays: 30 });
    expect(r2.skus.find((s) => s.skuId === 'hot')!.reorderQty).toBe(68); // ceil(2 × 35) − 2
    expect(r2.skus.find((s) => s.skuId === 'mid')!.reorderQty).toBe(0); // 30 − 100
  });

  it('partitions every SKU on sale into classes whatever the sales', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ skuId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), priceFen: fc.nat(10_000), onHand: fc.nat(1000) }), { selector: (s) => s.skuId }),
        fc.array(fc.record({ skuId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), daysAgo: fc.nat(120), units: fc.nat(50) })),
        fc.integer({ min: 1, max: 365 }),
        (skus, sales, windowDays) => {
          const res = computeStockInsights({ windowDays, skus: skus.map((s) => sku(s.skuId, s.priceFen, s.onHand)), sales });
          const c = res.summary.classCounts;
          expect(c.A + c.B + c.C).toBe(skus.length);
          expect(res.skus.map((s) => s.skuId)).toEqual(skus.map((s) => s.skuId));
          for (const s of res.skus) {
            expect(s.reorderQty).toBeGreaterThanOrEqual(0);
            if (s.salesFen > 0 && c.A === 0) throw new Error('something sold but no A class');
          }
          expect(res.summary.sellThroughSkuRatioBp).toBeLessThanOrEqual(10_000);
        },
      ),
    );
  });
});

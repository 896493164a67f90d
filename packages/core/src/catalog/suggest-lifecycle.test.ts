import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggestLifecycle } from './suggest-lifecycle.ts';

describe('suggestLifecycle', () => {
  it.each([
    // [ageDays, recent, previous, stage, reason, changeBp, why]
    [3, 0, 0, 'new', 'recently_created', null, 'a product of three days is new even without sales'],
    [27, 500, 10, 'new', 'recently_created', 490_000, 'still new on day 27, however fast it sells'],
    [28, 0, 0, 'declining', 'no_sales', null, 'eight weeks without a sale: 滞销'],
    [90, 12, 0, 'growing', 'sales_started', null, 'first sales in the recent window'],
    [90, 120, 100, 'growing', 'sales_rising', 2_000, '+20.00% is the rising threshold itself'],
    [90, 119, 100, 'mature', 'sales_stable', 1_900, '+19% is not enough to call it growing'],
    [90, 100, 100, 'mature', 'sales_stable', 0, 'flat sales'],
    [90, 81, 100, 'mature', 'sales_stable', -1_900, '−19% is still mature'],
    [90, 80, 100, 'declining', 'sales_falling', -2_000, '−20.00% is the falling threshold itself'],
    [400, 0, 35, 'declining', 'sales_falling', -10_000, 'sales stopped'],
    [90, 2, 3, 'declining', 'sales_falling', -3_333, 'truncated toward zero: −33.33%'],
  ] as const)('age %i, recent %i, previous %i → %s (%s): %s', (ageDays, recentUnits, previousUnits, stage, reason, changeBp, _why) => {
    expect(suggestLifecycle({ ageDays, recentUnits, previousUnits })).toEqual({ stage, reason, changeBp });
  });

  it('never calls a product growing when its sales fell, nor declining when they rose', () => {
    fc.assert(
      fc.property(fc.nat(3650), fc.nat(100_000), fc.nat(100_000), (ageDays, recentUnits, previousUnits) => {
        const s = suggestLifecycle({ ageDays, recentUnits, previousUnits });
        if (s.stage === 'growing') expect(recentUnits).toBeGreaterThan(previousUnits);
        if (s.stage === 'declining' && previousUnits > 0) expect(recentUnits).toBeLessThan(previousUnits);
      }),
    );
  });
});

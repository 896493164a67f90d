import { describe, expect, it } from 'vitest';
import { assignTier, DEFAULT_TIER_THRESHOLDS, tierForSpend, type MemberTier } from './assign-tier.ts';

describe('tierForSpend', () => {
  it.each([
    [0, 'regular'],
    [99_999, 'regular'], // ¥999.99: one fen short of silver
    [100_000, 'silver'], // exactly the threshold qualifies
    [499_999, 'silver'],
    [500_000, 'gold'],
    [1_999_999, 'gold'],
    [2_000_000, 'diamond'],
    [50_000_000, 'diamond'],
  ] as const)('gives %i fen over 12 months the %s tier', (fen, tier) => {
    expect(tierForSpend(fen)).toBe(tier);
  });

  it('reads the thresholds it is given', () => {
    const tuned = { silver: 10_000, gold: 20_000, diamond: 30_000 };
    expect(tierForSpend(25_000, tuned)).toBe('gold');
    expect(tierForSpend(25_000, DEFAULT_TIER_THRESHOLDS)).toBe('regular');
  });
});

describe('assignTier', () => {
  const cases: [string, MemberTier, number, boolean, MemberTier, 'upgrade' | 'downgrade' | 'none'][] = [
    ['upgrades at once when the spend qualifies', 'regular', 500_000, false, 'gold', 'upgrade'],
    ['upgrades at review too', 'silver', 2_000_000, true, 'diamond', 'upgrade'],
    ['keeps a gold customer gold between reviews when the spend falls', 'gold', 0, false, 'gold', 'none'],
    ['downgrades at review when the spend fell', 'gold', 150_000, true, 'silver', 'downgrade'],
    ['downgrades to regular at review', 'diamond', 0, true, 'regular', 'downgrade'],
    ['leaves a customer whose spend matches the tier alone', 'silver', 120_000, true, 'silver', 'none'],
    ['keeps a tier granted by hand above the spend until review', 'diamond', 600_000, false, 'diamond', 'none'],
  ];
  it.each(cases)('%s', (_why, current, fen, review, tier, change) => {
    expect(assignTier(current, fen, { review })).toEqual({ tier, change });
  });

  it('never downgrades outside a review, whatever the spend', () => {
    for (const current of ['regular', 'silver', 'gold', 'diamond'] as const) {
      for (const fen of [0, 100_000, 500_000, 2_000_000]) {
        const { change } = assignTier(current, fen, { review: false });
        expect(change).not.toBe('downgrade');
      }
    }
  });
});

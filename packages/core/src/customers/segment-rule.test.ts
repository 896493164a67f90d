import { describe, expect, it } from 'vitest';
import { compileSegmentRule, matchesSegment, segmentRuleSchema, type SegmentFacts } from './segment-rule.ts';

const NOW = new Date('2026-06-30T00:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

const base: SegmentFacts = { tier: 'regular', tags: [], region: null, points: 0, ordersCount: 0, paidTotalFen: 0, lastOrderAt: null, firstOrderAt: null };
const who = (f: Partial<SegmentFacts>): SegmentFacts => ({ ...base, ...f });

function matches(rule: unknown, facts: SegmentFacts): boolean {
  return matchesSegment(compileSegmentRule(segmentRuleSchema.parse(rule)), facts, NOW);
}
const all = (...conditions: unknown[]) => ({ match: 'all', conditions });

describe('segment rules', () => {
  const cases: [string, unknown, SegmentFacts, boolean][] = [
    ['tier in', all({ field: 'tier', op: 'in', values: ['gold', 'diamond'] }), who({ tier: 'gold' }), true],
    ['tier in, other tier', all({ field: 'tier', op: 'in', values: ['gold'] }), who({ tier: 'silver' }), false],
    ['tier not in', all({ field: 'tier', op: 'notIn', values: ['regular'] }), who({ tier: 'silver' }), true],
    ['tags has any', all({ field: 'tags', op: 'hasAny', values: ['母婴', '美妆'] }), who({ tags: ['美妆'] }), true],
    ['tags has all, one missing', all({ field: 'tags', op: 'hasAll', values: ['母婴', '美妆'] }), who({ tags: ['美妆'] }), false],
    ['tags has all', all({ field: 'tags', op: 'hasAll', values: ['母婴', '美妆'] }), who({ tags: ['美妆', '母婴', 'vip'] }), true],
    ['tags has none', all({ field: 'tags', op: 'hasNone', values: ['黑名单'] }), who({ tags: ['vip'] }), true],
    ['tags has none, one present', all({ field: 'tags', op: 'hasNone', values: ['黑名单'] }), who({ tags: ['黑名单'] }), false],
    ['region in', all({ field: 'region', op: 'in', values: ['广东'] }), who({ region: '广东' }), true],
    ['region in, named by code or full name', all({ field: 'region', op: 'in', values: ['44', '浙江省'] }), who({ region: '广东' }), true],
    ['region not in counts an unknown region as outside', all({ field: 'region', op: 'notIn', values: ['广东'] }), who({ region: null }), true],
    ['points ≥ at the bound', all({ field: 'points', op: 'gte', value: 500 }), who({ points: 500 }), true],
    ['points ≤ below', all({ field: 'points', op: 'lte', value: 499 }), who({ points: 500 }), false],
    ['orders count ≥', all({ field: 'ordersCount', op: 'gte', value: 2 }), who({ ordersCount: 3 }), true],
    ['paid total ≥', all({ field: 'paidTotalFen', op: 'gte', value: 100_000 }), who({ paidTotalFen: 99_999 }), false],
    ['last order within 30 days', all({ field: 'lastOrderAt', op: 'withinDays', days: 30 }), who({ lastOrderAt: daysAgo(30) }), true],
    ['last order 31 days ago is not within 30', all({ field: 'lastOrderAt', op: 'withinDays', days: 30 }), who({ lastOrderAt: daysAgo(31) }), false],
    ['never ordered is not within any window', all({ field: 'lastOrderAt', op: 'notWithinDays', days: 30 }), who({}), true],
    ['first order within 7 days (new buyers)', all({ field: 'firstOrderAt', op: 'withinDays', days: 7 }), who({ firstOrderAt: daysAgo(3) }), true],
    ['lifecycle new: never ordered', all({ field: 'lifecycleStage', op: 'in', values: ['new'] }), who({}), true],
    ['lifecycle active at 90 days', all({ field: 'lifecycleStage', op: 'in', values: ['active'] }), who({ lastOrderAt: daysAgo(90) }), true],
    ['lifecycle dormant at 91 days', all({ field: 'lifecycleStage', op: 'in', values: ['dormant'] }), who({ lastOrderAt: daysAgo(91) }), true],
    ['lifecycle dormant at 180 days', all({ field: 'lifecycleStage', op: 'in', values: ['dormant'] }), who({ lastOrderAt: daysAgo(180) }), true],
    ['lifecycle churned at 181 days', all({ field: 'lifecycleStage', op: 'in', values: ['churned'] }), who({ lastOrderAt: daysAgo(181) }), true],
    ['lifecycle churned is not new', all({ field: 'lifecycleStage', op: 'in', values: ['churned'] }), who({}), false],
    ['lifecycle not in active', all({ field: 'lifecycleStage', op: 'notIn', values: ['active'] }), who({ lastOrderAt: daysAgo(200) }), true],
    ['all: one condition fails', all({ field: 'tier', op: 'in', values: ['gold'] }, { field: 'points', op: 'gte', value: 100 }), who({ tier: 'gold', points: 10 }), false],
    ['any: one condition holds', { match: 'any', conditions: [{ field: 'tier', op: 'in', values: ['gold'] }, { field: 'points', op: 'gte', value: 100 }] }, who({ points: 100 }), true],
  ];
  it.each(cases)('%s', (_name, rule, facts, expected) => {
    expect(matches(rule, facts)).toBe(expected);
  });

  it('puts every customer in exactly one lifecycle stage', () => {
    for (const d of [null, 0, 1, 89, 90, 91, 179, 180, 181, 1000]) {
      const facts = who({ lastOrderAt: d === null ? null : daysAgo(d) });
      const stages = (['new', 'active', 'dormant', 'churned'] as const).filter((s) => matches(all({ field: 'lifecycleStage', op: 'in', values: [s] }), facts));
      expect(stages, `last order ${d} days ago`).toHaveLength(1);
    }
  });

  it.each([
    ['no conditions', { match: 'all', conditions: [] }],
    ['an unknown field', all({ field: 'salary', op: 'gte', value: 1 })],
    ['an operator of another field', all({ field: 'tier', op: 'gte', value: 1 })],
    ['an empty value list', all({ field: 'tags', op: 'hasAny', values: [] })],
    ['an unknown tier', all({ field: 'tier', op: 'in', values: ['platinum'] })],
    ['fractional days', all({ field: 'lastOrderAt', op: 'withinDays', days: 1.5 })],
    ['negative points', all({ field: 'points', op: 'gte', value: -1 })],
    ['a region that names no province', all({ field: 'region', op: 'in', values: ['火星'] })],
    ['extra keys', all({ field: 'points', op: 'gte', value: 1, sql: 'or 1=1' })],
    ['a SQL fragment as a match', { match: 'all; drop table customers', conditions: [{ field: 'points', op: 'gte', value: 1 }] }],
  ])('refuses %s', (_name, rule) => {
    expect(segmentRuleSchema.safeParse(rule).success).toBe(false);
  });
});

// 人群: a segment is a saved rule over customer fields. The rule is JSON validated by
// `segmentRuleSchema`; `compileSegmentRule` turns it into a small AST of comparisons that the db
// package renders as ONE parameterised SQL query (values never enter the SQL text). The AST names
// customer fields, not columns: the storage layer owns the mapping.
import { z } from 'zod';
import { resolveProvince } from '../geo/index.ts';
import { MEMBER_TIERS } from '../promotions/index.ts';

export const LIFECYCLE_STAGES = ['new', 'active', 'dormant', 'churned'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/**
 * 生命周期 by days since the last paid order: active ≤ 90 days, dormant 91–180, churned > 180;
 * `new` has not ordered yet. Defaults an operator may tune (a fast-moving category churns sooner).
 */
export const LIFECYCLE_BANDS = Object.freeze({ activeWithinDays: 90, dormantWithinDays: 180 });

const Text = z.string().trim().min(1).max(100).refine((s) => !s.includes('\u0000'), 'no NUL characters');
const Values = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(100);
const Count = z.int().min(0).max(1_000_000_000_000);
const Days = z.int().min(1).max(36_500);
// Customers store a province as its Chinese name (广东); a rule may name it any way resolveProvince reads.
const Province = z.string().max(50).refine((s) => resolveProvince(s) !== undefined, 'a province: a name such as 广东 or a GB/T 2260 code such as 44');

export const segmentConditionSchema = z.discriminatedUnion('field', [
  z.object({ field: z.literal('tier'), op: z.enum(['in', 'notIn']), values: Values(z.enum(MEMBER_TIERS)) }).strict(),
  z.object({ field: z.literal('tags'), op: z.enum(['hasAny', 'hasAll', 'hasNone']), values: Values(Text) }).strict(),
  z.object({ field: z.literal('region'), op: z.enum(['in', 'notIn']), values: Values(Province) }).strict(),
  z.object({ field: z.literal('lifecycleStage'), op: z.enum(['in', 'notIn']), values: Values(z.enum(LIFECYCLE_STAGES)) }).strict(),
  z.object({ field: z.enum(['points', 'ordersCount', 'paidTotalFen']), op: z.enum(['gte', 'lte']), value: Count }).strict(),
  z.object({ field: z.enum(['lastOrderAt', 'firstOrderAt']), op: z.enum(['withinDays', 'notWithinDays']), days: Days }).strict(),
]);

export type SegmentCondition = z.infer<typeof segmentConditionSchema>;

/** A segment rule: `all` (and) or `any` (or) of 1–50 conditions. */
export const segmentRuleSchema = z
  .object({
    match: z.enum(['all', 'any']),
    conditions: z.array(segmentConditionSchema).min(1).max(50),
  })
  .strict();

export type SegmentRule = z.infer<typeof segmentRuleSchema>;

export type SegmentField = 'tier' | 'tags' | 'region' | 'points' | 'ordersCount' | 'paidTotalFen' | 'lastOrderAt' | 'firstOrderAt';

/** The compiled rule. `since` compares a time field with `now − days` (the clock is the caller's). */
export type SegmentNode =
  | { kind: 'and' | 'or'; children: SegmentNode[] }
  | { kind: 'not'; child: SegmentNode }
  | { kind: 'in'; field: 'tier' | 'region'; values: string[] }
  | { kind: 'tags'; mode: 'any' | 'all'; values: string[] }
  | { kind: 'compare'; field: 'points' | 'ordersCount' | 'paidTotalFen'; op: '>=' | '<='; value: number }
  | { kind: 'since'; field: 'lastOrderAt' | 'firstOrderAt'; days: number }
  | { kind: 'isNull'; field: 'lastOrderAt' | 'firstOrderAt' };

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

const within = (field: 'lastOrderAt' | 'firstOrderAt', days: number): SegmentNode => ({ kind: 'since', field, days });
const not = (child: SegmentNode): SegmentNode => ({ kind: 'not', child });
const and = (...children: SegmentNode[]): SegmentNode => ({ kind: 'and', children });
const or = (...children: SegmentNode[]): SegmentNode => ({ kind: 'or', children });

function stage(s: LifecycleStage): SegmentNode {
  const { activeWithinDays: a, dormantWithinDays: d } = LIFECYCLE_BANDS;
  const ordered = not({ kind: 'isNull', field: 'lastOrderAt' });
  switch (s) {
    case 'new':
      return { kind: 'isNull', field: 'lastOrderAt' };
    case 'active':
      return within('lastOrderAt', a);
    case 'dormant':
      return and(within('lastOrderAt', d), not(within('lastOrderAt', a)));
    case 'churned':
      return and(ordered, not(within('lastOrderAt', d)));
  }
}

function condition(c: SegmentCondition): SegmentNode {
  switch (c.field) {
    case 'tier':
    case 'region': {
      const values = c.field === 'region' ? c.values.map((v) => resolveProvince(v)!.nameZh) : c.values;
      const node: SegmentNode = { kind: 'in', field: c.field, values: unique(values) };
      return c.op === 'in' ? node : not(node);
    }
    case 'tags': {
      const values = unique(c.values);
      if (c.op === 'hasAll') return { kind: 'tags', mode: 'all', values };
      const any: SegmentNode = { kind: 'tags', mode: 'any', values };
      return c.op === 'hasAny' ? any : not(any);
    }
    case 'lifecycleStage': {
      const node = or(...unique(c.values).map(stage));
      return c.op === 'in' ? node : not(node);
    }
    case 'points':
    case 'ordersCount':
    case 'paidTotalFen':
      return { kind: 'compare', field: c.field, op: c.op === 'gte' ? '>=' : '<=', value: c.value };
    case 'lastOrderAt':
    case 'firstOrderAt':
      // "not within N days" includes customers who never ordered: they did not order in the window.
      return c.op === 'withinDays' ? within(c.field, c.days) : not(within(c.field, c.days));
  }
}

/**
 * Compiles a validated rule to the AST. `not` over a time comparison means "no order in the window"
 * and the SQL renderer must treat a missing time as outside every window (never as unknown).
 */
export function compileSegmentRule(rule: SegmentRule): SegmentNode {
  const children = rule.conditions.map(condition);
  return children.length === 1 ? children[0]! : { kind: rule.match === 'all' ? 'and' : 'or', children };
}

/** The facts about a customer a rule reads, for evaluating a rule in memory (tests, previews of one customer). */
export interface SegmentFacts {
  tier: string;
  tags: readonly string[];
  region: string | null;
  points: number;
  ordersCount: number;
  paidTotalFen: number;
  lastOrderAt: Date | null;
  firstOrderAt: Date | null;
}

/** Evaluates the AST against one customer at `now`: the reference semantics the SQL renderer must match. */
export function matchesSegment(node: SegmentNode, c: SegmentFacts, now: Date): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.every((n) => matchesSegment(n, c, now));
    case 'or':
      return node.children.some((n) => matchesSegment(n, c, now));
    case 'not':
      return !matchesSegment(node.child, c, now);
    case 'in': {
      const v = node.field === 'tier' ? c.tier : c.region;
      return v !== null && node.values.includes(v);
    }
    case 'tags':
      return node.mode === 'all' ? node.values.every((t) => c.tags.includes(t)) : node.values.some((t) => c.tags.includes(t));
    case 'compare':
      return node.op === '>=' ? c[node.field] >= node.value : c[node.field] <= node.value;
    case 'since': {
      const at = c[node.field];
      return at !== null && at.getTime() >= now.getTime() - node.days * 86_400_000;
    }
    case 'isNull':
      return c[node.field] === null;
  }
}

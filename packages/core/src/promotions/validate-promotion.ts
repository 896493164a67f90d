// Admin-side validation of promotion configurations: shape (zod) then contradictions (the rule's
// registered check), then, for a set, conflicts between promotions (duplicate ids, overlapping
// flash sales on one SKU). Returns typed problems; never throws.
import { promotionSchema, type Promotion, type PromotionOf } from './promotion-schema.ts';
import { checkRule } from './registry.ts';
import { checkCommon, type PromotionProblem } from './rule-checks.ts';
import type { Scope } from './rule-args.ts';

export type ValidationResult<T> = { ok: true; value: T; problems: [] } | { ok: false; problems: PromotionProblem[] };

function shapeProblems(raw: unknown, issues: readonly { path: readonly PropertyKey[]; message: string; code: string }[]): PromotionProblem[] {
  const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined;
  return issues.map((i) => {
    const path = i.path.map((k) => (typeof k === 'symbol' ? String(k) : k));
    const last = String(path[path.length - 1] ?? '');
    const code = i.code === 'invalid_union' && last === 'code' ? 'unknown_rule_code' : /Bp$/.test(last) ? 'invalid_percentage' : 'invalid_field';
    const p: PromotionProblem = { code, path, message: i.message };
    if (id !== undefined) p.promotionId = id;
    return p;
  });
}

/** Validates one promotion: `{ ok: true, value }` with the parsed promotion, or its problems. */
export function validatePromotion(raw: unknown): ValidationResult<Promotion> {
  const parsed = promotionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: shapeProblems(raw, parsed.error.issues) };
  const out: PromotionProblem[] = [];
  checkCommon(parsed.data, out);
  checkRule(parsed.data, out);
  for (const p of out) p.promotionId = parsed.data.id;
  return out.length === 0 ? { ok: true, value: parsed.data, problems: [] } : { ok: false, problems: out };
}

function windowsOverlap(a: Promotion, b: Promotion): boolean {
  return (a.startsAt ?? -Infinity) < (b.endsAt ?? Infinity) && (b.startsAt ?? -Infinity) < (a.endsAt ?? Infinity);
}

function channelsOverlap(a: Promotion, b: Promotion): boolean {
  return a.channelIds === undefined || b.channelIds === undefined || a.channelIds.some((c) => b.channelIds!.includes(c));
}

// Conservative: scopes of different kinds (e.g. a category and a SKU) are assumed to overlap.
function scopesOverlap(a: Scope, b: Scope): boolean {
  if (a.type === 'order' || b.type === 'order' || a.type !== b.type) return true;
  return a.ids.some((id) => b.ids.includes(id));
}

/**
 * Validates a set of promotions in force together: each one alone, duplicate ids, and
 * overlapping_flash_sale when two flash sales can price the same SKU at the same time.
 */
export function validatePromotionSet(raws: readonly unknown[]): ValidationResult<Promotion[]> {
  const problems: PromotionProblem[] = [];
  const parsed: Promotion[] = [];
  raws.forEach((raw, i) => {
    const r = validatePromotion(raw);
    if (r.ok) parsed.push(r.value);
    else for (const p of r.problems) problems.push({ ...p, path: [i, ...p.path] });
    if (!r.ok) {
      const shaped = promotionSchema.safeParse(raw);
      if (shaped.success) parsed.push(shaped.data);
    }
  });
  const seen = new Set<string>();
  for (const p of parsed) {
    if (seen.has(p.id)) problems.push({ code: 'duplicate_promotion_id', promotionId: p.id, path: ['id'], message: `promotion id ${p.id} is used twice` });
    seen.add(p.id);
  }
  const flash = parsed.filter((p): p is PromotionOf<'flashSale'> => p.code === 'flashSale');
  for (let i = 0; i < flash.length; i++) {
    for (let j = i + 1; j < flash.length; j++) {
      const a = flash[i]!;
      const b = flash[j]!;
      if (windowsOverlap(a, b) && channelsOverlap(a, b) && scopesOverlap(a.args.scope, b.args.scope)) {
        problems.push({ code: 'overlapping_flash_sale', promotionId: b.id, path: ['args', 'scope'], message: `flash sales ${a.id} and ${b.id} overlap on the same SKUs and time` });
      }
    }
  }
  return problems.length === 0 ? { ok: true, value: parsed, problems: [] } : { ok: false, problems };
}

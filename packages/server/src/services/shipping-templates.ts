// 运费模板: a shop's stored shipping templates (CRUD with the engine-side contradiction checks,
// one default per shop, a channel → template mapping) and the quote the price preview uses: the
// template of the cart's channel, else the shop default, mapped to the engine's shipping input.
import { resolveProvince } from '@yunying/core/geo';
import { templateShipping, validateShippingTemplate, type CartLine, type ShippingTemplateRules, type TemplateShipping } from '@yunying/core/promotions';
import {
  channelsOnOtherTemplates, deleteShippingTemplate, findDefaultShippingTemplate, findShippingTemplate, findShippingTemplateIdByName,
  findUnknownChannels, insertShippingTemplate, newId, setShippingTemplateChannels, templatesOfChannels, updateShippingTemplate,
  type DB, type Kysely, type ShippingTemplateFields, type ShippingTemplateRecord,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { fail, ok, type Actor, type Failure, type Result } from './result.ts';
import { transact } from './transact.ts';

export interface ShippingTemplateInput extends ShippingTemplateFields {
  channelIds: string[];
}

function auditable(t: ShippingTemplateRecord): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, templateId: _i, ...rest } = t;
  return rest;
}

function rulesOf(t: Pick<ShippingTemplateFields, 'groups' | 'defaultRule' | 'undeliverableRegions' | 'freeShipping'>): ShippingTemplateRules {
  return { groups: t.groups, defaultRule: t.defaultRule, undeliverableRegions: t.undeliverableRegions, freeShipping: t.freeShipping };
}

function checkRules(t: ShippingTemplateFields): Failure | null {
  const r = validateShippingTemplate(rulesOf(t));
  return r.ok ? null : fail('shipping_template_invalid', r.problems.map((p) => `${p.path.join('.')}: ${p.code}`).join('; '), { problems: r.problems });
}

/** Refuses unknown channels and channels that already quote with another template. */
async function checkChannels(trx: Kysely<DB>, tenantId: string, templateId: string, channelIds: string[]): Promise<Failure | null> {
  const unknown = await findUnknownChannels(trx, tenantId, channelIds);
  if (unknown.length > 0) {
    const errors = [{ path: 'body.channelIds', message: `no such channel: ${unknown.join(', ')}` }];
    return fail('validation_failed', errors[0]!.message, { errors });
  }
  const taken = await channelsOnOtherTemplates(trx, tenantId, templateId, channelIds);
  if (taken.length > 0) return fail('shipping_channel_has_template', taken.map((t) => `${t.channelId} uses ${t.templateId}`).join('; '), { channels: taken });
  return null;
}

/** Takes the default flag off the shop's current default (another template), audited. */
async function clearDefault(trx: Kysely<DB>, actor: Actor, except: string): Promise<void> {
  const current = await findDefaultShippingTemplate(trx, actor.tenantId, true);
  if (!current || current.templateId === except) return;
  await updateShippingTemplate(trx, actor.tenantId, current.templateId, { isDefault: false });
  await recordChange(trx, actor, { action: 'update', entityType: 'shipping_template', entityId: current.templateId, before: { isDefault: true }, after: { isDefault: false } });
}

const CONSTRAINT_FAILURES: Record<string, () => Failure> = {
  shipping_templates_name_key: () => fail('shipping_template_name_taken'),
  shipping_template_channels_pkey: () => fail('shipping_channel_has_template', 'Another request gave the channel a template meanwhile.'),
};

/**
 * Runs `work`, turning a race lost on one of this module's unique keys into its typed failure (the
 * checks made first cover the ordinary cases). Two requests making a default at once: the loser
 * runs again and takes the default over.
 */
async function guarded<T>(work: () => Promise<Result<T>>, retried = false): Promise<Result<T>> {
  try {
    return await work();
  } catch (error) {
    const e = error as { code?: string; constraint?: string };
    if (e?.code !== '23505' || !e.constraint) throw error;
    if (e.constraint === 'shipping_templates_default_key' && !retried) return guarded(work, true);
    const known = CONSTRAINT_FAILURES[e.constraint];
    if (known) return known();
    throw error;
  }
}

export async function createShippingTemplate(db: Kysely<DB>, actor: Actor, input: ShippingTemplateInput): Promise<Result<ShippingTemplateRecord>> {
  const { channelIds, ...fields } = input;
  const problem = checkRules(fields);
  if (problem) return problem;
  const templateId = newId('shp');
  return guarded(() =>
    transact(db, async (trx) => {
      const channels = [...new Set(channelIds)].sort();
      const refused = await checkChannels(trx, actor.tenantId, templateId, channels);
      if (refused) return refused;
      if (fields.isDefault) await clearDefault(trx, actor, templateId);
      const created = await insertShippingTemplate(trx, actor.tenantId, templateId, fields);
      if (!created) return fail('shipping_template_name_taken', `A shipping template named ${fields.name} exists.`);
      await setShippingTemplateChannels(trx, actor.tenantId, templateId, channels);
      const after = { ...created, channelIds: channels };
      await recordChange(trx, actor, { action: 'create', entityType: 'shipping_template', entityId: templateId, before: null, after: auditable(after) });
      return ok(after);
    }),
  );
}

export async function changeShippingTemplate(db: Kysely<DB>, actor: Actor, templateId: string, patch: Partial<ShippingTemplateInput>): Promise<Result<ShippingTemplateRecord>> {
  return guarded(() =>
    transact(db, async (trx) => {
      const before = await findShippingTemplate(trx, actor.tenantId, templateId, true);
      if (!before) return fail('not_found');
      const { channelIds, ...fields } = patch;
      const merged: ShippingTemplateFields = { ...before, ...fields };
      const problem = checkRules(merged);
      if (problem) return problem;
      if (fields.name !== undefined && fields.name !== before.name) {
        const other = await findShippingTemplateIdByName(trx, actor.tenantId, fields.name);
        if (other !== undefined) return fail('shipping_template_name_taken', `A shipping template named ${fields.name} exists.`);
      }
      const channels = channelIds !== undefined ? [...new Set(channelIds)].sort() : undefined;
      if (channels !== undefined) {
        const refused = await checkChannels(trx, actor.tenantId, templateId, channels);
        if (refused) return refused;
      }
      if (fields.isDefault === true && !before.isDefault) await clearDefault(trx, actor, templateId);
      await updateShippingTemplate(trx, actor.tenantId, templateId, fields);
      if (channels !== undefined) await setShippingTemplateChannels(trx, actor.tenantId, templateId, channels);
      const after = (await findShippingTemplate(trx, actor.tenantId, templateId))!;
      await recordChange(trx, actor, { action: 'update', entityType: 'shipping_template', entityId: templateId, before: auditable(before), after: auditable(after) });
      return ok(after);
    }),
  );
}

export async function removeShippingTemplate(db: Kysely<DB>, actor: Actor, templateId: string): Promise<Result<ShippingTemplateRecord>> {
  return transact(db, async (trx) => {
    const before = await findShippingTemplate(trx, actor.tenantId, templateId, true);
    if (!before) return fail('not_found');
    await deleteShippingTemplate(trx, actor.tenantId, templateId);
    await recordChange(trx, actor, { action: 'delete', entityType: 'shipping_template', entityId: templateId, before: auditable(before), after: null });
    return ok(before);
  });
}

/**
 * The stored template a cart quotes with — its channel's, else the shop default — mapped to the
 * engine's shipping input for `destinationRegion`. Null when the shop has none for the cart. A cart
 * whose channels resolve to different templates is refused (shipping_template_ambiguous), and so is
 * a destination that names no province (the template's regions are provinces).
 */
export async function templateQuote(
  db: Kysely<DB>,
  tenantId: string,
  lines: readonly CartLine[],
  destinationRegion: string,
): Promise<Result<(TemplateShipping & { templateId: string }) | null>> {
  const channelIds = [...new Set(lines.map((l) => l.channelId))].sort();
  const named = await templatesOfChannels(db, tenantId, channelIds);
  let fallback: ShippingTemplateRecord | null | undefined;
  const chosen = new Set<string | null>();
  for (const c of channelIds) {
    const id = named.get(c);
    if (id !== undefined) chosen.add(id);
    else chosen.add((fallback ??= (await findDefaultShippingTemplate(db, tenantId)) ?? null)?.templateId ?? null);
  }
  if (chosen.size > 1) {
    const byChannel = channelIds.map((c) => ({ channelId: c, templateId: named.get(c) ?? fallback?.templateId ?? null }));
    return fail('shipping_template_ambiguous', byChannel.map((b) => `${b.channelId} → ${b.templateId ?? 'none'}`).join(', '), { channels: byChannel });
  }
  const templateId = [...chosen][0] ?? null;
  if (templateId === null) return ok(null);
  const template = fallback?.templateId === templateId ? fallback : await findShippingTemplate(db, tenantId, templateId);
  if (!template) return ok(null);
  if (resolveProvince(destinationRegion) === undefined) {
    const errors = [{ path: 'body.destinationRegion', message: `${destinationRegion} names no province (GB/T 2260 code or name)` }];
    return fail('validation_failed', errors[0]!.message, { errors });
  }
  return ok({ templateId, ...templateShipping(templateId, rulesOf(template), destinationRegion) });
}

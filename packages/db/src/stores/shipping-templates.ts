import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { FeeRuleJson, FreeShippingJson, RegionGroupJson, ShippingTemplatesTable } from '../schema-shipping.ts';

/** A stored shipping template (运费模板): its rules as the engine-side ShippingTemplateRules, the default flag, its channels. */
export interface ShippingTemplateRecord {
  templateId: string;
  name: string;
  groups: RegionGroupJson[];
  defaultRule: FeeRuleJson | null;
  undeliverableRegions: string[];
  freeShipping: FreeShippingJson | null;
  isDefault: boolean;
  /** Channels that use this template instead of the shop default, in id order. */
  channelIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

export type ShippingTemplateFields = Pick<ShippingTemplateRecord, 'name' | 'groups' | 'defaultRule' | 'undeliverableRegions' | 'freeShipping' | 'isDefault'>;

function toTemplate(r: Selectable<ShippingTemplatesTable>, channelIds: string[]): ShippingTemplateRecord {
  return {
    templateId: r.template_id,
    name: r.name,
    groups: r.groups,
    defaultRule: r.default_rule,
    undeliverableRegions: r.undeliverable_regions,
    freeShipping: r.free_shipping,
    isDefault: r.is_default,
    channelIds,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const json = (v: unknown): string => JSON.stringify(v);

function columns(f: Partial<ShippingTemplateFields>) {
  return {
    ...(f.name !== undefined ? { name: f.name } : {}),
    ...(f.groups !== undefined ? { groups: json(f.groups) } : {}),
    ...(f.defaultRule !== undefined ? { default_rule: f.defaultRule === null ? null : json(f.defaultRule) } : {}),
    ...(f.undeliverableRegions !== undefined ? { undeliverable_regions: json(f.undeliverableRegions) } : {}),
    ...(f.freeShipping !== undefined ? { free_shipping: f.freeShipping === null ? null : json(f.freeShipping) } : {}),
    ...(f.isDefault !== undefined ? { is_default: f.isDefault } : {}),
  };
}

async function channelsOf(db: Kysely<DB>, tenantId: string, templateIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(templateIds.map((id) => [id, []]));
  if (templateIds.length === 0) return out;
  const rows = await db
    .selectFrom('shipping_template_channels')
    .select(['template_id', 'channel_id'])
    .where('tenant_id', '=', tenantId)
    .where('template_id', 'in', templateIds)
    .orderBy('channel_id')
    .execute();
  for (const r of rows) out.get(r.template_id)?.push(r.channel_id);
  return out;
}

/** Inserts a template; undefined when the shop already has a template of that name. */
export async function insertShippingTemplate(db: Kysely<DB>, tenantId: string, templateId: string, f: ShippingTemplateFields): Promise<ShippingTemplateRecord | undefined> {
  const row = await db
    .insertInto('shipping_templates')
    .values({ tenant_id: tenantId, template_id: templateId, name: f.name, groups: json(f.groups), ...columns(f) })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && toTemplate(row, []);
}

export async function findShippingTemplate(db: Kysely<DB>, tenantId: string, templateId: string, forUpdate = false): Promise<ShippingTemplateRecord | undefined> {
  let q = db.selectFrom('shipping_templates').selectAll().where('tenant_id', '=', tenantId).where('template_id', '=', templateId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toTemplate(row, (await channelsOf(db, tenantId, [templateId])).get(templateId)!);
}

/** The id of the template with this name, if any (names are unique per shop). */
export async function findShippingTemplateIdByName(db: Kysely<DB>, tenantId: string, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('shipping_templates').select('template_id').where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst();
  return row?.template_id;
}

export async function listShippingTemplates(db: Kysely<DB>, tenantId: string, filter: { limit: number; afterTemplateId?: string | undefined }): Promise<ShippingTemplateRecord[]> {
  let q = db.selectFrom('shipping_templates').selectAll().where('tenant_id', '=', tenantId);
  if (filter.afterTemplateId) q = q.where('template_id', '>', filter.afterTemplateId);
  const rows = await q.orderBy('template_id').limit(filter.limit).execute();
  const channels = await channelsOf(db, tenantId, rows.map((r) => r.template_id));
  return rows.map((r) => toTemplate(r, channels.get(r.template_id)!));
}

export async function updateShippingTemplate(db: Kysely<DB>, tenantId: string, templateId: string, patch: Partial<ShippingTemplateFields>): Promise<void> {
  await db
    .updateTable('shipping_templates')
    .set({ ...columns(patch), updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('template_id', '=', templateId)
    .execute();
}

/** The shop's default template, locked when asked (a new default replaces it in the same transaction). */
export async function findDefaultShippingTemplate(db: Kysely<DB>, tenantId: string, forUpdate = false): Promise<ShippingTemplateRecord | undefined> {
  let q = db.selectFrom('shipping_templates').selectAll().where('tenant_id', '=', tenantId).where('is_default', '=', true);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toTemplate(row, (await channelsOf(db, tenantId, [row.template_id])).get(row.template_id)!);
}

/** Deletes a template (its channel mappings go with it); false when there was none. */
export async function deleteShippingTemplate(db: Kysely<DB>, tenantId: string, templateId: string): Promise<boolean> {
  const r = await db.deleteFrom('shipping_templates').where('tenant_id', '=', tenantId).where('template_id', '=', templateId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Channels among `channelIds` that already name another template than `templateId`, with that template. */
export async function channelsOnOtherTemplates(db: Kysely<DB>, tenantId: string, templateId: string, channelIds: string[]): Promise<{ channelId: string; templateId: string }[]> {
  if (channelIds.length === 0) return [];
  const rows = await db
    .selectFrom('shipping_template_channels')
    .select(['channel_id', 'template_id'])
    .where('tenant_id', '=', tenantId)
    .where('channel_id', 'in', channelIds)
    .where('template_id', '<>', templateId)
    .orderBy('channel_id')
    .execute();
  return rows.map((r) => ({ channelId: r.channel_id, templateId: r.template_id }));
}

/** Makes `channelIds` exactly the channels that use the template. */
export async function setShippingTemplateChannels(db: Kysely<DB>, tenantId: string, templateId: string, channelIds: string[]): Promise<void> {
  let del = db.deleteFrom('shipping_template_channels').where('tenant_id', '=', tenantId).where('template_id', '=', templateId);
  if (channelIds.length > 0) del = del.where('channel_id', 'not in', channelIds);
  await del.execute();
  if (channelIds.length === 0) return;
  await db
    .insertInto('shipping_template_channels')
    .values(channelIds.map((channelId) => ({ tenant_id: tenantId, channel_id: channelId, template_id: templateId })))
    .onConflict((oc) => oc.columns(['tenant_id', 'channel_id']).doNothing())
    .execute();
}

/** The template each of `channelIds` names, for the channels that name one. */
export async function templatesOfChannels(db: Kysely<DB>, tenantId: string, channelIds: string[]): Promise<Map<string, string>> {
  if (channelIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('shipping_template_channels')
    .select(['channel_id', 'template_id'])
    .where('tenant_id', '=', tenantId)
    .where('channel_id', 'in', channelIds)
    .execute();
  return new Map(rows.map((r) => [r.channel_id, r.template_id]));
}

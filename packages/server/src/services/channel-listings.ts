import {
  findChannel,
  findListing,
  findListingWithSku,
  findSku,
  upsertListing,
  type ChannelListingRecord,
  type DB,
  type Kysely,
  type ListingStatus,
  type ListingWithSku,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { archivedSku } from './skus.ts';
import { fail, ok, type Actor, type Result } from './result.ts';
import { transact } from './transact.ts';

// Per-channel listing use cases: list a SKU on a channel (at a channel price), unlist it.

const entityType = 'channel_listing';
const entityIdOf = (channelId: string, skuId: string) => `${channelId}:${skuId}`;

function auditable(l: ChannelListingRecord): Record<string, unknown> {
  return { priceFen: l.priceFen, status: l.status, externalId: l.externalId };
}

export interface ListingInput {
  /** Channel price in fen, null = the SKU's own price, undefined = unchanged (null when new). */
  priceFen?: number | null | undefined;
  status: ListingStatus;
  /** The platform's id, undefined = unchanged (null when new). */
  externalId?: string | null | undefined;
  allowBelowCost: boolean;
}

/**
 * Lists a SKU on a channel or changes its listing; a channel price below the SKU's cost needs
 * allowBelowCost. Listing (status listed) an archived SKU or a SKU of an archived product is
 * sku_archived, on an archived or disabled channel channel_not_active.
 */
export async function putListing(db: Kysely<DB>, actor: Actor, channelId: string, skuId: string, input: ListingInput): Promise<Result<ListingWithSku>> {
  return transact(db, async (trx) => {
    const channel = await findChannel(trx, actor.tenantId, channelId);
    if (!channel) return fail('not_found', `Channel ${channelId} does not exist.`);
    // Locked so the cost (and status) cannot change between the checks below and the write.
    const sku = await findSku(trx, actor.tenantId, skuId, true);
    if (!sku) return fail('not_found', `SKU ${skuId} does not exist.`);
    // Only listing is refused: an archived SKU or channel can still be unlisted.
    if (input.status === 'listed') {
      if (channel.status !== 'active') return fail('channel_not_active', `Channel ${channel.code} is ${channel.status}.`, { channelId, channelStatus: channel.status });
      const archived = await archivedSku(trx, actor.tenantId, sku);
      if (archived) return archived;
    }
    const before = await findListing(trx, actor.tenantId, channelId, skuId, true);
    if (input.priceFen != null && input.priceFen < sku.costFen && !input.allowBelowCost) {
      return fail('price_below_cost', `Channel price ${input.priceFen} fen is below cost ${sku.costFen} fen. Send allowBelowCost: true to accept.`, {
        priceFen: input.priceFen,
        costFen: sku.costFen,
      });
    }
    const after = await upsertListing(trx, actor.tenantId, {
      channelId,
      skuId,
      priceFen: input.priceFen !== undefined ? input.priceFen : (before?.priceFen ?? null),
      status: input.status,
      externalId: input.externalId !== undefined ? input.externalId : (before?.externalId ?? null),
    });
    const action = !before ? 'create' : after.status === 'unlisted' && before.status !== 'unlisted' ? 'unlist' : 'update';
    await recordChange(trx, actor, { action, entityType, entityId: entityIdOf(channelId, skuId), before: before ? auditable(before) : null, after: auditable(after) });
    return ok((await findListingWithSku(trx, actor.tenantId, channelId, skuId))!);
  });
}

/** Unlists a SKU from a channel: the row stays with status unlisted. */
export async function unlistListing(db: Kysely<DB>, actor: Actor, channelId: string, skuId: string): Promise<Result<ChannelListingRecord>> {
  return transact(db, async (trx) => {
    const before = await findListing(trx, actor.tenantId, channelId, skuId, true);
    if (!before) return fail('not_found', `SKU ${skuId} has no listing on channel ${channelId}.`);
    if (before.status === 'unlisted') return ok(before);
    const after = await upsertListing(trx, actor.tenantId, { ...before, status: 'unlisted' });
    await recordChange(trx, actor, { action: 'unlist', entityType, entityId: entityIdOf(channelId, skuId), before: auditable(before), after: auditable(after) });
    return ok(after);
  });
}

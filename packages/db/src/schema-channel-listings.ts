import type { Generated } from 'kysely';
import type { Timestamp } from './schema.ts';

// Row types of migrations/0006_channel_listings.sql.

export interface ChannelListingsTable {
  tenant_id: string;
  channel_id: string;
  sku_id: string;
  /** Channel price in fen; null = the SKU's own price. */
  price_fen: number | null;
  status: Generated<string>;
  external_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The channel-listing module's tables. */
export interface ChannelListingsTables {
  channel_listings: ChannelListingsTable;
}

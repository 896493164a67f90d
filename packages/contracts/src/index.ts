import * as audit from './endpoints/audit.ts';
import * as auth from './endpoints/auth.ts';
import * as channels from './endpoints/channels.ts';
import * as members from './endpoints/members.ts';
import * as system from './endpoints/system.ts';
import * as tenant from './endpoints/tenant.ts';
import * as tokens from './endpoints/tokens.ts';
import * as catalog from './endpoints/catalog.ts';
import * as products from './endpoints/products.ts';
import * as skus from './endpoints/skus.ts';
import * as warehouses from './endpoints/warehouses.ts';
import * as inventory from './endpoints/inventory.ts';
import * as stocktakes from './endpoints/stocktakes.ts';
import * as purchasing from './endpoints/purchasing.ts';
import * as campaigns from './endpoints/campaigns.ts';
import * as coupons from './endpoints/coupons.ts';
import * as promotions from './endpoints/promotions.ts';
import * as channelListings from './endpoints/channel-listings.ts';
import * as catalogImports from './endpoints/catalog-imports.ts';
import * as shippingTemplates from './endpoints/shipping-templates.ts';
import * as catalogLifecycle from './endpoints/catalog-lifecycle.ts';
import * as customers from './endpoints/customers.ts';
import * as segments from './endpoints/segments.ts';
import type { Endpoint } from './endpoint.ts';

export * from './common.ts';
export * from './endpoint.ts';
export * from './errors.ts';
export { audit, auth, channels, members, system, tenant, tokens };
export { campaigns, coupons, promotions, shippingTemplates };
export { catalog, products, skus, warehouses, inventory, stocktakes, purchasing };
export { channelListings, catalogImports, catalogLifecycle };
export { customers, segments };

function collect(...modules: Record<string, unknown>[]): Endpoint[] {
  return modules.flatMap((m) =>
    Object.values(m).filter((v): v is Endpoint => typeof v === 'object' && v !== null && 'id' in v && 'method' in v),
  );
}

/** Every endpoint of the API. The server registers exactly these; tests enumerate them. */
export const ENDPOINTS: readonly Endpoint[] = collect(system, auth, tenant, members, tokens, audit, channels, catalog, products, skus, warehouses, inventory, stocktakes, purchasing, promotions, coupons, campaigns, channelListings, shippingTemplates, catalogImports, catalogLifecycle, customers, segments);
export { renderErrorReference } from './error-reference.ts';

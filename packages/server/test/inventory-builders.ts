import type { DB, Kysely } from '@yunying/db';
import { createProduct } from '../src/services/products.ts';
import type { Actor } from '../src/services/result.ts';
import { receiveStock } from '../src/services/stock.ts';
import { createWarehouse } from '../src/services/warehouses.ts';

// Test-data builders for inventory tests: a shop's actor, a SKU, warehouses with stock.

let n = 0;

export function actorFor(tenantId: string, actorId: string | null = null): Actor {
  return { tenantId, actorType: actorId ? 'user' : 'system', actorId, userId: actorId, role: 'owner', requestId: null };
}

/** A product with one active SKU; returns the SKU id. */
export async function buildSku(db: Kysely<DB>, actor: Actor, over: { priceFen?: number; costFen?: number } = {}): Promise<string> {
  const code = `T${Date.now().toString(36)}${(++n).toString(36)}`;
  const r = await createProduct(db, actor, {
    title: `测试商品 ${code}`,
    subtitle: '',
    mainKeyword: null,
    categoryId: null,
    brandId: null,
    tags: [],
    imageUrls: [],
    description: '',
    lifecycleStage: 'new',
    specDimensions: [],
    skus: [{ code, barcode: null, specValues: {}, priceFen: over.priceFen ?? 1000, costFen: over.costFen ?? 500, weightG: 0 }],
    allowBelowCost: false,
  });
  if (!r.ok) throw new Error(r.code);
  return r.value.skus[0]!.skuId;
}

/** A warehouse with `priority`; returns its id. */
export async function buildWarehouse(db: Kysely<DB>, actor: Actor, priority = 100): Promise<string> {
  const r = await createWarehouse(db, actor, { code: `W${Date.now().toString(36)}${(++n).toString(36)}`, name: '仓', priority, region: '' });
  if (!r.ok) throw new Error(r.code);
  return r.value.warehouseId;
}

export async function receive(db: Kysely<DB>, actor: Actor, warehouseId: string, skuId: string, qty: number): Promise<void> {
  const r = await receiveStock(db, actor, { warehouseId, skuId, qty, kind: 'receipt' });
  if (!r.ok) throw new Error(r.code);
}

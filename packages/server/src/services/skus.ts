import { applyPriceChange, extendDimensions, planSkus, specKeyOf, type PriceChange, type SkuDraft } from '@yunying/core/catalog';
import {
  findProduct,
  findSku,
  findSkus,
  insertSkus,
  skusOfProduct,
  takenSkuCodes,
  updateProduct,
  updateSku,
  type DB,
  type Kysely,
  type SkuRecord,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { auditable, orderedIdMaker, planFailure, retireSkus } from './products.ts';
import { fail, ok, type Actor, type Failure, type Result } from './result.ts';
import { transact } from './transact.ts';

// SKU use cases: add to a product, edit, delete or archive, bulk price change.

/** sku_archived when the SKU or its product is archived, else null. */
export async function archivedSku(db: Kysely<DB>, tenantId: string, sku: SkuRecord): Promise<Failure | null> {
  if (sku.status === 'archived') return fail('sku_archived', `SKU ${sku.code} is archived.`, { skuId: sku.skuId });
  const product = await findProduct(db, tenantId, sku.productId);
  if (product?.status === 'archived') return fail('sku_archived', `The product of SKU ${sku.code} is archived.`, { skuId: sku.skuId, productId: sku.productId });
  return null;
}

const MAX_BULK_SKUS = 2000;

/** Adds SKUs to a product; spec values new to a dimension extend it, new dimensions are refused. */
export async function addSkus(db: Kysely<DB>, actor: Actor, productId: string, input: { skus: SkuDraft[]; allowBelowCost: boolean }): Promise<Result<SkuRecord[]>> {
  return transact(db, async (trx) => {
    const product = await findProduct(trx, actor.tenantId, productId, true);
    if (!product) return fail('not_found');
    if (product.status === 'archived') return fail('product_not_publishable', 'The product is archived.');
    const dimensions = extendDimensions(product.specDimensions, input.skus.map((s) => s.specValues));
    const live = (await skusOfProduct(trx, actor.tenantId, productId)).filter((s) => s.status === 'active');
    const plan = planSkus({
      dimensions,
      skus: input.skus,
      existingKeys: live.map((s) => specKeyOf(dimensions, s.specValues)),
      allowBelowCost: input.allowBelowCost,
    });
    if (!plan.ok) return planFailure(plan.problem);
    const taken = await takenSkuCodes(trx, actor.tenantId, plan.skus.map((s) => s.code));
    if (taken.length > 0) return fail('sku_code_taken', `Taken: ${taken.join(', ')}`, { codes: taken });
    if (JSON.stringify(dimensions) !== JSON.stringify(product.specDimensions)) {
      const after = (await updateProduct(trx, actor.tenantId, productId, { specDimensions: dimensions }))!;
      await recordChange(trx, actor, { action: 'update', entityType: 'product', entityId: productId, before: auditable(product), after: auditable(after) });
    }
    const orderedSkuId = orderedIdMaker();
    const skus = await insertSkus(trx, actor.tenantId, plan.skus.map((s, i) => ({ ...s, skuId: orderedSkuId(i), productId })));
    for (const s of skus) await recordChange(trx, actor, { action: 'create', entityType: 'sku', entityId: s.skuId, before: null, after: auditable(s) });
    return ok(skus);
  });
}

export async function changeSku(
  db: Kysely<DB>,
  actor: Actor,
  skuId: string,
  patch: Partial<Pick<SkuRecord, 'code' | 'barcode' | 'priceFen' | 'costFen' | 'weightG' | 'status'>> & { allowBelowCost: boolean },
): Promise<Result<SkuRecord>> {
  return transact(db, async (trx) => {
    const before = await findSku(trx, actor.tenantId, skuId, true);
    if (!before) return fail('not_found');
    const { allowBelowCost, ...changes } = patch;
    const priceFen = changes.priceFen ?? before.priceFen;
    const costFen = changes.costFen ?? before.costFen;
    if ((changes.priceFen !== undefined || changes.costFen !== undefined) && priceFen < costFen && !allowBelowCost) {
      return fail('price_below_cost', `Price ${priceFen} fen is below cost ${costFen} fen. Send allowBelowCost: true to accept.`, { priceFen, costFen });
    }
    if (changes.code !== undefined && changes.code.toLowerCase() !== before.code.toLowerCase()) {
      if ((await takenSkuCodes(trx, actor.tenantId, [changes.code])).length > 0) return fail('sku_code_taken', `The code ${changes.code} is taken.`, { codes: [changes.code] });
    }
    const after = (await updateSku(trx, actor.tenantId, skuId, changes))!;
    const action = changes.status === 'archived' && before.status !== 'archived' ? 'archive' : 'update';
    await recordChange(trx, actor, { action, entityType: 'sku', entityId: skuId, before: auditable(before), after: auditable(after) });
    return ok(after);
  });
}

export async function removeSku(db: Kysely<DB>, actor: Actor, skuId: string): Promise<Result<'deleted' | 'archived'>> {
  return transact(db, async (trx) => {
    const sku = await findSku(trx, actor.tenantId, skuId, true);
    if (!sku) return fail('not_found');
    return retireSkus(trx, actor, [sku]);
  });
}

export interface PriceChangeLine {
  skuId: string;
  code: string;
  beforeFen: number;
  afterFen: number;
}

/** Changes the price of the named SKUs and every active SKU of the named products, all or none. */
export async function bulkChangePrices(
  db: Kysely<DB>,
  actor: Actor,
  input: { skuIds: string[]; productIds: string[]; change: PriceChange; roundToNinety: boolean; allowBelowCost: boolean },
): Promise<Result<PriceChangeLine[]>> {
  return transact(db, async (trx) => {
    const ids = new Set(input.skuIds);
    for (const productId of new Set(input.productIds)) {
      if (!(await findProduct(trx, actor.tenantId, productId))) return fail('not_found', `Product ${productId} does not exist.`, { productIds: [productId] });
      for (const s of await skusOfProduct(trx, actor.tenantId, productId)) if (s.status === 'active') ids.add(s.skuId);
      if (ids.size > MAX_BULK_SKUS) break;
    }
    if (ids.size > MAX_BULK_SKUS) return fail('validation_failed', `At most ${MAX_BULK_SKUS} SKUs per change.`);
    const skus = await findSkus(trx, actor.tenantId, [...ids], true);
    if (skus.length !== ids.size) {
      const found = new Set(skus.map((s) => s.skuId));
      return fail('not_found', 'Some SKUs do not exist.', { skuIds: [...ids].filter((id) => !found.has(id)) });
    }
    const lines = skus.map((s) => ({ skuId: s.skuId, code: s.code, beforeFen: s.priceFen, afterFen: applyPriceChange(s.priceFen, input.change, input.roundToNinety), costFen: s.costFen }));
    const negative = lines.filter((l) => l.afterFen < 0);
    if (negative.length > 0) return fail('validation_failed', `The change makes prices negative: ${negative.map((l) => l.code).join(', ')}`, { skuCodes: negative.map((l) => l.code) });
    const below = lines.filter((l) => l.afterFen < l.costFen);
    if (below.length > 0 && !input.allowBelowCost) {
      return fail('price_below_cost', `Below cost after the change: ${below.map((l) => l.code).join(', ')}. Send allowBelowCost: true to accept.`, { codes: below.map((l) => l.code) });
    }
    for (const [i, l] of lines.entries()) {
      if (l.afterFen === l.beforeFen) continue;
      const after = (await updateSku(trx, actor.tenantId, l.skuId, { priceFen: l.afterFen }))!;
      await recordChange(trx, actor, { action: 'update', entityType: 'sku', entityId: l.skuId, before: auditable(skus[i]!), after: auditable(after) });
    }
    return ok(lines.map(({ costFen: _c, ...l }) => l));
  });
}

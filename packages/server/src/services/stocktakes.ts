import {
  appendMovements,
  applyStockDelta,
  closeStocktake,
  consumeBatchesFefo,
  findSkus,
  findStocktake,
  findWarehouse,
  insertStocktake,
  lockLevels,
  newId,
  setStocktakeCounts,
  skuIdsInWarehouse,
  stocktakeLines,
  type DB,
  type Kysely,
  type StocktakeRecord,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { fail, ok, type Actor, type Result } from './result.ts';
import { auditLevel, insufficient, movement } from './stock.ts';
import { transact } from './transact.ts';

// Stocktake (盘点): count sheets, the variance report, and posting variances to the ledger.

export interface StocktakeReport extends StocktakeRecord {
  lines: { skuId: string; expectedOnHand: number; counted: number | null; variance: number | null; varianceCostFen: number | null }[];
  summary: { lines: number; counted: number; unitsOver: number; unitsShort: number; varianceCostFen: number };
}

const header = (s: StocktakeRecord) => ({ warehouseId: s.warehouseId, status: s.status, note: s.note });

/** A sheet for a warehouse: the given SKUs, or every SKU the warehouse has a level for. */
export async function createStocktake(db: Kysely<DB>, actor: Actor, input: { warehouseId: string; skuIds?: string[] | undefined; note: string }): Promise<Result<StocktakeRecord>> {
  return transact(db, async (trx) => {
    const warehouse = await findWarehouse(trx, actor.tenantId, input.warehouseId);
    if (!warehouse || warehouse.status !== 'active') return fail('not_found', `Unknown warehouse ${input.warehouseId}.`);
    const skuIds = input.skuIds ? [...new Set(input.skuIds)].sort() : await skuIdsInWarehouse(trx, actor.tenantId, input.warehouseId);
    if (input.skuIds) {
      const found = await findSkus(trx, actor.tenantId, skuIds);
      if (found.length !== skuIds.length) return fail('not_found', 'Some SKUs do not exist.', { skuIds: skuIds.filter((id) => !found.some((s) => s.skuId === id)) });
    }
    if (skuIds.length === 0) return fail('validation_failed', 'Nothing to count: name SKUs or count a warehouse that holds some.');
    const sheet = await insertStocktake(trx, actor.tenantId, { stocktakeId: newId('stk'), warehouseId: input.warehouseId, note: input.note, skuIds });
    await recordChange(trx, actor, { action: 'create', entityType: 'stocktake', entityId: sheet.stocktakeId, before: null, after: { ...header(sheet), skus: skuIds.length } });
    return ok(sheet);
  });
}

export async function recordStocktakeCounts(db: Kysely<DB>, actor: Actor, stocktakeId: string, counts: { skuId: string; counted: number }[]): Promise<Result<StocktakeRecord>> {
  return transact(db, async (trx) => {
    const sheet = await findStocktake(trx, actor.tenantId, stocktakeId, true);
    if (!sheet) return fail('not_found');
    if (sheet.status !== 'open') return fail('stocktake_closed', `The stocktake is ${sheet.status}.`);
    const matched = await setStocktakeCounts(trx, actor.tenantId, stocktakeId, counts, new Date());
    if (matched !== counts.length) return fail('validation_failed', 'Some SKUs are not on this count sheet.');
    await recordChange(trx, actor, { action: 'count', entityType: 'stocktake', entityId: stocktakeId, before: null, after: { counts } });
    return ok(sheet);
  });
}

/**
 * Posts every counted line's variance (counted − expected at the snapshot) as a `stocktake`
 * movement, all or none; movements made since the snapshot stay. A variance that would take on
 * hand below what is reserved is insufficient_stock.
 */
export async function postStocktake(db: Kysely<DB>, actor: Actor, stocktakeId: string): Promise<Result<StocktakeRecord>> {
  return transact(db, async (trx) => {
    const sheet = await findStocktake(trx, actor.tenantId, stocktakeId, true);
    if (!sheet) return fail('not_found');
    if (sheet.status !== 'open') return fail('stocktake_closed', `The stocktake is ${sheet.status}.`);
    const lines = (await stocktakeLines(trx, actor.tenantId, stocktakeId)).filter((l) => l.counted !== null && l.counted !== l.expectedOnHand);
    for (const l of lines) {
      const variance = l.counted! - l.expectedOnHand;
      const [before] = await lockLevels(trx, actor.tenantId, l.skuId, [sheet.warehouseId]);
      if (!before) return fail('not_found', `SKU ${l.skuId} has no stock level in this warehouse.`);
      const after = await applyStockDelta(trx, actor.tenantId, sheet.warehouseId, l.skuId, { onHand: variance, reserved: 0 });
      if (!after) return insufficient(l.skuId, -variance, [{ warehouseId: sheet.warehouseId, available: before.available }]);
      if (variance < 0) await consumeBatchesFefo(trx, actor.tenantId, sheet.warehouseId, l.skuId, -variance);
      const reason = `stocktake ${stocktakeId}`;
      await appendMovements(trx, actor.tenantId, [movement(actor, { warehouseId: sheet.warehouseId, skuId: l.skuId, kind: 'stocktake', onHandDelta: variance, reservedDelta: 0, reason, reference: stocktakeId })]);
      await auditLevel(trx, actor, 'stocktake', before, after, { reason });
    }
    const after = await closeStocktake(trx, actor.tenantId, stocktakeId, 'posted', new Date());
    await recordChange(trx, actor, { action: 'post', entityType: 'stocktake', entityId: stocktakeId, before: header(sheet), after: header(after) });
    return ok(after);
  });
}

export async function cancelStocktake(db: Kysely<DB>, actor: Actor, stocktakeId: string): Promise<Result<StocktakeRecord>> {
  return transact(db, async (trx) => {
    const sheet = await findStocktake(trx, actor.tenantId, stocktakeId, true);
    if (!sheet) return fail('not_found');
    if (sheet.status !== 'open') return fail('stocktake_closed', `The stocktake is ${sheet.status}.`);
    const after = await closeStocktake(trx, actor.tenantId, stocktakeId, 'cancelled', new Date());
    await recordChange(trx, actor, { action: 'cancel', entityType: 'stocktake', entityId: stocktakeId, before: header(sheet), after: header(after) });
    return ok(after);
  });
}

/** The sheet with its variance report: per line counted − expected, valued at the SKU's cost. */
export async function stocktakeReport(db: Kysely<DB>, tenantId: string, stocktakeId: string): Promise<StocktakeReport | undefined> {
  const sheet = await findStocktake(db, tenantId, stocktakeId);
  if (!sheet) return undefined;
  const raw = await stocktakeLines(db, tenantId, stocktakeId);
  const cost = new Map((await findSkus(db, tenantId, raw.map((l) => l.skuId))).map((s) => [s.skuId, s.costFen]));
  const lines = raw.map((l) => {
    const variance = l.counted === null ? null : l.counted - l.expectedOnHand;
    return { skuId: l.skuId, expectedOnHand: l.expectedOnHand, counted: l.counted, variance, varianceCostFen: variance === null ? null : variance * (cost.get(l.skuId) ?? 0) };
  });
  const summary = {
    lines: lines.length,
    counted: lines.filter((l) => l.counted !== null).length,
    unitsOver: lines.reduce((s, l) => s + Math.max(0, l.variance ?? 0), 0),
    unitsShort: lines.reduce((s, l) => s + Math.max(0, -(l.variance ?? 0)), 0),
    varianceCostFen: lines.reduce((s, l) => s + (l.varianceCostFen ?? 0), 0),
  };
  return { ...sheet, lines, summary };
}

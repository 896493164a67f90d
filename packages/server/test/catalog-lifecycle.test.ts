import { ensureStockLevel, ledgerMismatches, newId, sql } from '@yunying/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from './harness.ts';

// GET /api/v1/catalog/lifecycle-suggestions over products and shipped sales. Products are aged
// and past sales written straight into the ledger (a receipt and the sale that took it, both
// dated in the past, so the ledger still balances); today's sales go through the API.

let h: Harness;
let owner: Caller;
let wh: string;
const product: Record<string, string> = {};
const sku: Record<string, string> = {};
const DAY = 86_400_000;

async function make(code: string, ageDays: number): Promise<void> {
  const p = (await owner.post('/api/v1/products', { title: `商品 ${code}`, skus: [{ code, priceFen: 1000, costFen: 500 }] })).json();
  product[code] = p.productId;
  sku[code] = p.skus[0].skuId;
  await sql`update products set created_at = ${new Date(Date.now() - ageDays * DAY)} where tenant_id = ${h.shopA.tenantId} and product_id = ${p.productId}`.execute(h.test.database.db);
}

/** `units` sold `daysAgo` days ago: a receipt and a sale of the same units, dated then. */
async function soldThen(code: string, units: number, daysAgo: number): Promise<void> {
  const at = new Date(Date.now() - daysAgo * DAY);
  await ensureStockLevel(h.test.database.db, h.shopA.tenantId, wh, sku[code]!);
  for (const [kind, delta] of [
    ['receipt', units],
    ['sale', -units],
  ] as const) {
    await sql`insert into stock_movements (tenant_id, movement_id, occurred_at, warehouse_id, sku_id, kind, on_hand_delta, reserved_delta)
      values (${h.shopA.tenantId}, ${newId('mov')}, ${at}, ${wh}, ${sku[code]!}, ${kind}, ${delta}, 0)`.execute(h.test.database.db);
  }
}

/** `units` sold today through the API: received, reserved, converted on shipment. */
async function soldToday(code: string, units: number): Promise<void> {
  expect((await owner.post('/api/v1/inventory/receipts', { warehouseId: wh, skuId: sku[code], qty: units })).statusCode).toBe(201);
  const r = await owner.post('/api/v1/inventory/reservations', { skuId: sku[code], qty: units, reference: `ord-${code}` });
  for (const { reservationId } of r.json().items) expect((await owner.post(`/api/v1/inventory/reservations/${reservationId}/convert`)).statusCode).toBe(200);
}

beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
  wh = (await owner.post('/api/v1/warehouses', { code: 'MAIN', name: '主仓', priority: 1 })).json().warehouseId;
  await make('FRESH', 5); // new whatever it sells
  await soldToday('FRESH', 3);
  await make('RISE', 120); // 10 → 15: +50 %
  await soldThen('RISE', 10, 40);
  await soldThen('RISE', 10, 10);
  await soldToday('RISE', 5);
  await make('FLAT', 200); // 20 → 18: −10 %
  await soldThen('FLAT', 20, 30);
  await soldThen('FLAT', 18, 2);
  await make('FALL', 300); // 40 → 10: −75 %, and a sale 60 days ago outside both windows
  await soldThen('FALL', 40, 50);
  await soldThen('FALL', 10, 27);
  await soldThen('FALL', 99, 60);
  await make('DEAD', 90); // nothing in 56 days
}, 120_000);
afterAll(async () => h?.close());

describe('lifecycle suggestions', () => {
  it('suggests each product’s stage from its last two 28-day windows of shipped units, with the figures', async () => {
    const res = await owner.get('/api/v1/catalog/lifecycle-suggestions?limit=50');
    expect(res.statusCode).toBe(200);
    const by = Object.fromEntries(res.json().items.map((i: { productId: string }) => [i.productId, i]));
    expect(by[product.FRESH!]).toMatchObject({ currentStage: 'new', suggestedStage: 'new', differs: false, reason: 'recently_created', ageDays: 5, recentUnits: 3, previousUnits: 0 });
    expect(by[product.RISE!]).toMatchObject({ suggestedStage: 'growing', differs: true, reason: 'sales_rising', recentUnits: 15, previousUnits: 10, changeBp: 5_000 });
    expect(by[product.FLAT!]).toMatchObject({ suggestedStage: 'mature', reason: 'sales_stable', recentUnits: 18, previousUnits: 20, changeBp: -1_000 });
    expect(by[product.FALL!]).toMatchObject({ suggestedStage: 'declining', reason: 'sales_falling', recentUnits: 10, previousUnits: 40, changeBp: -7_500 });
    expect(by[product.DEAD!]).toMatchObject({ suggestedStage: 'declining', reason: 'no_sales', recentUnits: 0, previousUnits: 0, changeBp: null, ageDays: 90 });
    expect((await ledgerMismatches(h.test.database.db, h.shopA.tenantId)).mismatches).toEqual([]);
  });

  it('stops suggesting a change once the operator sets the stage, and pages through products', async () => {
    expect((await owner.patch(`/api/v1/products/${product.RISE}`, { lifecycleStage: 'growing' })).statusCode).toBe(200);
    const seen: { productId: string; differs: boolean }[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { productId: string; differs: boolean }[]; nextCursor: string | null } = (await owner.get(`/api/v1/catalog/lifecycle-suggestions?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((s) => s.productId).sort()).toEqual(Object.values(product).sort());
    expect(seen.find((s) => s.productId === product.RISE)!.differs).toBe(false);
  });

  it('shows an analyst the suggestions and never another shop’s products', async () => {
    const analyst = await h.member(h.shopA.tenantId, 'analyst');
    expect((await analyst.get('/api/v1/catalog/lifecycle-suggestions')).statusCode).toBe(200);
    const other = await h.login(h.shopB.ownerEmail);
    expect((await other.get('/api/v1/catalog/lifecycle-suggestions')).json().items).toEqual([]);
  });
});

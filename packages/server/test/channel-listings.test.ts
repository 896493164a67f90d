import { newId } from '@yunying/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from './harness.ts';

let h: Harness;
let owner: Caller;
let channelId: string;
let otherChannelId: string;
let skuIds: string[];

const put = (caller: Caller, chn: string, sku: string, body: unknown) =>
  caller.request({ method: 'PUT', url: `/api/v1/channels/${chn}/listings/${sku}`, payload: body as object });

beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
  channelId = (await owner.post('/api/v1/channels', { code: 'tmall', name: '天猫旗舰店', platform: 'tmall' })).json().channelId;
  otherChannelId = (await owner.post('/api/v1/channels', { code: 'jd', name: '京东', platform: 'jd' })).json().channelId;
  const product = await owner.post('/api/v1/products', {
    title: '连衣裙 渠道',
    specDimensions: [{ name: '颜色', values: ['红', '蓝', '绿', '白', '黑'] }],
    generateSkus: { codePrefix: 'CL', priceFen: 19900, costFen: 8000 },
  });
  expect(product.statusCode).toBe(201);
  skuIds = product.json().skus.map((s: { skuId: string }) => s.skuId);
}, 60_000);
afterAll(async () => h?.close());

describe('channel listings', () => {
  it('lists a SKU at the SKU’s own price and at a channel price, with the effective price', async () => {
    const own = await put(owner, channelId, skuIds[0]!, { status: 'listed' });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ channelId, skuId: skuIds[0], skuCode: 'CL-1', priceFen: null, skuPriceFen: 19900, effectivePriceFen: 19900, status: 'listed', externalId: null });

    const priced = await put(owner, channelId, skuIds[1]!, { priceFen: 17900, status: 'listed', externalId: 'TM-10001' });
    expect(priced.statusCode).toBe(200);
    expect(priced.json()).toMatchObject({ priceFen: 17900, skuPriceFen: 19900, effectivePriceFen: 17900, externalId: 'TM-10001' });

    // The same SKU on another channel, at another price.
    expect((await put(owner, otherChannelId, skuIds[1]!, { priceFen: 18900, status: 'listed' })).statusCode).toBe(200);
    const bySku = (await owner.get(`/api/v1/skus/${skuIds[1]}/listings`)).json().items;
    expect(bySku.map((l: { channelId: string; effectivePriceFen: number }) => [l.channelId, l.effectivePriceFen]).sort()).toEqual(
      [[channelId, 17900], [otherChannelId, 18900]].sort(),
    );

    // A SKU price change reaches the channels without a price of their own, not the others.
    expect((await owner.patch(`/api/v1/skus/${skuIds[0]}`, { priceFen: 20900 })).statusCode).toBe(200);
    expect((await owner.patch(`/api/v1/skus/${skuIds[1]}`, { priceFen: 20900 })).statusCode).toBe(200);
    const onChannel = (await owner.get(`/api/v1/channels/${channelId}/listings`)).json().items;
    expect(onChannel.map((l: { skuId: string; effectivePriceFen: number }) => [l.skuId, l.effectivePriceFen])).toEqual([
      [skuIds[0], 20900],
      [skuIds[1], 17900],
    ]);

    // Omitted fields keep their value; null goes back to the SKU's price.
    const kept = (await put(owner, channelId, skuIds[1]!, { status: 'listed' })).json();
    expect(kept).toMatchObject({ priceFen: 17900, externalId: 'TM-10001' });
    const cleared = (await put(owner, channelId, skuIds[1]!, { priceFen: null, status: 'listed' })).json();
    expect(cleared).toMatchObject({ priceFen: null, effectivePriceFen: 20900, externalId: 'TM-10001' });

    const events = (await owner.get('/api/v1/audit-events?entityType=channel_listing&limit=200')).json().items;
    expect(events.filter((e: { entityId: string }) => e.entityId === `${channelId}:${skuIds[1]}`).map((e: { action: string }) => e.action).sort()).toEqual(
      ['create', 'update', 'update'].sort(),
    );
  });

  it('refuses a channel price below cost unless allowBelowCost, writing nothing', async () => {
    const below = await put(owner, channelId, skuIds[2]!, { priceFen: 7999, status: 'listed' });
    expect(below.statusCode).toBe(422);
    expect(below.json()).toMatchObject({ code: 'price_below_cost', priceFen: 7999, costFen: 8000 });
    expect((await owner.get(`/api/v1/skus/${skuIds[2]}/listings`)).json().items).toEqual([]);
    const allowed = await put(owner, channelId, skuIds[2]!, { priceFen: 7999, status: 'listed', allowBelowCost: true });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().effectivePriceFen).toBe(7999);
    expect((await put(owner, channelId, skuIds[2]!, { priceFen: 8000, status: 'listed' })).statusCode).toBe(200);
  });

  it('refuses unknown channels and SKUs with 404, and bad input with 400', async () => {
    for (const [chn, sku] of [[newId('chn'), skuIds[0]!], [channelId, newId('sku')]] as const) {
      const res = await put(owner, chn, sku, { status: 'listed' });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
      expect((await owner.delete(`/api/v1/channels/${chn}/listings/${sku}`)).json().code).toBe('not_found');
    }
    expect((await owner.get(`/api/v1/channels/${newId('chn')}/listings`)).json().code).toBe('not_found');
    expect((await owner.get(`/api/v1/skus/${newId('sku')}/listings`)).json().code).toBe('not_found');
    // A SKU never listed on the channel has nothing to unlist.
    expect((await owner.delete(`/api/v1/channels/${otherChannelId}/listings/${skuIds[4]}`)).json().code).toBe('not_found');
    for (const body of [{ status: 'gone' }, { priceFen: -1, status: 'listed' }, { priceFen: 1.5, status: 'listed' }, { priceFen: 100 }, { status: 'listed', tenantId: 'x' }]) {
      const res = await put(owner, channelId, skuIds[0]!, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    // Another shop's owner sees none of it.
    const ownerB = await h.login(h.shopB.ownerEmail);
    expect((await put(ownerB, channelId, skuIds[0]!, { status: 'listed' })).statusCode).toBe(404);
    expect((await ownerB.get(`/api/v1/skus/${skuIds[0]}/listings`)).statusCode).toBe(404);
  });

  it('unlists a SKU, keeping the row with its price', async () => {
    expect((await put(owner, otherChannelId, skuIds[3]!, { priceFen: 15900, status: 'listed', externalId: 'JD-1' })).statusCode).toBe(200);
    const res = await owner.delete(`/api/v1/channels/${otherChannelId}/listings/${skuIds[3]}`);
    expect(res.statusCode).toBe(204);
    expect((await owner.delete(`/api/v1/channels/${otherChannelId}/listings/${skuIds[3]}`)).statusCode).toBe(204);
    const [row] = (await owner.get(`/api/v1/skus/${skuIds[3]}/listings`)).json().items;
    expect(row).toMatchObject({ channelId: otherChannelId, status: 'unlisted', priceFen: 15900, externalId: 'JD-1' });
    const listed = (await owner.get(`/api/v1/channels/${otherChannelId}/listings?status=listed`)).json().items.map((l: { skuId: string }) => l.skuId);
    expect(listed).not.toContain(skuIds[3]);
    const unlisted = (await owner.get(`/api/v1/channels/${otherChannelId}/listings?status=unlisted`)).json().items.map((l: { skuId: string }) => l.skuId);
    expect(unlisted).toEqual([skuIds[3]]);
    const events = (await owner.get('/api/v1/audit-events?entityType=channel_listing&limit=200')).json().items;
    expect(events.filter((e: { entityId: string }) => e.entityId === `${otherChannelId}:${skuIds[3]}`).map((e: { action: string }) => e.action).sort()).toEqual(['create', 'unlist']);
    // Listed again through PUT.
    expect((await put(owner, otherChannelId, skuIds[3]!, { status: 'listed' })).json()).toMatchObject({ status: 'listed', priceFen: 15900 });
  });

  it('keeps a listed SKU when it is deleted: it is archived instead', async () => {
    const p = (await owner.post('/api/v1/products', { title: '短袖', skus: [{ code: 'CL-DEL', priceFen: 100, costFen: 50 }] })).json();
    const sku = p.skus[0].skuId;
    expect((await put(owner, channelId, sku, { status: 'listed' })).statusCode).toBe(200);
    expect((await owner.delete(`/api/v1/skus/${sku}`)).statusCode).toBe(204);
    expect((await owner.get(`/api/v1/skus/${sku}`)).json().status).toBe('archived');
    expect((await owner.get(`/api/v1/skus/${sku}/listings`)).json().items).toHaveLength(1);
  });

  it('refuses listing an archived SKU, a SKU of an archived product or on an archived channel, but lets them be unlisted', async () => {
    const p = (await owner.post('/api/v1/products', { title: '停产款', skus: [{ code: 'CL-ARC', priceFen: 100, costFen: 50 }] })).json();
    const sku = p.skus[0].skuId;
    expect((await put(owner, channelId, sku, { status: 'listed' })).statusCode).toBe(200);
    expect((await owner.patch(`/api/v1/skus/${sku}`, { status: 'archived' })).statusCode).toBe(200);
    const archived = await put(owner, otherChannelId, sku, { status: 'listed' });
    expect(archived.statusCode).toBe(409);
    expect(archived.json()).toMatchObject({ code: 'sku_archived', skuId: sku });
    expect((await put(owner, channelId, sku, { status: 'listed', priceFen: 120 })).json().code).toBe('sku_archived');
    expect((await put(owner, channelId, sku, { status: 'unlisted' })).json()).toMatchObject({ status: 'unlisted', priceFen: null });

    // The product archived (it has a listing, so DELETE archives it); its SKU made active again.
    expect((await owner.delete(`/api/v1/products/${p.productId}`)).statusCode).toBe(204);
    expect((await owner.get(`/api/v1/products/${p.productId}`)).json().status).toBe('archived');
    expect((await owner.patch(`/api/v1/skus/${sku}`, { status: 'active' })).statusCode).toBe(200);
    expect((await put(owner, channelId, sku, { status: 'listed' })).json()).toMatchObject({ code: 'sku_archived', productId: p.productId });

    const closed = (await owner.post('/api/v1/channels', { code: 'closed-shop', name: '已关店', platform: 'jd' })).json().channelId;
    expect((await put(owner, closed, skuIds[0]!, { status: 'listed' })).statusCode).toBe(200);
    expect((await owner.delete(`/api/v1/channels/${closed}`)).statusCode).toBe(204);
    const onClosed = await put(owner, closed, skuIds[1]!, { status: 'listed' });
    expect(onClosed.statusCode).toBe(409);
    expect(onClosed.json()).toMatchObject({ code: 'channel_not_active', channelId: closed, channelStatus: 'archived' });
    expect((await owner.get(`/api/v1/skus/${skuIds[1]}/listings`)).json().items.map((l: { channelId: string }) => l.channelId)).not.toContain(closed);
    expect((await put(owner, closed, skuIds[0]!, { status: 'unlisted' })).json().status).toBe('unlisted');
  });

  it('pages through a channel’s listings by cursor', async () => {
    const chn = (await owner.post('/api/v1/channels', { code: 'pdd', name: '拼多多', platform: 'pdd' })).json().channelId;
    for (const sku of skuIds) expect((await put(owner, chn, sku, { status: 'listed' })).statusCode).toBe(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await owner.get(`/api/v1/channels/${chn}/listings?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((l: { skuId: string }) => l.skuId));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...skuIds].sort());
    expect((await owner.get(`/api/v1/channels/${chn}/listings?cursor=!!!`)).json().code).toBe('invalid_cursor');
  });
});

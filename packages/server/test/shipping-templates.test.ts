import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Caller, type Harness } from './harness.ts';

let h: Harness;
let owner: Caller;
let webChannel: string;
let tmallChannel: string;
let jdChannel: string;

// 首重 1 kg ¥10 + ¥5 per started kg; 新疆/西藏 ¥20 + ¥10; 香港/澳门/台湾 not delivered; 包邮 from ¥99 except 新疆/西藏.
const standard = {
  name: '标准快递',
  groups: [{ regions: ['新疆', '540000'], firstWeightGrams: 1000, firstFeeFen: 2000, additionalWeightGrams: 1000, additionalFeeFen: 1000 }],
  defaultRule: { firstWeightGrams: 1000, firstFeeFen: 1000, additionalWeightGrams: 1000, additionalFeeFen: 500 },
  undeliverableRegions: ['香港', '澳门', '台湾'],
  freeShipping: { minAmountFen: 9900, excludedRegions: ['新疆', '西藏'] },
  isDefault: true,
};
let standardId: string;

const line = (over: Record<string, unknown> = {}) => ({ lineId: 'l1', skuId: 'sku-x', quantity: 1, unitPrice: 5000, weightGrams: 1500, channelId: webChannel, ...over });
const preview = (body: Record<string, unknown>) => owner.post('/api/v1/promotions/preview', { at: '2026-06-01T10:00:00+08:00', ...body });

beforeAll(async () => {
  h = await createHarness();
  owner = await h.login(h.shopA.ownerEmail);
  const channel = async (code: string) => (await owner.post('/api/v1/channels', { code, name: code, platform: 'own_store' })).json().channelId as string;
  webChannel = await channel('web');
  tmallChannel = await channel('tmall');
  jdChannel = await channel('jd');
  const created = await owner.post('/api/v1/shipping-templates', standard);
  expect(created.statusCode, created.body).toBe(201);
  standardId = created.json().templateId;
}, 60_000);
afterAll(async () => h?.close());

describe('shipping templates', () => {
  it('stores a template and reads it back, in lists too', async () => {
    const got = (await owner.get(`/api/v1/shipping-templates/${standardId}`)).json();
    expect(got).toMatchObject({ ...standard, templateId: standardId, channelIds: [] });
    const list = (await owner.get('/api/v1/shipping-templates')).json();
    expect(list.items.map((t: { templateId: string }) => t.templateId)).toContain(standardId);
  });

  it('refuses contradictions with the problems found and writes nothing', async () => {
    const before = (await owner.get('/api/v1/shipping-templates?limit=200')).json().items.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ defaultRule: { ...standard.defaultRule, additionalWeightGrams: 0 } }, 'weight_step_not_positive'],
      [{ defaultRule: { ...standard.defaultRule, firstWeightGrams: -1000 } }, 'weight_step_not_positive'],
      [{ defaultRule: { ...standard.defaultRule, firstFeeFen: -1 } }, 'fee_negative'],
      [{ groups: [...standard.groups, { ...standard.groups[0], regions: ['新疆维吾尔自治区'] }] }, 'region_in_two_groups'],
      [{ undeliverableRegions: ['Xinjiang'] }, 'region_priced_and_undeliverable'],
      [{ undeliverableRegions: ['Atlantis'] }, 'region_unknown'],
      [{ groups: [], defaultRule: null }, 'no_region_served'],
      [{ freeShipping: { excludedRegions: [] } }, 'free_shipping_needs_condition'],
      [{ freeShipping: { minItems: 0 } }, 'free_shipping_items_not_positive'],
    ];
    for (const [patch, code] of cases) {
      const res = await owner.post('/api/v1/shipping-templates', { ...standard, name: `bad ${code}`, isDefault: false, ...patch });
      expect(res.statusCode, code).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('shipping_template_invalid');
      expect(res.json().problems.map((p: { code: string }) => p.code), code).toContain(code);
      const patched = await owner.patch(`/api/v1/shipping-templates/${standardId}`, patch);
      expect(patched.statusCode, `patch ${code}`).toBe(422);
    }
    expect((await owner.get('/api/v1/shipping-templates?limit=200')).json().items.length).toBe(before);
    expect((await owner.get(`/api/v1/shipping-templates/${standardId}`)).json()).toMatchObject(standard);
  });

  it('keeps names unique, channels real, and a channel on one template only', async () => {
    expect((await owner.post('/api/v1/shipping-templates', { ...standard, isDefault: false })).json().code).toBe('shipping_template_name_taken');
    const unknown = await owner.post('/api/v1/shipping-templates', { ...standard, name: '未知渠道', isDefault: false, channelIds: ['chn_00000000000000000000000000'] });
    expect(unknown.statusCode).toBe(400);
    const a = await owner.post('/api/v1/shipping-templates', { ...standard, name: '天猫模板', isDefault: false, channelIds: [tmallChannel] });
    expect(a.statusCode, a.body).toBe(201);
    const b = await owner.post('/api/v1/shipping-templates', { ...standard, name: '抢渠道', isDefault: false, channelIds: [tmallChannel] });
    expect(b.statusCode).toBe(409);
    expect(b.json().code).toBe('shipping_channel_has_template');
    await owner.delete(`/api/v1/shipping-templates/${a.json().templateId}`);
  });

  it('keeps one default: a new default takes over, audited on both templates', async () => {
    const next = (await owner.post('/api/v1/shipping-templates', { ...standard, name: '新默认' })).json();
    expect(next.isDefault).toBe(true);
    expect((await owner.get(`/api/v1/shipping-templates/${standardId}`)).json().isDefault).toBe(false);
    const events = (await owner.get(`/api/v1/audit-events?entityType=shipping_template&entityId=${standardId}`)).json().items;
    expect(events[0]).toMatchObject({ action: 'update', changes: { isDefault: { before: true, after: false } } });
    // Back to the standard template as the default; deleting the other leaves it.
    expect((await owner.patch(`/api/v1/shipping-templates/${standardId}`, { isDefault: true })).json().isDefault).toBe(true);
    expect((await owner.delete(`/api/v1/shipping-templates/${next.templateId}`)).statusCode).toBe(204);
    expect((await owner.get(`/api/v1/shipping-templates/${next.templateId}`)).statusCode).toBe(404);
    const gone = (await owner.get(`/api/v1/audit-events?entityType=shipping_template&entityId=${next.templateId}`)).json().items;
    expect(gone.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
  });

  it('lets the analyst read templates but not change them', async () => {
    const analyst = await h.member(h.shopA.tenantId, 'analyst');
    expect((await analyst.get('/api/v1/shipping-templates')).statusCode).toBe(200);
    expect((await analyst.patch(`/api/v1/shipping-templates/${standardId}`, { name: 'x' })).statusCode).toBe(403);
    const manager = await h.member(h.shopA.tenantId, 'campaign_manager');
    const res = await manager.post('/api/v1/shipping-templates', { ...standard, name: '活动模板', isDefault: false });
    expect(res.statusCode).toBe(201);
    await manager.delete(`/api/v1/shipping-templates/${res.json().templateId}`);
  });
});

describe('price preview with a stored shipping template', () => {
  it('quotes the default template for a destination: 1500 g to 广东 = ¥10 + ¥5', async () => {
    const res = await preview({ lines: [line()], destinationRegion: '广东省' });
    expect(res.statusCode, res.body).toBe(200);
    const { breakdown, shippingTemplateId } = res.json();
    expect(shippingTemplateId).toBe(standardId);
    expect(breakdown.shipping).toMatchObject({ serviceable: true, region: '广东省', weightGrams: 1500, fee: 1500, payable: 1500 });
    expect(breakdown.payable).toBe(5000 + 1500);
    expect(breakdown.notApplied).toContainEqual(expect.objectContaining({ promotionId: standardId, code: 'freeShipping', reason: 'threshold_not_met' }));
    expect(breakdown.nudges).toContainEqual(expect.objectContaining({ promotionId: standardId, kind: 'spend_more', missingAmount: 4900, benefit: { type: 'free_shipping' } }));
  });

  it('waives shipping from the 包邮 amount', async () => {
    const { breakdown } = (await preview({ lines: [line({ unitPrice: 9900 })], destinationRegion: '44' })).json();
    expect(breakdown.shipping).toMatchObject({ fee: 1500, discount: 1500, payable: 0 });
    expect(breakdown.applied).toContainEqual(expect.objectContaining({ promotionId: standardId, code: 'freeShipping', saved: 1500 }));
    expect(breakdown.payable).toBe(9900);
  });

  it('charges the remote-region fee and no 包邮 there', async () => {
    const { breakdown } = (await preview({ lines: [line({ unitPrice: 9900 })], destinationRegion: '西藏' })).json();
    expect(breakdown.shipping).toMatchObject({ fee: 2000 + 1000, payable: 3000 });
    expect(breakdown.notApplied).toContainEqual(expect.objectContaining({ promotionId: standardId, reason: 'region_not_eligible' }));
  });

  it('answers serviceable: false for an undeliverable region', async () => {
    const { breakdown } = (await preview({ lines: [line()], destinationRegion: '香港特别行政区' })).json();
    expect(breakdown.shipping).toMatchObject({ serviceable: false, ruleId: null, fee: 0 });
  });

  it('refuses a destination that names no province', async () => {
    const res = await preview({ lines: [line()], destinationRegion: 'Atlantis' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
  });

  it('keeps inline rules working (they win over the stored template)', async () => {
    const shipping = { rules: [{ id: 'flat', regions: [], firstWeightGrams: 1000, firstFee: 700, additionalWeightGrams: 1000, additionalFee: 0 }] };
    const res = await preview({ lines: [line()], destinationRegion: '广东', shipping });
    expect(res.json()).toMatchObject({ shippingTemplateId: null, breakdown: { shipping: { ruleId: 'flat', fee: 700 } } });
    const none = await preview({ lines: [line()] });
    expect(none.json()).toMatchObject({ shippingTemplateId: null, breakdown: { shipping: { fee: 0, ruleId: null } } });
  });

  it('quotes a channel’s own template (满2件包邮), and refuses a cart whose channels use different templates', async () => {
    const jd = await owner.post('/api/v1/shipping-templates', {
      name: '京东模板',
      defaultRule: { firstWeightGrams: 2000, firstFeeFen: 600, additionalWeightGrams: 500, additionalFeeFen: 100 },
      freeShipping: { minItems: 2, excludedRegions: [] },
      channelIds: [jdChannel],
    });
    expect(jd.statusCode, jd.body).toBe(201);
    const jdId = jd.json().templateId;
    // 1 × 3000 g: ¥6 for 2 kg + 2 started 500 g steps × ¥1.
    const one = (await preview({ lines: [line({ channelId: jdChannel, weightGrams: 3000 })], destinationRegion: '新疆' })).json();
    expect(one).toMatchObject({ shippingTemplateId: jdId, breakdown: { shipping: { fee: 800, payable: 800 } } });
    expect(one.breakdown.nudges).toContainEqual(expect.objectContaining({ promotionId: jdId, kind: 'add_items', missingQuantity: 1 }));
    const two = (await preview({ lines: [line({ channelId: jdChannel, quantity: 2, weightGrams: 1500 })], destinationRegion: '新疆' })).json();
    expect(two.breakdown.shipping).toMatchObject({ fee: 600 + 2 * 100, payable: 0 });
    const mixed = await preview({ lines: [line({ channelId: jdChannel }), line({ lineId: 'l2' })], destinationRegion: '广东' });
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json().code).toBe('shipping_template_ambiguous');
  });
});

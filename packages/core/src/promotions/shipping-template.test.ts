import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceCart } from './price-cart.ts';
import { pricingInputSchema } from './input-schemas.ts';
import { templateShipping, validateShippingTemplate, type ShippingTemplateRules } from './shipping-template.ts';
import { buildInput, buildLine } from './test-builders.ts';

// 江浙沪 ¥8 first kg + ¥2 per started kg; 新疆/西藏 ¥20 + ¥10; elsewhere ¥12 + ¥5; 港澳台 not
// delivered; 包邮 from ¥99 except 新疆/西藏.
const template: ShippingTemplateRules = {
  groups: [
    { regions: ['江苏', '浙江省', '31'], firstWeightGrams: 1000, firstFeeFen: 800, additionalWeightGrams: 1000, additionalFeeFen: 200 },
    { regions: ['新疆维吾尔自治区', 'Tibet'], firstWeightGrams: 1000, firstFeeFen: 2000, additionalWeightGrams: 1000, additionalFeeFen: 1000 },
  ],
  defaultRule: { firstWeightGrams: 1000, firstFeeFen: 1200, additionalWeightGrams: 1000, additionalFeeFen: 500 },
  undeliverableRegions: ['香港', '澳门', '台湾'],
  freeShipping: { minAmountFen: 9900, excludedRegions: ['新疆', '西藏'] },
};

const quote = (t: ShippingTemplateRules, region: string, lines = [buildLine('l1', { unitPrice: 5000, weightGrams: 1500 })]) => {
  const mapped = templateShipping('shp_t', t, region);
  const input = buildInput({ lines, shipping: mapped.shipping, promotions: mapped.promotions, destinationRegion: region });
  expect(pricingInputSchema.safeParse(input).success).toBe(true);
  return priceCart(input);
};

describe('validateShippingTemplate', () => {
  it('accepts a template with groups, a default, undeliverable provinces and 包邮', () => {
    expect(validateShippingTemplate(template)).toMatchObject({ ok: true, problems: [] });
  });

  it.each([
    ['weight_step_not_positive', { groups: [{ ...template.groups[0]!, additionalWeightGrams: 0 }] }, ['groups', 0, 'additionalWeightGrams']],
    ['weight_step_not_positive', { defaultRule: { ...template.defaultRule!, firstWeightGrams: -5 } }, ['defaultRule', 'firstWeightGrams']],
    ['fee_negative', { defaultRule: { ...template.defaultRule!, additionalFeeFen: -1 } }, ['defaultRule', 'additionalFeeFen']],
    ['region_unknown', { undeliverableRegions: ['Atlantis'] }, ['undeliverableRegions', 0]],
    ['region_in_two_groups', { groups: [template.groups[0]!, { ...template.groups[1]!, regions: ['新疆', '320000'] }] }, ['groups', 1, 'regions', 1]],
    ['region_in_two_groups', { groups: [{ ...template.groups[0]!, regions: ['上海', '上海市'] }] }, ['groups', 0, 'regions', 1]],
    ['region_priced_and_undeliverable', { undeliverableRegions: ['Xinjiang'] }, ['undeliverableRegions', 0]],
    ['no_region_served', { groups: [], defaultRule: null }, ['defaultRule']],
    ['free_shipping_needs_condition', { freeShipping: { excludedRegions: [] } }, ['freeShipping']],
    ['free_shipping_amount_negative', { freeShipping: { minAmountFen: -1, excludedRegions: [] } }, ['freeShipping', 'minAmountFen']],
    ['free_shipping_items_not_positive', { freeShipping: { minItems: 0, excludedRegions: [] } }, ['freeShipping', 'minItems']],
    ['invalid_field', { groups: [{ ...template.groups[0]!, regions: [] }] }, ['groups', 0, 'regions']],
  ])('reports %s', (code, patch, path) => {
    const r = validateShippingTemplate({ ...template, ...patch });
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(expect.objectContaining({ code, path }));
  });
});

describe('templateShipping', () => {
  it('quotes the group of the destination, whatever way the province is written', () => {
    // 1500 g: first 1000 g + 1 started 1000 g step.
    for (const region of ['浙江', '33', '330000', '330100', 'zhejiang', '上海市']) {
      expect(quote(template, region).shipping, region).toMatchObject({ serviceable: true, fee: 800 + 200, ruleId: 'shp_t#01', region });
    }
    expect(quote(template, '新疆').shipping).toMatchObject({ fee: 2000 + 1000, ruleId: 'shp_t#02' });
  });

  it('quotes provinces in no group with the default rule, and leaves them unserved without one', () => {
    expect(quote(template, '广东').shipping).toMatchObject({ fee: 1200 + 500, ruleId: 'shp_t#default' });
    expect(quote({ ...template, defaultRule: null }, '广东').shipping).toMatchObject({ serviceable: false, fee: 0, ruleId: null });
  });

  it('answers serviceable: false for an undeliverable province even though a default rule exists', () => {
    const r = quote(template, '香港特别行政区');
    expect(r.shipping).toMatchObject({ serviceable: false, fee: 0, ruleId: null });
  });

  it('waives shipping above the 包邮 amount, measured after threshold promotions, except in excluded provinces', () => {
    const big = [buildLine('l1', { unitPrice: 10_000, weightGrams: 500 })];
    const free = quote(template, '广东', big);
    expect(free.shipping).toMatchObject({ fee: 1200, discount: 1200, payable: 0 });
    expect(free.applied).toContainEqual(expect.objectContaining({ promotionId: 'shp_t', code: 'freeShipping', saved: 1200 }));
    const remote = quote(template, '西藏', big);
    expect(remote.shipping).toMatchObject({ fee: 2000, payable: 2000 });
    expect(remote.notApplied).toContainEqual(expect.objectContaining({ promotionId: 'shp_t', reason: 'region_not_eligible' }));
    const small = quote(template, '广东');
    expect(small.notApplied).toContainEqual(expect.objectContaining({ promotionId: 'shp_t', reason: 'threshold_not_met' }));
    expect(small.nudges).toContainEqual(expect.objectContaining({ promotionId: 'shp_t', kind: 'spend_more', missingAmount: 4900 }));
  });

  it('waives shipping by item count (满2件包邮), and by amount and count together when both are given', () => {
    const byItems = { ...template, freeShipping: { minItems: 2, excludedRegions: [] } };
    expect(quote(byItems, '广东', [buildLine('l1', { unitPrice: 100, quantity: 2 })]).shipping.payable).toBe(0);
    expect(quote(byItems, '广东', [buildLine('l1', { unitPrice: 100 })]).shipping.payable).toBe(1200);
    const both = { ...template, freeShipping: { minItems: 2, minAmountFen: 5000, excludedRegions: [] } };
    expect(quote(both, '广东', [buildLine('l1', { unitPrice: 100, quantity: 2 })]).shipping.payable).toBe(1200);
    expect(quote(both, '广东', [buildLine('l1', { unitPrice: 2500, quantity: 2 })]).shipping.payable).toBe(0);
  });

  it('charges exactly first fee + ⌈(w − first) / step⌉ × additional fee for any weight (property)', () => {
    fc.assert(
      fc.property(
        fc.record({ first: fc.integer({ min: 1, max: 5000 }), step: fc.integer({ min: 1, max: 5000 }), firstFee: fc.integer({ min: 0, max: 5000 }), addFee: fc.integer({ min: 0, max: 5000 }) }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 1, max: 5 }),
        ({ first, step, firstFee, addFee }, unitWeight, quantity) => {
          const t: ShippingTemplateRules = { groups: [], defaultRule: { firstWeightGrams: first, firstFeeFen: firstFee, additionalWeightGrams: step, additionalFeeFen: addFee }, undeliverableRegions: [], freeShipping: null };
          expect(validateShippingTemplate(t).ok).toBe(true);
          const w = unitWeight * quantity;
          const expected = firstFee + (w > first ? Math.ceil((w - first) / step) : 0) * addFee;
          const r = quote(t, '河南', [buildLine('l1', { unitPrice: 1000, quantity, weightGrams: unitWeight })]);
          expect(r.shipping.fee).toBe(expected);
          expect(r.payable).toBe(1000 * quantity + expected);
        },
      ),
    );
  });
});

// The rule registry: one plain object per rule type, keyed by its stable code, with its stage,
// labels for the console, the zod schema of its args and its contradiction check. The database
// stores `{ code, args }`; adding a rule type means adding an entry here and a stage handler.
import type { z } from 'zod';
import { ARGS_SCHEMAS, type Promotion, type PromotionOf, type RuleCode } from './promotion-schema.ts';
import { RULE_CHECKS, type PromotionProblem } from './rule-checks.ts';
import { RULE_STAGE, type Stage } from './stacking.ts';

export interface RuleDefinition<C extends RuleCode = RuleCode> {
  code: C;
  stage: Stage;
  label: { zhCN: string; enUS: string };
  argsSchema: z.ZodType<PromotionOf<C>['args']>;
  check: (promotion: PromotionOf<C>, out: PromotionProblem[]) => void;
}

const LABELS: Record<RuleCode, { zhCN: string; enUS: string }> = {
  spendThresholdDiscount: { zhCN: '满减', enUS: 'Spend & save' },
  spendThresholdPercent: { zhCN: '满折', enUS: 'Spend & get % off' },
  crossChannelThreshold: { zhCN: '跨店满减', enUS: 'Cross-store spend & save' },
  quantityDiscount: { zhCN: '满件折 / 第N件M折', enUS: 'Quantity discount' },
  timedPrice: { zhCN: '限时折扣', enUS: 'Timed price' },
  flashSale: { zhCN: '秒杀', enUS: 'Flash sale' },
  memberPrice: { zhCN: '会员价', enUS: 'Member price' },
  bundle: { zhCN: '组合套餐', enUS: 'Bundle' },
  giftWithPurchase: { zhCN: '买赠', enUS: 'Gift with purchase' },
  coupon: { zhCN: '优惠券', enUS: 'Coupon' },
  pointsRedemption: { zhCN: '积分抵扣', enUS: 'Points redemption' },
  freeShipping: { zhCN: '包邮', enUS: 'Free shipping' },
  presale: { zhCN: '预售定金膨胀', enUS: 'Presale deposit multiplier' },
  groupBuy: { zhCN: '拼团', enUS: 'Group buy' },
};

function define<C extends RuleCode>(code: C): RuleDefinition<C> {
  return {
    code,
    stage: RULE_STAGE[code],
    label: LABELS[code],
    argsSchema: ARGS_SCHEMAS[code] as unknown as z.ZodType<PromotionOf<C>['args']>,
    check: RULE_CHECKS[code] as RuleDefinition<C>['check'],
  };
}

/** Every rule type by code. */
export const RULES: { readonly [C in RuleCode]: RuleDefinition<C> } = Object.freeze({
  spendThresholdDiscount: define('spendThresholdDiscount'),
  spendThresholdPercent: define('spendThresholdPercent'),
  crossChannelThreshold: define('crossChannelThreshold'),
  quantityDiscount: define('quantityDiscount'),
  timedPrice: define('timedPrice'),
  flashSale: define('flashSale'),
  memberPrice: define('memberPrice'),
  bundle: define('bundle'),
  giftWithPurchase: define('giftWithPurchase'),
  coupon: define('coupon'),
  pointsRedemption: define('pointsRedemption'),
  freeShipping: define('freeShipping'),
  presale: define('presale'),
  groupBuy: define('groupBuy'),
});

/** Runs the registered check for a parsed promotion. */
export function checkRule(p: Promotion, out: PromotionProblem[]): void {
  (RULES[p.code].check as (p: Promotion, out: PromotionProblem[]) => void)(p, out);
}

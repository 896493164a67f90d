import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from './registry.ts';
import { RULE_CODES } from './promotion-schema.ts';
import { PROMOTION_PROBLEM_CODES } from './rule-checks.ts';
import { CART_PROBLEM_CODES } from './validate-cart.ts';
import { REASON_CODES } from './types.ts';
import { RULE_STAGE, STACKING_ORDER } from './stacking.ts';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');

describe('rule registry', () => {
  it('registers every rule code with its stage, labels and args schema', () => {
    for (const code of RULE_CODES) {
      expect(RULES[code].code).toBe(code);
      expect(RULES[code].stage).toBe(RULE_STAGE[code]);
      expect(RULES[code].label.zhCN.length).toBeGreaterThan(0);
      expect(typeof RULES[code].argsSchema.safeParse).toBe('function');
    }
  });

  it('puts every rule code in exactly the stacking stage that evaluates it', () => {
    for (const code of RULE_CODES) {
      const stages = STACKING_ORDER.filter((s) => (s.codes as readonly string[]).includes(code)).map((s) => s.stage);
      expect(stages).toContain(RULE_STAGE[code]);
    }
  });

  it.each([...RULE_CODES, ...REASON_CODES, ...PROMOTION_PROBLEM_CODES, ...CART_PROBLEM_CODES])('documents %s in README.md', (code) => {
    expect(readme).toContain(`\`${code}\``);
  });
});

import type { ImportField } from './import-columns.ts';

// Why a row of a catalog import is rejected: a stable code (what clients match on) and a message
// in both console languages. Codes shared with the API (price_below_cost, spec_…) mean the same.

export const IMPORT_PROBLEM_CODES = [
  'import_field_required',
  'import_field_too_long',
  'import_bad_format',
  'import_bad_number',
  'import_negative_amount',
  'price_below_cost',
  'import_duplicate_sku_code',
  'spec_values_invalid',
  'spec_combination_duplicate',
  'import_unknown_category',
  'import_unknown_brand',
  'import_product_conflict',
  'import_sku_product_mismatch',
  'import_product_archived',
] as const;

export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export interface ImportMessage {
  'zh-CN': string;
  'en-US': string;
}

/** One reason a row is rejected; `field` is null when the problem is not about one column. */
export interface RowProblem {
  field: ImportField | null;
  code: ImportProblemCode;
  message: ImportMessage;
}

const TITLES: Record<ImportProblemCode, ImportMessage> = {
  import_field_required: { 'zh-CN': '必填项为空', 'en-US': 'A required value is empty' },
  import_field_too_long: { 'zh-CN': '内容过长', 'en-US': 'The value is too long' },
  import_bad_format: { 'zh-CN': '格式不正确', 'en-US': 'The value has the wrong format' },
  import_bad_number: { 'zh-CN': '不是有效的数字', 'en-US': 'Not a valid number' },
  import_negative_amount: { 'zh-CN': '金额不能为负数', 'en-US': 'The amount cannot be negative' },
  price_below_cost: { 'zh-CN': '售价低于成本价，如确认请在“允许低于成本”列填“是”', 'en-US': 'The price is below cost; put "true" in "Allow below cost" to accept' },
  import_duplicate_sku_code: { 'zh-CN': 'SKU 编码在文件中重复', 'en-US': 'The SKU code appears more than once in the file' },
  spec_values_invalid: { 'zh-CN': '规格与商品规格维度不符', 'en-US': 'The spec values do not match the product’s spec dimensions' },
  spec_combination_duplicate: { 'zh-CN': '同一商品存在重复的规格组合', 'en-US': 'Two SKUs of the product have the same spec combination' },
  import_unknown_category: { 'zh-CN': '类目不存在（可使用 createMissing=true 自动创建）', 'en-US': 'The category does not exist (createMissing=true creates it)' },
  import_unknown_brand: { 'zh-CN': '品牌不存在（可使用 createMissing=true 自动创建）', 'en-US': 'The brand does not exist (createMissing=true creates it)' },
  import_product_conflict: { 'zh-CN': '同一商品编码的行中商品信息不一致', 'en-US': 'Rows of the same product code disagree on the product’s fields' },
  import_sku_product_mismatch: { 'zh-CN': '该 SKU 已属于另一个商品', 'en-US': 'The SKU belongs to another product' },
  import_product_archived: { 'zh-CN': '商品已归档，不能新增 SKU', 'en-US': 'The product is archived; it takes no new SKUs' },
};

/** A row problem with its title, and a detail in each language when given. */
export function rowProblem(field: ImportField | null, code: ImportProblemCode, detail?: ImportMessage): RowProblem {
  const title = TITLES[code];
  return {
    field,
    code,
    message: detail
      ? { 'zh-CN': `${title['zh-CN']}：${detail['zh-CN']}`, 'en-US': `${title['en-US']}: ${detail['en-US']}` }
      : { ...title },
  };
}

// The columns of the catalog import/export template (one row per SKU). Each column has a zh-CN and
// an en-US header; a file may use either (or mix them), in any order. Exports write the headers of
// one locale in the order below, so an export re-imports unchanged.

export const IMPORT_FIELDS = [
  'productCode',
  'productTitle',
  'categoryPath',
  'brand',
  'specValues',
  'skuCode',
  'barcode',
  'price',
  'cost',
  'weightG',
  'status',
  'tags',
  'imageUrls',
  'description',
  'allowBelowCost',
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];

export interface ImportColumn {
  zh: string;
  en: string;
  /** A file without this column is refused as a whole (import_missing_columns). */
  required: boolean;
}

export const IMPORT_COLUMNS: Record<ImportField, ImportColumn> = {
  productCode: { zh: '商品编码', en: 'Product code', required: true },
  productTitle: { zh: '商品标题', en: 'Product title', required: true },
  categoryPath: { zh: '类目', en: 'Category', required: false },
  brand: { zh: '品牌', en: 'Brand', required: false },
  specValues: { zh: '规格', en: 'Specs', required: false },
  skuCode: { zh: 'SKU编码', en: 'SKU code', required: true },
  barcode: { zh: '条码', en: 'Barcode', required: false },
  price: { zh: '售价', en: 'Price', required: true },
  cost: { zh: '成本价', en: 'Cost price', required: true },
  weightG: { zh: '重量g', en: 'Weight g', required: false },
  status: { zh: '状态', en: 'Status', required: false },
  tags: { zh: '标签', en: 'Tags', required: false },
  imageUrls: { zh: '图片', en: 'Image URLs', required: false },
  description: { zh: '描述', en: 'Description', required: false },
  allowBelowCost: { zh: '允许低于成本', en: 'Allow below cost', required: false },
};

/** Header spellings compare without case, spaces, brackets or a trailing unit: 重量(g) = 重量g = Weight (g). */
function normalizeHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s()（）[\]【】_\-:：]/g, '');
}

const BY_HEADER = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) {
  const c = IMPORT_COLUMNS[field];
  for (const h of [c.zh, c.en]) BY_HEADER.set(normalizeHeader(h), field);
}
// Common variants operators type.
for (const [alias, field] of [
  ['商品名称', 'productTitle'],
  ['sku', 'skuCode'],
  ['价格', 'price'],
  ['售价元', 'price'],
  ['成本价元', 'cost'],
  ['priceyuan', 'price'],
  ['costpriceyuan', 'cost'],
  ['重量', 'weightG'],
  ['重量克', 'weightG'],
  ['weight', 'weightG'],
  ['图片链接', 'imageUrls'],
  ['images', 'imageUrls'],
] as const) {
  BY_HEADER.set(normalizeHeader(alias), field);
}

export interface HeaderMapping {
  /** Field → 0-based index of its column in the row. */
  columns: Partial<Record<ImportField, number>>;
  /** Required fields without a column. */
  missing: ImportField[];
  /** Headers that name no field (ignored, reported as warnings). */
  unknown: string[];
  /** Headers naming a field that an earlier column already named (the first one wins). */
  duplicate: string[];
}

/** Maps a header row to the template's fields; header order is free. */
export function mapImportHeader(header: readonly string[]): HeaderMapping {
  const columns: Partial<Record<ImportField, number>> = {};
  const unknown: string[] = [];
  const duplicate: string[] = [];
  header.forEach((raw, index) => {
    const text = raw.trim();
    if (text === '') return;
    const field = BY_HEADER.get(normalizeHeader(text));
    if (!field) unknown.push(text);
    else if (columns[field] !== undefined) duplicate.push(text);
    else columns[field] = index;
  });
  const missing = IMPORT_FIELDS.filter((f) => IMPORT_COLUMNS[f].required && columns[f] === undefined);
  return { columns, missing, unknown, duplicate };
}

/** The header text of a field in a locale. */
export function columnHeader(field: ImportField, locale: 'zh-CN' | 'en-US'): string {
  return locale === 'zh-CN' ? IMPORT_COLUMNS[field].zh : IMPORT_COLUMNS[field].en;
}

/** The header row an export writes. */
export function exportHeader(locale: 'zh-CN' | 'en-US'): string[] {
  return IMPORT_FIELDS.map((f) => columnHeader(f, locale));
}

import { IMPORT_FIELDS, type ImportField } from './import-columns.ts';
import { fenToYuan, formatSpecText } from './parse-import-row.ts';

// One SKU as a row of the import template, so that an export re-imports unchanged.

export interface ExportSku {
  productCode: string;
  title: string;
  categoryPath: readonly string[] | null;
  brand: string | null;
  /** Spec pairs in the product's dimension order. */
  specs: readonly (readonly [string, string])[];
  skuCode: string;
  barcode: string | null;
  priceFen: number;
  costFen: number;
  weightG: number;
  status: 'active' | 'archived';
  tags: readonly string[];
  imageUrls: readonly string[];
  description: string;
}

/**
 * The cells of a SKU in template column order (IMPORT_FIELDS). Status and yes/no in the locale's
 * words; "allow below cost" is set exactly when the price is below cost, so the row re-imports.
 */
export function formatExportRow(s: ExportSku, locale: 'zh-CN' | 'en-US'): string[] {
  const zh = locale === 'zh-CN';
  const cells: Record<ImportField, string> = {
    productCode: s.productCode,
    productTitle: s.title,
    categoryPath: s.categoryPath ? s.categoryPath.join('/') : '',
    brand: s.brand ?? '',
    specValues: formatSpecText(s.specs),
    skuCode: s.skuCode,
    barcode: s.barcode ?? '',
    price: fenToYuan(s.priceFen),
    cost: fenToYuan(s.costFen),
    weightG: String(s.weightG),
    status: s.status === 'active' ? (zh ? '启用' : 'active') : zh ? '归档' : 'archived',
    tags: s.tags.join('|'),
    imageUrls: s.imageUrls.join('|'),
    description: s.description,
    allowBelowCost: s.priceFen < s.costFen ? (zh ? '是' : 'true') : zh ? '否' : 'false',
  };
  return IMPORT_FIELDS.map((f) => cells[f]);
}

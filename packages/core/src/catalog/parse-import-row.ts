import { unguardFormula } from './formula-guard.ts';
import type { ImportField } from './import-columns.ts';
import { rowProblem, type RowProblem } from './import-problems.ts';

// One row of a catalog import (one SKU), parsed and checked on its own. Rules that need other rows
// or the database (duplicate codes, colliding specs, unknown categories) are checked after staging.
// A field whose column the file leaves out is `undefined`: the import leaves it unchanged.

export type ImportSkuStatus = 'active' | 'archived';

export interface ImportRow {
  productCode: string;
  title: string;
  /** Category names from the root (服装/女装/连衣裙); null when empty. */
  categoryPath: string[] | null | undefined;
  brand: string | null | undefined;
  /** Spec name/value pairs in the order written (颜色:红;尺码:M). */
  specs: [string, string][] | undefined;
  skuCode: string;
  barcode: string | null | undefined;
  priceFen: number;
  costFen: number;
  weightG: number | undefined;
  status: ImportSkuStatus | undefined;
  tags: string[] | undefined;
  imageUrls: string[] | undefined;
  description: string | undefined;
  allowBelowCost: boolean;
}

export type ParsedRow = { ok: true; row: ImportRow } | { ok: false; problems: RowProblem[] };

/** Same limits as the product and SKU API contracts. */
export const IMPORT_LIMITS = {
  code: 64,
  title: 200,
  categoryName: 60,
  categoryDepth: 20,
  brand: 60,
  specName: 30,
  specValue: 50,
  specDimensions: 5,
  tag: 30,
  tags: 30,
  imageUrl: 500,
  imageUrls: 20,
  description: 50_000,
  maxFen: 1_000_000_000_000,
  maxWeightG: 1_000_000,
} as const;

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const BARCODE = /^[0-9A-Za-z-]+$/;
const YUAN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;
const TRUE_WORDS = new Set(['是', 'true', 'yes', 'y', '1', '允许']);
const FALSE_WORDS = new Set(['否', 'false', 'no', 'n', '0', '不允许', '']);
const ACTIVE_WORDS = new Set(['active', '启用', '有效', '正常', '']);
const ARCHIVED_WORDS = new Set(['archived', '归档', '已归档', '停用']);

const msg = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/**
 * Yuan text (`99`, `99.9`, `99.00`, `¥1,299.00`) to integer fen without floating point, or the
 * problem: not a number, more than 2 decimals, negative, too large.
 */
export function yuanToFen(text: string): { ok: true; fen: number } | { ok: false; code: 'import_bad_number' | 'import_negative_amount' } {
  const t = text.trim().replace(/^[¥￥]/, '').replace(/,/g, '');
  if (/^-\s*[¥￥]?\d/.test(t) && YUAN.test(t.replace(/^-\s*[¥￥]?/, ''))) return { ok: false, code: 'import_negative_amount' };
  const m = YUAN.exec(t);
  if (!m) return { ok: false, code: 'import_bad_number' };
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (fen > IMPORT_LIMITS.maxFen) return { ok: false, code: 'import_bad_number' };
  return { ok: true, fen };
}

/** Integer fen as yuan text with two decimals (the export's format): 9900 → "99.00". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `颜色:红;尺码:M` (full-width ：； too) to ordered pairs, or a problem text. */
export function parseSpecText(text: string): { ok: true; specs: [string, string][] } | { ok: false; detail: { 'zh-CN': string; 'en-US': string } } {
  const specs: [string, string][] = [];
  for (const part of text.split(/[;；]/)) {
    if (part.trim() === '') continue;
    const at = part.search(/[:：]/);
    if (at < 0) return { ok: false, detail: msg(`“${part.trim()}”缺少“名称:值”中的冒号`, `"${part.trim()}" is not name:value`) };
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (!name || !value) return { ok: false, detail: msg(`“${part.trim()}”的名称或值为空`, `"${part.trim()}" has an empty name or value`) };
    if (name.length > IMPORT_LIMITS.specName || value.length > IMPORT_LIMITS.specValue) {
      return { ok: false, detail: msg(`规格名最多 ${IMPORT_LIMITS.specName} 字，规格值最多 ${IMPORT_LIMITS.specValue} 字`, `spec names take up to ${IMPORT_LIMITS.specName} characters, values up to ${IMPORT_LIMITS.specValue}`) };
    }
    if (specs.some(([n]) => n === name)) return { ok: false, detail: msg(`规格“${name}”出现两次`, `spec ${name} is listed twice`) };
    specs.push([name, value]);
  }
  if (specs.length > IMPORT_LIMITS.specDimensions) return { ok: false, detail: msg(`最多 ${IMPORT_LIMITS.specDimensions} 个规格`, `at most ${IMPORT_LIMITS.specDimensions} specs`) };
  return { ok: true, specs };
}

/** Ordered pairs back to the template's text: the export's format. */
export function formatSpecText(specs: readonly (readonly [string, string])[]): string {
  return specs.map(([n, v]) => `${n}:${v}`).join(';');
}

function splitList(text: string): string[] {
  const out: string[] = [];
  for (const item of text.split('|')) {
    const t = item.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Parses and checks one SKU row. `cells` is the row as read (strings, 0-based); `columns` says which
 * cell holds which field. Every problem of the row is reported, not just the first.
 */
export function parseImportRow(cells: readonly string[], columns: Partial<Record<ImportField, number>>): ParsedRow {
  const problems: RowProblem[] = [];
  const has = (f: ImportField) => columns[f] !== undefined;
  const cell = (f: ImportField): string => {
    const i = columns[f];
    return i === undefined ? '' : unguardFormula((cells[i] ?? '').trim());
  };
  const tooLong = (f: ImportField, max: number) => problems.push(rowProblem(f, 'import_field_too_long', msg(`最多 ${max} 个字符`, `at most ${max} characters`)));
  const required = (f: ImportField): string => {
    const v = cell(f);
    if (v === '') problems.push(rowProblem(f, 'import_field_required'));
    return v;
  };

  for (const [f, i] of Object.entries(columns) as [ImportField, number][]) {
    if ((cells[i] ?? '').includes('\u0000')) problems.push(rowProblem(f, 'import_bad_format', msg('含有空字符', 'contains a NUL character')));
  }
  if (problems.length > 0) return { ok: false, problems };

  const code = (f: ImportField): string => {
    const v = required(f);
    if (v === '') return v;
    if (v.length > IMPORT_LIMITS.code) tooLong(f, IMPORT_LIMITS.code);
    else if (!CODE.test(v)) problems.push(rowProblem(f, 'import_bad_format', msg('只能包含字母、数字、_ . -，且以字母或数字开头', 'letters, digits, _ . and -, starting with a letter or digit')));
    return v;
  };
  const productCode = code('productCode');
  const skuCode = code('skuCode');

  const title = required('productTitle');
  if (title.length > IMPORT_LIMITS.title) tooLong('productTitle', IMPORT_LIMITS.title);

  let categoryPath: string[] | null | undefined;
  if (has('categoryPath')) {
    const text = cell('categoryPath');
    categoryPath = text === '' ? null : text.split('/').map((s) => s.trim());
    if (categoryPath) {
      if (categoryPath.some((s) => s === '')) problems.push(rowProblem('categoryPath', 'import_bad_format', msg('类目路径中有空的层级', 'the path has an empty level')));
      else if (categoryPath.some((s) => s.length > IMPORT_LIMITS.categoryName)) tooLong('categoryPath', IMPORT_LIMITS.categoryName);
      else if (categoryPath.length > IMPORT_LIMITS.categoryDepth) problems.push(rowProblem('categoryPath', 'import_bad_format', msg(`最多 ${IMPORT_LIMITS.categoryDepth} 级`, `at most ${IMPORT_LIMITS.categoryDepth} levels`)));
    }
  }

  let brand: string | null | undefined;
  if (has('brand')) {
    brand = cell('brand') || null;
    if (brand && brand.length > IMPORT_LIMITS.brand) tooLong('brand', IMPORT_LIMITS.brand);
  }

  let specs: [string, string][] | undefined;
  if (has('specValues')) {
    const parsed = parseSpecText(cell('specValues'));
    if (parsed.ok) specs = parsed.specs;
    else problems.push(rowProblem('specValues', 'spec_values_invalid', parsed.detail));
  }

  let barcode: string | null | undefined;
  if (has('barcode')) {
    barcode = cell('barcode') || null;
    if (barcode && barcode.length > IMPORT_LIMITS.code) tooLong('barcode', IMPORT_LIMITS.code);
    else if (barcode && !BARCODE.test(barcode)) problems.push(rowProblem('barcode', 'import_bad_format', msg('只能包含字母、数字和 -', 'letters, digits and - only')));
  }

  const money = (f: 'price' | 'cost'): number => {
    const v = required(f);
    if (v === '') return 0;
    const r = yuanToFen(v);
    if (r.ok) return r.fen;
    problems.push(rowProblem(f, r.code, r.code === 'import_bad_number' ? msg(`“${v.slice(0, 40)}”应为元，最多两位小数，如 99.00`, `"${v.slice(0, 40)}" should be yuan with at most 2 decimals, e.g. 99.00`) : undefined));
    return 0;
  };
  const priceFen = money('price');
  const costFen = money('cost');

  let weightG: number | undefined;
  if (has('weightG')) {
    const v = cell('weightG');
    if (v === '') weightG = 0;
    else if (/^-\d+$/.test(v)) problems.push(rowProblem('weightG', 'import_bad_number', msg('重量不能为负数', 'the weight cannot be negative')));
    else if (!/^\d+$/.test(v) || Number(v) > IMPORT_LIMITS.maxWeightG) problems.push(rowProblem('weightG', 'import_bad_number', msg(`应为 0–${IMPORT_LIMITS.maxWeightG} 的整数克数`, `whole grams from 0 to ${IMPORT_LIMITS.maxWeightG}`)));
    else weightG = Number(v);
  }

  let status: ImportSkuStatus | undefined;
  if (has('status')) {
    const v = cell('status').toLowerCase();
    if (ACTIVE_WORDS.has(v)) status = 'active';
    else if (ARCHIVED_WORDS.has(v)) status = 'archived';
    else problems.push(rowProblem('status', 'import_bad_format', msg('应为“启用”或“归档”', 'active or archived')));
  }

  let tags: string[] | undefined;
  if (has('tags')) {
    tags = splitList(cell('tags'));
    if (tags.length > IMPORT_LIMITS.tags) problems.push(rowProblem('tags', 'import_bad_format', msg(`最多 ${IMPORT_LIMITS.tags} 个标签`, `at most ${IMPORT_LIMITS.tags} tags`)));
    else if (tags.some((t) => t.length > IMPORT_LIMITS.tag)) tooLong('tags', IMPORT_LIMITS.tag);
  }

  let imageUrls: string[] | undefined;
  if (has('imageUrls')) {
    imageUrls = splitList(cell('imageUrls'));
    if (imageUrls.length > IMPORT_LIMITS.imageUrls) problems.push(rowProblem('imageUrls', 'import_bad_format', msg(`最多 ${IMPORT_LIMITS.imageUrls} 张图片`, `at most ${IMPORT_LIMITS.imageUrls} images`)));
    else if (imageUrls.some((u) => u.length > IMPORT_LIMITS.imageUrl)) tooLong('imageUrls', IMPORT_LIMITS.imageUrl);
    else if (!imageUrls.every(isHttpUrl)) problems.push(rowProblem('imageUrls', 'import_bad_format', msg('图片须为 http(s) 链接，多个用 | 分隔', 'images are http(s) URLs separated by |')));
  }

  let description: string | undefined;
  if (has('description')) {
    const i = columns.description!;
    description = unguardFormula((cells[i] ?? '').trim());
    if (description.length > IMPORT_LIMITS.description) tooLong('description', IMPORT_LIMITS.description);
  }

  let allowBelowCost = false;
  if (has('allowBelowCost')) {
    const v = cell('allowBelowCost').toLowerCase();
    if (TRUE_WORDS.has(v)) allowBelowCost = true;
    else if (!FALSE_WORDS.has(v)) problems.push(rowProblem('allowBelowCost', 'import_bad_format', msg('应为“是”或“否”', 'true or false')));
  }

  if (problems.length === 0 && priceFen < costFen && !allowBelowCost) {
    problems.push(rowProblem('price', 'price_below_cost', msg(`售价 ${fenToYuan(priceFen)} 低于成本 ${fenToYuan(costFen)}`, `price ${fenToYuan(priceFen)} is below cost ${fenToYuan(costFen)}`)));
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    row: { productCode, title, categoryPath, brand, specs, skuCode, barcode, priceFen, costFen, weightG, status, tags, imageUrls, description, allowBelowCost },
  };
}

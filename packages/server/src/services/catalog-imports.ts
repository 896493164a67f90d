import type { Readable } from 'node:stream';
import {
  IMPORT_COLUMNS,
  IMPORT_FIELDS,
  mapImportHeader,
  parseImportRow,
  rowProblem,
  type ImportField,
  type ImportProblemCode,
  type ImportRow,
} from '@yunying/core/catalog';
import {
  applyStagedRows,
  categoryPathsById,
  checkStagedRows,
  countRejectedRows,
  countStagedOutcome,
  deleteStagedRows,
  insertBrand,
  insertCatalogImport,
  insertCategory,
  insertImportProblems,
  missingTaxonomy,
  newId,
  resolveStagedRows,
  stageImportRows,
  updateCatalogImport,
  type CatalogImportRecord,
  type CheckMessage,
  type DB,
  type ImportCheck,
  type ImportProblemRecord,
  type Kysely,
  type StagedFields,
  type StagedRow,
} from '@yunying/db';
import { recordChange } from './audit.ts';
import { ImportInputError, openCsv, openXlsx, type CsvEncoding, type SheetRow } from './catalog-import-reader.ts';
import { fail, ok, type Actor, type Result } from './result.ts';
import { transact } from './transact.ts';

// Catalog import (issue 3): stream the file, check each row on its own (core), stage the valid
// rows in batches, check them set-based against each other and the catalog, then apply all of
// them in one transaction — or, when any row is rejected (or dryRun), write nothing but the report.

export const IMPORT_BATCH_ROWS = 1_000;

export interface ImportRequest {
  source: Readable;
  format: 'csv' | 'xlsx';
  encoding?: CsvEncoding | undefined;
  dryRun: boolean;
  createMissing: boolean;
  maxBytes: number;
  /** Called after each staged batch (the benchmark samples memory here). */
  onProgress?: ((rowsRead: number) => void) | undefined;
}

const sanitize = (text: string) => text.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 100);

/** Which template field each header of the file names, for the report's `column`. */
type HeaderOf = (field: ImportField | null) => string | null;

function setCheckMessages(headerOf: HeaderOf): Record<ImportCheck, CheckMessage> {
  const m = (code: ImportProblemCode, field: ImportField | null, zh?: string, en?: string): CheckMessage => {
    const p = rowProblem(field, code, zh && en ? { 'zh-CN': zh, 'en-US': en } : undefined);
    return { code, column: headerOf(field), zh: p.message['zh-CN'], en: p.message['en-US'] };
  };
  return {
    duplicate_sku_code: m('import_duplicate_sku_code', 'skuCode', '与前面的行重复', 'repeats an earlier row'),
    product_conflict: m('import_product_conflict', 'productCode', '与该商品的第一行不同', 'differs from the product’s first row'),
    sku_product_mismatch: m('import_sku_product_mismatch', 'productCode', 'SKU 不能改换商品', 'a SKU cannot move to another product'),
    unknown_category: m('import_unknown_category', 'categoryPath'),
    unknown_brand: m('import_unknown_brand', 'brand'),
    spec_change: m('spec_values_invalid', 'specValues', '已有 SKU 的规格不能修改，请新增 SKU 并归档旧的', 'an existing SKU keeps its spec values; add a new SKU and archive this one'),
    spec_names: m('spec_values_invalid', 'specValues', '规格名称须与商品的规格维度一致', 'the spec names must be the product’s spec dimensions'),
    spec_collision: m('spec_combination_duplicate', 'specValues'),
    product_archived: m('import_product_archived', 'skuCode'),
  };
}

function toStaged(rowNumber: number, r: ImportRow): StagedRow {
  return {
    rowNumber,
    productCode: r.productCode,
    title: r.title,
    categoryPath: r.categoryPath === undefined || r.categoryPath === null ? null : r.categoryPath.join('/'),
    brandName: r.brand ?? null,
    specNames: r.specs ? r.specs.map(([n]) => n) : null,
    specVals: r.specs ? r.specs.map(([, v]) => v) : null,
    specValues: r.specs ? Object.fromEntries(r.specs) : null,
    skuCode: r.skuCode,
    barcode: r.barcode ?? null,
    priceFen: r.priceFen,
    costFen: r.costFen,
    weightG: r.weightG ?? null,
    status: r.status ?? null,
    tags: r.tags ?? null,
    imageUrls: r.imageUrls ?? null,
    description: r.description ?? null,
    newProductId: newId('prd'),
    newSkuId: newId('sku'),
  };
}

/** Creates the categories (by path, level by level) and brands the staged rows name; false when none were missing. */
async function createTaxonomy(trx: Kysely<DB>, actor: Actor, importId: string): Promise<boolean> {
  const missing = await missingTaxonomy(trx, actor.tenantId, importId);
  if (missing.categoryPaths.length === 0 && missing.brands.length === 0) return false;
  if (missing.categoryPaths.length > 0) {
    const byPath = new Map<string, string>();
    for (const [id, path] of await categoryPathsById(trx, actor.tenantId)) {
      const key = path.join('/');
      const known = byPath.get(key);
      if (known === undefined || id < known) byPath.set(key, id);
    }
    for (const path of missing.categoryPaths) {
      const names = path.split('/');
      let parentId: string | null = null;
      for (let depth = 1; depth <= names.length; depth++) {
        const key = names.slice(0, depth).join('/');
        let id = byPath.get(key);
        if (id === undefined) {
          const c = await insertCategory(trx, actor.tenantId, { categoryId: newId('cat'), parentId, name: names[depth - 1]!, sortOrder: 0, requiredSpecs: [] });
          await recordChange(trx, actor, { action: 'create', entityType: 'category', entityId: c.categoryId, before: null, after: { name: c.name, parentId, importId } });
          id = c.categoryId;
          byPath.set(key, id);
        }
        parentId = id;
      }
    }
  }
  for (const name of missing.brands) {
    const b = await insertBrand(trx, actor.tenantId, { brandId: newId('brd'), name, logoUrl: null });
    await recordChange(trx, actor, { action: 'create', entityType: 'brand', entityId: b.brandId, before: null, after: { name, importId } });
  }
  return true;
}

async function finish(db: Kysely<DB>, tenantId: string, importId: string, patch: Parameters<typeof updateCatalogImport>[3]): Promise<CatalogImportRecord> {
  await deleteStagedRows(db, tenantId, importId);
  return (await updateCatalogImport(db, tenantId, importId, { ...patch, finished: true }))!;
}

/**
 * Runs an import to its end and returns the job. A file that cannot be read or lacks required
 * columns is a failure (no job is kept when the header is at fault); rejected rows give a job
 * with status `rejected` (the caller answers import_rejected with its report).
 */
export async function importCatalog(db: Kysely<DB>, actor: Actor, req: ImportRequest): Promise<Result<CatalogImportRecord>> {
  let encoding: CsvEncoding | null = null;
  let rows: AsyncIterator<SheetRow>;
  try {
    if (req.format === 'csv') {
      const opened = await openCsv(req.source, { maxBytes: req.maxBytes, encoding: req.encoding });
      encoding = opened.encoding;
      rows = opened.rows[Symbol.asyncIterator]();
    } else {
      rows = openXlsx(req.source, { maxBytes: req.maxBytes })[Symbol.asyncIterator]();
    }
  } catch (error) {
    if (error instanceof ImportInputError) return fail(error.code, error.message);
    throw error;
  }

  let header: IteratorResult<SheetRow>;
  try {
    header = await rows.next();
  } catch (error) {
    if (error instanceof ImportInputError) return fail(error.code, error.message);
    throw error;
  }
  if (header.done) return fail('import_unreadable', 'The file is empty.');
  const headerCells = header.value.cells;
  const mapping = mapImportHeader(headerCells);
  if (mapping.missing.length > 0) {
    const names = mapping.missing.map((f) => `${IMPORT_COLUMNS[f].zh} (${IMPORT_COLUMNS[f].en})`);
    return fail('import_missing_columns', `Missing columns: ${names.join(', ')}`, {
      missingColumns: mapping.missing.map((f) => ({ field: f, zh: IMPORT_COLUMNS[f].zh, en: IMPORT_COLUMNS[f].en })),
    });
  }
  const present = IMPORT_FIELDS.filter((f) => mapping.columns[f] !== undefined);
  const headerOf: HeaderOf = (field) => (field === null ? null : sanitize(headerCells[mapping.columns[field]!] ?? '').trim() || IMPORT_COLUMNS[field].zh);
  const warnings = [
    ...mapping.unknown.slice(0, 50).map((h) => `ignored column: ${sanitize(h)}`),
    ...mapping.duplicate.slice(0, 50).map((h) => `repeated column ignored: ${sanitize(h)}`),
  ];
  const importId = newId('imp');
  await insertCatalogImport(db, actor.tenantId, {
    importId,
    format: req.format,
    encoding,
    dryRun: req.dryRun,
    createMissing: req.createMissing,
    fields: present,
    warnings,
    actorId: actor.actorId,
  });

  const t = actor.tenantId;
  let rowsRead = 0;
  try {
    let staged: StagedRow[] = [];
    let problems: ImportProblemRecord[] = [];
    const flush = async () => {
      await stageImportRows(db, t, importId, staged);
      await insertImportProblems(db, t, importId, problems);
      await updateCatalogImport(db, t, importId, { rowsRead });
      staged = [];
      problems = [];
      req.onProgress?.(rowsRead);
    };
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      const { rowNumber, cells } = next.value;
      if (cells.every((c) => c.trim() === '')) continue;
      rowsRead++;
      const parsed = parseImportRow(cells, mapping.columns);
      if (parsed.ok) staged.push(toStaged(rowNumber, parsed.row));
      else {
        parsed.problems.forEach((p, seq) =>
          problems.push({ rowNumber, seq, columnName: headerOf(p.field), code: p.code, messageZh: p.message['zh-CN'], messageEn: p.message['en-US'] }),
        );
      }
      if (staged.length + problems.length >= IMPORT_BATCH_ROWS) await flush();
    }
    await flush();
  } catch (error) {
    if (!(error instanceof ImportInputError)) {
      await finish(db, t, importId, { status: 'failed', rowsRead, failureCode: 'internal_error', failureDetail: null }).catch(() => {});
      throw error;
    }
    await finish(db, t, importId, { status: 'failed', rowsRead, failureCode: error.code, failureDetail: error.message });
    return fail(error.code, error.message, { importId });
  }

  const fields: StagedFields = {
    categoryPath: present.includes('categoryPath'),
    brand: present.includes('brand'),
    barcode: present.includes('barcode'),
    weightG: present.includes('weightG'),
    status: present.includes('status'),
    tags: present.includes('tags'),
    imageUrls: present.includes('imageUrls'),
    description: present.includes('description'),
  };
  try {
    await resolveStagedRows(db, t, importId);
    await checkStagedRows(db, t, importId, { createMissing: req.createMissing, messages: setCheckMessages(headerOf) });
    const rejected = await countRejectedRows(db, t, importId);
    if (rejected > 0) return ok(await finish(db, t, importId, { status: 'rejected', rowsRead, rejectedCount: rejected }));
    if (req.dryRun) {
      const c = await countStagedOutcome(db, t, importId, fields);
      return ok(await finish(db, t, importId, { status: 'succeeded', rowsRead, createdCount: c.created, updatedCount: c.updated, unchangedCount: c.unchanged }));
    }
    const applied = await transact(db, async (trx) => {
      if (req.createMissing && (await createTaxonomy(trx, actor, importId))) await resolveStagedRows(trx, t, importId, { taxonomyOnly: true });
      const c = await countStagedOutcome(trx, t, importId, fields);
      const products = await applyStagedRows(trx, t, importId, fields);
      // One audit entry per import: per-row entries would double the write volume of a 100k-row file.
      const summary = { rowsRead, createdSkus: c.created, updatedSkus: c.updated, unchangedSkus: c.unchanged, ...products };
      await recordChange(trx, actor, { action: 'import', entityType: 'catalog_import', entityId: importId, before: null, after: summary });
      await deleteStagedRows(trx, t, importId);
      return ok((await updateCatalogImport(trx, t, importId, { status: 'succeeded', rowsRead, createdCount: c.created, updatedCount: c.updated, unchangedCount: c.unchanged, finished: true }))!);
    });
    if (!applied.ok) {
      await finish(db, t, importId, { status: 'failed', rowsRead, failureCode: applied.code, failureDetail: applied.detail ?? null });
      return { ...applied, extra: { ...applied.extra, importId } };
    }
    return applied;
  } catch (error) {
    await finish(db, t, importId, { status: 'failed', rowsRead, failureCode: 'internal_error', failureDetail: null }).catch(() => {});
    throw error;
  }
}

import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { CatalogImportsTable } from '../schema-catalog-imports.ts';

// Catalog import jobs, the problems of their rejected rows, and their staged rows.

export type CatalogImportStatus = 'running' | 'succeeded' | 'rejected' | 'failed';

export interface CatalogImportRecord {
  importId: string;
  status: CatalogImportStatus;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  dryRun: boolean;
  createMissing: boolean;
  fields: string[];
  rowsRead: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  rejectedCount: number;
  warnings: string[];
  failureCode: string | null;
  failureDetail: string | null;
  actorId: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

function toImport(r: Selectable<CatalogImportsTable>): CatalogImportRecord {
  return {
    importId: r.import_id,
    status: r.status as CatalogImportStatus,
    format: r.format as 'csv' | 'xlsx',
    encoding: r.encoding,
    dryRun: r.dry_run,
    createMissing: r.create_missing,
    fields: r.fields,
    rowsRead: r.rows_read,
    createdCount: r.created_count,
    updatedCount: r.updated_count,
    unchangedCount: r.unchanged_count,
    rejectedCount: r.rejected_count,
    warnings: r.warnings,
    failureCode: r.failure_code,
    failureDetail: r.failure_detail,
    actorId: r.actor_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

export async function insertCatalogImport(
  db: Kysely<DB>,
  tenantId: string,
  i: { importId: string; format: 'csv' | 'xlsx'; encoding: string | null; dryRun: boolean; createMissing: boolean; fields: string[]; warnings: string[]; actorId: string | null },
): Promise<CatalogImportRecord> {
  const row = await db
    .insertInto('catalog_imports')
    .values({
      tenant_id: tenantId,
      import_id: i.importId,
      format: i.format,
      encoding: i.encoding,
      dry_run: i.dryRun,
      create_missing: i.createMissing,
      fields: i.fields,
      warnings: JSON.stringify(i.warnings),
      actor_id: i.actorId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toImport(row);
}

export interface CatalogImportPatch {
  status?: CatalogImportStatus;
  rowsRead?: number;
  createdCount?: number;
  updatedCount?: number;
  unchangedCount?: number;
  rejectedCount?: number;
  failureCode?: string | null;
  failureDetail?: string | null;
  /** Sets finished_at. */
  finished?: boolean;
}

export async function updateCatalogImport(db: Kysely<DB>, tenantId: string, importId: string, p: CatalogImportPatch): Promise<CatalogImportRecord | undefined> {
  const row = await db
    .updateTable('catalog_imports')
    .set({
      ...(p.status !== undefined ? { status: p.status } : {}),
      ...(p.rowsRead !== undefined ? { rows_read: p.rowsRead } : {}),
      ...(p.createdCount !== undefined ? { created_count: p.createdCount } : {}),
      ...(p.updatedCount !== undefined ? { updated_count: p.updatedCount } : {}),
      ...(p.unchangedCount !== undefined ? { unchanged_count: p.unchangedCount } : {}),
      ...(p.rejectedCount !== undefined ? { rejected_count: p.rejectedCount } : {}),
      ...(p.failureCode !== undefined ? { failure_code: p.failureCode } : {}),
      ...(p.failureDetail !== undefined ? { failure_detail: p.failureDetail } : {}),
      ...(p.finished ? { finished_at: new Date() } : {}),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('import_id', '=', importId)
    .returningAll()
    .executeTakeFirst();
  return row && toImport(row);
}

export async function findCatalogImport(db: Kysely<DB>, tenantId: string, importId: string): Promise<CatalogImportRecord | undefined> {
  const row = await db.selectFrom('catalog_imports').selectAll().where('tenant_id', '=', tenantId).where('import_id', '=', importId).executeTakeFirst();
  return row && toImport(row);
}

/** Newest first. */
export async function listCatalogImports(db: Kysely<DB>, tenantId: string, filter: { limit: number; beforeImportId?: string | undefined }): Promise<CatalogImportRecord[]> {
  let q = db.selectFrom('catalog_imports').selectAll().where('tenant_id', '=', tenantId);
  if (filter.beforeImportId) q = q.where('import_id', '<', filter.beforeImportId);
  return (await q.orderBy('import_id', 'desc').limit(filter.limit).execute()).map(toImport);
}

export interface ImportProblemRecord {
  rowNumber: number;
  seq: number;
  columnName: string | null;
  code: string;
  messageZh: string;
  messageEn: string;
}

export async function insertImportProblems(db: Kysely<DB>, tenantId: string, importId: string, problems: readonly ImportProblemRecord[]): Promise<void> {
  if (problems.length === 0) return;
  await sql`
    insert into catalog_import_problems (tenant_id, import_id, row_number, seq, column_name, code, message_zh, message_en)
    select ${tenantId}, ${importId}, p.row_number, p.seq, p.column_name, p.code, p.message_zh, p.message_en
    from jsonb_to_recordset(${JSON.stringify(
      problems.map((p) => ({ row_number: p.rowNumber, seq: p.seq, column_name: p.columnName, code: p.code, message_zh: p.messageZh, message_en: p.messageEn })),
    )}::jsonb) as p(row_number integer, seq integer, column_name text, code text, message_zh text, message_en text)`.execute(db);
}

/** Problems in row order, a page at a time (keyset on row number and seq). */
export async function listImportProblems(
  db: Kysely<DB>,
  tenantId: string,
  importId: string,
  page: { limit: number; after?: { rowNumber: number; seq: number } | undefined },
): Promise<ImportProblemRecord[]> {
  let q = db.selectFrom('catalog_import_problems').selectAll().where('tenant_id', '=', tenantId).where('import_id', '=', importId);
  if (page.after) {
    const { rowNumber, seq } = page.after;
    q = q.where((eb) => eb.or([eb('row_number', '>', rowNumber), eb.and([eb('row_number', '=', rowNumber), eb('seq', '>', seq)])]));
  }
  const rows = await q.orderBy('row_number').orderBy('seq').limit(page.limit).execute();
  return rows.map((r) => ({ rowNumber: r.row_number, seq: r.seq, columnName: r.column_name, code: r.code, messageZh: r.message_zh, messageEn: r.message_en }));
}

/** How many distinct rows have a problem. */
export async function countRejectedRows(db: Kysely<DB>, tenantId: string, importId: string): Promise<number> {
  const r = await db
    .selectFrom('catalog_import_problems')
    .select((eb) => eb.fn.count<string>('row_number').distinct().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One valid row, as staged for the set-based checks and the apply. */
export interface StagedRow {
  rowNumber: number;
  productCode: string;
  title: string;
  categoryPath: string | null;
  brandName: string | null;
  specNames: string[] | null;
  specVals: string[] | null;
  specValues: Record<string, string> | null;
  skuCode: string;
  barcode: string | null;
  priceFen: number;
  costFen: number;
  weightG: number | null;
  status: string | null;
  tags: string[] | null;
  imageUrls: string[] | null;
  description: string | null;
  newProductId: string;
  newSkuId: string;
}

/** Stages a batch of rows with one statement (one JSON parameter, whatever the batch size). */
export async function stageImportRows(db: Kysely<DB>, tenantId: string, importId: string, rows: readonly StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => ({
      row_number: r.rowNumber,
      product_code: r.productCode,
      title: r.title,
      category_path: r.categoryPath,
      brand_name: r.brandName,
      spec_names: r.specNames,
      spec_vals: r.specVals,
      spec_values: r.specValues,
      sku_code: r.skuCode,
      barcode: r.barcode,
      price_fen: r.priceFen,
      cost_fen: r.costFen,
      weight_g: r.weightG,
      status: r.status,
      tags: r.tags,
      image_urls: r.imageUrls,
      description: r.description,
      new_product_id: r.newProductId,
      new_sku_id: r.newSkuId,
    })),
  );
  await sql`
    insert into catalog_import_rows (tenant_id, import_id, row_number, product_code, title, category_path, brand_name, spec_names, spec_vals,
      spec_values, sku_code, barcode, price_fen, cost_fen, weight_g, status, tags, image_urls, description, new_product_id, new_sku_id)
    select ${tenantId}, ${importId}, r.row_number, r.product_code, r.title, r.category_path, r.brand_name, r.spec_names, r.spec_vals,
      r.spec_values, r.sku_code, r.barcode, r.price_fen, r.cost_fen, r.weight_g, r.status, r.tags, r.image_urls, r.description, r.new_product_id, r.new_sku_id
    from jsonb_to_recordset(${json}::jsonb) as r(row_number integer, product_code text, title text, category_path text, brand_name text,
      spec_names text[], spec_vals text[], spec_values jsonb, sku_code text, barcode text, price_fen bigint, cost_fen bigint, weight_g integer,
      status text, tags text[], image_urls text[], description text, new_product_id text, new_sku_id text)`.execute(db);
}

export async function deleteStagedRows(db: Kysely<DB>, tenantId: string, importId: string): Promise<void> {
  await db.deleteFrom('catalog_import_rows').where('tenant_id', '=', tenantId).where('import_id', '=', importId).execute();
}

/**
 * Imports still `running` whose row has not moved since `staleBefore` (their process died: a live
 * import updates its row every batch): marked failed with `abandoned`, and their staged rows
 * dropped. Returns how many were closed.
 */
export async function closeAbandonedImports(db: Kysely<DB>, staleBefore: Date, now: Date): Promise<number> {
  const closed = await db
    .updateTable('catalog_imports')
    .set({ status: 'failed', failure_code: 'abandoned', failure_detail: 'The import stopped without finishing (the server restarted); upload the file again.', finished_at: now, updated_at: now })
    .where('status', '=', 'running')
    .where('updated_at', '<', staleBefore)
    .returning(['tenant_id', 'import_id'])
    .execute();
  for (const c of closed) await deleteStagedRows(db, c.tenant_id, c.import_id);
  return closed.length;
}

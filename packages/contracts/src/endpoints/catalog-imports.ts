import { z } from 'zod';
import { idSchema, page, PageQuery, Timestamp } from '../common.ts';
import { endpoint } from '../endpoint.ts';

// Catalog import and export (商品导入/导出): one row per SKU in the template of
// docs/catalog-import.md, as CSV (UTF-8 or GB18030) or XLSX. Uploads are raw bodies, not JSON.

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The content types an import accepts (the upload body) and an export answers with. */
export const CATALOG_FILE_TYPES = [CSV_TYPE, XLSX_TYPE] as const;

/** The raw file, for the OpenAPI description of the upload body and the export response. */
export const CatalogFile = z.string().meta({ format: 'binary' }).describe('the file itself: CSV (UTF-8 with or without BOM, or GB18030/GBK) or XLSX');

const Flag = z.enum(['true', 'false']).default('false');

export const CATALOG_IMPORT_STATUSES = ['running', 'succeeded', 'rejected', 'failed'] as const;

export const RejectedRow = z.object({
  row: z.int().describe('row number as Excel shows it: the header is row 1'),
  column: z.string().nullable().describe('the header of the column as written in the file; null when the problem is the whole row'),
  code: z.string().describe('import_field_required, import_bad_number, price_below_cost, import_duplicate_sku_code, … (docs/catalog-import.md)'),
  message: z.string(),
});

export const CatalogImport = z.object({
  importId: idSchema('imp'),
  status: z.enum(CATALOG_IMPORT_STATUSES).describe('running while the file is read; rejected when any row is invalid (nothing written)'),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable().describe('csv: utf-8 or gb18030'),
  dryRun: z.boolean(),
  createMissing: z.boolean(),
  rowsRead: z.int().describe('data rows read so far (updated every batch while running)'),
  created: z.int().describe('SKUs created (or, in a dry run, that would be)'),
  updated: z.int().describe('existing SKUs whose SKU or product fields change'),
  unchanged: z.int(),
  rejected: z.int().describe('rows with at least one problem'),
  warnings: z.array(z.string()).describe('ignored columns and the like'),
  failure: z.object({ code: z.string(), detail: z.string().nullable() }).nullable().describe('status failed: why'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});

export const CatalogImportReport = CatalogImport.extend({
  rejectedRows: z.array(RejectedRow).describe('the first 1,000 problems; the rejected-rows CSV has all of them'),
  rejectedRowsTruncated: z.boolean(),
});

const ImportParams = z.object({ importId: idSchema('imp') });

export const createCatalogImport = endpoint({
  id: 'createCatalogImport',
  method: 'POST',
  path: '/api/v1/catalog/imports',
  access: 'catalog.write',
  summary:
    'Import products and SKUs from a CSV or XLSX file sent as the raw body (Content-Type text/csv or the XLSX type); all rows or none: any invalid row answers import_rejected with the report',
  tags: ['catalog'],
  query: z.object({
    dryRun: Flag.describe('check the file and report what it would do, writing nothing'),
    createMissing: Flag.describe('create categories (by path) and brands (by name) the file names that do not exist, instead of rejecting the rows'),
    encoding: z.enum(['utf-8', 'gb18030', 'gbk']).optional().describe('CSV encoding; detected when absent (BOM → UTF-8, invalid UTF-8 → GB18030)'),
  }),
  response: { 201: CatalogImportReport },
});

export const listCatalogImports = endpoint({
  id: 'listCatalogImports',
  method: 'GET',
  path: '/api/v1/catalog/imports',
  access: 'catalog.read',
  summary: 'Catalog imports, newest first',
  tags: ['catalog'],
  query: PageQuery,
  response: { 200: page(CatalogImport) },
});

export const getCatalogImport = endpoint({
  id: 'getCatalogImport',
  method: 'GET',
  path: '/api/v1/catalog/imports/:importId',
  access: 'catalog.read',
  summary: 'One import: its progress while running, then its counts and rejected rows',
  tags: ['catalog'],
  params: ImportParams,
  response: { 200: CatalogImportReport },
});

export const getCatalogImportRejectedRows = endpoint({
  id: 'getCatalogImportRejectedRows',
  method: 'GET',
  path: '/api/v1/catalog/imports/:importId/rejected-rows.csv',
  access: 'catalog.read',
  summary: 'Every problem of an import’s rejected rows as CSV (row, column, code, message)',
  tags: ['catalog'],
  params: ImportParams,
  response: { 200: CatalogFile },
});

export const exportCatalog = endpoint({
  id: 'exportCatalog',
  method: 'GET',
  path: '/api/v1/catalog/exports',
  access: 'catalog.read',
  summary: 'Every SKU as a file in the import template (zh-CN headers unless Accept-Language prefers English); re-imports unchanged',
  tags: ['catalog'],
  query: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
  response: { 200: CatalogFile },
});

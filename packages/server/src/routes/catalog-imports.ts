import { PassThrough, Readable } from 'node:stream';
import { catalogImports, type Locale } from '@yunying/contracts';
import { findCatalogImport, listCatalogImports, listImportProblems, type CatalogImportRecord, type DB, type Kysely } from '@yunying/db';
import type { FastifyInstance, FastifySchemaCompiler, RouteOptions } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { decodeCursor, toPage } from '../cursor.ts';
import { actorOf } from '../plugins/auth.ts';
import { ApiError, negotiateLocale } from '../problem.ts';
import { exportCatalogFile, rejectedRowsCsv } from '../services/catalog-export.ts';
import { importCatalog } from '../services/catalog-imports.ts';
import { registerEndpoint, type RouteContext } from './register.ts';
import { isoTimestamp, isoTimestampOrNull } from '@yunying/core/time';

// Catalog import/export. The upload is the raw file (not JSON) and the export and rejected-rows
// routes answer files; an onRoute hook of this scope describes those bodies in the route schema
// (OpenAPI) and keeps body validation off the upload stream.

const REPORT_ROWS = 1_000;
const { CATALOG_FILE_TYPES, CatalogFile, CSV_TYPE, XLSX_TYPE } = catalogImports;


function importToApi(r: CatalogImportRecord) {
  return {
    importId: r.importId,
    status: r.status,
    format: r.format,
    encoding: r.encoding,
    dryRun: r.dryRun,
    createMissing: r.createMissing,
    rowsRead: r.rowsRead,
    created: r.createdCount,
    updated: r.updatedCount,
    unchanged: r.unchangedCount,
    rejected: r.rejectedCount,
    warnings: r.warnings,
    failure: r.failureCode ? { code: r.failureCode, detail: r.failureDetail } : null,
    createdAt: isoTimestamp(r.createdAt),
    updatedAt: isoTimestamp(r.updatedAt),
    finishedAt: isoTimestampOrNull(r.finishedAt),
  };
}

/** The job with its first REPORT_ROWS problems in the caller's language. */
async function reportOf(db: Kysely<DB>, tenantId: string, r: CatalogImportRecord, locale: Locale) {
  const problems = await listImportProblems(db, tenantId, r.importId, { limit: REPORT_ROWS + 1 });
  return {
    ...importToApi(r),
    rejectedRows: problems.slice(0, REPORT_ROWS).map((p) => ({ row: p.rowNumber, column: p.columnName, code: p.code, message: locale === 'zh-CN' ? p.messageZh : p.messageEn })),
    rejectedRowsTruncated: problems.length > REPORT_ROWS,
  };
}

const fileResponse = { 200: { content: Object.fromEntries(CATALOG_FILE_TYPES.map((t: string) => [t, { schema: CatalogFile }])) } };
const csvResponse = { 200: { content: { [CSV_TYPE]: { schema: CatalogFile } } } };

/** Validates everything with zod except the upload body, which is the raw stream. */
const rawBodyValidator: FastifySchemaCompiler<unknown> = (route) => (route.httpPart === 'body' ? () => true : validatorCompiler(route as never));

function describeFiles(route: RouteOptions): void {
  const id = (route.config as { endpoint?: { id: string } } | undefined)?.endpoint?.id;
  const schema = route.schema as Record<string, unknown> | undefined;
  if (!schema) return;
  if (id === catalogImports.createCatalogImport.id) {
    schema.body = CatalogFile;
    schema.consumes = [...CATALOG_FILE_TYPES];
    route.validatorCompiler = rawBodyValidator;
  } else if (id === catalogImports.exportCatalog.id) {
    schema.response = fileResponse;
  } else if (id === catalogImports.getCatalogImportRejectedRows.id) {
    schema.response = csvResponse;
  }
}

export function catalogImportRoutes(app: FastifyInstance, ctx: RouteContext): void {
  void app.register(async (scope) => {
    scope.addHook('onRoute', describeFiles);
    // Hands the upload to the handler as a stream: files are read as they arrive, never buffered.
    scope.addContentTypeParser([...CATALOG_FILE_TYPES], (_request, payload, done) => done(null, payload));
    const localeOf = (header: string | undefined) => negotiateLocale(header, ctx.config.defaultLocale);

    registerEndpoint(scope, ctx, catalogImports.createCatalogImport, async ({ query, request }) => {
      const actor = actorOf(request);
      const body = request.body;
      if (!(body instanceof Readable)) throw new ApiError('unsupported_media_type', `Send the file itself as the body, with Content-Type ${CSV_TYPE} or ${XLSX_TYPE}.`);
      const length = Number(request.headers['content-length']);
      if (Number.isFinite(length) && length > ctx.config.importLimitBytes) {
        body.resume();
        throw new ApiError('payload_too_large', `The file is larger than ${ctx.config.importLimitBytes} bytes.`);
      }
      const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      // The service reads a pass-through: when it stops early (a bad header, the size limit) the
      // request is left to drain instead of being destroyed, so the client still gets the problem.
      const source = new PassThrough();
      body.pipe(source);
      let result;
      try {
        result = await importCatalog(ctx.db, actor, {
          source,
          format: type === XLSX_TYPE ? 'xlsx' : 'csv',
          encoding: query.encoding === undefined ? undefined : query.encoding === 'utf-8' ? 'utf-8' : 'gb18030',
          dryRun: query.dryRun === 'true',
          createMissing: query.createMissing === 'true',
          maxBytes: ctx.config.importLimitBytes,
        });
      } finally {
        body.unpipe(source);
        body.resume();
      }
      if (!result.ok) throw new ApiError(result.code, result.detail, result.extra);
      const report = await reportOf(ctx.db, actor.tenantId, result.value, localeOf(request.headers['accept-language']));
      if (result.value.status === 'rejected') {
        throw new ApiError('import_rejected', `${result.value.rejectedCount} of ${result.value.rowsRead} rows are invalid; nothing was imported.`, { importId: report.importId, report });
      }
      return report;
    });

    registerEndpoint(scope, ctx, catalogImports.listCatalogImports, async ({ query, request }) => {
      const rows = await listCatalogImports(ctx.db, actorOf(request).tenantId, { limit: query.limit + 1, beforeImportId: decodeCursor(query.cursor) });
      return toPage(rows, query.limit, (r) => r.importId, importToApi);
    });

    registerEndpoint(scope, ctx, catalogImports.getCatalogImport, async ({ params, request }) => {
      const tenantId = actorOf(request).tenantId;
      const found = await findCatalogImport(ctx.db, tenantId, params.importId);
      if (!found) throw new ApiError('not_found');
      return reportOf(ctx.db, tenantId, found, localeOf(request.headers['accept-language']));
    });

    registerEndpoint(scope, ctx, catalogImports.getCatalogImportRejectedRows, async ({ params, request, reply }) => {
      const tenantId = actorOf(request).tenantId;
      if (!(await findCatalogImport(ctx.db, tenantId, params.importId))) throw new ApiError('not_found');
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${params.importId}-rejected-rows.csv"`);
      return rejectedRowsCsv(ctx.db, tenantId, params.importId, localeOf(request.headers['accept-language'])) as unknown as string;
    });

    registerEndpoint(scope, ctx, catalogImports.exportCatalog, async ({ query, request, reply }) => {
      const tenantId = actorOf(request).tenantId;
      const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
      reply.type(query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE).header('content-disposition', `attachment; filename="catalog-${day}.${query.format}"`);
      // A stream: Fastify pipes it and skips the JSON serializer.
      return exportCatalogFile(ctx.db, tenantId, query.format, localeOf(request.headers['accept-language'])) as unknown as string;
    });
  });
}

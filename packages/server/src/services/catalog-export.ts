import { PassThrough, Readable } from 'node:stream';
import { exportHeader, formatExportRow, guardFormula } from '@yunying/core/catalog';
import { categoryPathsById, exportCatalogPage, listImportProblems, type DB, type ExportRowRecord, type Kysely } from '@yunying/db';
import { stringify } from 'csv-stringify';

// Streamed files: the catalog in the import template (CSV or XLSX) and an import's rejected rows
// (CSV). Rows are read a page at a time, so memory stays flat however large the catalog.

const PAGE = 1_000;
type Locale = 'zh-CN' | 'en-US';

/** Template rows of every SKU of the shop, product by product. */
async function* catalogRows(db: Kysely<DB>, tenantId: string, locale: Locale): AsyncGenerator<string[]> {
  const paths = await categoryPathsById(db, tenantId);
  let after: { productId: string; skuId: string } | undefined;
  for (;;) {
    const page: ExportRowRecord[] = await exportCatalogPage(db, tenantId, { limit: PAGE, after });
    for (const r of page) {
      yield formatExportRow(
        {
          productCode: r.productCode,
          title: r.title,
          categoryPath: r.categoryId ? (paths.get(r.categoryId) ?? null) : null,
          brand: r.brandName,
          specs: r.specDimensions.filter((d) => r.specValues[d.name] !== undefined).map((d) => [d.name, r.specValues[d.name]!] as const),
          skuCode: r.skuCode,
          barcode: r.barcode,
          priceFen: r.priceFen,
          costFen: r.costFen,
          weightG: r.weightG,
          status: r.status,
          tags: r.tags,
          imageUrls: r.imageUrls,
          description: r.description,
        },
        locale,
      );
    }
    if (page.length < PAGE) return;
    const last = page.at(-1)!;
    after = { productId: last.productId, skuId: last.skuId };
  }
}

/** CSV with a UTF-8 BOM (so Excel opens it as UTF-8), every cell guarded against formula injection. */
function toCsv(header: string[], rows: AsyncIterable<string[]>): Readable {
  const out = stringify({ bom: true, quoted_match: /[",\r\n]/ });
  const source = Readable.from(
    (async function* () {
      yield header.map(guardFormula);
      for await (const cells of rows) yield cells.map(guardFormula);
    })(),
  );
  source.on('error', (e) => out.destroy(e));
  source.pipe(out);
  return out;
}

/** XLSX written by exceljs's streaming writer; every cell is text, so 99.00 stays 99.00. */
function toXlsx(header: string[], rows: AsyncIterable<string[]>, sheetName: string): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      const { default: ExcelJS } = await import('exceljs'); // loaded on first use: it is large, and most servers never need it
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
      const sheet = workbook.addWorksheet(sheetName);
      sheet.addRow(header).commit();
      for await (const cells of rows) sheet.addRow(cells).commit();
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

export function exportCatalogFile(db: Kysely<DB>, tenantId: string, format: 'csv' | 'xlsx', locale: Locale): Readable {
  const rows = catalogRows(db, tenantId, locale);
  return format === 'csv' ? toCsv(exportHeader(locale), rows) : toXlsx(exportHeader(locale), rows, locale === 'zh-CN' ? '商品' : 'Catalog');
}

/** Every problem of an import's rejected rows as CSV: row, column, code, message. */
export function rejectedRowsCsv(db: Kysely<DB>, tenantId: string, importId: string, locale: Locale): Readable {
  const header = locale === 'zh-CN' ? ['行号', '列', '错误代码', '说明'] : ['Row', 'Column', 'Code', 'Message'];
  async function* rows(): AsyncGenerator<string[]> {
    let after: { rowNumber: number; seq: number } | undefined;
    for (;;) {
      const page = await listImportProblems(db, tenantId, importId, { limit: PAGE, after });
      for (const p of page) yield [String(p.rowNumber), p.columnName ?? '', p.code, locale === 'zh-CN' ? p.messageZh : p.messageEn];
      if (page.length < PAGE) return;
      const last = page.at(-1)!;
      after = { rowNumber: last.rowNumber, seq: last.seq };
    }
  }
  return toCsv(header, rows());
}

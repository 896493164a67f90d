import { PassThrough, Readable, Transform, pipeline } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

// Reads an uploaded catalog file as rows of text cells, streaming: CSV (UTF-8 with or without a
// BOM, or GB18030/GBK as Excel in China saves it) and XLSX (the first worksheet). Memory holds a
// chunk and a row at a time, whatever the file size.

export type CsvEncoding = 'utf-8' | 'gb18030';

/** One row as the operator sees it in Excel: `rowNumber` 1 is the header. */
export interface SheetRow {
  rowNumber: number;
  cells: string[];
}

/** A file the import cannot read, or one over the size limit. */
export class ImportInputError extends Error {
  constructor(
    readonly code: 'import_unreadable' | 'payload_too_large',
    detail: string,
  ) {
    super(detail);
    this.name = 'ImportInputError';
  }
}

const SNIFF_BYTES = 64 * 1024;

/** Passes bytes through until `maxBytes`, then fails with payload_too_large. */
function byteLimit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new ImportInputError('payload_too_large', `The file is larger than ${maxBytes} bytes.`));
      else done(null, chunk);
    },
  });
}

/**
 * The encoding of a CSV from its first bytes: a UTF-8 BOM says UTF-8; otherwise text that is
 * valid UTF-8 is UTF-8 and anything else is read as GB18030 (a superset of GBK and GB2312).
 */
export function sniffEncoding(head: Buffer): CsvEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** The first SNIFF_BYTES (or the whole stream when shorter), and the stream again from its start. */
async function peek(source: Readable): Promise<{ head: Buffer; whole: Readable }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let done = false;
  while (size < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* again(): AsyncGenerator<Buffer> {
    yield head;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, whole: Readable.from(again(), { objectMode: false }) };
}

function unreadable(error: unknown): ImportInputError {
  if (error instanceof ImportInputError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ImportInputError('import_unreadable', message.replace(/[\u0000-\u001f]/g, ' ').slice(0, 200));
}

/** Rows of a CSV upload, and the encoding it was read in. */
export async function openCsv(source: Readable, opts: { maxBytes: number; encoding?: CsvEncoding | undefined }): Promise<{ encoding: CsvEncoding; rows: AsyncIterable<SheetRow> }> {
  const limited = source.pipe(byteLimit(opts.maxBytes));
  source.on('error', (e) => limited.destroy(e));
  let peeked: { head: Buffer; whole: Readable };
  try {
    peeked = await peek(limited);
  } catch (error) {
    throw unreadable(error);
  }
  const encoding = opts.encoding ?? sniffEncoding(peeked.head);
  const parser = parseCsv({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: 1_000_000 });
  pipeline(peeked.whole, iconv.decodeStream(encoding === 'utf-8' ? 'utf8' : 'gb18030') as unknown as Transform, parser, () => {});
  async function* rows(): AsyncGenerator<SheetRow> {
    let rowNumber = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) yield { rowNumber: ++rowNumber, cells: record };
    } catch (error) {
      throw unreadable(error);
    }
  }
  return { encoding, rows: rows() };
}

/** A cell of exceljs as the text the operator sees. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text);
  return '';
}

/** Rows of the first worksheet of an XLSX upload. */
export function openXlsx(source: Readable, opts: { maxBytes: number }): AsyncIterable<SheetRow> {
  const limited = new PassThrough();
  pipeline(source, byteLimit(opts.maxBytes), limited, () => {});
  async function* rows(): AsyncGenerator<SheetRow> {
    try {
      const { default: Excel } = await import('exceljs'); // loaded on first use: it is large, and most servers never need it
      const reader = new Excel.stream.xlsx.WorkbookReader(limited, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
      for await (const worksheet of reader) {
        for await (const row of worksheet) {
          const values = row.values as ExcelJS.CellValue[];
          const cells: string[] = [];
          for (let c = 1; c < values.length; c++) cells.push(cellText(values[c] ?? null));
          yield { rowNumber: row.number, cells };
        }
        return; // the first worksheet only
      }
      throw new ImportInputError('import_unreadable', 'The workbook has no worksheet.');
    } catch (error) {
      throw unreadable(error);
    } finally {
      limited.resume();
    }
  }
  return rows();
}

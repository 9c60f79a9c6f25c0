// Streams a dataset as CSV, XLSX or JSON Lines. Rows come from better-sqlite3's lazy `.iterate()` on
// a read-only connection of the export's own (the main connection must stay free for other
// requests while the client downloads, and the open read gives the export one consistent view).
// CSV and JSON Lines are encoded into chunks of about 64 KB, and a chunk is made only when the
// client's side asks for one (a pull-based ReadableStream that queues nothing ahead), so memory
// stays flat however many rows there are, and other requests run between chunks.
import Database from 'better-sqlite3';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { Services } from '../services.ts';
import { datasets, type Cell, type DatasetName, type ExportRequest } from './datasets.ts';

export const exportFormats = ['csv', 'xlsx', 'jsonl'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** Characters of encoded text per chunk handed to the client (UTF-8: up to 3 bytes each). */
const chunkChars = 32 * 1024;

const needsQuotes = /[",\r\n]/;

/**
 * One CSV field as RFC 4180 has it, and as csv-stringify writes it by default: quoted when it
 * holds a comma, a double quote or a line break, with quotes doubled; null is empty.
 */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV record with its line feed. */
export function csvRecord(row: readonly Cell[]): string {
  let line = csvField(row[0] ?? null);
  for (let i = 1; i < row.length; i++) line += `,${csvField(row[i] ?? null)}`;
  return `${line}\n`;
}

/** Text chunks of about `chunkChars`, each made from as many encoded rows as fit. */
function* chunks(first: string, rows: Iterable<Cell[]>, encode: (row: Cell[]) => string) {
  let chunk = first;
  for (const row of rows) {
    chunk += encode(row);
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** XLSX through exceljs' streaming writer, read back from its output stream with backpressure. */
async function* xlsx(name: string, header: string[], rows: Iterable<Cell[]>) {
  // Loaded on first use: exceljs costs most of a second of start-up otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const write = async () => {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow(header).commit();
    let n = 0;
    for (const row of rows) {
      sheet.addRow(row).commit();
      if (++n % 1000 === 0) {
        if (out.destroyed) throw new Error('export aborted by the client');
        if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      }
    }
    sheet.commit();
    await workbook.commit(); // ends `out`
  };
  const writing = write().catch((error: unknown) =>
    out.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  try {
    for await (const chunk of out) yield chunk as Buffer;
  } finally {
    out.destroy();
    await writing;
  }
}

const encoder = new TextEncoder();

/** A ReadableStream that makes each chunk only when the reader asks for it (nothing queued). */
function pullStream(source: Iterator<string | Uint8Array> | AsyncIterator<string | Uint8Array>) {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await source.next();
        if (next.done) controller.close();
        else
          controller.enqueue(
            typeof next.value === 'string' ? encoder.encode(next.value) : next.value,
          );
      },
      async cancel() {
        await source.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

export function streamExport(
  s: Services,
  name: DatasetName,
  format: ExportFormat,
  request: ExportRequest,
): ReadableStream<Uint8Array> {
  const dataset = datasets[name];
  const header = dataset.columns.map((c) => c.key);
  // The connection opens with the first chunk asked for, and closes when the rows are done, the
  // client leaves, or something fails.
  function* rows() {
    const db = new Database(s.config.HUIYIN_DB, { readonly: true, fileMustExist: true });
    try {
      yield* dataset.rows(s, db, request);
    } finally {
      db.close();
    }
  }
  if (format === 'xlsx') return pullStream(xlsx(name, header, rows()));
  if (format === 'csv')
    // A BOM so that Excel opens the UTF-8 Chinese text correctly.
    return pullStream(chunks(`\uFEFF${csvRecord(header)}`, rows(), csvRecord));
  return pullStream(
    chunks('', rows(), (row) => {
      const o: Record<string, Cell> = {};
      for (let i = 0; i < header.length; i++) o[header[i]!] = row[i] ?? null;
      return `${JSON.stringify(o)}\n`;
    }),
  );
}

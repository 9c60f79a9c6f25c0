// Streams a dataset as CSV, XLSX or JSON Lines. Rows come in batches from the store's streams, on
// a reader of the export's own (SQLite: a read-only connection; PostgreSQL: a cursor), so the
// server's connections stay free for other requests while the client downloads, and the export
// sees one consistent snapshot. CSV and JSON Lines are encoded into chunks of about 64 KB, and a
// chunk is made only when the client's side asks for one (a pull-based ReadableStream that queues
// nothing ahead), so memory stays flat however many rows there are, and other requests run
// between chunks.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { ApiError } from '../http/api-error.ts';
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
async function* chunks(
  first: string,
  batches: AsyncIterable<Cell[][]>,
  encode: (row: Cell[]) => string,
) {
  let chunk = first;
  for await (const rows of batches) {
    for (const row of rows) {
      chunk += encode(row);
      if (chunk.length >= chunkChars) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk) yield chunk;
}

/** XLSX through exceljs' streaming writer, read back from its output stream with backpressure. */
async function* xlsx(name: string, header: string[], batches: AsyncIterable<Cell[][]>) {
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
    for await (const rows of batches) {
      for (const row of rows) sheet.addRow(row).commit();
      if (out.destroyed) throw new Error('export aborted by the client');
      if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
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
function pullStream(source: AsyncIterator<string | Uint8Array>) {
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
  // The reader opens with the first chunk asked for, and closes when the rows are done, the
  // client leaves, or something fails.
  const rows = () => dataset.rows(s, request);
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

const dayStart = (d: string) => Date.parse(`${d}T00:00:00+08:00`);

/**
 * A campaign's dataset over China-time days [from, to] (inclusive; open-ended when left out), as
 * the download answers it: anyone may download.
 */
export function campaignExport(
  s: Services,
  slug: string,
  name: DatasetName,
  q: { format: ExportFormat; from?: string | undefined; to?: string | undefined },
) {
  const campaign = s.campaigns.get(slug);
  if (!campaign) throw new ApiError('not_found', 'No such campaign');
  const from = q.from ? dayStart(q.from) : 0;
  const to = q.to ? dayStart(q.to) + 86_400_000 : s.clock.now() + 1;
  if (Number.isNaN(from) || Number.isNaN(to) || from >= to)
    throw new ApiError('validation_failed', 'The date range is empty or invalid', {
      fields: { from: 'must be a real day on or before to' },
    });
  return {
    body: streamExport(s, name, q.format, { campaignId: campaign.id, from, to }),
    filename: `${slug}-${name}-${q.from ?? 'start'}-${q.to ?? 'now'}.${q.format}`,
    contentType: contentTypes[q.format],
  };
}

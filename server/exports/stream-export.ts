// Streams a dataset as CSV, XLSX or JSON Lines. Rows come from better-sqlite3's lazy `.iterate()` on
// a read-only connection of the export's own (the main connection must stay free for other
// requests while the client downloads, and the open read gives the export one consistent view);
// they are written in batches, waiting for the client whenever its buffer is full, so memory stays
// flat however many rows there are.
import Database from 'better-sqlite3';
import { stringify } from 'csv-stringify';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { PassThrough, type Writable } from 'node:stream';
import type { Services } from '../services.ts';
import { datasets, type Cell, type DatasetName, type ExportRequest } from './datasets.ts';

export const exportFormats = ['csv', 'xlsx', 'jsonl'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

const batchSize = 1000;

/** Writes, then waits for the reader when the stream's buffer is full (or gone: the client left). */
async function put(out: Writable, chunk: string | Buffer, client: Writable = out) {
  if (client.destroyed) throw new Error('export aborted by the client');
  if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(client, 'close')]);
}

/** Rows in batches; a pause between batches lets other requests run during a long export. */
function* batches(rows: Iterable<Cell[]>): Generator<Cell[][]> {
  let batch: Cell[][] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export function streamExport(
  s: Services,
  name: DatasetName,
  format: ExportFormat,
  request: ExportRequest,
): Readable {
  const dataset = datasets[name];
  const header = dataset.columns.map((c) => c.key);
  const out = new PassThrough();
  const db = new Database(s.config.HUIYIN_DB, { readonly: true, fileMustExist: true });
  const run = async () => {
    const rows = dataset.rows(s, db, request);
    if (format === 'csv') {
      // A BOM so that Excel opens the UTF-8 Chinese text correctly.
      await put(out, '\uFEFF');
      const csv = stringify({ header: true, columns: header });
      csv.pipe(out, { end: false });
      const finished = once(csv, 'end');
      for (const batch of batches(rows)) for (const row of batch) await put(csv, row as never, out);
      csv.end();
      await finished;
    } else if (format === 'jsonl') {
      for (const batch of batches(rows)) {
        const lines = batch.map((row) =>
          JSON.stringify(Object.fromEntries(header.map((k, i) => [k, row[i] ?? null]))),
        );
        await put(out, `${lines.join('\n')}\n`);
      }
    } else {
      // Loaded on first use: exceljs costs most of a second of start-up otherwise.
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: false,
        useSharedStrings: false,
      });
      const sheet = workbook.addWorksheet(name);
      sheet.addRow(header).commit();
      for (const batch of batches(rows)) {
        if (out.destroyed) throw new Error('export aborted by the client');
        for (const row of batch) sheet.addRow(row).commit();
        if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      }
      sheet.commit();
      await workbook.commit();
      return; // the workbook writer ends `out` itself
    }
    out.end();
  };
  run()
    .catch((error: unknown) =>
      out.destroy(error instanceof Error ? error : new Error(String(error))),
    )
    .finally(() => db.close());
  return out;
}

// Labelled history for the routing classifier: a CSV with a header naming at least `title` and
// `category` (and optionally `body`), as exported by older message boards. Tolerates a BOM,
// CRLF line ends, extra columns and new lines inside quoted fields; refuses rows it cannot read,
// naming their line in the file.
import { parse } from 'csv-parse/sync';
import type { TrainingExample } from './model.ts';

export interface LabeledRow {
  title: string;
  body: string;
  category: string;
}

export interface CsvProblem {
  /** Line in the file where the row starts (the header is line 1). */
  line: number;
  message: string;
}

export class LabeledCsvError extends Error {
  constructor(readonly problems: CsvProblem[]) {
    const shown = problems.slice(0, 10).map((p) => `line ${p.line}: ${p.message}`);
    if (problems.length > 10) shown.push(`… and ${problems.length - 10} more`);
    super(`Cannot import labelled CSV:\n${shown.join('\n')}`);
    this.name = 'LabeledCsvError';
  }
}

const required = ['title', 'category'] as const;

export function parseLabeledCsv(text: string): LabeledRow[] {
  const unix = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(unix, {
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    throw new LabeledCsvError([{ line, message: (error as Error).message }]);
  }
  const startLine = (r: (typeof records)[number]) =>
    r.info.lines - r.record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);

  const [header, ...rows] = records;
  if (!header) throw new LabeledCsvError([{ line: 1, message: 'the file is empty' }]);
  const names = header.record.map((h) => h.trim().toLowerCase());
  const column = (name: string) => names.indexOf(name);
  const missing = required.filter((name) => column(name) < 0);
  if (missing.length > 0) {
    throw new LabeledCsvError([
      {
        line: startLine(header),
        message: `missing column ${missing.map((m) => `'${m}'`).join(' and ')} in the header (found: ${header.record.join(', ')})`,
      },
    ]);
  }
  const [titleAt, categoryAt, bodyAt] = [column('title'), column('category'), column('body')];

  const problems: CsvProblem[] = [];
  const out: LabeledRow[] = [];
  for (const r of rows) {
    const line = startLine(r);
    const fields = r.record;
    if (fields.length > names.length) {
      problems.push({
        line,
        message: `${fields.length} fields but the header names ${names.length} columns (quote fields that contain commas)`,
      });
      continue;
    }
    const missingHere = [
      ['title', titleAt],
      ['category', categoryAt],
    ].filter(([, at]) => (fields[at as number] ?? '').trim() === '');
    if (missingHere.length > 0) {
      problems.push({
        line,
        message: `missing ${missingHere.map(([name]) => `'${name}'`).join(' and ')}`,
      });
      continue;
    }
    out.push({
      title: fields[titleAt]!.trim(),
      body: bodyAt >= 0 ? (fields[bodyAt] ?? '').trim() : '',
      category: fields[categoryAt]!.trim(),
    });
  }
  if (problems.length > 0) throw new LabeledCsvError(problems);
  return out;
}

/** The text the classifier reads for a message: its title, a new line, its body. */
export function messageText(title: string, body?: string | null): string {
  return body ? `${title}\n${body}` : title;
}

/** Anything with a key and localised titles, such as a campaign's topics. */
export interface TopicLike {
  key: string;
  title: Partial<Record<string, string>>;
}

/**
 * Maps history categories to a campaign's topic keys: a category may be written as the key or as
 * any of the topic's titles (城乡建设 → urban-construction). Unknown categories are counted.
 */
export function labeledRowsToExamples(
  rows: LabeledRow[],
  topics: TopicLike[],
): { examples: TrainingExample[]; unknown: { category: string; rows: number }[] } {
  const byName = new Map<string, string>();
  for (const t of topics) {
    byName.set(t.key.toLowerCase(), t.key);
    for (const title of Object.values(t.title)) if (title) byName.set(title.toLowerCase(), t.key);
  }
  const examples: TrainingExample[] = [];
  const unknown = new Map<string, number>();
  for (const row of rows) {
    const key = byName.get(row.category.toLowerCase());
    if (key) examples.push({ text: messageText(row.title, row.body), label: key });
    else unknown.set(row.category, (unknown.get(row.category) ?? 0) + 1);
  }
  return { examples, unknown: [...unknown].map(([category, n]) => ({ category, rows: n })) };
}

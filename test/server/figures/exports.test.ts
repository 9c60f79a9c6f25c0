import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshFigures } from '../../../server/figures/refresh-figures.ts';
import { probe } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { hour, insertSubmission, monday, scenario } from './fixture.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ now: monday + 10 * 24 * hour });
  await scenario(t);
  for (let i = 0; i < 5; i++)
    await insertSubmission(t, { createdAt: monday + 3 * 24 * hour + i * hour });
  await refreshFigures(t.services);
});
afterEach(() => t.close());

async function download(path: string) {
  const res = await t.app.request(path);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function allFormats(dataset: string, query = '') {
  const base = `/api/campaigns/leadership-board/exports/${dataset}?${query}`;
  const csv = await download(`${base}&format=csv`);
  expect(csv.res.headers.get('content-type')).toContain('text/csv');
  const csvRows = parse(csv.bytes.toString('utf8').replace(/^\uFEFF/, ''), {
    columns: true,
  }) as Record<string, string>[];
  const jsonl = await download(`${base}&format=jsonl`);
  const jsonRows = jsonl.bytes
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const xlsx = await download(`${base}&format=xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const xlsxRows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    xlsxRows.push(Object.fromEntries(header.map((k, i) => [k, values[i] ?? null])));
  });
  return { csvRows, jsonRows, xlsxRows };
}

const asText = (rows: Record<string, unknown>[]) =>
  rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)])),
  );

describe('open-data exports', () => {
  it('published submissions, masked, parse back to the same rows in CSV, XLSX and JSON Lines', async () => {
    const { csvRows, jsonRows, xlsxRows } = await allFormats('submissions');
    expect(jsonRows).toHaveLength(9); // 4 of the scenario + 5 more; received and rejected ones are not public
    expect(asText(jsonRows)).toEqual(csvRows);
    expect(asText(xlsxRows)).toEqual(csvRows);
    const first = jsonRows[0]!;
    expect(first.body).toContain('138****5678');
    expect(JSON.stringify(jsonRows)).not.toContain('13812345678');
    expect(first.title).toContain(probe); // citizens' text is data, exported as written
    expect(Object.keys(first)).toEqual([
      'ref',
      'campaign',
      'kind',
      'title',
      'body',
      'region_code',
      'region',
      'topic',
      'status',
      'supports',
      'received_at',
      'published_at',
      'cluster_id',
    ]);
  });

  it('coarsens a region whose county × topic cell is small', async () => {
    const { jsonRows } = await allFormats('submissions');
    const codes = jsonRows.map((r) => r.region_code);
    // 411002 × urban-construction has 2 + 5 = 7: shown; 411081 and 410102 have one each: not even
    // their city or province cell of that topic reaches 5, so no region is given.
    expect(codes.filter((c) => c === '411002')).toHaveLength(7);
    expect(codes.filter((c) => c === null)).toHaveLength(2);
  });

  it('replies, adoptions and monthly figures round-trip too, within the date range', async () => {
    const replies = await allFormats('replies', 'from=2026-11-01&to=2026-11-30');
    expect(replies.jsonRows.map((r) => [r.kind, r.covers, r.on_time])).toEqual([
      ['unit', 1, 1],
      ['unit', 1, 0],
      ['collective', 1, null],
    ]);
    expect(asText(replies.xlsxRows)).toEqual(replies.csvRows);
    const none = await allFormats('replies', 'from=2026-12-01&to=2026-12-31');
    expect(none.jsonRows).toEqual([]);
    const adoptions = await allFormats('adoptions');
    expect(adoptions.jsonRows.map((r) => r.status)).toEqual([
      'adopted',
      'adopted',
      'under_consideration',
    ]);
    expect(adoptions.jsonRows[1]!.withdrawn_at).not.toBeNull();
    const figures = await allFormats('figures');
    expect(figures.jsonRows[0]).toMatchObject({
      month: '2026-11',
      received: 11,
      published: 9,
      reply_rate: 0.333,
    });
    expect(asText(figures.xlsxRows)).toEqual(figures.csvRows);
    const regions = await allFormats('regions');
    expect(regions.jsonRows.find((r) => r.topic === 'total')).toMatchObject({
      region_code: '41',
      published: 9,
    });
    expect(regions.jsonRows.find((r) => r.topic === 'labour-social-security')!.published).toBe(
      '<5',
    );
  });

  it('rejects an unknown dataset, format, campaign or an empty range', async () => {
    expect((await t.request('GET', '/api/campaigns/leadership-board/exports/users')).status).toBe(
      400,
    );
    expect(
      (await t.request('GET', '/api/campaigns/leadership-board/exports/replies?format=pdf')).status,
    ).toBe(400);
    expect((await t.request('GET', '/api/campaigns/nope/exports/replies')).json.error.code).toBe(
      'not_found',
    );
    const empty = await t.request(
      'GET',
      '/api/campaigns/leadership-board/exports/replies?from=2026-11-05&to=2026-11-01',
    );
    expect(empty.json.error.code).toBe('validation_failed');
  });
});

import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { csvRecord } from '../../../server/exports/stream-export.ts';
import { query } from '../../support/sql.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { hour, monday, scenario } from './fixture.ts';

const rows = 100_000;
const day = 24 * hour;
/** Text that CSV must quote: quotes, commas, line feeds, CRLF, a lone CR, leading spaces. */
const tricky = [
  '他说"路灯坏了",请修',
  '第一行\n第二行',
  'windows\r\nline',
  'lone\rcarriage return',
  '  leading and trailing spaces  ',
  '"',
  ',',
  '=1+1',
];

let t: TestApp;
let slug: string;
beforeAll(async () => {
  t = await createTestApp({ now: monday + 80 * day });
  await scenario(t);
  const campaign = t.services.campaigns.get('leadership-board')!;
  slug = campaign.slug;
  // A thousand rows per statement, on either engine.
  const perStatement = 1000;
  const row =
    "(?, ?, ?, 'usr_fixture', 'message', 'x', ?, ?, ?, 0, '411002', 'urban-construction', null, 0, ?, ?, ?, ?, ?)";
  for (let first = 0; first < rows; first += perStatement) {
    const params: (string | number)[] = [];
    for (let i = first; i < first + perStatement; i++) {
      const body = i % 997 === 0 ? tricky[(i / 997) % tricky.length]! : `第${i}条：请修路。`;
      // Spread over 60 days; inserted out of time order, as imports may be.
      const at = monday + ((i * 7919) % (60 * day));
      const status = i % 3 === 0 ? 'answered' : 'published';
      params.push(`sub_big${i}`, `BIG-${i}`, campaign.id, body, `标题${i}`, body);
      params.push(status, i % 50, at, at + hour, at);
    }
    await query(t).run(
      `insert into submissions (id, ref, campaign_id, author_id, kind, title, body, title_public, body_public,
         has_personal_data, region_code, topic, custom, show_name, status, support_count, created_at, published_at, updated_at)
       values ${Array(perStatement).fill(row).join(', ')}`,
      ...params,
    );
  }
}, 120_000);
afterAll(() => t.close());

const publicCount = (from: number, to: number) =>
  query(t).value<number>(
    `select count(*) as n from submissions s join campaigns c on c.id = s.campaign_id
     where c.slug = ? and s.status in ('published', 'answered', 'closed') and s.created_at >= ? and s.created_at < ?`,
    slug,
    from,
    to,
  );

async function csv(query = '') {
  const res = await t.app.request(`/api/campaigns/${slug}/exports/submissions?format=csv${query}`);
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(bytes.toString('utf8').slice(1), { columns: true }) as Record<string, string>[];
}

describe('a 100,000-row CSV export', () => {
  it('parses back with every row, in the order received, the awkward text intact', async () => {
    const parsed = await csv();
    const expected = await publicCount(0, Number.MAX_SAFE_INTEGER);
    expect(expected).toBeGreaterThan(rows);
    expect(parsed).toHaveLength(expected);
    const received = parsed.map((r) => r.received_at!);
    expect(received).toEqual([...received].sort());
    const byRef = new Map(parsed.map((r) => [r.ref, r]));
    for (let i = 0; i < rows; i += 997)
      expect(byRef.get(`BIG-${i}`)!.body).toBe(tricky[(i / 997) % tricky.length]);
    expect(byRef.get('BIG-1')).toMatchObject({ body: '第1条：请修路。', supports: '1' });
  }, 60_000);

  it('holds only the days asked for', async () => {
    const parsed = await csv('&from=2026-11-02&to=2026-11-15');
    const from = Date.parse('2026-11-02T00:00:00+08:00');
    const to = Date.parse('2026-11-16T00:00:00+08:00');
    expect(parsed.length).toBe(await publicCount(from, to));
    expect(parsed.length).toBeGreaterThan(10_000);
    expect(parsed.every((r) => Date.parse(r.received_at!) >= from)).toBe(true);
    expect(parsed.every((r) => Date.parse(r.received_at!) < to)).toBe(true);
  }, 60_000);
});

describe('a client that leaves mid-export', () => {
  it("closes the export's own reader and reads no further", async () => {
    // The store's stream closes its connection (SQLite) or cursor (PostgreSQL) when it ends.
    const db = t.services.store.db;
    const stream = db.stream.bind(db);
    const ended: boolean[] = [];
    const spy = vi.spyOn(db, 'stream').mockImplementation((...args) => {
      const state = ended.push(false) - 1;
      return (async function* () {
        try {
          yield* stream(...args);
        } finally {
          ended[state] = true;
        }
      })();
    });
    try {
      const res = await t.app.request(`/api/campaigns/${slug}/exports/submissions?format=csv`);
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(first.value!.byteLength).toBeGreaterThan(10_000);
      expect(ended).toEqual([false]);
      await reader.cancel();
      await vi.waitFor(() => expect(ended).toEqual([true]));
    } finally {
      spy.mockRestore();
    }
  });
});

describe('the CSV record encoder', () => {
  it('writes what csv-stringify writes, field for field', () => {
    const records = [
      ...tricky.map((x) => [x, 1, null, x]),
      ['', 0, -1.5, 'plain'],
      [null, null, null, null],
    ];
    expect(records.map((r) => csvRecord(r)).join('')).toBe(stringify(records));
  });
});

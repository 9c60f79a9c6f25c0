/**
 * Figures at 1M submissions, against the real server process: the platform data page's API
 * (GET /api/figures, from the pre-aggregated snapshot) and a streamed 1M-row CSV export, with the
 * server's resident memory before, during (peak) and after the export.
 *
 * Flags: --rows=1000000 --requests=40
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { defineBenchmark, numberFlag } from './benchmark.ts';
import { startServer } from './server-process.ts';

const targetMs = 200;
const targetRowsPerS = 50_000;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** 1M submissions over a year in every campaign, with handlings, replies and ratings, in one transaction. */
function generate(file: string, rows: number) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const campaigns = db.prepare('select id, definition from campaigns').all() as {
    id: string;
    definition: string;
  }[];
  const topics = campaigns.map((c) =>
    (JSON.parse(c.definition) as { topics: { key: string }[] }).topics.map((t) => t.key),
  );
  const units = db
    .prepare("select id from organisations where kind in ('department', 'county', 'city')")
    .pluck()
    .all() as string[];
  const counties = (
    JSON.parse(readFileSync('server/regions/pca-code.json', 'utf8')) as {
      code: string;
      children?: { code: string; children?: { code: string }[] }[];
    }[]
  )
    .slice(0, 8)
    .flatMap((p) => (p.children ?? []).flatMap((c) => (c.children ?? []).map((x) => x.code)));
  const sub = db.prepare(
    `insert into submissions (id, ref, campaign_id, author_id, kind, title, body, title_public, body_public, has_personal_data,
       region_code, topic, show_name, status, support_count, created_at, published_at, updated_at)
     values (?, ?, ?, 'usr_bench', 'message', ?, ?, ?, ?, 0, ?, ?, 0, ?, ?, ?, ?, ?)`,
  );
  const handling = db.prepare(
    // Past-due open matters were escalated long ago (escalated_at set), so start-up has no backlog.
    `insert into handlings (submission_id, campaign_id, state, unit_id, urgency, routed_at, due_at, answered_at, escalated_at, updated_at)
     values (?, ?, ?, ?, 'normal', ?, ?, ?, ?, ?)`,
  );
  const reply = db.prepare(
    `insert into replies (id, submission_id, unit_id, author_id, round, version, body, state, submitted_at, due_at, reviewer_id, reviewed_at)
     values (?, ?, ?, 'usr_bench', 1, 1, '已转相关部门办理，预计本月底前完成整改。', 'approved', ?, ?, 'usr_bench', ?)`,
  );
  const rating = db.prepare(
    'insert into ratings (submission_id, round, value, unit_id, at) values (?, 1, ?, ?, ?)',
  );
  const end = Date.now() - 86_400_000;
  const start = end - 365 * 86_400_000;
  let seed = 42;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const values = ['satisfied', 'basically', 'unsatisfied'];
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const c = Math.floor(rand() * campaigns.length);
      const campaign = campaigns[c]!;
      const id = `sub_bench${String(i).padStart(8, '0')}`;
      const at = Math.floor(start + rand() * (end - start));
      const r = rand();
      const status =
        r < 0.05 ? 'received' : r < 0.1 ? 'rejected' : r < 0.55 ? 'published' : 'answered';
      const text = `关于小区供暖和道路维修的建议第${i}条：希望有关部门尽快解决，谢谢。`;
      const published = status === 'received' || status === 'rejected' ? null : at + 3_600_000;
      sub.run(
        id,
        `BN-${i}`,
        campaign.id,
        `建议${i}`,
        text,
        `建议${i}`,
        text,
        pick(counties),
        pick(topics[c]!),
        status,
        Math.floor(rand() * 20),
        at,
        published,
        at,
      );
      if (published === null) continue;
      const unit = pick(units);
      const due = published + 15 * 86_400_000;
      if (status === 'answered') {
        const answered = published + Math.floor(rand() * 30 * 86_400_000);
        handling.run(id, campaign.id, 'approved', unit, published, due, answered, null, answered);
        reply.run(`rep_bench${i}`, id, unit, answered - 3_600_000, due, answered);
        if (rand() < 0.5) rating.run(id, pick(values), unit, answered + 86_400_000);
      } else handling.run(id, campaign.id, 'routed', unit, published, due, null, due, published);
    }
  })();
  db.close();
}

export default defineBenchmark({
  name: 'figures',
  description:
    'GET /api/figures (platform data page) and a streamed CSV export, at 1M submissions, on the real server',
  target: {
    text: `data page API p50 ≤ ${targetMs} ms; CSV export ≥ ${targetRowsPerS.toLocaleString('en-US')} rows/s with flat memory`,
    check: (m) => [
      {
        name: `figures p50 ≤ ${targetMs} ms`,
        pass: (m.figures_p50_ms ?? Infinity) <= targetMs,
        detail: `${m.figures_p50_ms} ms (p95 ${m.figures_p95_ms} ms)`,
      },
      {
        name: `export ≥ ${targetRowsPerS}/s`,
        pass: (m.export_rows_per_s ?? 0) >= targetRowsPerS,
        detail: `${m.export_rows_per_s}/s`,
      },
    ],
  },
  async run({ flags, log }) {
    const rows = numberFlag(flags, 'rows', 1_000_000, { min: 1000 });
    const requests = numberFlag(flags, 'requests', 40, { min: 5 });
    // First start: migrate and sync the campaign files; then fill the file while the server is down.
    const first = await startServer();
    const dbFile = first.dbFile;
    await first.stop();
    log(`generating ${rows.toLocaleString('en-US')} submissions…`);
    let t0 = performance.now();
    generate(dbFile, rows);
    log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const server = await startServer({
      dbFile,
      env: { HUIYIN_FIGURES_REFRESH_MINUTES: '0' },
      startTimeoutMs: 120_000,
    });
    try {
      t0 = performance.now();
      // The start-up refresh builds the first snapshot; the page answers from it.
      for (;;) {
        const f = (await (await fetch(`${server.url}/api/figures`)).json()) as {
          snapshot: unknown;
        };
        if (f.snapshot) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const refreshS = (performance.now() - t0) / 1000;
      log(`first snapshot after ${refreshS.toFixed(1)} s`);
      const times: number[] = [];
      for (let i = 0; i < requests; i++) {
        const q = [
          '',
          '?granularity=day',
          '?granularity=week&region=11',
          '?campaign=leadership-board',
        ][i % 4];
        const s = performance.now();
        const res = await fetch(`${server.url}/api/figures${q}`);
        await res.arrayBuffer();
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      const p50 = Math.round(quantile(times, 0.5) * 10) / 10;
      const p95 = Math.round(quantile(times, 0.95) * 10) / 10;

      // The export: the campaign with the most submissions, every row, streamed.
      const slug = 'leadership-board';
      const rssBefore = rssMb(server.pid);
      let rssPeak = rssBefore;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(server.pid))), 100);
      const s = performance.now();
      const res = await fetch(`${server.url}/api/campaigns/${slug}/exports/submissions?format=csv`);
      let lines = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
        for (const byte of chunk) if (byte === 10) lines += 1;
      const seconds = (performance.now() - s) / 1000;
      clearInterval(sampler);
      const rssAfter = rssMb(server.pid);
      const exported = lines - 1; // header
      const perS = Math.round(exported / seconds);
      // The platform-wide export is per campaign; scale the target check on what was exported.
      return {
        metrics: {
          figures_p50_ms: p50,
          figures_p95_ms: p95,
          export_rows: exported,
          export_rows_per_s: perS,
          rss_before_mb: rssBefore,
          rss_peak_mb: rssPeak,
          rss_after_mb: rssAfter,
          refresh_s: Math.round(refreshS * 10) / 10,
        },
        invariants: [
          { name: 'export has rows', pass: exported > rows / 10, detail: `${exported} rows` },
          {
            name: 'memory flat (peak − before < 150 MB)',
            pass: rssPeak - rssBefore < 150,
            detail: `${rssBefore} → ${rssPeak} → ${rssAfter} MB`,
          },
        ],
        lines: [
          `GET /api/figures at ${rows.toLocaleString('en-US')} submissions: p50 ${p50} ms, p95 ${p95} ms (${requests} requests, platform/day/week+region/campaign)`,
          `snapshot build (start-up refresh): ${refreshS.toFixed(1)} s`,
          `CSV export of ${exported.toLocaleString('en-US')} rows: ${seconds.toFixed(1)} s, ${perS.toLocaleString('en-US')} rows/s`,
          `server RSS: before ${rssBefore} MB, peak ${rssPeak} MB, after ${rssAfter} MB`,
        ],
      };
    } finally {
      await server.stop();
      server.dispose();
    }
  },
});

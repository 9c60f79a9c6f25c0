/**
 * Search at scale: a database of 1M published submissions (real messages, each segmented once
 * and reused with a distinct serial word, so the index holds 1M documents with the real word
 * distribution), then the real server is started on it: time until /api/health answers, search
 * latency for words taken from real titles (one- and two-word queries, relevance order, with the
 * capped total), and the server's resident memory.
 *
 * Flags: --rows=1000000 --queries=60 --keep (keep the database in bench-results/search.db)
 *        --settle=0 (seconds to wait after start-up before searching: the first figures snapshot
 *        is taken in the background right after start and competes with the searches)
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../../server/ids.ts';
import { segmentWords } from '../../server/sensemaking/text-pipeline.ts';
import { openServices } from './bench-database.ts';
import { defineBenchmark, numberFlag, quantile, SkipBenchmark } from './benchmark.ts';
import { readMessages } from './messages.ts';
import { rssMb } from './process-cpu.ts';
import { repoRoot, startServer } from './server-process.ts';

const targetP95Ms = 50;
const targetStartMs = 5000;
const targetRssMb = 1024;
const campaigns = ['leadership-board', 'two-sessions-2027', 'fifteenth-five-year-plan'];

function generate(dbFile: string, rows: number, texts: { title: string; body: string }[]) {
  const { services: s, close } = openServices(dbFile);
  const words = texts.map((x) => segmentWords(`${x.title}\n${x.title}\n${x.body}`).join(' '));
  const author = newId('usr');
  s.sqlite
    .prepare(
      "insert into users (id, phone, email, password_hash, display_name, created_at) values (?, null, 'bench@huiyin.cn', '!no-login', '网友', ?)",
    )
    .run(author, Date.now());
  const ids = campaigns.map((slug) => s.campaigns.get(slug)!.id);
  const sub = s.sqlite.prepare(
    `insert into submissions (id, ref, campaign_id, author_id, kind, title, body, title_public, body_public,
       has_personal_data, region_code, topic, custom, show_name, status, support_count, created_at, published_at, updated_at)
     values (?, ?, ?, ?, 'message', ?, ?, ?, ?, 0, null, null, null, 1, 'published', ?, ?, ?, ?)`,
  );
  const fts = s.sqlite.prepare(
    'insert into submission_search (submission_id, words) values (?, ?)',
  );
  const ftsRow = s.sqlite.prepare(
    'insert into submission_search_rows (submission_id, search_rowid) values (?, ?)',
  );
  const start = Date.parse('2026-01-01T00:00:00+08:00');
  const batch = 50_000;
  for (let from = 0; from < rows; from += batch) {
    s.sqlite.transaction(() => {
      for (let i = from; i < Math.min(rows, from + batch); i++) {
        const k = i % texts.length;
        const x = texts[k]!;
        const at = start + Math.floor((i / rows) * 300 * 86_400_000);
        const id = `sub_${String(i).padStart(9, '0')}`;
        const title = `${x.title}（${i}）`;
        sub.run(
          id,
          `BM-2026-${String(i).padStart(7, '0')}`,
          ids[i % ids.length],
          author,
          title,
          x.body,
          title,
          x.body,
          i % 97,
          at,
          at,
          at,
        );
        ftsRow.run(id, fts.run(id, `${words[k]} n${i}`).lastInsertRowid);
      }
    })();
  }
  s.sqlite.pragma('optimize');
  close();
}

export default defineBenchmark({
  name: 'search',
  description: 'Full-text search and start-up of the real server over 1M published submissions',
  target: {
    text: `search p95 ≤ ${targetP95Ms} ms with RSS ≤ 1 GB; start-up ≤ ${targetStartMs / 1000} s at 1M submissions`,
    check: (m) => [
      {
        name: `search p95 ≤ ${targetP95Ms} ms`,
        pass: (m.search_p95_ms ?? Infinity) <= targetP95Ms,
        detail: `${(m.search_p95_ms ?? NaN).toFixed(1)} ms`,
      },
      {
        name: 'RSS ≤ 1 GB',
        pass: (m.rss_mb ?? Infinity) <= targetRssMb,
        detail: `${(m.rss_mb ?? NaN).toFixed(0)} MB`,
      },
      {
        name: `start-up ≤ ${targetStartMs / 1000} s`,
        pass: (m.startup_ms ?? Infinity) <= targetStartMs,
        detail: `${((m.startup_ms ?? NaN) / 1000).toFixed(2)} s`,
      },
    ],
  },
  async run({ flags, log }) {
    const rows = numberFlag(flags, 'rows', 1_000_000, { min: 1000 });
    const queries = numberFlag(flags, 'queries', 60, { min: 1 });
    const settle = numberFlag(flags, 'settle', 0, { min: 0, max: 600 });
    const messages = readMessages();
    if (!messages) throw new SkipBenchmark('needs ../shared/data/messages_labeled.csv');
    const texts = messages.map((m) => ({
      title: m.title.slice(0, 40),
      body: m.body.slice(0, 800),
    }));
    const dir = join(repoRoot, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const dbFile = join(dir, 'search.db');
    if (!existsSync(dbFile) || flags.regenerate === 'true') {
      for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) rmSync(f, { force: true });
      log(`generating ${rows.toLocaleString('en-US')} submissions with their search index…`);
      const t0 = performance.now();
      generate(dbFile, rows, texts);
      log(`generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    } else log(`reusing ${dbFile} (--regenerate=true to rebuild)`);

    const t0 = performance.now();
    const server = await startServer({ dbFile, startTimeoutMs: 120_000 });
    const startupMs = performance.now() - t0;
    log(`server answered /api/health after ${(startupMs / 1000).toFixed(2)} s`);
    if (settle) await new Promise((r) => setTimeout(r, settle * 1000));
    try {
      // Words people search for: the first words of real titles, alone and in pairs.
      const terms = texts
        .map((x) => segmentWords(x.title).filter((w) => [...w].length >= 2))
        .filter((ws) => ws.length >= 2);
      const list = Array.from({ length: queries }, (_, i) => {
        const ws = terms[(i * 131) % terms.length]!;
        return i % 2 === 0 ? ws[0]! : `${ws[0]} ${ws[1]}`;
      });
      const times: number[] = [];
      const timed: [string, number][] = [];
      let totals = 0;
      for (const [n, q] of [...list.slice(0, 5), ...list].entries()) {
        const started = performance.now();
        const res = await fetch(`${server.url}/api/search?q=${encodeURIComponent(q)}`);
        const body = (await res.json()) as { total?: number };
        if (res.status !== 200) throw new Error(`search ${q}: ${res.status}`);
        if (n >= 5) {
          times.push(performance.now() - started);
          timed.push([q, performance.now() - started]);
          totals += body.total ?? 0;
        }
      }
      const rss = rssMb(server.pid);
      const p50 = quantile(times, 0.5);
      const p95 = quantile(times, 0.95);
      return {
        metrics: {
          search_p50_ms: p50,
          search_p95_ms: p95,
          rss_mb: rss,
          startup_ms: startupMs,
          rows,
        },
        invariants: [
          {
            name: 'searches found submissions',
            pass: totals > 0,
            detail: `${totals} matches in all`,
          },
        ],
        lines: [
          `slowest: ${timed
            .sort((a, b) => b[1] - a[1])
            .slice(0, 4)
            .map(([q, ms]) => `${q} ${ms.toFixed(0)} ms`)
            .join(', ')}`,
          `${rows.toLocaleString('en-US')} submissions: start-up ${(startupMs / 1000).toFixed(2)} s; ${times.length} searches p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; RSS ${rss.toFixed(0)} MB`,
        ],
      };
    } finally {
      await server.stop();
      if (flags.keep !== 'true')
        for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) rmSync(f, { force: true });
    }
  },
});

/**
 * Search at scale: a database of 1M published submissions (real messages, each with a distinct
 * serial number in its title, so the index holds 1M documents with the real word distribution),
 * then the real server is started on it: time until /api/health answers, search latency for
 * words taken from real titles (one- and two-word queries, relevance order, with the capped
 * total), and the server's resident memory. On SQLite the index is FTS5 (`submission_search` and
 * `submission_search_rows`), on PostgreSQL `submission_search.words` with its generated tsvector
 * and GIN index (schema/migrations-pg/0001_search.sql); either way the rows hold what the server
 * writes: the public copies (empty where masking changed nothing) and the jieba words of
 * `submissionSearchWords`.
 *
 * Flags: --engine=sqlite|postgres --rows=1000000 --queries=60
 *        --keep (keep the database: SQLite bench-results/search.db, PostgreSQL the database
 *        huiyin_bench_search on HUIYIN_BENCH_DATABASE_URL's server; a later run reuses it unless
 *        --regenerate, or its row count differs)
 *        --settle=0 (seconds to wait after start-up before searching: the first figures snapshot
 *        is taken in the background right after start and competes with the searches)
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { submissionSearchWords } from '../../server/search/search-words.ts';
import { segmentWords } from '../../server/sensemaking/text-pipeline.ts';
import { storedPublicText } from '../../server/submissions/submission-row.ts';
import { maskPersonalData } from '../../server/text/mask-personal-data.ts';
import { openBulkWriter, prepareSchema, serverOn, type BenchTarget } from './bench-database.ts';
import { defineBenchmark, numberFlag, quantile, SkipBenchmark } from './benchmark.ts';
import { readMessages } from './messages.ts';
import {
  benchPostgres,
  createBenchDatabase,
  databaseExists,
  databaseUrl,
  engineFlag,
  keepDatabase,
} from './postgres-cluster.ts';
import { rssMb } from './process-cpu.ts';
import { repoRoot, startServer } from './server-process.ts';

const targetP95Ms = 50;
const targetStartMs = 5000;
const targetRssMb = 1024;
const campaigns = ['leadership-board', 'two-sessions-2027', 'fifteenth-five-year-plan'];
/** The kept PostgreSQL data set (--keep), copied for each run as a template. */
const keptDatabase = 'huiyin_bench_search';

/**
 * `rows` published submissions in three campaigns with their search words, written as the
 * server writes them: public copies (empty where masking changed nothing), words from the public
 * title (twice) and body.
 * The words of a row are its title's words twice and its body's words: exactly what
 * `submissionSearchWords` makes of the whole text (checked below on a sample), with the body
 * segmented once per message instead of once per row.
 */
async function generate(
  target: BenchTarget,
  rows: number,
  texts: { title: string; body: string }[],
  log: (message: string) => void,
) {
  let t0 = performance.now();
  await prepareSchema(target);
  log(
    `schema ready (the server's first start) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const bodies = texts.map((x) => maskPersonalData(x.body));
  const bodyWords = bodies.map((b) => segmentWords(b.text).join(' '));
  const w = await openBulkWriter(target);
  try {
    const ids = await w.rows<{ id: string; slug: string }>('select id, slug from campaigns');
    const campaignIds = campaigns.map((slug) => {
      const c = ids.find((x) => x.slug === slug);
      if (!c) throw new Error(`no campaign ${slug}`);
      return c.id;
    });
    const author = 'usr_benchsearch';
    await w.insert(
      'users',
      ['id', 'phone', 'email', 'password_hash', 'display_name', 'created_at'],
      [author, null, 'bench@huiyin.cn', '!no-login', '网友', Date.now()],
    );
    const subColumns = [
      'id',
      'ref',
      'campaign_id',
      'author_id',
      'kind',
      'title',
      'body',
      'title_public',
      'body_public',
      'has_personal_data',
      'region_code',
      'topic',
      'custom',
      'custom_public',
      'show_name',
      'status',
      'support_count',
      'created_at',
      'published_at',
      'updated_at',
    ];
    const sqlite = target.engine === 'sqlite';
    const start = Date.parse('2026-01-01T00:00:00+08:00');
    let checked = 0;
    t0 = performance.now();
    for (let i = 0; i < rows; i++) {
      const k = i % texts.length;
      const x = texts[k]!;
      const at = start + Math.floor((i / rows) * 300 * 86_400_000);
      const id = `sub_${String(i).padStart(9, '0')}`;
      const title = `${x.title}（${i}）`;
      const titlePublic = maskPersonalData(title);
      const body = bodies[k]!;
      await w.insert('submissions', subColumns, [
        id,
        `BM-2026-${String(i).padStart(7, '0')}`,
        campaignIds[i % campaignIds.length]!,
        author,
        'message',
        title,
        x.body,
        storedPublicText(title, titlePublic.text),
        storedPublicText(x.body, body.text),
        titlePublic.masked || body.masked ? 1 : 0,
        null,
        null,
        null,
        null,
        1,
        'published',
        i % 97,
        at,
        at,
        at,
      ]);
      const titleWords = segmentWords(titlePublic.text).join(' ');
      const words = [titleWords, titleWords, bodyWords[k]!].filter(Boolean).join(' ');
      // The same words as the server's own function: checked on every 50th distinct message.
      if (i < texts.length && i % 50 === 0) {
        const real = submissionSearchWords(titlePublic.text, body.text);
        if (real !== words) {
          throw new Error(
            `search words of row ${i} differ from submissionSearchWords:\n${words}\n${real}`,
          );
        }
        checked++;
      }
      if (sqlite) {
        // FTS5 by rowid, and the row that finds it again (as search-index.ts writes them).
        await w.insert(
          'submission_search',
          ['rowid', 'submission_id', 'words'],
          [i + 1, id, words],
        );
        await w.insert('submission_search_rows', ['submission_id', 'search_rowid'], [id, i + 1]);
      } else await w.insert('submission_search', ['submission_id', 'words'], [id, words]);
      if (i > 0 && i % 100_000 === 0) {
        log(
          `${i.toLocaleString('en-US')} rows (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
        );
      }
    }
    log(
      `rows written in ${((performance.now() - t0) / 1000).toFixed(1)} s (words checked against submissionSearchWords on ${checked} of them); indexing…`,
    );
    t0 = performance.now();
    await w.finish();
    log(`indexes and statistics in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await w.close();
  }
}

/** Submissions in a kept data set, or null when there is none. */
async function keptRows(target: BenchTarget): Promise<number | null> {
  if (target.engine === 'sqlite') {
    if (!existsSync(target.dbFile)) return null;
    const db = new Database(target.dbFile, { readonly: true });
    try {
      return db.prepare('select count(*) from submissions').pluck().get() as number;
    } catch {
      return null;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: string }>('select count(*) as n from submissions');
    return Number(rows[0]!.n);
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The database of this run. SQLite: bench-results/search.db, kept with --keep and reused.
 * PostgreSQL: a fresh database, a copy of the kept one (huiyin_bench_search) when that holds
 * `rows` submissions, else empty.
 */
async function searchTarget(
  engine: 'sqlite' | 'postgres',
  rows: number,
  regenerate: boolean,
  log: (message: string) => void,
): Promise<{ target: BenchTarget; reused: boolean; done(keep: boolean): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = join(repoRoot, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const dbFile = join(dir, 'search.db');
    const files = [dbFile, `${dbFile}-wal`, `${dbFile}-shm`];
    const target: BenchTarget = { engine, dbFile };
    const have = regenerate ? null : await keptRows(target);
    if (have !== rows) for (const f of files) rmSync(f, { force: true });
    else log(`reusing ${dbFile} (--regenerate=true to rebuild)`);
    return {
      target,
      reused: have === rows,
      done: async (keep) => {
        if (!keep) for (const f of files) rmSync(f, { force: true });
      },
    };
  }
  const adminUrl = await benchPostgres(log);
  const kept = (await databaseExists(adminUrl, keptDatabase))
    ? await keptRows({ engine, url: databaseUrl(adminUrl, keptDatabase) })
    : null;
  const reused = !regenerate && kept === rows;
  const db = await createBenchDatabase(
    adminUrl,
    'huiyin_search',
    reused ? keptDatabase : undefined,
  );
  if (reused) log(`copied the kept data set ${keptDatabase} (--regenerate=true to rebuild)`);
  return {
    target: { engine, url: db.url },
    reused,
    done: async (keep) => {
      if (!keep) return db.drop();
      await keepDatabase(adminUrl, db.name, keptDatabase);
      log(
        `kept as PostgreSQL database ${keptDatabase}${process.env.HUIYIN_BENCH_DATABASE_URL ? '' : ' (until the throwaway cluster stops at the end of this run)'}`,
      );
    },
  };
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
    const engine = engineFlag(flags);
    const rows = numberFlag(flags, 'rows', 1_000_000, { min: 1000 });
    const queries = numberFlag(flags, 'queries', 60, { min: 1 });
    const settle = numberFlag(flags, 'settle', 0, { min: 0, max: 600 });
    const messages = readMessages();
    if (!messages) throw new SkipBenchmark('needs ../shared/data/messages_labeled.csv');
    const texts = messages.map((m) => ({
      title: m.title.slice(0, 40),
      body: m.body.slice(0, 800),
    }));
    const keep = flags.keep === 'true';
    const data = await searchTarget(engine, rows, flags.regenerate === 'true', log);
    let server: Awaited<ReturnType<typeof startServer>>;
    let startupMs: number;
    try {
      if (!data.reused) {
        log(`generating ${rows.toLocaleString('en-US')} submissions with their search index…`);
        const t0 = performance.now();
        await generate(data.target, rows, texts, log);
        log(`generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      }
      const t0 = performance.now();
      server = await startServer({ ...serverOn(data.target), startTimeoutMs: 120_000 });
      startupMs = performance.now() - t0;
    } catch (error) {
      await data.done(false);
      throw error;
    }
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
          `${engine}, ${rows.toLocaleString('en-US')} submissions: start-up ${(startupMs / 1000).toFixed(2)} s; ${times.length} searches p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; RSS ${rss.toFixed(0)} MB`,
        ],
      };
    } finally {
      await server.stop();
      server.dispose();
      await data.done(keep);
    }
  },
});

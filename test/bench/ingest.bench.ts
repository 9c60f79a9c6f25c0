/**
 * Ingest: many signed-in people sending messages to the leadership board at once, against the
 * real server process (SQLite: WAL, synchronous=FULL, group commit; PostgreSQL: SERIALIZABLE,
 * synchronous_commit=on). Measures accepted submissions per second and latency, then stops the
 * server and looks up the reference of every 201 in the database: each one must be there.
 *
 * The store issue's targets, judged per engine:
 *   SQLite: the server's event-loop CPU per accepted submission ≤ 0.25 ms, i.e. accepted/s ≥ 25% of
 *           the bare POST echo measured by `http-ceiling` in the same `npm run bench`
 *           (`npm run bench -- http-ceiling ingest`);
 *   PostgreSQL: ≥ 1,000 accepted/s, shown beside `pgbench`'s durable one-row inserts with 64
 *           clients on the same cluster, measured in the same run just before (pgbench.ts).
 *
 * Flags: --engine=sqlite|postgres --pgbench-duration=10 --pool=N (PostgreSQL: the server's
 *        HUIYIN_DATABASE_POOL, default the server's own) --connections=64 --accounts=80 --duration=15 --warmup=3 --loadgen=child|inprocess
 *        --tool=raw|autocannon (raw: the lean generator in raw-load.ts, which leaves the server
 *                 the CPU autocannon would take; autocannon: as before)
 *        --cpu-prof (profile the server; summary printed, profile kept in bench-results/profiles)
 *        --crash (kill -9 the server 0.5 s before the load ends instead of stopping it: every
 *                 201 answered before the kill must still be in the file)
 *        --keep (keep the database file, or the PostgreSQL database)
 *        --campaign=SLUG (default leadership-board; fifteenth-five-year-plan publishes at once, so
 *                 search indexing and cluster assignment are owed for every submission too)
 *        --rate=N (send N requests/s evenly instead of as fast as answered: does the server, and
 *                 its sensemaking queue, keep up with a sustained N/s)
 */
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { signInAccounts } from './accounts.ts';
import { freshTarget, serverOn, type BenchTarget } from './bench-database.ts';
import {
  defineBenchmark,
  numberFlag,
  SkipBenchmark,
  type Check,
  type Metrics,
} from './benchmark.ts';
import { summariseProfile } from './cpu-profile.ts';
import type { IngestPayload } from './ingest.scenario.ts';
import {
  runLoad,
  type LoadMode,
  type LoadResult,
  type LoadSummary,
  type LoadSpec,
} from './load-generator.ts';
import {
  type CampaignForm,
  type CampaignTopic,
  defaultMessagesFile,
  fitToForm,
  readMessages,
} from './messages.ts';
import { runPgbench, type PgbenchResult } from './pgbench.ts';
import { benchPostgres, engineFlag } from './postgres-cluster.ts';
import { type CpuWindow, measureSteadyState } from './process-cpu.ts';
import { repoRoot, startServer } from './server-process.ts';

const defaultSlug = 'leadership-board';
const targetPerSecond = 10_000;
const targetP99Ms = 50;
/** Issue #4: sensemaking keeps up with a sustained rate, lagging no more than this. */
const targetLagMs = 5_000;
/** The store issue, SQLite: event-loop CPU per accepted submission, ≈ 25% of the bare echo. */
const targetCpuMsPerAccepted = 0.25;
const targetShareOfEcho = 0.25;
/** The store issue, PostgreSQL (pgbench's durable one-row inserts did 3,028/s here before). */
const targetPostgresPerSecond = 1_000;
const pgbenchClients = 64;

/**
 * Looks up every acknowledged reference in the database after the server has gone (on SQLite
 * read-write, so that after a crash the WAL is recovered as the next start would).
 */
async function findAcknowledged(
  target: BenchTarget,
  refs: readonly string[],
): Promise<{ stored: number; found: number; missing: string[] }> {
  if (target.engine === 'sqlite') {
    const db = new Database(target.dbFile);
    try {
      const stored = new Set(db.prepare('select ref from submissions').pluck().all() as string[]);
      const missing = refs.filter((r) => !stored.has(r));
      return { stored: stored.size, found: refs.length - missing.length, missing };
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const stored = Number(
      (await client.query<{ n: string }>('select count(*) as n from submissions')).rows[0]!.n,
    );
    const { rows } = await client.query<{ ref: string }>(
      'select ref from submissions where ref = any($1::text[])',
      [refs],
    );
    const found = new Set(rows.map((r) => r.ref));
    const missing = refs.filter((r) => !found.has(r));
    return { stored, found: refs.length - missing.length, missing };
  } finally {
    await client.end();
  }
}

/** The checks of the store issue for the engine the metrics were taken on. */
function storeChecks(m: Metrics): Check[] {
  if (m.engine_postgres === 1) {
    return [
      {
        name: `PostgreSQL: accepted/s ≥ ${fmt(targetPostgresPerSecond)}`,
        pass: (m.accepted_per_s ?? 0) >= targetPostgresPerSecond,
        detail: `${fmt(m.accepted_per_s ?? 0)}/s; pgbench's durable one-row inserts (${pgbenchClients} clients, same cluster, same run) ${fmt(m.pgbench_tps ?? NaN)}/s → ${fmt((m.accepted_share_of_pgbench ?? NaN) * 100, 1)}% of it`,
      },
    ];
  }
  const echo = m.echo_per_s ?? NaN;
  return [
    {
      name: `SQLite: server event-loop CPU ≤ ${targetCpuMsPerAccepted} ms per accepted submission`,
      pass: (m.server_cpu_ms_per_accepted ?? Infinity) <= targetCpuMsPerAccepted,
      detail: `${fmt(m.server_cpu_ms_per_accepted ?? NaN, 3)} ms`,
    },
    {
      name: `SQLite: accepted/s ≥ ${targetShareOfEcho * 100}% of the bare POST echo of the same run`,
      pass: (m.accepted_share_of_echo ?? 0) >= targetShareOfEcho,
      detail: Number.isNaN(echo)
        ? 'no echo measured: run `npm run bench -- http-ceiling ingest` (same invocation)'
        : `${fmt(m.accepted_per_s ?? 0)}/s of ${fmt(echo)}/s = ${fmt((m.accepted_share_of_echo ?? 0) * 100, 1)}%`,
    },
  ];
}

const statusCounts = (r: LoadSummary): Record<string, number> =>
  Object.fromEntries(
    Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
  );

const cores2 = (n: number | null | undefined) => (n == null ? '?' : `${n.toFixed(2)} cores`);

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

type Health = {
  sensemaking: { pending: number; oldestAgeMs: number; processed: number; maxLagMs: number };
};

const health = async (url: string) => (await (await fetch(`${url}/api/health`)).json()) as Health;

/** Samples the sensemaking backlog while the load runs (every 250 ms) until `stop()`. */
function pollBacklog(url: string) {
  let maxPending = 0;
  let maxAge = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const h = await health(url).catch(() => null);
      if (h) {
        maxPending = Math.max(maxPending, h.sensemaking.pending);
        maxAge = Math.max(maxAge, h.sensemaking.oldestAgeMs);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { maxPending, maxAge };
    },
  };
}

/**
 * How far sensemaking fell behind: the server's own worst enqueue → applied time, the oldest
 * backlog entry seen while polling, and how long the backlog took to empty after the load.
 */
async function sensemakingLag(url: string, poll: ReturnType<typeof pollBacklog>) {
  const seen = await poll.stop();
  const started = performance.now();
  let h = await health(url);
  while (h.sensemaking.pending > 0 && performance.now() - started < 60_000) {
    await new Promise((r) => setTimeout(r, 50));
    h = await health(url);
  }
  return {
    maxLagMs: Math.max(h.sensemaking.maxLagMs, seen.maxAge),
    maxPending: seen.maxPending,
    drainMs: h.sensemaking.pending > 0 ? Infinity : performance.now() - started,
    processed: h.sensemaking.processed,
  };
}

export default defineBenchmark({
  name: 'ingest',
  description: `Concurrent signed-in netizens POST /api/campaigns/${defaultSlug}/submissions (or --campaign) (real Chinese messages) to the real server; every 201 must survive a restart`,
  target: {
    text: `store issue: SQLite ≤ ${targetCpuMsPerAccepted} ms event-loop CPU per accepted submission (≥ ${targetShareOfEcho * 100}% of the same run's bare echo), PostgreSQL ≥ ${fmt(targetPostgresPerSecond)} accepted/s (beside pgbench); platform: SQLite ≥ ${fmt(targetPerSecond)} accepted/s; both: p99 < ${targetP99Ms} ms, sensemaking lag ≤ ${fmt(targetLagMs / 1000)} s`,
    check: (m) =>
      [
        ...storeChecks(m),
        // With --rate, the question is whether the server keeps up with that rate, sensemaking too.
        m.offered_per_s
          ? {
              name: `keeps up with ${fmt(m.offered_per_s)}/s (≥ 97% accepted)`,
              pass: (m.accepted_per_s ?? 0) >= 0.97 * m.offered_per_s,
              detail: `${fmt(m.accepted_per_s ?? 0)}/s`,
            }
          : m.engine_postgres === 1
            ? null
            : {
                name: `platform core: accepted/s ≥ ${fmt(targetPerSecond)}`,
                pass: (m.accepted_per_s ?? 0) >= targetPerSecond,
                detail: `${fmt(m.accepted_per_s ?? 0)}/s`,
              },
        // Not measured when the server was killed (--crash).
        m.crashed === 1
          ? null
          : {
              name: `sensemaking lag ≤ ${fmt(targetLagMs / 1000)} s`,
              pass: (m.sensemaking_max_lag_ms ?? Infinity) <= targetLagMs,
              detail: `worst ${fmt(m.sensemaking_max_lag_ms ?? NaN)} ms; backlog drained ${fmt(m.sensemaking_drain_ms ?? NaN)} ms after the load`,
            },
        {
          name: `p99 < ${targetP99Ms} ms`,
          pass: (m.latency_p99_ms ?? Infinity) < targetP99Ms,
          detail: `${fmt(m.latency_p99_ms ?? NaN, 1)} ms`,
        },
      ].filter((c): c is Check => c !== null),
  },

  async run({ flags, log, earlier }) {
    const engine = engineFlag(flags);
    const pgbenchSeconds = numberFlag(flags, 'pgbench-duration', 10, { min: 1 });
    const connections = numberFlag(flags, 'connections', 64, { min: 1, max: 10_000 });
    const accountCount = numberFlag(flags, 'accounts', 80, { min: 1, max: 100_000 });
    const duration = numberFlag(flags, 'duration', 15, { min: 1 });
    const warmup = numberFlag(flags, 'warmup', 3, { min: 0 });
    const mode = (flags.loadgen ?? 'child') as LoadMode;
    const crash = flags.crash === 'true';
    const slug = flags.campaign ?? defaultSlug;
    const rate = flags.rate ? numberFlag(flags, 'rate', 0, { min: 1 }) : undefined;
    const tool = flags.tool ?? 'raw';
    if (tool !== 'raw' && tool !== 'autocannon') {
      throw new Error(`--tool=${tool}: expected raw or autocannon`);
    }
    if (rate && tool !== 'raw') throw new Error('--rate needs --tool=raw');
    if (mode !== 'child' && mode !== 'inprocess') {
      throw new Error(`--loadgen=${mode}: expected child or inprocess`);
    }

    const rows = readMessages();
    if (!rows) {
      throw new SkipBenchmark(
        `the message data set ${defaultMessagesFile} is not there (set HUIYIN_BENCH_MESSAGES to another copy)`,
      );
    }

    const profileDir = join(repoRoot, 'bench-results', 'profiles');
    const profiling = flags['cpu-prof'] === 'true';
    if (profiling) mkdirSync(profileDir, { recursive: true });
    const target = await freshTarget(engine, log, 'ingest');
    let pgbench: PgbenchResult | null = null;
    if (engine === 'postgres') {
      log(
        `pgbench: ${pgbenchClients} clients, durable one-row inserts into a scratch table, ${pgbenchSeconds} s…`,
      );
      pgbench = await runPgbench(await benchPostgres(log), {
        clients: pgbenchClients,
        seconds: pgbenchSeconds,
      });
      log(`pgbench: ${fmt(pgbench.tps)} transactions/s, latency ${fmt(pgbench.latencyMs, 1)} ms`);
    }
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      server = await startServer({
        ...serverOn(target),
        env: {
          ...(flags.pool
            ? { HUIYIN_DATABASE_POOL: String(numberFlag(flags, 'pool', 20, { min: 1, max: 500 })) }
            : {}),
          // --limits: count every submission against its account and address windows in the
          // database, as production does (set so high that none is refused), instead of turning
          // the limits off.
          ...(flags.limits === 'true'
            ? {
                HUIYIN_SUBMIT_PER_ACCOUNT_PER_HOUR: '1000000000',
                HUIYIN_SUBMIT_PER_IP_PER_HOUR: '1000000000',
              }
            : {}),
        },
        nodeArgs: profiling ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
      });
    } catch (error) {
      await target.drop();
      throw error;
    }
    log(`server pid ${server.pid} on ${server.url}, database ${target.label}`);
    try {
      const res = await fetch(`${server.url}/api/campaigns/${slug}`);
      if (!res.ok) throw new Error(`GET /api/campaigns/${slug}: ${res.status}`);
      const { campaign } = (await res.json()) as {
        campaign: { form: CampaignForm; topics: CampaignTopic[] };
      };
      const bodies = fitToForm(rows, campaign.form, campaign.topics).map((b) => JSON.stringify(b));
      if (bodies.length === 0) throw new Error('no message in the data set fits the form');
      log(`${bodies.length} of ${rows.length} messages fit the form (title, body limits)`);

      const started = performance.now();
      const cookies = await signInAccounts(server.url, accountCount);
      log(
        `${cookies.length} accounts registered and signed in (${fmt((performance.now() - started) / 1000, 1)} s)`,
      );

      const path = `/api/campaigns/${slug}/submissions`;
      const spec =
        tool === 'raw'
          ? {
              tool: 'raw' as const,
              url: server.url,
              connections,
              method: 'POST',
              path,
              headerSets: cookies.map((cookie) => ({ 'content-type': 'application/json', cookie })),
              bodies,
              rate,
              collect: 'ref',
            }
          : {
              scenario: pathToFileURL(join(import.meta.dirname, 'ingest.scenario.ts')).href,
              payload: { path, cookies, bodies } as IngestPayload,
              url: server.url,
              connections,
            };
      let warm: LoadResult | null = null;
      if (warmup > 0) {
        log(`warm-up: ${warmup} s, ${connections} connections`);
        warm = await runLoad({ ...spec, duration: warmup } as LoadSpec, mode);
      }
      log(
        `measured run: ${duration} s, ${connections} connections, load generator: ${tool} (${mode})`,
      );
      const cores = availableParallelism();
      const sampling: { window?: Promise<CpuWindow> } = {};
      const lagPoll = pollBacklog(server.url);
      const load = await runLoad({ ...spec, duration } as LoadSpec, mode, (generatorPid) => {
        sampling.window = measureSteadyState(
          server.pid,
          generatorPid,
          duration,
          cores,
          target.databasePid,
        );
        if (crash) setTimeout(() => void server.kill('SIGKILL'), duration * 1000 - 500);
      });
      const cpu = sampling.window ? await sampling.window : null;
      const r = load.result;
      // After a crash there is no server to ask; the poll stops (it would keep the process alive).
      const lag = crash
        ? await lagPoll.stop().then(() => null)
        : await sensemakingLag(server.url, lagPoll);

      log(
        crash
          ? 'the server was killed (SIGKILL) 0.5 s before the end; counting rows'
          : 'stopping the server (SIGTERM) and counting rows',
      );
      const exit = crash ? await server.exited : await server.stop();

      const statuses = statusCounts(r);
      const accepted = statuses['201'] ?? 0;
      const warmAccepted = warm ? (statusCounts(warm.result)['201'] ?? 0) : 0;
      const acknowledged = accepted + warmAccepted;
      const nonAccepted = Object.entries(statuses).filter(([code]) => code !== '201');
      const lat = r.latency;
      // The reference of every 201 (the raw generator reads them from the answers), looked up.
      const refs =
        tool === 'raw' ? [...(warm?.result.collected ?? []), ...(r.collected ?? [])] : [];
      const lookup = await findAcknowledged(target, refs);
      const stored = lookup.stored;

      const invariants: Check[] = [
        {
          name: 'durability: rows in submissions ≥ 201 answers',
          pass: stored >= acknowledged,
          detail: `${fmt(stored)} rows, ${fmt(acknowledged)} acknowledged (${fmt(warmAccepted)} warm-up + ${fmt(accepted)} measured); ${fmt(stored - acknowledged)} more rows than 201s = requests still in flight when the load stopped`,
        },
      ];
      if (tool === 'raw') {
        invariants.push({
          name: 'durability: every acknowledged reference found in the database',
          pass: refs.length === acknowledged && lookup.missing.length === 0,
          detail: `${fmt(lookup.found)} of ${fmt(refs.length)} references read from ${fmt(acknowledged)} × 201 found${lookup.missing.length ? `; missing e.g. ${lookup.missing.slice(0, 5).join(', ')}` : ''}`,
        });
      }
      if (crash) {
        invariants.push({
          name: 'only the crash interrupted requests',
          pass: nonAccepted.length === 0,
          detail: `non-201: ${JSON.stringify(Object.fromEntries(nonAccepted))}; ${r.errors} connection errors after the kill`,
        });
      } else {
        invariants.push(
          {
            name: 'every request answered 201',
            pass: nonAccepted.length === 0 && r.errors === 0,
            detail:
              nonAccepted.length || r.errors
                ? `non-201: ${JSON.stringify(Object.fromEntries(nonAccepted))}, errors ${r.errors} (timeouts ${r.timeouts})`
                : 'yes',
          },
          { name: 'server stopped cleanly', pass: exit.code === 0, detail: JSON.stringify(exit) },
        );
      }

      // Event-loop CPU per accepted submission: what one request costs the server, which other
      // load on the machine barely changes (unlike the rate), and the rate one core could carry.
      const cpuPerAccepted = cpu?.server
        ? (cpu.server.mainThread * 1000) / (accepted / r.duration)
        : NaN;
      const acceptedPerS = accepted / r.duration;
      const echo = earlier['http-ceiling']?.echo_per_s ?? NaN;
      const perAcceptedMs = (cores: number | null | undefined) =>
        cores == null ? NaN : (cores * 1000) / acceptedPerS;

      const lines = [
        `accepted      ${fmt(accepted / r.duration)}/s  (${fmt(accepted)} × 201 in ${fmt(r.duration, 1)} s; all answers ${fmt(r.requests.total / r.duration)}/s)`,
        `latency       p50 ${fmt(lat.p50, 1)} ms · p97.5 ${fmt(lat.p97_5, 1)} ms · p99 ${fmt(lat.p99, 1)} ms · max ${fmt(lat.max, 1)} ms · mean ${fmt(lat.average, 2)} ms`,
        `answers       ${JSON.stringify(statuses)} · errors ${r.errors} · timeouts ${r.timeouts}`,
        lag
          ? `sensemaking   worst lag ${fmt(lag.maxLagMs)} ms (enqueue → applied), largest backlog ${fmt(lag.maxPending)}, drained ${fmt(lag.drainMs)} ms after the load; ${fmt(lag.processed)} submissions worked`
          : 'sensemaking   not measured (--crash)',
        `durability    ${fmt(stored)} rows in submissions ≥ ${fmt(acknowledged)} acknowledged (201s incl. warm-up)`,
        `cpu           server event-loop thread ${cores2(cpu?.server?.mainThread)}, whole server ${cores2(cpu?.server?.allThreads)}, ${engine === 'postgres' ? `PostgreSQL ${cores2(cpu?.database)}, ` : ''}load generator (${mode}) ${cores2(cpu?.loadGenerator ?? load.generatorCores)}, other processes ${cores2(cpu?.others)}; machine ${cpu?.machine ? cpu.machine.busy.toFixed(2) : '?'} of ${cores} cores busy, steal ${cores2(cpu?.machine?.steal)}`,
      ];

      lines.push(
        `cost          ${fmt(cpuPerAccepted, 3)} ms of event-loop CPU per accepted submission → at most ${fmt(1000 / cpuPerAccepted)}/s while that thread has a core to itself (whole server ${fmt(perAcceptedMs(cpu?.server?.allThreads), 3)} ms${engine === 'postgres' ? `, PostgreSQL ${fmt(perAcceptedMs(cpu?.database), 3)} ms` : ''})`,
      );
      if (pgbench) {
        lines.push(
          `pgbench       ${fmt(pgbench.tps)} durable one-row inserts/s (${pgbench.clients} clients, ${pgbench.seconds} s, same cluster, just before): the server's ${fmt(acceptedPerS)} accepted/s are ${fmt((acceptedPerS / pgbench.tps) * 100, 1)}% of it`,
        );
      } else {
        lines.push(
          Number.isNaN(echo)
            ? 'echo          no bare echo in this run (npm run bench -- http-ceiling ingest measures both)'
            : `echo          bare POST echo of this run ${fmt(echo)}/s: accepted/s are ${fmt((acceptedPerS / echo) * 100, 1)}% of it`,
        );
      }
      if ((cpu?.others ?? 0) > 0.25) {
        lines.push(
          `warning       other processes used ${cores2(cpu?.others)} during the run: these figures understate the server`,
        );
      }

      if (profiling) {
        const file = readdirSync(profileDir)
          // Node names it CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main one
          // (tsx's module loader runs on a thread of its own)
          .filter((f) => f.endsWith('.cpuprofile') && f.includes(`.${server.pid}.0.`))
          .map((f) => join(profileDir, f))
          .pop();
        if (file) {
          const summary = summariseProfile(file, 15, cpu ?? undefined);
          lines.push(
            `profile       ${file}`,
            `              ${cpu ? `steady part of the measured run (${fmt(cpu.seconds, 1)} s)` : 'whole server lifetime'}: ${fmt(summary.totalMs)} ms busy on the event-loop thread`,
          );
          lines.push('  by module:');
          for (const m of summary.modules.slice(0, 10)) {
            lines.push(`    ${fmt(m.share * 100, 1).padStart(5)}%  ${m.name}`);
          }
          lines.push('  top functions (self time):');
          for (const f of summary.functions) {
            lines.push(`    ${fmt(f.share * 100, 1).padStart(5)}%  ${f.name}`);
          }
          lines.push('  server code (inclusive time, with what it calls synchronously):');
          for (const f of summary.paths) {
            lines.push(`    ${fmt(f.share * 100, 1).padStart(5)}%  ${f.name}`);
          }
        } else {
          lines.push(`profile       none written in ${profileDir} for pid ${server.pid}`);
        }
      }

      return {
        metrics: {
          engine_postgres: engine === 'postgres' ? 1 : 0,
          crashed: crash ? 1 : 0,
          accepted_per_s: acceptedPerS,
          ...(engine === 'sqlite'
            ? { echo_per_s: echo, accepted_share_of_echo: acceptedPerS / echo }
            : {
                pgbench_tps: pgbench?.tps ?? NaN,
                accepted_share_of_pgbench: acceptedPerS / (pgbench?.tps ?? NaN),
                postgres_cores: cpu?.database ?? NaN,
                postgres_cpu_ms_per_accepted: perAcceptedMs(cpu?.database),
              }),
          ...(rate ? { offered_per_s: rate } : {}),
          sensemaking_max_lag_ms: lag?.maxLagMs ?? NaN,
          sensemaking_drain_ms: lag?.drainMs ?? NaN,
          sensemaking_max_backlog: lag?.maxPending ?? NaN,
          answers_per_s: r.requests.total / r.duration,
          latency_p50_ms: lat.p50,
          latency_p97_5_ms: lat.p97_5,
          latency_p99_ms: lat.p99,
          latency_max_ms: lat.max,
          latency_mean_ms: lat.average,
          accepted,
          non_201: nonAccepted.reduce((sum, [, n]) => sum + n, 0),
          errors: r.errors,
          timeouts: r.timeouts,
          rows_stored: stored,
          acknowledged,
          acknowledged_found: lookup.found,
          server_all_threads_cpu_ms_per_accepted: perAcceptedMs(cpu?.server?.allThreads),
          server_main_thread_cores: cpu?.server?.mainThread ?? NaN,
          server_cpu_ms_per_accepted: cpuPerAccepted,
          one_core_ceiling_per_s: 1000 / cpuPerAccepted,
          server_all_threads_cores: cpu?.server?.allThreads ?? NaN,
          loadgen_cores: cpu?.loadGenerator ?? load.generatorCores,
          other_processes_cores: cpu?.others ?? NaN,
          machine_cores: cores,
        },
        invariants,
        lines,
        details: {
          engine,
          pgbench,
          settings: {
            connections,
            accounts: accountCount,
            duration,
            warmup,
            loadgen: mode,
            tool,
            crash,
          },
          messagesFitted: bodies.length,
          statuses,
          cpu,
          load: r,
          warmup: warm?.result ?? null,
        },
      };
    } finally {
      await server.stop();
      server.dispose();
      if (flags.keep === 'true') log(`database kept: ${target.label}`);
      else await target.drop();
    }
  },
});

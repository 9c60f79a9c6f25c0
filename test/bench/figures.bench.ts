/**
 * Figures at scale, against the real server process: the platform data page's API
 * (GET /api/figures, from the pre-aggregated snapshot) and a streamed CSV export of ONE campaign
 * holding 1M published submissions (the leadership message board), with the server's resident
 * memory before, during (peak, and at every tenth of the rows) and after the export, and the CPU
 * the server, this process (the client) and everything else took while it ran.
 *
 * On PostgreSQL (--engine=postgres) the same rows go into a fresh database (bench-database.ts's
 * bulk writer) and the CPU of PostgreSQL's processes during the export is reported apart.
 *
 * Flags: --engine=sqlite|postgres
 *        --export-rows=1000000 (published submissions of the exported campaign)
 *        --other-rows=200000 (a mix over every campaign, also awaiting moderation or rejected)
 *        --requests=40 --cpu-prof (profile the server; summary of the export's window printed)
 *        --keep=FILE (keep the generated database there; on PostgreSQL a database NAME)
 *        --db=FILE (start from a copy of one instead of generating; on PostgreSQL a database
 *        NAME, which outlives the run only on HUIYIN_BENCH_DATABASE_URL's server)
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { serverOn } from './bench-database.ts';
import { defineBenchmark, numberFlag, quantile } from './benchmark.ts';
import { summariseProfile } from './cpu-profile.ts';
import { dataSet, exportSlug } from './figures-data.ts';
import {
  coresUsed,
  machineCoresBusy,
  rssMb,
  sampleCpu,
  sampleSystem,
  sampleTree,
} from './process-cpu.ts';
import { engineFlag } from './postgres-cluster.ts';
import { repoRoot, startServer } from './server-process.ts';

const targetMs = 200;
const targetRowsPerS = 50_000;

const cores2 = (n: number | null | undefined) => (n == null ? '?' : `${n.toFixed(2)} cores`);

export default defineBenchmark({
  name: 'figures',
  description:
    'GET /api/figures (platform data page) at scale, and a streamed CSV export of one campaign holding 1M published submissions, on the real server',
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
        detail: `${m.export_rows_per_s}/s over ${m.export_rows} rows`,
      },
    ],
  },
  async run({ flags, log }) {
    const engine = engineFlag(flags);
    const exportRows = numberFlag(flags, 'export-rows', 1_000_000, { min: 1000 });
    const otherRows = numberFlag(flags, 'other-rows', 200_000, { min: 0 });
    const requests = numberFlag(flags, 'requests', 40, { min: 5 });
    const profiling = flags['cpu-prof'] === 'true';
    const profileDir = join(repoRoot, 'bench-results', 'profiles');
    if (profiling) mkdirSync(profileDir, { recursive: true });
    let t0 = performance.now();
    const { target, expected } = await dataSet(engine, flags, exportRows, otherRows, log);
    log(`data set ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (${target.label})`);
    const startedAt = Date.now();
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      server = await startServer({
        ...serverOn(target),
        env: { HUIYIN_FIGURES_REFRESH_MINUTES: '0' },
        startTimeoutMs: 120_000,
        nodeArgs: profiling ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
      });
    } catch (error) {
      await target.drop();
      throw error;
    }
    try {
      t0 = performance.now();
      // The start-up refresh builds a snapshot of the generated rows (the one taken by the first
      // start, of an empty database, does not count); the page answers from it.
      for (;;) {
        const f = (await (await fetch(`${server.url}/api/figures`)).json()) as {
          snapshot: { takenAt: number } | null;
        };
        if (f.snapshot && f.snapshot.takenAt >= startedAt) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const refreshS = (performance.now() - t0) / 1000;
      log(`snapshot of the generated rows after ${refreshS.toFixed(1)} s`);
      const times: number[] = [];
      for (let i = 0; i < requests; i++) {
        const q = [
          '',
          '?granularity=day',
          '?granularity=week&region=11',
          `?campaign=${exportSlug}`,
        ][i % 4];
        const s = performance.now();
        const res = await fetch(`${server.url}/api/figures${q}`);
        await res.arrayBuffer();
        times.push(performance.now() - s);
      }
      const p50 = Math.round(quantile(times, 0.5) * 10) / 10;
      const p95 = Math.round(quantile(times, 0.95) * 10) / 10;

      // The export: every published submission of the campaign, streamed, counted line by line
      // (the generated text holds no line break, so one line is one row after the header).
      const rssBefore = rssMb(server.pid);
      let rssPeak = rssBefore;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(server.pid))), 50);
      const cpuBefore = {
        server: sampleCpu(server.pid),
        client: sampleCpu(process.pid),
        database: target.databasePid ? sampleTree(target.databasePid) : null,
        machine: sampleSystem(),
      };
      const fromUs = Number(process.hrtime.bigint() / 1000n);
      const s = performance.now();
      const res = await fetch(
        `${server.url}/api/campaigns/${exportSlug}/exports/submissions?format=csv`,
      );
      if (!res.ok) throw new Error(`export: ${res.status}`);
      let lines = 0;
      let head: Buffer | null = null;
      const rssAtTenth: number[] = [];
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        head ??= Buffer.from(b.subarray(0, 3));
        for (let at = b.indexOf(10); at !== -1; at = b.indexOf(10, at + 1)) lines += 1;
        while (lines - 1 >= ((rssAtTenth.length + 1) * expected) / 10)
          rssAtTenth.push(rssMb(server.pid));
      }
      const seconds = (performance.now() - s) / 1000;
      const toUs = Number(process.hrtime.bigint() / 1000n);
      const cpuAfter = {
        server: sampleCpu(server.pid),
        client: sampleCpu(process.pid),
        database: target.databasePid ? sampleTree(target.databasePid) : null,
        machine: sampleSystem(),
      };
      clearInterval(sampler);
      const rssAfter = rssMb(server.pid);
      const serverCpu = coresUsed(cpuBefore.server, cpuAfter.server);
      const clientCpu = coresUsed(cpuBefore.client, cpuAfter.client)?.allThreads ?? null;
      const databaseCpu = coresUsed(cpuBefore.database, cpuAfter.database)?.allThreads ?? null;
      const machine = machineCoresBusy(cpuBefore.machine, cpuAfter.machine, cpus().length);
      const others =
        machine && serverCpu && clientCpu !== null
          ? Math.max(0, machine.busy - serverCpu.allThreads - clientCpu - (databaseCpu ?? 0))
          : NaN;
      const exported = lines - 1; // header
      const perS = Math.round(exported / seconds);
      // What the export costs the server, whatever share of the machine it got: rows per second
      // of its CPU (all threads).
      const perCpuS = serverCpu ? Math.round(exported / (serverCpu.allThreads * seconds)) : NaN;
      // On PostgreSQL the database's processes work for the export too.
      const perCpuWithDbS =
        serverCpu && databaseCpu !== null
          ? Math.round(exported / ((serverCpu.allThreads + databaseCpu) * seconds))
          : NaN;
      // Flat: from a fifth of the rows on, the server holds no more than it did then.
      const fifth = rssAtTenth[1] ?? rssBefore;
      const growth = Math.max(...rssAtTenth.slice(1), fifth) - fifth;
      const out = [
        `${engine}: GET /api/figures at ${(exportRows + otherRows).toLocaleString('en-US')} submissions: p50 ${p50} ms, p95 ${p95} ms (${requests} requests, platform/day/week+region/campaign)`,
        `snapshot build (start-up refresh): ${refreshS.toFixed(1)} s`,
        `CSV export of ${exported.toLocaleString('en-US')} rows (${exportSlug}): ${seconds.toFixed(1)} s, ${perS.toLocaleString('en-US')} rows/s`,
        `server RSS: before ${rssBefore} MB, peak ${rssPeak} MB, after ${rssAfter} MB; at each tenth of the rows ${rssAtTenth.join(' ')} MB`,
        `cost: ${perCpuS.toLocaleString('en-US')} rows per second of server CPU → about that many rows/s while the server has a core to itself${engine === 'postgres' ? `; ${perCpuWithDbS.toLocaleString('en-US')} per second of server + PostgreSQL CPU` : ''}`,
        `cpu during the export: server event-loop thread ${cores2(serverCpu?.mainThread)}, whole server ${cores2(serverCpu?.allThreads)}, ${engine === 'postgres' ? `PostgreSQL ${cores2(databaseCpu)}, ` : ''}client (this process) ${cores2(clientCpu)}, other processes ${cores2(others)}; machine ${machine ? machine.busy.toFixed(2) : '?'} of ${cpus().length} cores busy`,
      ];
      if (others > 0.25)
        out.push(
          `warning: other processes used ${cores2(others)} during the export: these figures understate the server`,
        );
      if (profiling) {
        await server.stop(); // the profile is written when the process exits
        const file = readdirSync(profileDir)
          .filter((f) => f.endsWith('.cpuprofile') && f.includes(`.${server.pid}.0.`))
          .map((f) => join(profileDir, f))
          .pop();
        if (file) {
          const summary = summariseProfile(file, 15, { fromUs, toUs });
          out.push(`profile ${file} (export window: ${summary.totalMs} ms busy)`, '  by module:');
          for (const m of summary.modules.slice(0, 10))
            out.push(`    ${(m.share * 100).toFixed(1).padStart(5)}%  ${m.name}`);
          out.push('  top functions (self time):');
          for (const f of summary.functions)
            out.push(`    ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
          out.push('  server code (inclusive):');
          for (const f of summary.paths)
            out.push(`    ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
        }
      }
      return {
        metrics: {
          figures_p50_ms: p50,
          figures_p95_ms: p95,
          export_rows: exported,
          export_seconds: Math.round(seconds * 100) / 100,
          export_rows_per_s: perS,
          export_rows_per_server_cpu_s: perCpuS,
          rss_before_mb: rssBefore,
          rss_peak_mb: rssPeak,
          rss_after_mb: rssAfter,
          rss_growth_after_fifth_mb: growth,
          refresh_s: Math.round(refreshS * 10) / 10,
          server_main_thread_cores: serverCpu?.mainThread ?? NaN,
          ...(engine === 'postgres'
            ? {
                postgres_cores: databaseCpu ?? NaN,
                export_rows_per_server_and_postgres_cpu_s: perCpuWithDbS,
              }
            : {}),
          client_cores: clientCpu ?? NaN,
          other_processes_cores: others,
        },
        invariants: [
          {
            name: 'every published row of the campaign exported',
            pass: exported === expected,
            detail: `${exported} of ${expected} rows`,
          },
          {
            name: 'starts with a UTF-8 BOM',
            pass: head?.equals(Buffer.from([0xef, 0xbb, 0xbf])) ?? false,
            detail: head?.toString('hex') ?? 'nothing',
          },
          {
            name: 'memory flat: peak − before < 100 MB, and < 16 MB more after the first fifth of the rows',
            pass: rssPeak - rssBefore < 100 && growth < 16,
            detail: `${rssBefore} → ${rssPeak} → ${rssAfter} MB; +${growth} MB after the first fifth`,
          },
        ],
        lines: out,
      };
    } finally {
      await server.stop();
      server.dispose();
      await target.drop();
    }
  },
});

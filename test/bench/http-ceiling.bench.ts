/**
 * Calibration: what this machine does with the bare stack (bare-http-server.ts: Hono on
 * @hono/node-server, no middleware, no database), measured the same way as `ingest` (the lean
 * load generator in a child process on the same cores, 64 connections, one request in flight
 * each). It has no target of its own; it says how far the ingest targets are from what the HTTP
 * layer alone allows here, so the ingest figures can be read against the machine of the day.
 *
 * Flags: --duration=10 --connections=64 --engine=sqlite|postgres (only recorded: no database here;
 *        run it in the same `npm run bench` as `ingest`, whose SQLite target is a share of the
 *        echo measured here: `npm run bench -- http-ceiling ingest`)
 */
import { availableParallelism } from 'node:os';
import { defineBenchmark, numberFlag, SkipBenchmark } from './benchmark.ts';
import { runLoad, type LoadSpec } from './load-generator.ts';
import { readMessages } from './messages.ts';
import { measureSteadyState, type CpuWindow } from './process-cpu.ts';
import { engineFlag } from './postgres-cluster.ts';
import { startServer } from './server-process.ts';

/** The ingest targets of the issues, for the ratios printed. */
const ingestTargets = [
  { name: 'Platform core: 10,000 accepted/s', perS: 10_000 },
  { name: 'Sensemaking: 5,000 accepted/s', perS: 5_000 },
];

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export default defineBenchmark({
  name: 'http-ceiling',
  description:
    'Calibration: requests/s of a bare Hono route (GET, and POST that reads, checks and echoes a submission) with no database',
  target: {
    text: 'none (calibration for reading the ingest figures)',
    check: (m) => [
      {
        name: 'measured',
        pass: (m.echo_per_s ?? 0) > 0,
        detail: `bare POST echo ${fmt(m.echo_per_s ?? 0)}/s, bare GET ${fmt(m.get_per_s ?? 0)}/s`,
      },
    ],
  },
  async run({ flags, log }) {
    const engine = engineFlag(flags); // recorded with the result; nothing here uses a database
    const duration = numberFlag(flags, 'duration', 10, { min: 2 });
    const connections = numberFlag(flags, 'connections', 64, { min: 1 });
    const rows = readMessages();
    if (!rows) throw new SkipBenchmark('needs ../shared/data/messages_labeled.csv');
    const bodies = rows
      .slice(0, 2000)
      .map((r) => JSON.stringify({ title: r.title.slice(0, 40), body: r.body.slice(0, 2000) }));

    const server = await startServer({ entry: 'test/bench/bare-http-server.ts' });
    const cores = availableParallelism();
    try {
      const measure = async (method: 'GET' | 'POST', path: string) => {
        const spec: LoadSpec = {
          tool: 'raw',
          url: server.url,
          connections,
          method,
          path,
          headerSets: [{ 'content-type': 'application/json' }],
          bodies: method === 'POST' ? bodies : [''],
          duration: 2,
        };
        await runLoad(spec); // warm-up
        let cpu: Promise<CpuWindow> | undefined;
        const load = await runLoad({ ...spec, duration }, 'child', (generatorPid) => {
          cpu = measureSteadyState(server.pid, generatorPid, duration, cores);
        });
        const window = cpu ? await cpu : null;
        const ok = load.result.statusCodeStats?.[method === 'POST' ? '201' : '200']?.count ?? 0;
        const perS = ok / load.result.duration;
        const serverCores = window?.server?.mainThread ?? NaN;
        log(
          `${method} ${path}: ${fmt(perS)}/s, p99 ${fmt(load.result.latency.p99, 1)} ms; server ${fmt(serverCores, 2)} cores (${fmt((serverCores / perS) * 1e6)} µs a request), load generator ${fmt(window?.loadGenerator ?? NaN, 2)}, other processes ${fmt(window?.others ?? NaN, 2)}, steal ${fmt(window?.machine?.steal ?? NaN, 2)}`,
        );
        return {
          perS,
          p99: load.result.latency.p99,
          usPerRequest: (serverCores / perS) * 1e6,
          others: window?.others ?? NaN,
          steal: window?.machine?.steal ?? NaN,
        };
      };
      const get = await measure('GET', '/api/health');
      const echo = await measure('POST', '/echo');
      return {
        metrics: {
          get_per_s: get.perS,
          get_p99_ms: get.p99,
          get_server_us_per_request: get.usPerRequest,
          echo_per_s: echo.perS,
          echo_p99_ms: echo.p99,
          echo_server_us_per_request: echo.usPerRequest,
          other_processes_cores: Math.max(get.others, echo.others),
          steal_cores: Math.max(get.steal, echo.steal),
        },
        invariants: [],
        lines: [
          `engine ${engine}: not used (no database), recorded for the ingest run beside this one`,
          `bare GET ${fmt(get.perS)}/s; bare POST that reads, checks and echoes a submission ${fmt(echo.perS)}/s (no middleware, no database)`,
          ...ingestTargets.map(
            (t) =>
              `${t.name} is ${fmt(t.perS / echo.perS, 2)}× what the bare POST route does on this machine now`,
          ),
        ],
      };
    } finally {
      await server.stop();
      server.dispose();
    }
  },
});

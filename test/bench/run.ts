/**
 * `npm run bench` runs every benchmark in this folder (files named `*.bench.ts`);
 * `npm run bench -- ingest` runs the named ones. Flags: `--runs=3` repeats each benchmark and
 * judges the median; `--list` lists them; `--engine=sqlite|postgres` picks the database (see
 * postgres-cluster.ts); any other `--key=value` is passed to the benchmarks. Results go to
 * bench-results/<name>.json (<name>.postgres.json on PostgreSQL); the exit code is 1 when a benchmark failed, broke an
 * invariant or missed its target.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { arch, availableParallelism, cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  SkipBenchmark,
  type Benchmark,
  type Check,
  type Metrics,
  type RunResult,
} from './benchmark.ts';
import { engineFlag, stopBenchCluster } from './postgres-cluster.ts';
import { backgroundLoad } from './process-cpu.ts';
import { repoRoot } from './server-process.ts';

const resultsDir = join(repoRoot, 'bench-results');

function parseArgs(argv: string[]) {
  const names: string[] = [];
  const flags: Record<string, string> = {};
  for (const arg of argv) {
    const flag = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (flag) flags[flag[1]!] = flag[2] ?? 'true';
    else names.push(arg);
  }
  return { names, flags };
}

async function loadBenchmarks(): Promise<Benchmark[]> {
  const files = readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const benchmarks: Benchmark[] = [];
  for (const file of files) {
    let module: { default?: Benchmark };
    try {
      module = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as {
        default?: Benchmark;
      };
    } catch (error) {
      // One benchmark whose server code is being changed must not stop the others: it is
      // listed, and fails with the import error when it is run.
      const name = file.replace(/\.bench\.ts$/, '');
      const problem = error instanceof Error ? error.message : String(error);
      benchmarks.push({
        name,
        description: `(cannot be loaded: ${problem.split('\n')[0]})`,
        target: { text: 'unknown', check: () => [] },
        run: () => Promise.reject(new Error(`${file} cannot be loaded: ${problem}`)),
      });
      continue;
    }
    const b = module.default;
    if (!b?.name || typeof b.run !== 'function') {
      throw new Error(`${file} must default-export a benchmark (see benchmark.ts)`);
    }
    if (`${b.name}.bench.ts` !== file) throw new Error(`${file} is named ${b.name}`);
    benchmarks.push(b);
  }
  return benchmarks;
}

function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function medianMetrics(runs: RunResult[]): Metrics {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))];
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r.metrics[k] ?? NaN))]));
}

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100);
const mark = (c: Check) => `${c.pass ? '✔' : '✘'} ${c.name}: ${c.detail}`;

const machine = {
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  os: `${platform()} ${release()} ${arch()}`,
};

/** Cores others may use during a run before it counts as disturbed (with --quiet-wait). */
const quietCores = 0.33;

/**
 * Benchmarks on a shared machine measure the neighbours too: report the load before each run
 * and, with --quiet-wait=<seconds>, wait (up to that long) until it has stayed below a third of
 * a core for three seconds.
 */
async function waitForQuiet(maxWaitS: number, log: (message: string) => void) {
  const deadline = Date.now() + maxWaitS * 1000;
  let quietSeconds = 0;
  for (;;) {
    const busy = await backgroundLoad(machine.cores);
    if (busy === null) return;
    quietSeconds = busy < quietCores ? quietSeconds + 1 : 0;
    if (quietSeconds >= 3 || maxWaitS === 0 || Date.now() >= deadline) {
      log(`machine load before the run: ${busy.toFixed(2)} of ${machine.cores} cores busy`);
      return;
    }
  }
}

/** Which code was measured: the commit, and the server-side files changed since it. */
function codeVersion(): { commit: string; uncommitted: string[] } | null {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repoRoot,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    const changed = git('status', '--porcelain', '--', 'server', 'schema', 'campaigns');
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      uncommitted: changed ? changed.split('\n').map((l) => l.slice(3)) : [],
    };
  } catch {
    return null;
  }
}

type Outcome = 'passed' | 'failed' | 'skipped';

/** Median metrics of the benchmarks run so far in this invocation (BenchContext.earlier). */
const earlier: Record<string, Metrics> = {};

async function runBenchmark(b: Benchmark, runs: number, flags: Record<string, string>) {
  console.log(`\n━━ ${b.name} ━━ ${b.description}`);
  console.log(`target: ${b.target.text}`);
  const startedAt = new Date().toISOString();
  const results: RunResult[] = [];
  let outcome: Outcome = 'passed';
  let problem: string | null = null;
  const log = (message: string) => console.log(`  · ${message}`);

  try {
    const quietWait = Number(flags['quiet-wait'] ?? 0);
    let retries = 0;
    for (let i = 1; i <= runs; i++) {
      if (runs > 1) console.log(`\n run ${i} of ${runs}`);
      await waitForQuiet(quietWait, log);
      const result = await b.run({ flags, log, earlier });
      for (const line of result.lines) console.log(`  ${line}`);
      for (const check of result.invariants) console.log(`  ${mark(check)}`);
      // A run that other processes disturbed is done again (up to 3 times) when waiting is on;
      // one that broke an invariant is kept whatever the load.
      const others = result.metrics.other_processes_cores ?? 0;
      const held = result.invariants.every((c) => c.pass);
      if (quietWait > 0 && others > quietCores && held && retries < 3) {
        retries++;
        log(`other processes used ${others.toFixed(2)} cores during the run: run again`);
        i--;
        continue;
      }
      results.push(result);
    }
  } catch (error) {
    if (error instanceof SkipBenchmark) {
      outcome = 'skipped';
      problem = error.message;
      console.log(`  skipped: ${error.message}`);
    } else {
      outcome = 'failed';
      problem = String((error as Error)?.stack ?? error);
      console.log(`  failed: ${problem}`);
    }
  }

  const metrics = medianMetrics(results);
  if (results.length) earlier[b.name] = metrics;
  const targetChecks = results.length ? b.target.check(metrics) : [];
  const invariantsHeld = results.every((r) => r.invariants.every((c) => c.pass));
  if (outcome === 'passed' && (!invariantsHeld || !targetChecks.every((c) => c.pass))) {
    outcome = 'failed';
  }

  if (results.length) {
    const label = runs > 1 ? `median of ${results.length} runs` : 'result';
    console.log(`\n ${label}:`);
    for (const [key, value] of Object.entries(metrics)) {
      const each =
        runs > 1 ? `   (${results.map((r) => round(r.metrics[key] ?? NaN)).join(', ')})` : '';
      console.log(`   ${key.padEnd(36)} ${String(round(value)).padStart(10)}${each}`);
    }
    for (const check of targetChecks) console.log(`  ${mark(check)}`);
    if (!invariantsHeld) console.log('  ✘ an invariant failed in at least one run (see above)');
  }
  console.log(` ${b.name}: ${outcome.toUpperCase()}`);

  if (outcome === 'skipped') return outcome; // keep the last real result on file
  mkdirSync(resultsDir, { recursive: true });
  // SQLite's results keep their old name; PostgreSQL's sit beside them.
  const engine = engineFlag(flags);
  const file = join(
    resultsDir,
    engine === 'sqlite' ? `${b.name}.json` : `${b.name}.${engine}.json`,
  );
  const record = {
    name: b.name,
    description: b.description,
    target: b.target.text,
    engine,
    outcome,
    problem,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine,
    code: codeVersion(),
    flags,
    median: metrics,
    targetChecks,
    runs: results,
  };
  writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
  console.log(` written to ${file}`);
  return outcome;
}

async function main() {
  const { names, flags } = parseArgs(process.argv.slice(2));
  const runs = Number(flags.runs ?? 1);
  delete flags.runs;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  const all = await loadBenchmarks();

  if (flags.list) {
    for (const b of all)
      console.log(
        `${b.name.padEnd(16)} ${b.description}\n${''.padEnd(16)} target: ${b.target.text}`,
      );
    return;
  }
  const unknown = names.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length) {
    throw new Error(
      `no benchmark named ${unknown.join(', ')}; there are: ${all.map((b) => b.name).join(', ')}`,
    );
  }
  const selected = names.length ? all.filter((b) => names.includes(b.name)) : all;
  const engine = engineFlag(flags);

  console.log(
    `machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}`,
  );
  const code = codeVersion();
  if (code) {
    const dirty = code.uncommitted.length;
    console.log(
      `code: ${code.commit}${dirty ? ` + ${dirty} uncommitted server/schema/campaign file(s)` : ''}`,
    );
  }
  console.log(
    `engine: ${engine}${engine === 'postgres' ? ` (${process.env.HUIYIN_BENCH_DATABASE_URL ? 'HUIYIN_BENCH_DATABASE_URL' : 'a throwaway cluster for this run'})` : ''}`,
  );
  const outcomes: Record<string, Outcome> = {};
  for (const b of selected) outcomes[b.name] = await runBenchmark(b, runs, flags);

  console.log(
    `\n${Object.entries(outcomes)
      .map(([n, o]) => `${n}: ${o}`)
      .join(' · ')}`,
  );
  if (Object.values(outcomes).includes('failed')) process.exitCode = 1;
}

// Ctrl-C or a kill: the throwaway PostgreSQL cluster (--engine=postgres) goes too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping`);
    void stopBenchCluster().finally(() => process.exit(130));
  });
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => stopBenchCluster());

/**
 * What a benchmark is. One file per benchmark, named `<name>.bench.ts` in this folder, whose
 * default export is a `Benchmark`; run.ts finds it by its file name, nothing else to register.
 */

/**
 * Numbers a run measured, keyed with their unit (`accepted_per_s`, `latency_p99_ms`, ...).
 * `other_processes_cores` (CPU that other processes took during the run) is read by the
 * runner: with --quiet-wait it repeats a run that was disturbed.
 */
export type Metrics = Record<string, number>;

/** One yes/no verdict with the figures behind it, e.g. "p99 < 50 ms: 12.0 ms". */
export type Check = { name: string; pass: boolean; detail: string };

/** What one run of a benchmark hands back to the runner. */
export type RunResult = {
  metrics: Metrics;
  /**
   * Invariants that must hold on every single run whatever the speed (durability: every
   * acknowledged write is in the database). The performance target is judged separately, on
   * the median of the runs, by `target.check`.
   */
  invariants: Check[];
  /** Readable lines for the summary (already formatted). */
  lines: string[];
  /** Anything else worth keeping in the JSON file (raw load-generator output, settings). */
  details?: Record<string, unknown>;
};

export type BenchContext = {
  /** `--key=value` flags from the command line (`--duration=30`), for the benchmark to read. */
  flags: Record<string, string>;
  /** Progress messages, printed as they happen. */
  log: (message: string) => void;
  /**
   * The median metrics of the benchmarks that already ran in this `npm run bench`, by name:
   * `ingest` reads the bare echo of the same run from `http-ceiling`.
   */
  earlier: Readonly<Record<string, Metrics>>;
};

export type Benchmark = {
  name: string;
  description: string;
  target: {
    /** The target, in words. */
    text: string;
    /** Judges the (median) metrics against the target. */
    check: (metrics: Metrics) => Check[];
  };
  run: (context: BenchContext) => Promise<RunResult>;
};

/** Thrown by a benchmark that cannot run here (missing data set, ...): reported, not failed. */
export class SkipBenchmark extends Error {
  override readonly name = 'SkipBenchmark';
}

/** For a benchmark that runs on SQLite only: skipped with `--engine=postgres`, saying why. */
export function sqliteOnly(flags: Record<string, string>, why: string): void {
  if ((flags.engine ?? 'sqlite') !== 'sqlite') throw new SkipBenchmark(`SQLite only: ${why}`);
}

/** Identity function that gives a benchmark file its type checking. */
export function defineBenchmark(benchmark: Benchmark): Benchmark {
  return benchmark;
}

/** Reads a numeric flag, with a default and a sanity range. */
export function numberFlag(
  flags: Record<string, string>,
  key: string,
  fallback: number,
  range: { min?: number; max?: number } = {},
): number {
  const raw = flags[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  const { min = -Infinity, max = Infinity } = range;
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`--${key}=${raw}: expected a number between ${min} and ${max}`);
  }
  return value;
}

/** The q-quantile (0 ≤ q ≤ 1) of some measurements, nearest rank; NaN when there are none. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

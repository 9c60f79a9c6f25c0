/**
 * Runs autocannon against a URL, by default in a separate Node process, so that the load
 * generator has an event loop (and, on a 2-core machine, most of a core) to itself instead of
 * sharing one with the benchmark's own bookkeeping.
 *
 * What to send is described by a scenario module: its default export turns a JSON-serialisable
 * payload (accounts, texts) into autocannon options (`requests`, `setupClient`, ...). Functions
 * cannot cross a process boundary, so the scenario is built inside whichever process runs
 * autocannon.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { runRawLoad, type RawLoadResult, type RawLoadSpec } from './raw-load.ts';
import { repoRoot } from './server-process.ts';

export type LoadMode = 'child' | 'inprocess';

/** A scenario module's default export. */
export type Scenario<P> = (payload: P) => Partial<autocannon.Options>;

/** What a load run reports: the autocannon fields the benchmarks read (raw-load.ts has the same). */
export type LoadSummary = RawLoadResult;

/** A load for autocannon, described by a scenario module, or for the lean generator (raw-load.ts). */
export type LoadSpec = AutocannonSpec | ({ tool: 'raw' } & RawLoadSpec);

export type AutocannonSpec = {
  tool?: 'autocannon';
  /** Absolute path or file URL of the scenario module. */
  scenario: string;
  payload: unknown;
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Seconds before a request counts as a timeout. */
  timeout?: number;
};

export type LoadResult = {
  result: LoadSummary;
  /** CPU the load generator's process used during the run, in cores (1 = one core busy). */
  generatorCores: number;
  mode: LoadMode;
};

/** Runs one load (in the current process); used directly in `inprocess` mode and by the child. */
export async function runLoadHere(
  spec: LoadSpec,
  onStart?: () => void,
): Promise<Omit<LoadResult, 'mode'>> {
  const run = spec.tool === 'raw' ? () => runRawLoad(spec) : await autocannonRun(spec);
  onStart?.();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const elapsedUs = (performance.now() - started) * 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { result, generatorCores: (cpu.user + cpu.system) / elapsedUs };
}

/** Builds the scenario first, so that its set-up is not measured. */
async function autocannonRun(spec: AutocannonSpec): Promise<() => Promise<LoadSummary>> {
  const module = (await import(spec.scenario)) as { default: Scenario<unknown> };
  const scenarioOptions = module.default(spec.payload);
  return () =>
    autocannon({
      url: spec.url,
      connections: spec.connections,
      duration: spec.duration,
      timeout: spec.timeout ?? 10,
      ...scenarioOptions,
    });
}

const childEntry = fileURLToPath(new URL('./load-child.ts', import.meta.url));

/**
 * Runs the load in `mode`. `onStart` is called with the load generator's process id just as the
 * load begins (after the child has started and built its scenario), so a caller can sample CPU
 * over the same window.
 */
export async function runLoad(
  spec: LoadSpec,
  mode: LoadMode = 'child',
  onStart?: (generatorPid: number) => void,
): Promise<LoadResult> {
  if (mode === 'inprocess') {
    return { ...(await runLoadHere(spec, () => onStart?.(process.pid))), mode };
  }
  const child = fork(childEntry, [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<LoadResult>((resolve, reject) => {
    let answered = false;
    child.on('message', (message: { started?: true; ok: boolean; value: unknown }) => {
      if (message.started) return onStart?.(child.pid!);
      answered = true;
      if (message.ok) resolve({ ...(message.value as Omit<LoadResult, 'mode'>), mode });
      else reject(new Error(`load generator failed: ${String(message.value)}`));
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!answered) reject(new Error(`load generator exited early (${code ?? signal})`));
    });
    child.send(spec);
  });
}

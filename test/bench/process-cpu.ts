/**
 * CPU time a process has used, read from Linux's /proc, to tell whether the server saturated
 * a core during a run. The event-loop thread and the whole process (GC, libuv pool) are
 * reported apart: a JavaScript server is CPU-bound when its main thread is near 1.0 cores.
 */
import { readdirSync, readFileSync } from 'node:fs';

export type CpuSample = { at: number; mainThreadNs: number; allThreadsNs: number };

/** Nanoseconds on CPU from /proc/<pid>/task/<tid>/schedstat (first field). */
function threadNs(pid: number, tid: string): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return 0; // the thread ended between listing and reading
  }
}

/** Null where /proc is not available (not Linux). */
export function sampleCpu(pid: number): CpuSample | null {
  try {
    const tids = readdirSync(`/proc/${pid}/task`);
    return {
      at: performance.now(),
      mainThreadNs: threadNs(pid, String(pid)),
      allThreadsNs: tids.reduce((sum, tid) => sum + threadNs(pid, tid), 0),
    };
  } catch {
    return null;
  }
}

/** Average cores used between two samples (1 = one core fully busy). */
export function coresUsed(
  before: CpuSample | null,
  after: CpuSample | null,
): { mainThread: number; allThreads: number } | null {
  if (!before || !after) return null;
  const wallNs = (after.at - before.at) * 1e6;
  return {
    mainThread: (after.mainThreadNs - before.mainThreadNs) / wallNs,
    allThreads: (after.allThreadsNs - before.allThreadsNs) / wallNs,
  };
}

const ticksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on

/**
 * CPU time of a process and all its descendants (PostgreSQL's postmaster and its backends), in
 * nanoseconds, from /proc/<pid>/stat: user + system time of each live process, plus what the
 * root has collected from children that ended. Tick resolution (10 ms): for windows of seconds.
 */
export function sampleTree(rootPid: number): CpuSample | null {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  let rootChildren = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // ended meanwhile
      }
      // pid (comm) state ppid … utime(14) stime(15) cutime(16) cstime(17); comm may hold spaces
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      parents.set(pid, Number(fields[1]));
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
      if (pid === rootPid) rootChildren = Number(fields[13]) + Number(fields[14]);
    }
  } catch {
    return null;
  }
  if (!ticks.has(rootPid)) return null;
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parents.get(p) ?? 0, hops++)
      if (p === rootPid) return true;
    return false;
  };
  let total = rootChildren;
  for (const [pid, t] of ticks) if (inTree(pid)) total += t;
  const ns = (total / ticksPerSecond) * 1e9;
  return { at: performance.now(), mainThreadNs: ns, allThreadsNs: ns };
}

export type SystemSample = {
  at: number;
  busyTicks: number;
  totalTicks: number;
  stealTicks: number;
};

/** Whole-machine CPU counters from the first line of /proc/stat; null where unavailable. */
export function sampleSystem(): SystemSample | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1, 9)
      .map(Number) as number[];
    const busy = user! + nice! + system! + irq! + softirq!;
    return {
      at: performance.now(),
      busyTicks: busy,
      totalTicks: busy + idle! + iowait! + steal!,
      stealTicks: steal!,
    };
  } catch {
    return null;
  }
}

/** Cores busy on the whole machine between two samples, and cores stolen by the hypervisor. */
export function machineCoresBusy(
  before: SystemSample | null,
  after: SystemSample | null,
  cores: number,
): { busy: number; steal: number } | null {
  if (!before || !after || after.totalTicks === before.totalTicks) return null;
  const total = after.totalTicks - before.totalTicks;
  return {
    busy: ((after.busyTicks - before.busyTicks) / total) * cores,
    steal: ((after.stealTicks - before.stealTicks) / total) * cores,
  };
}

/** Samples the machine for `ms` and returns the cores busy: other people's load before a run. */
export async function backgroundLoad(cores: number, ms = 1000): Promise<number | null> {
  const before = sampleSystem();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return machineCoresBusy(before, sampleSystem(), cores)?.busy ?? null;
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

export type CpuWindow = {
  seconds: number;
  /** CLOCK_MONOTONIC microseconds at the start and end of the window (for profile filtering). */
  fromUs: number;
  toUs: number;
  server: { mainThread: number; allThreads: number } | null;
  loadGenerator: number | null;
  /** Cores the database server's processes used (PostgreSQL); null without one. */
  database: number | null;
  machine: { busy: number; steal: number } | null;
  /** Cores used by everything else on the machine (other people's builds, browsers). */
  others: number | null;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Samples CPU over the steady part of a load of `durationS` seconds that starts now: from 1 s
 * in to 1 s before the end (the whole run when it is shorter than 4 s).
 */
export async function measureSteadyState(
  serverPid: number,
  generatorPid: number,
  durationS: number,
  cores: number,
  /** PostgreSQL's postmaster, whose process tree is measured apart from `others`. */
  databasePid: number | null = null,
): Promise<CpuWindow> {
  const margin = durationS >= 4 ? 1000 : 0;
  await sleep(margin);
  const fromUs = monotonicUs();
  const before = {
    server: sampleCpu(serverPid),
    gen: sampleCpu(generatorPid),
    database: databasePid ? sampleTree(databasePid) : null,
    machine: sampleSystem(),
  };
  await sleep(durationS * 1000 - 2 * margin);
  const toUs = monotonicUs();
  const after = {
    server: sampleCpu(serverPid),
    gen: sampleCpu(generatorPid),
    database: databasePid ? sampleTree(databasePid) : null,
    machine: sampleSystem(),
  };
  const server = coresUsed(before.server, after.server);
  const loadGenerator = coresUsed(before.gen, after.gen)?.allThreads ?? null;
  const machine = machineCoresBusy(before.machine, after.machine, cores);
  const database = coresUsed(before.database, after.database)?.allThreads ?? null;
  return {
    seconds: (toUs - fromUs) / 1e6,
    fromUs,
    toUs,
    server,
    loadGenerator,
    database,
    machine,
    others:
      machine && server && loadGenerator !== null
        ? Math.max(0, machine.busy - server.allThreads - loadGenerator - (database ?? 0))
        : null,
  };
}

/** Resident memory of a process in MB (Linux /proc), or NaN when it is gone. */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

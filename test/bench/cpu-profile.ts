/**
 * Summarises a V8 .cpuprofile (written by `node --cpu-prof`): where the samples landed, by
 * module (package, server file or Node internals), by function (self time), and the inclusive
 * time of our own code (the time spent in a function and all it called).
 * V8 samples the thread at intervals whether it computes or waits in a synchronous call (an
 * fsync inside a SQLite commit counts), so read it as "busy time", not strictly CPU; idle
 * samples are left out.
 */
import { readFileSync } from 'node:fs';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
};

export type ProfileRow = { name: string; ms: number; share: number };
export type ProfileSummary = {
  totalMs: number;
  modules: ProfileRow[];
  /** Self time: the function itself, or native code it called directly (SQLite, syscalls). */
  functions: ProfileRow[];
  /**
   * Inclusive time of repository code: a function and what it called synchronously. For a
   * middleware that includes the handlers it runs before its first `await`.
   */
  paths: ProfileRow[];
};

/** `node_modules/<pkg>` → pkg, a repository file → its path, node:… → node internals. */
function moduleOf(url: string): string {
  if (!url) return '(native / vm)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const repo = /\/(server|schema)\/(.+)$/.exec(url);
  return repo ? `${repo[1]}/${repo[2]}` : url;
}

function frameName(frame: ProfileNode['callFrame']): string {
  // Lines of .ts files are those of tsx's transpiled output, not of the source: left out.
  const line = frame.url.endsWith('.ts') ? '' : `:${frame.lineNumber + 1}`;
  const where = frame.url ? ` ${moduleOf(frame.url)}${line}` : '';
  return `${frame.functionName || '(anonymous)'}${where}`;
}

const isOurs = (url: string) => /\/(server|schema)\/.+\.ts$/.test(url);

function top(map: Map<string, number>, totalMs: number, count: number): ProfileRow[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms: Math.round(ms), share: ms / totalMs }));
}

/**
 * `window` limits the summary to samples taken between two CLOCK_MONOTONIC instants in
 * microseconds (V8 stamps samples with the same clock as process.hrtime on Linux), so a
 * profile of the whole process can be read for just the measured run.
 */
export function summariseProfile(
  file: string,
  count = 15,
  window?: { fromUs: number; toUs: number },
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);

  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  const paths = new Map<string, number>();
  let totalMs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') return;
    totalMs += ms;
    const fn = frameName(frame);
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
    const mod = frame.url ? moduleOf(frame.url) : frame.functionName;
    modules.set(mod, (modules.get(mod) ?? 0) + ms);
    // Walk up the stack once, counting each of our frames once (recursion included).
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parentOf.get(n)) {
      const f = byId.get(n)!.callFrame;
      if (!isOurs(f.url)) continue;
      const name = frameName(f);
      if (seen.has(name)) continue;
      seen.add(name);
      paths.set(name, (paths.get(name) ?? 0) + ms);
    }
  });
  return {
    totalMs: Math.round(totalMs),
    modules: top(modules, totalMs, count),
    functions: top(functions, totalMs, count),
    paths: top(paths, totalMs, count),
  };
}

/**
 * CPU profiles of this very process (for benchmarks that call server code in-process rather than
 * start a server): the V8 inspector's sampling profiler around one phase, written as a
 * `.cpuprofile` (open it in Chrome DevTools) and summarised with cpu-profile.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { summariseProfile } from './cpu-profile.ts';

export type Profiler = {
  /** Profiles `fn`; with profiling off just runs it. Returns its result. */
  phase<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
  /** Readable summary lines of every profiled phase. */
  lines: string[];
};

export async function inProcessProfiler(enabled: boolean, dir: string): Promise<Profiler> {
  const lines: string[] = [];
  if (!enabled) return { phase: async (_name, fn) => fn(), lines };
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 1 ms sampling (the default), fine enough for phases of a second or more.
  return {
    lines,
    async phase(name, fn) {
      await session.post('Profiler.start');
      try {
        return await fn();
      } finally {
        const { profile } = await session.post('Profiler.stop');
        const file = join(dir, `clustering-${name}-${Date.now()}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        const summary = summariseProfile(file, 12);
        lines.push(`profile of ${name}: ${file} (${summary.totalMs} ms busy)`, '  self time:');
        for (const f of summary.functions)
          lines.push(`    ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
        lines.push('  server code (inclusive):');
        for (const f of summary.paths)
          lines.push(`    ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
      }
    },
  };
}

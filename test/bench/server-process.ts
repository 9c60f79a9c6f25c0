/**
 * Starts the real server (server/main.ts) as a child process, the way production runs it: its
 * own Node process, its own event loop, a real SQLite file. For benchmarks and for durability
 * tests (kill -9, restart on the same file, count rows).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the server resolves campaigns/ and web/dist relative to it. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export type ServerOptions = {
  /** Extra environment, on top of the benchmark defaults below (which turn rate limits off). */
  env?: Record<string, string>;
  /** An existing database file to reuse (restart after a crash); default: a fresh temp file. */
  dbFile?: string;
  /** Run on PostgreSQL instead: the database's URL (HUIYIN_DATABASE_URL). */
  databaseUrl?: string;
  /** Fixed port; default: a free one. */
  port?: number;
  /** Extra Node flags for the server process, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeArgs?: string[];
  /** Print the server's output as it comes (default: keep the last lines for error reports). */
  echo?: boolean;
  /** How long to wait for GET /api/health to answer 200. */
  startTimeoutMs?: number;
  /** The server's entry module, relative to the repository (default `server/main.ts`). */
  entry?: string;
};

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type ServerProcess = {
  url: string;
  port: number;
  pid: number;
  dbFile: string;
  /** The temp directory holding the database (removed by `dispose` unless `dbFile` was given). */
  dir: string | null;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<Exit>;
  /** The last lines the server printed (stdout and stderr together). */
  output(): string;
  /** Graceful stop: SIGTERM (the server commits queued writes and closes), SIGKILL after a grace. */
  stop(graceMs?: number): Promise<Exit>;
  /** Sends a signal (SIGKILL for crash tests) and waits for the process to be gone. */
  kill(signal?: NodeJS.Signals): Promise<Exit>;
  /** Removes the temp directory (call after the process has exited and you have read the file). */
  dispose(): void;
};

/** Benchmarks measure the write path, not the abuse limits: 0 turns a limit off (config.ts). */
export const benchmarkEnv: Record<string, string> = {
  HUIYIN_DEMO: '0',
  HUIYIN_SUBMIT_PER_ACCOUNT_PER_HOUR: '0',
  HUIYIN_SUBMIT_PER_IP_PER_HOUR: '0',
  HUIYIN_SUPPORT_PER_ACCOUNT_PER_HOUR: '0',
  HUIYIN_AUTH_PER_IP_PER_HOUR: '0',
  HUIYIN_REQUEST_LOG: '0',
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startServer(options: ServerOptions = {}): Promise<ServerProcess> {
  const dir = options.dbFile ? null : mkdtempSync(join(tmpdir(), 'huiyin-bench-'));
  const dbFile = options.dbFile ?? join(dir!, 'bench.db');
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;

  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', options.entry ?? 'server/main.ts'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        ...benchmarkEnv,
        ...options.env,
        HUIYIN_DB: dbFile,
        HUIYIN_DATABASE_URL: options.databaseUrl ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );

  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (options.echo) process.stdout.write(text);
    tail.push(...text.split('\n').filter(Boolean));
    if (tail.length > 200) tail.splice(0, tail.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  let exit: Exit | null = null;
  const exited = new Promise<Exit>((resolve) => {
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
  });
  const output = () => tail.join('\n');

  const waitExit = async (timeoutMs: number): Promise<Exit | null> =>
    Promise.race([exited, sleep(timeoutMs).then(() => null)]);

  const server: ServerProcess = {
    url,
    port,
    pid: child.pid!,
    dbFile,
    dir,
    exited,
    output,
    async stop(graceMs = 15_000) {
      if (exit) return exit;
      child.kill('SIGTERM');
      const done = await waitExit(graceMs);
      if (done) return done;
      child.kill('SIGKILL');
      return exited;
    },
    async kill(signal = 'SIGKILL') {
      if (exit) return exit;
      child.kill(signal);
      return exited;
    },
    dispose() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };

  // Wait for the health check; give up early if the process dies (bad config, port taken).
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (exit) {
      server.dispose();
      throw new Error(
        `The server exited before it was ready (${JSON.stringify(exit)}):\n${output()}`,
      );
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.kill();
      server.dispose();
      throw new Error(`The server did not answer /api/health in time:\n${output()}`);
    }
    await sleep(100);
  }
}

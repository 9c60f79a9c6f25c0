// The local cluster behind `npm run cluster`, the cluster test and the cluster benchmark: a
// PostgreSQL primary and synchronous standby (replicated-postgres.ts), app nodes as real
// processes (`server/main.ts`, each with its own HUIYIN_NODE_ID and port, given both database
// hosts with target_session_attrs=read-write) and optionally HAProxy in front, checking each node
// on /api/ready. One temp folder holds it all (data, logs, the HAProxy config); `stop()` ends
// every process it started and removes the folder, also after a start that failed half-way.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startReplicatedCluster, type ReplicatedCluster } from './replicated-postgres.ts';

/** The repository root: nodes run from it (campaigns/, web/dist). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type AppNode = {
  id: string;
  port: number;
  url: string;
  pid: number;
  log: string;
  /** Whether the process has exited (however it ended). */
  exited: () => boolean;
  /** The last lines of its log, for an error message. */
  tail: (lines?: number) => string;
  /** Sends a signal (SIGKILL: a crash) and waits until the process is gone. */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
};

export type LocalClusterOptions = {
  /** App nodes to start (default 2). */
  nodes?: number;
  /** Seed the demo accounts and submissions (HUIYIN_DEMO=1) on start. */
  demo?: boolean;
  /** HAProxy in front of the nodes on this port (0: a free one); omitted: no balancer. */
  balancerPort?: number;
  /** Extra environment for every node (rate limits, request log). */
  env?: Record<string, string>;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
};

export type LocalCluster = Awaited<ReturnType<typeof startLocalCluster>>;

/** Starts one app node and waits until its /api/ready answers 200. */
async function startNode(
  id: string,
  databaseUrl: string,
  dir: string,
  env: Record<string, string>,
  children: ChildProcess[],
): Promise<AppNode> {
  const port = await freePort();
  const log = join(dir, `${id}.log`);
  const out = openSync(log, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      HUIYIN_DB: '',
      HUIYIN_DATABASE_READ_URL: '',
      ...env,
      HUIYIN_DATABASE_URL: databaseUrl,
      HUIYIN_NODE_ID: id,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  children.push(child);
  let done = false;
  const gone = new Promise<void>((resolve) =>
    child.on('exit', () => {
      done = true;
      resolve();
    }),
  );
  const tail = (lines = 20) =>
    existsSync(log) ? readFileSync(log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '';
  const node: AppNode = {
    id,
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    log,
    exited: () => done,
    tail,
    async kill(signal = 'SIGKILL') {
      if (!done) child.kill(signal);
      await gone;
    },
  };
  for (const deadline = Date.now() + 60_000; ; await sleep(100)) {
    if (done) throw new Error(`app node ${id} exited before it was ready:\n${tail()}`);
    if (Date.now() > deadline) throw new Error(`app node ${id} was not ready in 60 s:\n${tail()}`);
    const ready = await fetch(`${node.url}/api/ready`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ready) return node;
  }
}

/** HAProxy's configuration: HTTP on `port` to every node, each checked on /api/ready. */
export function haproxyConfig(port: number, nodes: readonly AppNode[]): string {
  return [
    'global',
    '    maxconn 4000',
    'defaults',
    '    mode http',
    '    timeout connect 2s',
    '    timeout client 60s',
    '    timeout server 60s',
    'frontend huiyin_http',
    `    bind :${port}`,
    '    option forwardfor',
    '    default_backend huiyin_app',
    'backend huiyin_app',
    '    balance roundrobin',
    // A node that stops answering /api/ready (gone, shutting down) leaves the rotation; a
    // request whose connection a dead node refused is sent to another.
    '    option httpchk GET /api/ready',
    '    http-check expect status 200',
    '    option redispatch',
    '    retry-on conn-failure empty-response',
    '    retries 2',
    ...nodes.map((n) => `    server ${n.id} 127.0.0.1:${n.port} check inter 1s fall 2 rise 2`),
    '',
  ].join('\n');
}

/** Starts HAProxy in the foreground (it ends with its parent's `stop`); resolves once it answers. */
async function startBalancer(
  port: number,
  nodes: readonly AppNode[],
  dir: string,
  children: ChildProcess[],
) {
  const haproxy = ['/usr/sbin/haproxy', '/usr/bin/haproxy'].find(existsSync);
  if (!haproxy) throw new Error('HAProxy is not installed: apt-get install -y haproxy');
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(config, haproxyConfig(port, nodes));
  const check = spawnSync(haproxy, ['-c', '-q', '-f', config], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`HAProxy refused its configuration:\n${check.stderr}`);
  const log = join(dir, 'haproxy.log');
  const out = openSync(log, 'a');
  const child = spawn(haproxy, ['-db', '-f', config], { stdio: ['ignore', out, out] });
  closeSync(out);
  children.push(child);
  let done = false;
  child.on('exit', () => (done = true));
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 15_000; ; await sleep(200)) {
    if (done) throw new Error(`HAProxy exited on start:\n${readFileSync(log, 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`HAProxy did not answer on port ${port} in 15 s`);
    const ok = await fetch(`${url}/api/ready`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return { port, pid: child.pid!, url, config };
  }
}

/** Throws, naming the port, when something already listens on it (checked before starting). */
function portIsFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`port ${port} is taken (${error.code}): choose another with --port=N`)),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** Ends the processes (SIGTERM, SIGKILL after `graceMs`) and waits until each is gone. */
async function endAll(children: readonly ChildProcess[], graceMs: number): Promise<void> {
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  const gone = alive.map((c) => new Promise<void>((resolve) => c.once('exit', () => resolve())));
  for (const c of alive) c.kill('SIGTERM');
  const all = Promise.all(gone);
  if (await Promise.race([all.then(() => true), sleep(graceMs).then(() => false)])) return;
  for (const c of alive) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await all;
}

export async function startLocalCluster(options: LocalClusterOptions = {}) {
  const say = options.log ?? (() => undefined);
  const children: ChildProcess[] = [];
  let database: ReplicatedCluster | null = null;
  let stopped = false;
  const stop = async (graceMs = 10_000) => {
    if (stopped) return;
    stopped = true;
    await endAll(children, graceMs);
    database?.stop();
  };
  try {
    if (options.balancerPort) await portIsFree(options.balancerPort);
    say('starting PostgreSQL: a primary and a synchronous standby…');
    database = await startReplicatedCluster();
    const logs = join(database.dir, 'logs');
    mkdirSync(logs);
    const env = {
      // Behind HAProxy (option forwardfor), a client's address is X-Forwarded-For's.
      ...(options.balancerPort === undefined ? {} : { HUIYIN_TRUST_PROXY: '1' }),
      ...options.env,
      HUIYIN_DEMO: options.demo ? '1' : '0',
    };
    const nodes: AppNode[] = [];
    // One after the other: the first migrates the database (and seeds the demo), the others find
    // it done.
    for (let i = 1; i <= (options.nodes ?? 2); i++) {
      say(
        `starting app node app${i}${i === 1 ? ' (migrates the database' + (options.demo ? ', seeds the demo data)' : ')') : ''}…`,
      );
      nodes.push(await startNode(`app${i}`, database.bothUrl, logs, env, children));
    }
    const balancer =
      options.balancerPort === undefined
        ? null
        : await startBalancer(options.balancerPort || (await freePort()), nodes, logs, children);
    return {
      /** Where to send requests: the balancer, or the first node when there is none. */
      url: balancer ? `http://localhost:${balancer.port}` : nodes[0]!.url,
      database,
      nodes,
      balancer,
      /** The temp folder holding everything (removed by `stop`). */
      dir: database.dir,
      logs,
      /** Every process started: app nodes, HAProxy, both postmasters (for checks after `stop`). */
      pids: () => [
        ...children.map((c) => c.pid!),
        ...Object.values(database!.pids()).filter((p): p is number => p !== null),
      ],
      /** Ends the nodes and HAProxy (SIGTERM, then SIGKILL), stops PostgreSQL, removes the folder. */
      stop,
    };
  } catch (error) {
    await stop(2_000);
    throw error;
  }
}

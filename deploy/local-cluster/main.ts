// `npm run cluster`: builds the web app, starts the local cluster (local-cluster.ts) with the demo
// data, prints where each part listens and waits; Ctrl-C or SIGTERM stops everything and removes
// its temp folder. A part that fails to start is named, the rest is stopped, the exit code is 1.
//   npm run cluster                  # the balancer on port 3000
//   npm run cluster -- --port=8080   # elsewhere (0: any free port)
//   npm run cluster -- --no-build    # web/dist as it is
import { spawnSync } from 'node:child_process';
import { repoRoot, startLocalCluster, type LocalCluster } from './local-cluster.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const port = Number(flag('port') ?? 3000);
const say = (line: string) => console.log(`[cluster] ${line}`);

async function main(): Promise<number> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port=${flag('port')}: expected a port number`);
    return 1;
  }
  if (!args.includes('--no-build')) {
    say('building the web app (npm run build)…');
    const build = spawnSync('npm', ['run', 'build', '--silent'], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (build.status !== 0) {
      console.error('[cluster] the web app did not build (npm run build); nothing was started');
      return 1;
    }
  }
  let cluster: LocalCluster | null = null;
  let stopping: Promise<void> | null = null;
  const stop = (why: string) => {
    stopping ??= (async () => {
      say(`${why}: stopping the app nodes, HAProxy and PostgreSQL…`);
      await cluster?.stop();
      say('stopped; temp folder removed');
    })();
    return stopping;
  };
  // A signal during start-up is answered once start-up has ended (then everything is stopped).
  let signalled = '';
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => {
      signalled = signal;
      if (cluster) void stop(signal).then(() => process.exit(0));
    });
  try {
    cluster = await startLocalCluster({ demo: true, balancerPort: port, log: say });
  } catch (error) {
    console.error(`[cluster] did not start: ${error instanceof Error ? error.message : error}`);
    console.error('[cluster] everything it had started was stopped and its temp folder removed');
    return 1;
  }
  if (signalled) {
    await stop(signalled);
    return 0;
  }
  const { database, nodes, balancer } = cluster;
  say(`Huiyin runs at ${cluster.url}  (demo accounts: see README, password huiyin-demo-2026)`);
  say(`  HAProxy               :${balancer!.port}  pid ${balancer!.pid}  (checks /api/ready)`);
  for (const n of nodes) say(`  app node ${n.id}         :${n.port}  pid ${n.pid}`);
  const pids = database.pids();
  say(`  PostgreSQL primary    :${database.ports.primary}  pid ${pids.primary}`);
  say(`  PostgreSQL standby    :${database.ports.standby}  pid ${pids.standby}  (synchronous)`);
  say(`  logs and data in ${cluster.dir} (removed on stop)`);
  say('Ctrl-C stops everything');
  // If a node dies meanwhile, say so once (the others keep serving through HAProxy). The timer
  // also keeps this process alive until a signal ends it.
  const told = new Set<string>();
  setInterval(() => {
    for (const n of nodes)
      if (n.exited() && !stopping && !told.has(n.id)) {
        told.add(n.id);
        say(`app node ${n.id} has exited:\n${n.tail(5)}`);
      }
  }, 2_000);
  return new Promise<number>(() => undefined);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

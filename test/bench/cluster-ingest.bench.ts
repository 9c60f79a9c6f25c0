/**
 * Ingest on the local cluster (issue #16): a PostgreSQL primary with a synchronous standby and two
 * app node processes, started by deploy/local-cluster/ as `npm run cluster` starts them (without
 * HAProxy: each load generator talks to its node, so the balancer's CPU is not the nodes'). It
 * measures, on the same pair of database servers:
 *   1. pgbench's durable one-row inserts (64 clients; each commit waits for the standby too);
 *   2. accepted submissions/s with the load on one node (the other idle), then split over both;
 *      CPU per accepted submission on each node (event-loop thread and whole process) and in
 *      PostgreSQL (primary and standby), and the ratio two nodes / one node. On 2 cores the
 *      machine bounds both: the ratio says how much a second node adds here, the CPU per
 *      submission what each node costs (what a machine per node would scale by);
 *   3. failover: under a light load on both nodes the primary is stopped (-m immediate) and the
 *      standby promoted; the time from the loss to the first accepted submission (target ≤ 10 s).
 * Every 201 (all three parts) is then looked up on the promoted standby.
 *
 * Always its own PostgreSQL pair (Debian's binaries, run as root); `--engine` does not apply.
 * Flags: --duration=10 --warmup=2 --connections=64 --accounts=80 --pgbench-duration=10
 */
import { availableParallelism } from 'node:os';
import pg from 'pg';
import {
  startLocalCluster,
  type AppNode,
  type LocalCluster,
} from '../../deploy/local-cluster/local-cluster.ts';
import { postgresBin } from '../../deploy/local-cluster/replicated-postgres.ts';
import { signInAccounts } from './accounts.ts';
import { defineBenchmark, numberFlag, SkipBenchmark, type Check } from './benchmark.ts';
import { runLoad, type LoadResult, type LoadSpec } from './load-generator.ts';
import { type CampaignForm, type CampaignTopic, fitToForm, readMessages } from './messages.ts';
import { runPgbench } from './pgbench.ts';
import {
  coresUsed,
  machineCoresBusy,
  sampleCpu,
  sampleSystem,
  sampleTree,
  type CpuSample,
} from './process-cpu.ts';
import { benchmarkEnv } from './server-process.ts';

const slug = 'leadership-board';
const path = `/api/campaigns/${slug}/submissions`;
const targetFailoverMs = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

type Sample = {
  nodes: (CpuSample | null)[];
  primary: CpuSample | null;
  standby: CpuSample | null;
  machine: ReturnType<typeof sampleSystem>;
};

function sampleAll(cluster: LocalCluster): Sample {
  const pids = cluster.database.pids();
  return {
    nodes: cluster.nodes.map((n) => sampleCpu(n.pid)),
    primary: pids.primary ? sampleTree(pids.primary) : null,
    standby: pids.standby ? sampleTree(pids.standby) : null,
    machine: sampleSystem(),
  };
}

/** Cores used between two samples: each node (event-loop thread, whole process), PostgreSQL. */
function usage(a: Sample, b: Sample, cores: number) {
  return {
    nodes: a.nodes.map((s, i) => coresUsed(s, b.nodes[i] ?? null)),
    primary: coresUsed(a.primary, b.primary)?.allThreads ?? NaN,
    standby: coresUsed(a.standby, b.standby)?.allThreads ?? NaN,
    machine: machineCoresBusy(a.machine, b.machine, cores)?.busy ?? NaN,
  };
}

const accepted = (r: LoadResult) => r.result.statusCodeStats?.['201']?.count ?? 0;
const non201 = (r: LoadResult) =>
  Object.entries(r.result.statusCodeStats ?? {})
    .filter(([code]) => code !== '201')
    .reduce((sum, [, s]) => sum + (s.count ?? 0), 0) + r.result.errors;

export default defineBenchmark({
  name: 'cluster-ingest',
  description:
    'Accepted submissions/s with one and with two app node processes over one PostgreSQL primary and synchronous standby, beside pgbench; CPU per accepted submission per node; time from losing the primary to the first accepted submission on the promoted standby',
  target: {
    text: `first accepted submission ≤ ${targetFailoverMs / 1000} s after the primary is lost (figures beside it are reported, not judged)`,
    check: (m) => [
      {
        name: `failover: first accepted submission ≤ ${targetFailoverMs / 1000} s after the loss`,
        pass: (m.failover_first_accepted_ms ?? Infinity) <= targetFailoverMs,
        detail: `${fmt(m.failover_first_accepted_ms ?? NaN)} ms`,
      },
    ],
  },

  async run({ flags, log }) {
    const duration = numberFlag(flags, 'duration', 10, { min: 3 });
    const warmup = numberFlag(flags, 'warmup', 2, { min: 0 });
    const connections = numberFlag(flags, 'connections', 64, { min: 2, max: 10_000 });
    const accountCount = numberFlag(flags, 'accounts', 80, { min: 2, max: 100_000 });
    const pgbenchSeconds = numberFlag(flags, 'pgbench-duration', 10, { min: 1 });
    if (!postgresBin) throw new SkipBenchmark('PostgreSQL is not installed');
    if (process.getuid?.() !== 0)
      throw new SkipBenchmark('runs PostgreSQL as postgres: needs root');
    const rows = readMessages();
    if (!rows) throw new SkipBenchmark('the message data set is not there (HUIYIN_BENCH_MESSAGES)');
    const cores = availableParallelism();

    log('starting the cluster: primary, synchronous standby, two app nodes…');
    const cluster = await startLocalCluster({ nodes: 2, env: benchmarkEnv });
    const [one, two] = cluster.nodes as [AppNode, AppNode];
    const db = cluster.database;
    try {
      log(`pgbench on the primary: 64 clients, durable one-row inserts, ${pgbenchSeconds} s…`);
      const pgbench = await runPgbench(
        `postgres://postgres@127.0.0.1:${db.ports.primary}/postgres`,
        {
          clients: 64,
          seconds: pgbenchSeconds,
        },
      );
      log(`pgbench: ${fmt(pgbench.tps)}/s`);

      const res = await fetch(`${one.url}/api/campaigns/${slug}`);
      const { campaign } = (await res.json()) as {
        campaign: { form: CampaignForm; topics: CampaignTopic[] };
      };
      const bodies = fitToForm(rows, campaign.form, campaign.topics).map((b) => JSON.stringify(b));
      const cookies = await signInAccounts(one.url, accountCount);
      const headerSets = cookies.map((cookie) => ({ 'content-type': 'application/json', cookie }));
      const spec = (node: AppNode, share: number, part: number, seconds: number): LoadSpec => ({
        tool: 'raw',
        url: node.url,
        connections: Math.max(1, Math.round(connections * share)),
        method: 'POST',
        path,
        // Each load its own accounts (sessions work on every node: they are rows).
        headerSets: headerSets.filter((_, i) => i % Math.round(1 / share) === part),
        bodies,
        collect: 'ref',
        duration: seconds,
      });
      const refs: string[] = [];

      /** Runs loads at once; samples CPU over their steady part (1 s in to 1 s before the end). */
      const measure = async (specs: LoadSpec[]) => {
        const sampled: { cpu?: Promise<ReturnType<typeof usage>> } = {};
        const loads = await Promise.all(
          specs.map((s) =>
            runLoad(s, 'child', () => {
              sampled.cpu ??= (async () => {
                await sleep(1000);
                const before = sampleAll(cluster);
                await sleep((duration - 2) * 1000);
                return usage(before, sampleAll(cluster), cores);
              })();
            }),
          ),
        );
        for (const l of loads) refs.push(...(l.result.collected ?? []));
        const cpu = await sampled.cpu!;
        const generators = loads.reduce((sum, l) => sum + l.generatorCores, 0);
        const ours =
          cpu.nodes.reduce((sum, n) => sum + (n?.allThreads ?? 0), 0) +
          cpu.primary +
          cpu.standby +
          generators;
        // What everything else on the machine took meanwhile (other people's builds and tests).
        return { loads, cpu, generators, others: Math.max(0, cpu.machine - ours) };
      };

      const phases = [] as {
        name: string;
        perNode: number[];
        total: number;
        failed: number;
        cpu: ReturnType<typeof usage>;
        generators: number;
        others: number;
      }[];
      for (const [name, specsOf] of [
        ['one node', (s: number) => [spec(one, 1, 0, s)]],
        ['two nodes', (s: number) => [spec(one, 0.5, 0, s), spec(two, 0.5, 1, s)]],
      ] as const) {
        if (warmup > 0) {
          log(`${name}: warm-up ${warmup} s`);
          for (const l of await Promise.all(specsOf(warmup).map((s) => runLoad(s, 'child'))))
            refs.push(...(l.result.collected ?? []));
        }
        log(`${name}: ${duration} s, ${connections} connections`);
        const { loads, cpu, generators, others } = await measure(specsOf(duration));
        const perNode = loads.map((l) => accepted(l) / l.result.duration);
        phases.push({
          name,
          perNode,
          total: perNode.reduce((a, b) => a + b, 0),
          failed: loads.reduce((n, l) => n + non201(l), 0),
          cpu,
          generators,
          others,
        });
        log(`${name}: ${fmt(phases.at(-1)!.total)} accepted/s`);
      }

      // Failover under a light load on both nodes (8 senders, a node that cannot be reached is
      // left for the other as a balancer would).
      log('failover: losing the primary under load, promoting the standby…');
      let lostAt = 0;
      let firstAfter = 0;
      let refused = 0;
      let stop = false;
      const sender = async (i: number) => {
        const headers = headerSets[i % headerSets.length]!;
        for (let n = 0; !stop; n++) {
          const node = (n + i) % 2 ? two : one;
          const answer = await fetch(`${node.url}${path}`, {
            method: 'POST',
            headers,
            body: bodies[(n * 8 + i) % bodies.length],
            signal: AbortSignal.timeout(15_000),
          }).catch(() => null);
          const text = answer ? await answer.text() : '';
          if (answer?.status === 201) {
            refs.push((JSON.parse(text) as { submission: { ref: string } }).submission.ref);
            if (lostAt && !firstAfter) firstAfter = Date.now();
          } else if (answer?.status === 503) refused++;
          await sleep(answer?.status === 201 ? 20 : 100);
        }
      };
      const senders = Promise.all(Array.from({ length: 8 }, (_, i) => sender(i)));
      await sleep(1000);
      db.losePrimary();
      lostAt = Date.now();
      db.promoteStandby();
      const promotedAt = Date.now();
      for (const deadline = Date.now() + 30_000; !firstAfter && Date.now() < deadline;)
        await sleep(20);
      await sleep(1000);
      stop = true;
      await senders;
      const failoverMs = firstAfter ? firstAfter - lostAt : Infinity;
      log(`failover: first accepted ${fmt(failoverMs)} ms after the loss`);

      const client = new pg.Client(db.standbyUrl);
      await client.connect();
      const found = new Set(
        (
          await client.query<{ ref: string }>(
            'select ref from submissions where ref = any($1::text[])',
            [refs],
          )
        ).rows.map((r) => r.ref),
      );
      await client.end();
      const missing = refs.filter((r) => !found.has(r));

      const [p1, p2] = phases as [(typeof phases)[0], (typeof phases)[0]];
      const ms = (coresUsed: number | undefined, perS: number) =>
        coresUsed === undefined ? NaN : (coresUsed * 1000) / perS;
      const nodeCost = (p: typeof p1, i: number) => ({
        main: ms(p.cpu.nodes[i]?.mainThread, p.perNode[i]!),
        all: ms(p.cpu.nodes[i]?.allThreads, p.perNode[i]!),
      });
      const pgCost = (p: typeof p1) => ({
        primary: ms(p.cpu.primary, p.total),
        standby: ms(p.cpu.standby, p.total),
      });
      const c1 = nodeCost(p1, 0);
      const c2 = [nodeCost(p2, 0), nodeCost(p2, 1)];
      const invariants: Check[] = [
        {
          name: 'every acknowledged submission is on the promoted standby',
          pass: missing.length === 0,
          detail: `${fmt(refs.length - missing.length)} of ${fmt(refs.length)} found${missing.length ? `; missing e.g. ${missing.slice(0, 5).join(', ')}` : ''}`,
        },
        {
          name: 'every request answered 201 while the primary was up',
          pass: p1.failed + p2.failed === 0,
          detail: `${p1.failed + p2.failed} other answers or errors`,
        },
      ];
      const lines = [
        `pgbench       ${fmt(pgbench.tps)} durable one-row inserts/s (64 clients, ${pgbenchSeconds} s, same primary and synchronous standby)`,
        `one node      ${fmt(p1.total)} accepted/s (${fmt((p1.total / pgbench.tps) * 100, 1)}% of pgbench); node CPU ${fmt(c1.main, 3)} ms event loop, ${fmt(c1.all, 3)} ms whole process per accepted; PostgreSQL primary ${fmt(pgCost(p1).primary, 3)} ms, standby ${fmt(pgCost(p1).standby, 3)} ms; machine ${fmt(p1.cpu.machine, 2)} of ${cores} cores busy`,
        `two nodes     ${fmt(p2.total)} accepted/s (${p2.perNode.map((n) => fmt(n)).join(' + ')}; ${fmt((p2.total / pgbench.tps) * 100, 1)}% of pgbench); node CPU ${c2.map((c) => `${fmt(c.main, 3)}/${fmt(c.all, 3)}`).join(' and ')} ms (event loop/whole) per accepted; PostgreSQL primary ${fmt(pgCost(p2).primary, 3)} ms, standby ${fmt(pgCost(p2).standby, 3)} ms; machine ${fmt(p2.cpu.machine, 2)} of ${cores} cores busy`,
        `cpu           load generators ${fmt(p1.generators, 2)} / ${fmt(p2.generators, 2)} cores, other processes ${fmt(p1.others, 2)} / ${fmt(p2.others, 2)} cores (one node / two nodes)`,
        ...(Math.max(p1.others, p2.others) > 0.25
          ? [
              'warning       other processes took CPU during the runs: these figures understate the nodes',
            ]
          : []),
        `ratio         two nodes / one node = ${fmt(p2.total / p1.total, 2)}`,
        `failover      first accepted ${fmt(failoverMs)} ms after the primary's loss (promotion took ${fmt(promotedAt - lostAt)} ms; ${refused} answers 503 meanwhile)`,
        `durability    ${fmt(refs.length - missing.length)} of ${fmt(refs.length)} acknowledged found on the promoted standby`,
      ];
      return {
        metrics: {
          pgbench_tps: pgbench.tps,
          one_node_accepted_per_s: p1.total,
          two_nodes_accepted_per_s: p2.total,
          two_over_one: p2.total / p1.total,
          one_node_event_loop_cpu_ms_per_accepted: c1.main,
          one_node_process_cpu_ms_per_accepted: c1.all,
          two_nodes_event_loop_cpu_ms_per_accepted: (c2[0]!.main + c2[1]!.main) / 2,
          two_nodes_process_cpu_ms_per_accepted: (c2[0]!.all + c2[1]!.all) / 2,
          one_node_postgres_cpu_ms_per_accepted: pgCost(p1).primary + pgCost(p1).standby,
          two_nodes_postgres_cpu_ms_per_accepted: pgCost(p2).primary + pgCost(p2).standby,
          failover_first_accepted_ms: failoverMs,
          promotion_ms: promotedAt - lostAt,
          acknowledged: refs.length,
          other_processes_cores: Math.max(p1.others, p2.others),
          machine_cores: cores,
        },
        invariants,
        lines,
        details: { pgbench, phases, settings: { duration, warmup, connections, accountCount } },
      };
    } finally {
      await cluster.stop();
    }
  },
});

/**
 * How fast sensemaking works through its queue, apart from the HTTP path: the server's capacity
 * for the work owed to every new submission (near-duplicate check; in a campaign that publishes
 * at once also search indexing and cluster assignment). Issue #4 asks that sensemaking keep up
 * with a sustained 2,000 submissions/s; it does when it drains faster than that.
 *
 * A backlog of `--submissions` is written in-process with the queue stopped (as a server that
 * died right after its 201s would leave it: the submissions and their queue rows on disk), then
 * the real server starts on that file and works through it. The figure is submissions drained
 * per second, from the first batch applied to an empty queue, read from GET /api/health. A drain
 * runs in batches of the largest size, so it is an upper bound of what a steady trickle gets.
 *
 * Flags: --engine=sqlite|postgres --submissions=30000 --campaign=fifteenth-five-year-plan (publishes at once; the
 *        leadership board owes only the near-duplicate check) --accounts=40
 */
import type { Actor } from '../../server/auth/actor.ts';
import { registerAccount } from '../../server/auth/accounts.ts';
import { createSubmission } from '../../server/submissions/create-submission.ts';
import { freshTarget, openServices, serverOn, type BenchTarget } from './bench-database.ts';
import { defineBenchmark, numberFlag, SkipBenchmark } from './benchmark.ts';
import { type CampaignForm, type CampaignTopic, fitToForm, readMessages } from './messages.ts';
import { coresUsed, machineCoresBusy, sampleCpu, sampleSystem } from './process-cpu.ts';
import { engineFlag } from './postgres-cluster.ts';
import { startServer } from './server-process.ts';
import { cpus } from 'node:os';

const targetPerS = 2_000;

type Health = { sensemaking: { pending: number; processed: number; maxLagMs: number } };

/** Writes the backlog: `count` submissions whose sensemaking is owed, on disk. */
async function writeBacklog(target: BenchTarget, slug: string, count: number, accounts: number) {
  const rows = readMessages();
  if (!rows) throw new SkipBenchmark('the labelled messages file is not there');
  const {
    services: s,
    app,
    close,
  } = await openServices(target, {
    HUIYIN_SUBMIT_PER_ACCOUNT_PER_HOUR: '100000000',
    HUIYIN_SUBMIT_PER_IP_PER_HOUR: '100000000',
  });
  try {
    await s.sensemaking.stop();
    const { campaign: api } = (await (await app.request(`/api/campaigns/${slug}`)).json()) as {
      campaign: { form: CampaignForm; topics: CampaignTopic[] };
    };
    const bodies = fitToForm(rows, api.form, api.topics);
    const campaign = s.campaigns.get(slug)!;
    const actors: Actor[] = [];
    for (let i = 0; i < accounts; i++) {
      const login = `1390000${String(i).padStart(4, '0')}`;
      const id = await registerAccount(s, {
        login,
        password: 'bench-pass-123',
        displayName: `积压${i}`,
      });
      actors.push({
        id,
        displayName: `积压${i}`,
        phone: login,
        email: null,
        roles: [{ role: 'netizen', orgId: null }],
      });
    }
    // 64 at a time, as concurrent requests would arrive (group commits of that size).
    for (let done = 0; done < count; done += 64) {
      const n = Math.min(64, count - done);
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          createSubmission(
            s,
            actors[(done + i) % accounts]!,
            campaign,
            bodies[(done + i) % bodies.length],
            '10.0.0.1',
          ),
        ),
      );
    }
    return (await s.sensemaking.stats()).pending;
  } finally {
    await close();
  }
}

export default defineBenchmark({
  name: 'sensemaking',
  description:
    'submissions/s the server works through its sensemaking queue (backlog drained by the real server)',
  target: {
    text: `drains ≥ ${targetPerS.toLocaleString('en')} submissions/s, so it keeps up with a sustained ${targetPerS.toLocaleString('en')}/s`,
    check: (m) => [
      {
        name: `drains ≥ ${targetPerS.toLocaleString('en')} submissions/s`,
        pass: (m.drained_submissions_per_s ?? 0) >= targetPerS,
        detail: `${Math.round(m.drained_submissions_per_s ?? 0).toLocaleString('en')}/s`,
      },
    ],
  },
  async run({ flags, log }) {
    const count = numberFlag(flags, 'submissions', 30_000, { min: 1000 });
    const accounts = numberFlag(flags, 'accounts', 40, { min: 1 });
    const slug = flags.campaign || 'fifteenth-five-year-plan';
    const target = await freshTarget(engineFlag(flags), log, 'sensemaking');
    try {
      let t = performance.now();
      const tasks = await writeBacklog(target, slug, count, accounts);
      log(
        `${count.toLocaleString('en')} submissions to ${slug} written in ${((performance.now() - t) / 1000).toFixed(1)} s; ${tasks.toLocaleString('en')} queue rows owed`,
      );

      const server = await startServer(serverOn(target));
      const health = async () => (await (await fetch(`${server.url}/api/health`)).json()) as Health;
      try {
        // The clock starts when the first batch has been applied (the worker has loaded its
        // dictionaries and the near-duplicate index is built), and stops at an empty queue.
        let h = await health();
        t = performance.now();
        while (h.sensemaking.processed === 0 && performance.now() - t < 120_000) {
          await new Promise((r) => setTimeout(r, 20));
          h = await health();
        }
        const started = { at: performance.now(), processed: h.sensemaking.processed };
        const cpu0 = sampleCpu(server.pid);
        const sys0 = sampleSystem();
        while (h.sensemaking.pending > 0 && performance.now() - started.at < 600_000) {
          await new Promise((r) => setTimeout(r, 50));
          h = await health();
        }
        const seconds = (performance.now() - started.at) / 1000;
        const cores = coresUsed(cpu0, sampleCpu(server.pid));
        const machine = machineCoresBusy(sys0, sampleSystem(), cpus().length);
        const tasksDone = h.sensemaking.processed - started.processed;
        const perSubmission = tasks / count;
        const metrics = {
          submissions: count,
          queue_rows: tasks,
          drain_s: seconds,
          drained_tasks_per_s: tasksDone / seconds,
          drained_submissions_per_s: tasksDone / perSubmission / seconds,
          server_main_thread_cores: cores?.mainThread ?? NaN,
          server_all_threads_cores: cores?.allThreads ?? NaN,
          other_processes_cores: Math.max(0, (machine?.busy ?? NaN) - (cores?.allThreads ?? NaN)),
        };
        return {
          metrics,
          invariants: [
            {
              name: 'the queue drained',
              pass: h.sensemaking.pending === 0,
              detail: `${h.sensemaking.pending} rows left after ${seconds.toFixed(1)} s`,
            },
          ],
          lines: [
            `drained ${tasksDone.toLocaleString('en')} queue rows (${perSubmission} per submission) in ${seconds.toFixed(2)} s: ${Math.round(metrics.drained_submissions_per_s).toLocaleString('en')} submissions/s`,
            `cpu: server event loop ${metrics.server_main_thread_cores.toFixed(2)} cores, whole server ${metrics.server_all_threads_cores.toFixed(2)}, other processes ${metrics.other_processes_cores.toFixed(2)}`,
          ],
        };
      } finally {
        await server.stop();
        server.dispose();
      }
    } finally {
      await target.drop();
    }
  },
});

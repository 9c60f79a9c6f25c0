/**
 * Sensemaking at 100k submissions in one campaign, on a real SQLite file, calling the functions
 * the server calls (in this process, no HTTP):
 *   1. the recorded full clustering job (`runClustering`: read, features, vectors, k-means,
 *      labels, write), first from nothing, then again as a re-run that keeps the model;
 *   2. after a restart (model and near-duplicate index loaded from the database), new submissions
 *      in batches of 50, as the sensemaking queue applies them: the near-duplicate index's
 *      `recordTexts` and `chooseClusters` each timed per submission, one write per batch storing
 *      what they decided, and the "similar texts" hint (`similar`) a netizen sees while typing.
 *      SQLite only (--engine=postgres skips it).
 * Texts: real messages recombined sentence by sentence, plus form letters (clustering-data.ts).
 *
 * Flags: --rows=100000 --submissions=1000 --form-share=0.03 (share of form-letter copies)
 *        --keep (keep the generated database in bench-results/clustering.db; generating takes
 *        minutes) --regenerate --cpu-prof (profile each phase in-process, summary printed)
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { PendingGroups } from '../../server/sensemaking/near-duplicates.ts';
import {
  chooseClusters,
  runClustering,
  storeClusterChoices,
  type ClusterChoice,
} from '../../server/sensemaking/topic-clusters.ts';
import type { Services } from '../../server/services.ts';
import { openBulkWriter, openServices } from './bench-database.ts';
import { defineBenchmark, numberFlag, quantile, SkipBenchmark, sqliteOnly } from './benchmark.ts';
import { campaignTexts, insertSubmissions, TextSource } from './clustering-data.ts';
import { inProcessProfiler } from './inspector-profile.ts';
import { machineCoresBusy, sampleSystem } from './process-cpu.ts';
import { repoRoot } from './server-process.ts';

const targetPerSubmissionMs = 5;
const targetFullRunS = 60;
const campaignSlug = 'fifteenth-five-year-plan';
const batchSize = 50;

type Stages = Record<string, number>;
type RunOutcome = {
  docs: number;
  clusters: number;
  unassigned?: number;
  ms?: number;
  stages?: Stages;
};

/**
 * Cores this process and everything else used while `fn` ran. This process's CPU comes from
 * getrusage (process.cpuUsage), which keeps the time of worker threads that have already ended;
 * /proc's per-thread counters lose them, and the workers would count as other processes.
 */
async function measured<T>(fn: () => Promise<T>) {
  const self0 = process.cpuUsage();
  const machine0 = sampleSystem();
  const t0 = performance.now();
  const value = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const self = process.cpuUsage(self0);
  const busy = machineCoresBusy(machine0, sampleSystem(), cpus().length)?.busy ?? NaN;
  const selfCores = (self.user + self.system) / 1e6 / seconds;
  return { value, seconds, selfCores, others: Math.max(0, busy - selfCores) };
}

async function generate(
  dbFile: string,
  source: TextSource,
  rows: number,
  formShare: number,
  log: (m: string) => void,
) {
  const { services: s, close } = await openServices(dbFile);
  const w = await openBulkWriter({ engine: 'sqlite', dbFile });
  const campaignId = s.campaigns.get(campaignSlug)!.id;
  const texts = campaignTexts(source, rows, formShare, 0, new Set());
  // A campaign of six months; submissions recorded as the server records them (signature, group).
  const start = Date.parse('2026-01-01T00:00:00+08:00');
  const spacing = Math.floor((180 * 86_400_000) / rows);
  const chunk = 5000;
  for (let from = 0; from < rows; from += chunk) {
    const part = texts.slice(from, from + chunk);
    const ids = await insertSubmissions(w, campaignId, part, start + from * spacing, spacing, from);
    await w.finish();
    await s.nearDuplicates.recordTexts(
      campaignId,
      ids.map((id, i) => ({ submissionId: id, text: `${part[i]!.title}\n${part[i]!.body}` })),
      (pending) => s.store.write((tx) => pending.store(tx)),
    );
    if ((from + chunk) % 20_000 === 0) log(`  ${(from + chunk).toLocaleString('en-US')} rows`);
  }
  await w.close();
  await close();
}

const stageText = (st: Stages | undefined) =>
  st
    ? Object.entries(st)
        .filter(([k]) => k !== 'cluster')
        .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)}`)
        .join(', ')
    : '';

const fmt = (ms: number) => ms.toFixed(2);

export default defineBenchmark({
  name: 'clustering',
  description:
    'Topic clustering and near-duplicates at 100k submissions: full job, per-submission work',
  target: {
    text: `per submission (cluster assignment + dedup record) p95 ≤ ${targetPerSubmissionMs} ms and full clustering run ≤ ${targetFullRunS} s at 100k submissions`,
    check: (m) => [
      {
        name: `assignment + dedup p95 ≤ ${targetPerSubmissionMs} ms`,
        pass: (m.per_submission_p95_ms ?? Infinity) <= targetPerSubmissionMs,
        detail: `${fmt(m.per_submission_p95_ms ?? NaN)} ms (assign ${fmt(m.assign_p95_ms ?? NaN)}, record ${fmt(m.record_p95_ms ?? NaN)})`,
      },
      {
        name: `similar-texts hint p95 ≤ ${targetPerSubmissionMs} ms`,
        pass: (m.similar_p95_ms ?? Infinity) <= targetPerSubmissionMs,
        detail: `${fmt(m.similar_p95_ms ?? NaN)} ms`,
      },
      {
        name: `full run ≤ ${targetFullRunS} s`,
        pass: (m.full_run_s ?? Infinity) <= targetFullRunS,
        detail: `${(m.full_run_s ?? NaN).toFixed(1)} s`,
      },
      {
        name: `re-run ≤ ${targetFullRunS} s`,
        pass: (m.rerun_s ?? Infinity) <= targetFullRunS,
        detail: `${(m.rerun_s ?? NaN).toFixed(1)} s`,
      },
    ],
  },
  async run({ flags, log }) {
    sqliteOnly(flags, 'it keeps its data set in bench-results/clustering.db and copies the file');
    const rows = numberFlag(flags, 'rows', 100_000, { min: 1000 });
    const submissions = numberFlag(flags, 'submissions', 1000, { min: batchSize * 2 });
    const formShare = numberFlag(flags, 'form-share', 0.03, { min: 0, max: 0.5 });
    const source = TextSource.load();
    if (!source)
      throw new SkipBenchmark(
        'needs ../shared/data/messages_labeled.csv and messages_with_votes.csv',
      );
    const dir = join(repoRoot, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const dbFile = join(dir, 'clustering.db');
    const dbFiles = [dbFile, `${dbFile}-wal`, `${dbFile}-shm`];
    const profiler = await inProcessProfiler(flags['cpu-prof'] === 'true', join(dir, 'profiles'));

    if (existsSync(dbFile) && flags.regenerate !== 'true') {
      const w = await openBulkWriter({ engine: 'sqlite', dbFile });
      const [{ n: have } = { n: 0 }] = await w.rows<{ n: number }>(
        'select count(*) as n from submissions s join campaigns c on c.id = s.campaign_id where c.slug = ?',
        campaignSlug,
      );
      await w.close();
      if (have !== rows) for (const f of dbFiles) rmSync(f, { force: true });
      else log(`reusing ${dbFile} (--regenerate=true to rebuild)`);
    }
    if (!existsSync(dbFile)) {
      for (const f of dbFiles) rmSync(f, { force: true });
      log(
        `generating ${rows.toLocaleString('en-US')} submissions (${source.size} source messages, ${source.formLetters} form letters) with their dedup signatures…`,
      );
      const t0 = performance.now();
      await generate(dbFile, source, rows, formShare, log);
      log(`generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }

    // Every run works on a copy: the cached database stays without clusters.
    const work = mkdtempSync(join(tmpdir(), 'huiyin-clustering-'));
    const workFile = join(work, 'bench.db');
    copyFileSync(dbFile, workFile);
    const w = await openBulkWriter({ engine: 'sqlite', dbFile: workFile });
    try {
      // 1. the full job, from nothing and again
      let opened = await openServices(workFile);
      let s: Services = opened.services;
      const campaignId = s.campaigns.get(campaignSlug)!.id;
      log('full clustering run…');
      const full = await measured(() =>
        profiler.phase('full-run', async () => (await runClustering(s, campaignId)) as RunOutcome),
      );
      log('re-run (keeps the model and the clusters)…');
      const rerun = await measured(() =>
        profiler.phase('re-run', async () => (await runClustering(s, campaignId)) as RunOutcome),
      );
      const [{ n: members } = { n: 0 }] = await w.rows<{ n: number }>(
        'select count(*) as n from cluster_members m join clusters c on c.id = m.cluster_id where c.campaign_id = ?',
        campaignId,
      );
      await opened.close();

      // 2. a restart: what the first submission after it pays once
      opened = await openServices(workFile);
      s = opened.services;
      const modelLoad = await measured(async () => s.clusterModels.current(campaignId));
      // The near-duplicate index loads in the background (stored-signatures.ts): how long it
      // takes, and the longest the event loop was held meanwhile (requests wait that long).
      const loadStalls = monitorEventLoopDelay({ resolution: 10 });
      loadStalls.enable();
      const indexLoad = await measured(() => s.nearDuplicates.ready([campaignId]));
      loadStalls.disable();
      const loadStallMs = loadStalls.max / 1e6;

      // 3. new submissions, a tenth of them form letters
      const texts = campaignTexts(source, submissions, 0.1, rows, new Set());
      const assignMs: number[] = [];
      const recordMs: number[] = [];
      const similarMs: number[] = [];
      const perMs: number[] = [];
      const commitMs: number[] = [];
      let assigned = 0;
      let formGrouped = 0;
      let formTotal = 0;
      const start = Date.parse('2026-07-01T00:00:00+08:00');
      // As the sensemaking queue applies a batch (sensemaking-queue.ts): the near-duplicate index
      // and the cluster model decide in memory, one write stores what they decided. Timed per
      // submission: the index's `recordTexts` and `chooseClusters`; per batch: the write.
      const incremental = await measured(() =>
        profiler.phase('incremental', async () => {
          for (let from = 0; from < texts.length; from += batchSize) {
            const part = texts.slice(from, from + batchSize);
            const warm = from === 0; // the first batch warms the JIT and statement caches: not counted
            const hints: number[] = [];
            for (const x of part) {
              const t0 = performance.now();
              await s.nearDuplicates.similar(campaignId, `${x.title}\n${x.body}`, 0.5, 5);
              hints.push(performance.now() - t0);
            }
            // The rows, as the requests wrote them before the queue got to them.
            const ids = await insertSubmissions(
              w,
              campaignId,
              part,
              start + from * 1000,
              1000,
              rows + from,
            );
            await w.finish();
            const pendings: PendingGroups[] = [];
            const choices: ClusterChoice[] = [];
            const batch: { record: number; assign: number; grouped: boolean }[] = [];
            for (const [i, id] of ids.entries()) {
              const text = `${part[i]!.title}\n${part[i]!.body}`;
              const a = performance.now();
              const pending = await s.nearDuplicates.recordTexts(
                campaignId,
                [{ submissionId: id, text }],
                async (p) => p,
              );
              const b = performance.now();
              choices.push(...(await chooseClusters(s, [{ campaignId, submissionId: id, text }])));
              const c = performance.now();
              pendings.push(pending);
              batch.push({ record: b - a, assign: c - b, grouped: pending.keys.get(id) != null });
            }
            const t0 = performance.now();
            const joined = new Set(
              await s.store.write(async (tx) => {
                for (const p of pendings) await p.store(tx);
                return storeClusterChoices(tx, choices, Date.now());
              }),
            );
            if (warm) continue;
            commitMs.push(performance.now() - t0);
            batch.forEach((m, i) => {
              recordMs.push(m.record);
              assignMs.push(m.assign);
              perMs.push(m.record + m.assign);
              similarMs.push(hints[i]!);
              if (joined.has(ids[i]!)) assigned++;
              if (part[i]!.form) {
                formTotal++;
                if (m.grouped) formGrouped++;
              }
            });
          }
        }),
      );
      await opened.close();

      const q = (a: number[], p: number) => quantile(a, p);
      const counted = perMs.length;
      const others = Math.max(full.others, rerun.others, incremental.others);
      const lines = [
        `${rows.toLocaleString('en-US')} submissions, one campaign (${members.toLocaleString('en-US')} cluster members after the runs)`,
        `full run: ${full.seconds.toFixed(1)} s, ${full.value.clusters} clusters, ${full.value.unassigned ?? 0} unassigned; seconds: ${stageText(full.value.stages)}`,
        `re-run:   ${rerun.seconds.toFixed(1)} s, ${rerun.value.clusters} clusters; seconds: ${stageText(rerun.value.stages)}`,
        `after a restart, once: model load ${(modelLoad.seconds * 1000).toFixed(0)} ms, near-duplicate index load ${(indexLoad.seconds * 1000).toFixed(0)} ms in the background (event loop held at most ${loadStallMs.toFixed(0)} ms at a time)`,
        `${counted} new submissions (batches of ${batchSize}, first batch not counted), per submission ms p50 / p95 / max:`,
        `  chooseClusters         ${fmt(q(assignMs, 0.5))} / ${fmt(q(assignMs, 0.95))} / ${fmt(Math.max(...assignMs))} (${assigned} joined a cluster)`,
        `  nearDuplicates.recordTexts ${fmt(q(recordMs, 0.5))} / ${fmt(q(recordMs, 0.95))} / ${fmt(Math.max(...recordMs))} (${formGrouped} of ${formTotal} form letters grouped)`,
        `  both                   ${fmt(q(perMs, 0.5))} / ${fmt(q(perMs, 0.95))} / ${fmt(Math.max(...perMs))}`,
        `  similar (typing hint)  ${fmt(q(similarMs, 0.5))} / ${fmt(q(similarMs, 0.95))} / ${fmt(Math.max(...similarMs))}`,
        `  storing a batch of ${batchSize} (signatures, groups, cluster members) and its commit: p50 ${fmt(q(commitMs, 0.5))} ms`,
        `cpu: this process ${full.selfCores.toFixed(2)} cores in the full run, ${incremental.selfCores.toFixed(2)} in the incremental part; other processes ${full.others.toFixed(2)} / ${rerun.others.toFixed(2)} / ${incremental.others.toFixed(2)} cores (full run / re-run / incremental)`,
        ...profiler.lines,
      ];
      if (others > 0.25)
        lines.push(
          `warning: other processes used up to ${others.toFixed(2)} cores: these figures understate the code`,
        );
      const stageMetrics = Object.fromEntries(
        Object.entries(full.value.stages ?? {}).map(([k, ms]) => [`full_${k}_s`, ms / 1000]),
      );
      return {
        metrics: {
          rows,
          assign_p50_ms: q(assignMs, 0.5),
          assign_p95_ms: q(assignMs, 0.95),
          record_p50_ms: q(recordMs, 0.5),
          record_p95_ms: q(recordMs, 0.95),
          per_submission_p50_ms: q(perMs, 0.5),
          per_submission_p95_ms: q(perMs, 0.95),
          similar_p50_ms: q(similarMs, 0.5),
          similar_p95_ms: q(similarMs, 0.95),
          full_run_s: full.seconds,
          ...stageMetrics,
          rerun_s: rerun.seconds,
          model_load_ms: modelLoad.seconds * 1000,
          dedup_index_load_ms: indexLoad.seconds * 1000,
          dedup_index_load_max_stall_ms: loadStallMs,
          clusters: full.value.clusters,
          other_processes_cores: others,
        },
        invariants: [
          {
            name: 'the full run clustered the campaign',
            pass: full.value.docs === rows && full.value.clusters > 1 && members >= rows * 0.9,
            detail: `${full.value.docs} documents, ${full.value.clusters} clusters, ${members} members`,
          },
          {
            name: 'new form letters joined their group',
            pass: formTotal > 0 && formGrouped >= formTotal * 0.95,
            detail: `${formGrouped} of ${formTotal}`,
          },
          {
            name: 'most new submissions joined a cluster',
            pass: assigned >= counted * 0.5,
            detail: `${assigned} of ${counted}`,
          },
        ],
        lines,
      };
    } finally {
      await w.close();
      rmSync(work, { recursive: true, force: true });
      if (flags.keep !== 'true') for (const f of dbFiles) rmSync(f, { force: true });
    }
  },
});

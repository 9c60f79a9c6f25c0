import type { Services } from '../services.ts';
import type { Store, Tx } from '../store/store.ts';
import { maskPersonalData } from '../text/mask-personal-data.ts';
import { queueMatching } from '../tracing/queue-matching.ts';
import { kickJobs } from '../jobs/job-runner.ts';
import { runInWorker } from '../workers/run-in-worker.ts';
import type { ClusterRunInput, ClusterRunOutput } from './clustering/run-worker.ts';
import {
  absorbVector,
  assignVector,
  embedText,
  parseModel,
  serializeModel,
  type ClusterModel,
} from './clustering/index.ts';

/**
 * Cluster labels are public text (topic pages, the report, the clusters export): their phrases,
 * drawn from masked text already, and an editor's name for a cluster go through the masking pass
 * before they are stored. A label has no sealed original.
 */
export const maskLabel = (phrases: readonly string[]) =>
  phrases.map((p) => maskPersonalData(p).text);

/** Each campaign's incremental-assignment model, loaded once from the last full run. */
export class ClusterModels {
  private readonly cache = new Map<string, ClusterModel | null>();
  private readonly loading = new Map<string, Promise<ClusterModel | null>>();

  constructor(private readonly store: Store) {}

  async current(campaignId: string): Promise<ClusterModel | null> {
    if (this.cache.has(campaignId)) return this.cache.get(campaignId) ?? null;
    let loading = this.loading.get(campaignId);
    if (!loading) {
      loading = this.store.clusters
        .model(campaignId)
        .then((json) => {
          // A run that finished meanwhile has put its newer model in already.
          if (!this.cache.has(campaignId))
            this.cache.set(campaignId, json ? parseModel(json) : null);
          return this.cache.get(campaignId) ?? null;
        })
        .finally(() => this.loading.delete(campaignId));
      this.loading.set(campaignId, loading);
    }
    return loading;
  }

  replace(campaignId: string, model: ClusterModel): void {
    this.cache.set(campaignId, model);
  }

  /** Drops one campaign's model, or every one (`null`): another node stored a newer one. */
  forget(campaignId: string | null): void {
    if (campaignId === null) this.cache.clear();
    else this.cache.delete(campaignId);
  }
}

/** The cluster a newly published submission joins. */
export type ClusterChoice = { submissionId: string; clusterId: string; similarity: number };

/**
 * The nearest cluster of each newly published submission (none when it is unlike all of them: it
 * stays unclustered until the next full run). Computed in memory, before the write that stores
 * the choices (`storeClusterChoices`): the model learns each choice at once, so the next one in
 * the batch sees it.
 */
export async function chooseClusters(
  s: Services,
  items: readonly { campaignId: string; submissionId: string; text: string }[],
): Promise<ClusterChoice[]> {
  const choices: ClusterChoice[] = [];
  for (const item of items) {
    const model = await s.clusterModels.current(item.campaignId);
    if (!model) continue;
    // One embedding serves both the choice and the centroid update (embedding is most of the cost).
    const z = embedText(model, item.text);
    if (!z) continue;
    const a = assignVector(model, z);
    if (!a) continue;
    absorbVector(model, a.key, z);
    choices.push({ submissionId: item.submissionId, clusterId: a.key, similarity: a.similarity });
  }
  return choices;
}

/**
 * Stores the choices inside the caller's write; a cluster merged or deleted meanwhile takes no
 * one. Returns the ids of the submissions that joined a cluster.
 */
export async function storeClusterChoices(
  tx: Tx,
  choices: readonly ClusterChoice[],
  now: number,
): Promise<string[]> {
  const joined: string[] = [];
  for (const c of choices)
    if (await tx.clusters.addAssigned(c.submissionId, c.clusterId, c.similarity, now))
      joined.push(c.submissionId);
  return joined;
}

/**
 * The recorded full run: clusters every public submission of the campaign, keeps cluster
 * identities (matched to the previous run), and never undoes an editor: locked clusters keep their
 * members, pinned members stay put, editors' names and representatives stay.
 */
export async function runClustering(s: Services, campaignId: string) {
  // An editor's decision made while the worker computes wins: the run starts again from it.
  for (let attempt = 1; ; attempt++) {
    const outcome = await runClusteringOnce(s, campaignId);
    if (outcome !== 'curated meanwhile') return outcome;
    if (attempt === 3)
      throw new Error('editors changed the clusters during every attempt; run it again later');
  }
}

const docText = (d: { title: string; body: string }) => `${d.title}\n${d.body}`;

async function runClusteringOnce(s: Services, campaignId: string) {
  const t0 = performance.now();
  const startedAt = s.clock.now();
  // One consistent state: what editors decided, the documents, the clusters and their members.
  const { curated, docs, clusters, members } = await s.store.snapshot(async (tx) => ({
    curated: JSON.stringify(await tx.clusters.curationState(campaignId)),
    docs: await tx.clusters.publicDocs(campaignId),
    clusters: await tx.clusters.forRun(campaignId),
    members: await tx.clusters.membersForRun(campaignId),
  }));
  const byCluster = new Map<string, string[]>();
  for (const m of members) {
    let list = byCluster.get(m.clusterId);
    if (!list) byCluster.set(m.clusterId, (list = []));
    list.push(m.submissionId);
  }
  if (docs.length < 2) return { docs: docs.length, clusters: 0 };
  const model = await s.clusterModels.current(campaignId);
  const input: ClusterRunInput = {
    docs: docs.map((d) => ({ id: d.id, text: docText(d) })),
    previous: clusters.map((c) => ({ key: c.id, members: byCluster.get(c.id) ?? [] })),
    locked: clusters
      .filter((c) => c.locked)
      .map((c) => ({ key: c.id, members: byCluster.get(c.id) ?? [] })),
    pinned: members.filter((m) => m.pinned).map((m) => [m.submissionId, m.clusterId]),
    representatives: clusters
      .filter((c) => c.representativePinned && c.representativeId)
      .map((c) => [c.id, c.representativeId!]),
    labels: clusters.filter((c) => c.title).map((c) => [c.id, [c.title!]]),
    model: model ? serializeModel(model) : null,
    now: startedAt,
  };
  const t1 = performance.now();

  // The minute of CPU at 100k submissions runs in a worker thread: requests are answered meanwhile.
  const result = await runInWorker<ClusterRunOutput>(
    new URL('./clustering/run-worker.ts', import.meta.url),
    input,
  );
  const t2 = performance.now();
  const newModel = parseModel(result.model);
  const seen = new Set(docs.map((d) => d.id));
  const known = new Set(clusters.map((c) => c.id));
  const now = s.clock.now();

  type Late = { submissionId: string; clusterId: string; similarity: number; z: Float32Array };
  const outcome = await s.store.write(async (tx) => {
    // Checked inside the write: an editor's decision that committed meanwhile is never undone.
    if (JSON.stringify(await tx.clusters.curationState(campaignId)) !== curated)
      return 'curated meanwhile' as const;
    await tx.clusters.clearUnpinned(campaignId);
    const kept = new Set<string>();
    for (const c of result.clusters) {
      kept.add(c.key);
      const label = JSON.stringify(maskLabel(c.label));
      if (known.has(c.key)) await tx.clusters.updateFromRun(c.key, label, c.representative, now);
      else
        await tx.clusters.insertFromRun({
          id: c.key,
          campaignId,
          phrases: label,
          representativeId: c.representative,
          locked: c.locked,
          createdAt: now,
        });
      await tx.clusters.addMembers(c.key, c.members, now);
    }
    // Automatic clusters that no longer exist go; what an editor named or locked stays.
    for (const c of clusters)
      if (!kept.has(c.id) && !c.title && !c.locked) await tx.clusters.delete(c.id);
    await tx.clusters.saveModel(campaignId, result.model, now);
    // Published while the worker ran: not in this run, so they join the new clusters one by one
    // (the new model learns them once this write has committed).
    const late: Late[] = [];
    for (const d of await tx.clusters.publishedSince(campaignId, startedAt)) {
      if (seen.has(d.id)) continue;
      const z = embedText(newModel, docText(d));
      const a = z && assignVector(newModel, z);
      if (!z || !a) continue;
      if (await tx.clusters.addAssigned(d.id, a.key, a.similarity, now))
        late.push({ submissionId: d.id, clusterId: a.key, similarity: a.similarity, z });
    }
    // Policy documents feeding the campaign are matched against the new clusters.
    await queueMatching(tx, now, campaignId, null, null);
    return late;
  });
  if (outcome === 'curated meanwhile') return outcome;
  for (const l of outcome) absorbVector(newModel, l.clusterId, l.z);
  s.clusterModels.replace(campaignId, newModel);
  await s.changes.publish('cluster-model', campaignId);
  kickJobs(s);
  const t3 = performance.now();
  const round = (ms: number) => Math.round(ms);
  return {
    docs: docs.length,
    clusters: result.clusters.length,
    unassigned: result.unassigned,
    ms: round(t3 - t0),
    // Where the job's time went (kept in the job's recorded result, read by the benchmark).
    stages: {
      read: round(t1 - t0),
      features: round(result.ms.features),
      vectors: round(result.ms.vectors),
      kmeans: round(result.ms.kmeans),
      labels: round(result.ms.labels),
      cluster: round(t2 - t1),
      write: round(t3 - t2),
    },
  };
}

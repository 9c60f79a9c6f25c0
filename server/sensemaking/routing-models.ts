import type { Store } from '../store/store.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { runInWorker } from '../workers/run-in-worker.ts';
import {
  deserializeModel,
  type ClassifierModel,
  type retrainRoutingModel,
  type ReviewerCorrection,
} from './classifier/index.ts';

/** The newest trained routing model of each campaign, loaded once and kept until retrained. */
export type RoutingModel = { id: string; model: ClassifierModel };

export class RoutingModels {
  private readonly cache = new Map<string, RoutingModel | null>();

  constructor(private readonly store: Store) {}

  /** The campaign's newest model (null when none was trained); read once, then from memory. */
  async current(campaignId: string): Promise<RoutingModel | null> {
    if (!this.cache.has(campaignId)) {
      const row = await this.store.sensemaking.latestModel(campaignId);
      this.cache.set(campaignId, row ? { id: row.id, model: deserializeModel(row.model) } : null);
    }
    return this.cache.get(campaignId) ?? null;
  }

  /** Drops one campaign's model, or every one (`null`), to be read again when next needed. */
  forget(campaignId: string | null): void {
    if (campaignId === null) this.cache.clear();
    else this.cache.delete(campaignId);
  }
}

/**
 * The recorded retraining job: labelled history (imported) plus reviewers' corrections, which
 * replace history with the same text and weigh double. The new model takes over at once.
 */
export async function trainCampaignClassifier(s: Services, campaignId: string) {
  const rows = await s.store.sensemaking.labeledExamples(campaignId);
  const history = rows
    .filter((r) => r.source === 'import')
    .map((r) => ({ text: r.text, label: r.topic }));
  const corrections: ReviewerCorrection[] = rows
    .filter((r) => r.source === 'correction' && r.submissionId)
    .map((r) => ({
      submissionId: r.submissionId!,
      title: r.text,
      topic: r.topic,
      correctedAt: new Date(r.at).toISOString(),
    }));
  if (new Set(rows.map((r) => r.topic)).size < 2 || rows.length < 20) {
    throw new Error(
      `not enough labelled examples to train (${rows.length}; need 20 over at least 2 topics)`,
    );
  }
  // In a worker thread: training takes seconds, and requests must be answered meanwhile.
  const { serialized, summary } = await runInWorker<
    Pick<ReturnType<typeof retrainRoutingModel>, 'serialized' | 'summary'>
  >(new URL('./train-worker.ts', import.meta.url), { history, corrections });
  const now = s.clock.now();
  await s.store.write((tx) =>
    tx.sensemaking.addModel({
      id: newId('mdl', now),
      campaignId,
      trainedAt: now,
      examples: summary.examples,
      metrics: JSON.stringify(summary),
      model: serialized,
    }),
  );
  s.routingModels.forget(campaignId);
  await s.changes.publish('routing-model', campaignId);
  return summary;
}

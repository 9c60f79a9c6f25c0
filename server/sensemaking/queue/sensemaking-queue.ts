import type { Services } from '../../services.ts';
import { indexSubmissionWords } from '../../search/search-index.ts';
import type { QueuedItem } from '../../store/sensemaking.ts';
import { ServiceWorker } from '../../workers/service-worker.ts';
import { publicSubmissionStatuses } from '../../../schema/states.ts';
import type { NewSignature } from '../near-duplicates.ts';
import { chooseClusters, storeClusterChoices } from '../topic-clusters.ts';
import type { FeatureRequest, Features } from './features.ts';

type Pending = QueuedItem;

type Prepared = { batch: Pending[]; features: Promise<Features[]> };

// Two threads for a backlog (a burst, a restart): a full batch means more is waiting, and then it
// is split between them. Otherwise one thread, so the work never takes the second core from the
// requests while it keeps pace anyway (a second thread for every batch of a steady 1,000/s to a
// campaign that publishes at once cost a fifth of the accepted rate in the ingest benchmark).
const featureWorkers = [0, 1].map(
  () =>
    new ServiceWorker<FeatureRequest[], Features[]>(
      new URL('./features-worker.ts', import.meta.url),
    ),
);

function computeFeatures(requests: FeatureRequest[], backlog: boolean): Promise<Features[]> {
  if (requests.length === 0) return Promise.resolve([]);
  if (!backlog) return featureWorkers[0]!.call(requests);
  const half = Math.ceil(requests.length / 2);
  return Promise.all([
    featureWorkers[0]!.call(requests.slice(0, half)),
    featureWorkers[1]!.call(requests.slice(half)),
  ]).then(([a, b]) => a.concat(b));
}

const batchSize = 500;
/**
 * How often the leading node looks for entries other nodes queued (they cannot kick it): far
 * below the 5 s lag allowed. Only with PostgreSQL; on SQLite every entry is this process's own.
 */
const pollMs = 250;
/** How long `kick` waits to gather a batch: far below the 5 s lag allowed, far above a request. */
const gatherMs = 20;
const isPublic = (status: string | null) =>
  publicSubmissionStatuses.includes(status as (typeof publicSubmissionStatuses)[number]);

/**
 * Near-duplicate grouping, search indexing and cluster assignment, done right after the request
 * instead of inside it: the request's transaction only writes a queue row, the worker thread
 * computes signatures and search words for a batch, and one transaction applies the batch and
 * deletes its queue rows. Order is kept (dedup group keys depend on it): the queue's, which on
 * PostgreSQL is the order entries were inserted in, and an entry that commits after a later one
 * was taken waits for the next batch (rows are deleted by entry, never by range). A crash between
 * the two transactions leaves the rows queued, and start-up carries on from them.
 */
export class SensemakingQueue {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Worst lag seen since start: enqueue to committed work, in ms. */
  private maxLagMs = 0;
  private processed = 0;

  private poll: NodeJS.Timeout | undefined;

  constructor(private readonly s: Services) {
    // Only the leading node works the queue: its near-duplicate index decides the groups, so a
    // form letter sent to two nodes at once ends in one group.
    s.leadership.follow((leading) => {
      clearInterval(this.poll);
      this.poll = undefined;
      if (!leading) return;
      // As a follower this node's near-duplicate index was kept up by the leader's messages, which
      // a lost connection or the last leader's last moments may have missed: the stored
      // signatures decide, read again before the first batch.
      s.nearDuplicates.forgetAll();
      this.kick(); // what the last leader left
      if (s.store.engine === 'postgres') {
        this.poll = setInterval(() => this.kick(), pollMs);
        this.poll.unref();
      }
    });
  }

  private soon: NodeJS.Timeout | undefined;

  /**
   * Work through the queue shortly; cheap to call after every commit. The short wait gathers the
   * submissions of many requests into one batch: one worker round trip and one transaction for
   * all of them, instead of one each.
   */
  kick(): void {
    if (!this.s.leadership.leading) return;
    if (this.stopped || this.running || this.soon) {
      if (this.running) this.again = true;
      return;
    }
    this.soon = setTimeout(() => this.start(), gatherMs);
    this.soon.unref();
  }

  private start(): void {
    clearTimeout(this.soon);
    this.soon = undefined;
    if (this.stopped || !this.s.leadership.leading) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Load the worker (segmenter dictionaries, converters) before the first submission needs it. */
  warmUp(): void {
    // The second thread starts with the first large batch: start-up is busy enough.
    featureWorkers[0]!.warm();
  }

  /**
   * Resolves once everything queued so far has been worked (tests; graceful shutdown), or at
   * once when the database cannot be asked (the queue then retries on its own, nothing is lost)
   * or when another node leads (it works the queue).
   */
  async settled(): Promise<void> {
    for (;;) {
      if (!this.s.leadership.leading) return;
      if (this.running) await this.running;
      else if (!this.stopped && this.failures === 0 && (await this.pendingOrNone()) > 0)
        this.start();
      else return;
    }
  }

  private async pendingOrNone(): Promise<number> {
    try {
      return await this.pendingCount();
    } catch {
      return 0;
    }
  }

  /** Stop taking new batches; resolves when the batch in hand is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.retryTimer);
    clearTimeout(this.soon);
    await this.running;
  }

  async pendingCount(): Promise<number> {
    return (await this.s.store.sensemaking.queueStats()).pending;
  }

  /** Queue depth, the age of its oldest entry and the worst lag seen (for /api/health). */
  async stats(): Promise<{
    pending: number;
    oldestAgeMs: number;
    processed: number;
    maxLagMs: number;
  }> {
    const { pending, oldest } = await this.s.store.sensemaking.queueStats();
    return {
      pending,
      oldestAgeMs: oldest === null ? 0 : Math.max(0, Date.now() - oldest),
      processed: this.processed,
      maxLagMs: this.maxLagMs,
    };
  }

  /**
   * Works batch after batch until the queue is empty. Pipelined: while one batch is applied (its
   * transaction and sync on this thread), the worker already computes the next one's features,
   * so a backlog drains at the pace of the slower of the two rather than of their sum. Batches
   * are still applied one after another in queue order.
   */
  private async drain(): Promise<void> {
    let next: Prepared | null = null;
    try {
      next = await this.gatherBatch([]);
      while (!this.stopped && next.batch.length > 0) {
        const current = next;
        const computed = await current.features;
        if (this.stopped) return;
        next = await this.gatherBatch(current.batch.map((item) => item.seq));
        await this.apply(current.batch, new Map(computed.map((f) => [f.seq, f])));
        this.failures = 0;
      }
    } catch (error) {
      // Leave the rows queued and try again later, backing off; nothing is lost.
      this.failures++;
      console.error(
        JSON.stringify({
          time: new Date().toISOString(),
          level: 'error',
          msg: 'sensemaking batch failed; will retry',
          error: String((error as Error)?.stack ?? error),
        }),
      );
      const delay = Math.min(60_000, 500 * 2 ** Math.min(this.failures, 7));
      this.retryTimer = setTimeout(() => this.kick(), delay);
      this.retryTimer.unref();
    } finally {
      // A batch computed ahead and then not applied is simply computed again next time.
      next?.features.catch(() => undefined);
    }
  }

  /**
   * The next batch, leaving out the one in hand, with its features on their way from the worker.
   * Read from the head of the queue every time, not after the last entry taken: on PostgreSQL an
   * entry can commit after a later one was taken, and under steady load it must not wait until the
   * queue runs dry (it did: 15 s behind at 1,080 submissions/s).
   */
  private async gatherBatch(inHand: number[]): Promise<Prepared> {
    const batch = await this.s.store.sensemaking.queueBatch(inHand, batchSize);
    const requests = batch
      .filter((p) => p.title !== null)
      .map((p) => ({ seq: p.seq, task: p.task, title: p.title!, body: p.body! }));
    return { batch, features: computeFeatures(requests, batch.length === batchSize) };
  }

  /**
   * Applies a batch in one write: near-duplicate signatures and groups, search words, cluster
   * memberships, and the batch's queue rows deleted. What is decided in memory (the dedup index,
   * the cluster model) is decided before the write; the index is put back if the write fails.
   */
  private async apply(batch: Pending[], computed: Map<number, Features>): Promise<void> {
    const s = this.s;
    const signatures: NewSignature[] = [];
    const published: { campaignId: string; submissionId: string; text: string; words: string }[] =
      [];
    for (const item of batch) {
      const f = computed.get(item.seq);
      if (item.campaignId && f?.signature !== undefined)
        signatures.push({
          campaignId: item.campaignId,
          submissionId: item.submissionId,
          signature: f.signature,
        });
      if (item.campaignId && f?.words !== undefined && isPublic(item.status))
        published.push({
          campaignId: item.campaignId,
          submissionId: item.submissionId,
          text: `${item.title}\n${item.body}`,
          words: f.words,
        });
    }
    const choices = await chooseClusters(s, published);
    const now = s.clock.now();
    const seqs = batch.map((item) => item.seq);
    await s.nearDuplicates.recordSignatures(signatures, (pending) =>
      s.store.write(async (tx) => {
        await pending.store(tx);
        for (const p of published) await indexSubmissionWords(s, tx, p.submissionId, p.words);
        await storeClusterChoices(tx, choices, now);
        await tx.sensemaking.dequeue(seqs);
      }),
    );
    await tellSignatures(s, signatures);
    const done = Date.now();
    for (const item of batch) this.maxLagMs = Math.max(this.maxLagMs, done - item.enqueuedAt);
    this.processed += batch.length;
  }
}

/** Ids per change message: a NOTIFY payload holds 8,000 bytes, an id about 25. */
const idsPerMessage = 200;

/** Tells the other nodes which signatures this batch stored, so their typing hints find them. */
async function tellSignatures(
  s: Services,
  signatures: { campaignId: string; submissionId: string }[],
) {
  const byCampaign = new Map<string, string[]>();
  for (const x of signatures)
    byCampaign.set(x.campaignId, [...(byCampaign.get(x.campaignId) ?? []), x.submissionId]);
  for (const [campaignId, ids] of byCampaign)
    for (let i = 0; i < ids.length; i += idsPerMessage)
      await s.changes.publish(
        'signatures',
        `${campaignId} ${ids.slice(i, i + idsPerMessage).join(',')}`,
      );
}

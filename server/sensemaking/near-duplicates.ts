import { cachedStatement } from '../db/statement-cache.ts';
import type { Sqlite } from '../db/open-database.ts';
import { isWalFile } from '../db/wal-sync.ts';
import { NearDuplicateIndex } from './dedup/index.ts';
import {
  storedSignaturesInOrder,
  streamStoredSignatures,
  type StoredSignature,
  type StreamOptions,
} from './stored-signatures.ts';

export type NearDuplicatesOptions = StreamOptions & {
  /**
   * A campaign with at most this many stored signatures is loaded at once on the event loop
   * (about 35 ms for 2,000); a larger one in the background (stored-signatures.ts).
   */
  loadAtOnceUpTo?: number;
  log?: (msg: Record<string, unknown>) => void;
};

/**
 * Form letters and near-identical submissions, per campaign: an in-memory index rebuilt lazily
 * from the stored signatures and groups (in order of arrival: time, then reference number, so
 * group keys are the same as before, also for submissions of the same millisecond), and the
 * group of each submission kept in `text_signatures.group_id` for queries.
 *
 * After a restart a large campaign's index loads in the background. Callers that change it
 * (`recordSignature`, `split`) first await `ready`; while it loads, `similar` answers nothing
 * (the typing hint is a courtesy) and `groupKey` reads the stored group.
 */
export class NearDuplicates {
  private readonly byCampaign = new Map<string, NearDuplicateIndex>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    private readonly sqlite: Sqlite,
    private readonly options: NearDuplicatesOptions = {},
  ) {}

  /** Resolves once the campaigns' indexes are in memory, loading those that are not. */
  ready(campaignIds: Iterable<string>): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const campaignId of new Set(campaignIds)) {
      if (this.byCampaign.has(campaignId)) continue;
      let loading = this.loading.get(campaignId);
      if (!loading) {
        loading = this.load(campaignId).finally(() => this.loading.delete(campaignId));
        this.loading.set(campaignId, loading);
      }
      waits.push(loading);
    }
    return Promise.all(waits).then(() => undefined);
  }

  isReady(campaignId: string): boolean {
    return this.byCampaign.has(campaignId);
  }

  private async load(campaignId: string): Promise<void> {
    const atOnceUpTo = this.options.loadAtOnceUpTo ?? 2000;
    const stored = cachedStatement(
      this.sqlite,
      'select count(*) from (select 1 from text_signatures where campaign_id = ? limit ?)',
    )
      .pluck()
      .get(campaignId, atOnceUpTo + 1) as number;
    if (stored <= atOnceUpTo || !isWalFile(this.sqlite)) {
      this.byCampaign.set(campaignId, this.loadAtOnce(campaignId));
      return;
    }
    const started = performance.now();
    const index = new NearDuplicateIndex();
    let loaded = 0;
    try {
      await streamStoredSignatures(
        this.sqlite.name,
        campaignId,
        {
          onStart: (total) => index.reserve(total),
          onForbid: (a, b) => index.forbid(a, b),
          onRow: (r) => {
            index.addKnown(r.id, r.signature, r.groupId);
            this.setStored(r.id, r.groupId);
            loaded++;
          },
        },
        this.options,
      );
    } catch (error) {
      // A failed worker must not leave the campaign without grouping: load it the slow way.
      this.options.log?.({
        level: 'error',
        msg: 'near-duplicate index: background load failed; loading on the event loop',
        campaignId,
        error: String(error),
      });
      this.byCampaign.set(campaignId, this.loadAtOnce(campaignId));
      return;
    }
    this.byCampaign.set(campaignId, index);
    this.options.log?.({
      msg: 'near-duplicate index loaded',
      campaignId,
      submissions: loaded,
      ms: Math.round(performance.now() - started),
    });
  }

  /** The index, loading it synchronously if needed (the demo seed; `ready` for everything else). */
  private index(campaignId: string): NearDuplicateIndex {
    const index = this.byCampaign.get(campaignId);
    if (index) return index;
    if (this.loading.has(campaignId)) {
      throw new Error(
        `near-duplicate index of ${campaignId} is still loading: await ready() first`,
      );
    }
    const loaded = this.loadAtOnce(campaignId);
    this.byCampaign.set(campaignId, loaded);
    return loaded;
  }

  private loadAtOnce(campaignId: string): NearDuplicateIndex {
    const index = new NearDuplicateIndex();
    const rows = this.sqlite.prepare(storedSignaturesInOrder).all(campaignId) as StoredSignature[];
    for (const r of rows)
      for (const other of JSON.parse(r.splitFrom ?? '[]') as string[]) index.forbid(r.id, other);
    // The stored groups are the result of every earlier comparison: rebuilt as they are, not
    // searched for again (that search was most of the 5 s a 100k campaign took to load).
    for (const r of rows) {
      index.addKnown(r.id, r.signature, r.groupId);
      this.setStored(r.id, r.groupId);
    }
    return index;
  }

  /** Call inside the transaction that inserts the submission. Returns its group key, if grouped. */
  record(campaignId: string, submissionId: string, publicText: string): string | null {
    const index = this.index(campaignId);
    return this.store(
      index,
      campaignId,
      submissionId,
      index.add(submissionId, publicText).signature,
    );
  }

  /**
   * `record` with the signature already computed (the sensemaking queue's worker does that).
   * Call inside a transaction; returns false when the submission is in the index already.
   */
  recordSignature(campaignId: string, submissionId: string, signature: string): boolean {
    const index = this.index(campaignId);
    if (index.has(submissionId)) return false;
    index.addSignature(submissionId, signature);
    this.store(index, campaignId, submissionId, signature);
    return true;
  }

  /** Writes a newly indexed submission's signature and its group. */
  private store(
    index: NearDuplicateIndex,
    campaignId: string,
    submissionId: string,
    signature: string,
  ): string | null {
    cachedStatement(
      this.sqlite,
      'insert into text_signatures (submission_id, campaign_id, signature) values (?, ?, ?)',
    ).run(submissionId, campaignId, signature);
    return this.storeGroup(index, submissionId);
  }

  /** Undo `record` in memory when its transaction rolled back. */
  forget(campaignId: string, submissionId: string): void {
    this.byCampaign.get(campaignId)?.remove(submissionId);
    this.setStored(submissionId, null);
    this.stored.delete(submissionId);
  }

  /** The group key last written for each submission, so a growing group costs one write per newcomer. */
  private readonly stored = new Map<string, string | null>();
  /** How many submissions are stored with each group key (to see when groups merged). */
  private readonly storedCount = new Map<string, number>();

  private setStored(id: string, key: string | null): void {
    const before = this.stored.get(id);
    if (before) this.storedCount.set(before, (this.storedCount.get(before) ?? 1) - 1);
    if (key) this.storedCount.set(key, (this.storedCount.get(key) ?? 0) + 1);
    this.stored.set(id, key);
  }

  private storeGroup(index: NearDuplicateIndex, submissionId: string): string | null {
    const size = index.groupSize(submissionId);
    const key = size > 1 ? (index.groupOf(submissionId) ?? null) : null;
    const set = cachedStatement(
      this.sqlite,
      'update text_signatures set group_id = ? where submission_id = ?',
    );
    const write = (id: string) => {
      set.run(key, id);
      this.setStored(id, key);
    };
    // The usual case, a newcomer joining a group whose members all carry its key already, costs
    // one write; only when groups merged (or a split) are the members' keys looked at one by one.
    const others = key
      ? (this.storedCount.get(key) ?? 0) - (this.stored.get(submissionId) === key ? 1 : 0)
      : 0;
    if (!key || others === size - 1) {
      if ((this.stored.get(submissionId) ?? null) !== key) write(submissionId);
      else if (!this.stored.has(submissionId)) this.setStored(submissionId, key);
      return key;
    }
    for (const m of index.groupMembers(submissionId)) {
      if (this.stored.get(m) !== key || m === submissionId) write(m);
    }
    return key;
  }

  /** A moderator takes a submission out of its group; it never rejoins those members. */
  split(campaignId: string, submissionId: string): void {
    const index = this.index(campaignId);
    const before = index.groupMembers(submissionId);
    const pairs = index.split(submissionId);
    const add = this.sqlite.prepare(
      "update text_signatures set split_from = json_insert(coalesce(split_from, '[]'), '$[#]', ?) where submission_id = ?",
    );
    for (const [a, b] of pairs) add.run(b, a);
    for (const m of new Set([...before, submissionId])) this.storeGroup(index, m);
  }

  /** The key of the submission's group (its oldest member's id), or its own id when alone. */
  groupKey(campaignId: string, submissionId: string): string {
    const index = this.byCampaign.get(campaignId);
    if (index) return index.groupOf(submissionId) ?? submissionId;
    const stored = cachedStatement(
      this.sqlite,
      'select group_id from text_signatures where submission_id = ?',
    )
      .pluck()
      .get(submissionId) as string | null | undefined;
    return stored ?? submissionId;
  }

  /** Texts almost the same as `text` in the campaign (for the "send anyway?" hint). */
  similar(
    campaignId: string,
    text: string,
    threshold = 0.5,
    limit = 5,
  ): { id: string; similarity: number }[] {
    const index = this.byCampaign.get(campaignId);
    if (index) return index.query(text, threshold, limit);
    void this.ready([campaignId]).catch(() => undefined);
    // A campaign loaded at once is there now; a large one answers once loaded.
    return this.byCampaign.get(campaignId)?.query(text, threshold, limit) ?? [];
  }
}

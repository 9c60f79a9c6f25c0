import { canReadInBackground } from '../store/stored-signatures.ts';
import type { Store, Tx } from '../store/store.ts';
import { NearDuplicateIndex } from './dedup/index.ts';
import { streamStoredSignatures, type StreamOptions } from './stored-signatures.ts';

export type NearDuplicatesOptions = StreamOptions & {
  /**
   * A campaign with at most this many stored signatures is loaded at once (about 35 ms for
   * 2,000); a larger one in the background (stored-signatures.ts).
   */
  loadAtOnceUpTo?: number;
  log?: (msg: Record<string, unknown>) => void;
};

/** A submission's near-duplicate signature, computed by the sensemaking queue's worker. */
export type NewSignature = { campaignId: string; submissionId: string; signature: string };

/**
 * What a change of the in-memory index owes the database. `store(tx)` writes it inside the
 * caller's write; it only reads this object, so a write that runs again (a PostgreSQL retry)
 * writes the same.
 */
export class PendingGroups {
  /** Signatures of newly indexed submissions. */
  readonly inserts: NewSignature[] = [];
  /** The group key each submission is now stored with (null: alone). */
  readonly groups = new Map<string, string | null>();
  /** "Never group again" pairs of a moderator's split: `b` joins what `a` was split from. */
  readonly splitPairs: [string, string][] = [];
  /** The group key of each submission this change added (null: it stands alone). */
  readonly keys = new Map<string, string | null>();

  /** @internal what to undo if the write fails */
  readonly added: { campaignId: string; id: string }[] = [];
  /** @internal */
  readonly previous = new Map<string, string | null | undefined>();
  /** @internal */
  readonly splitCampaigns = new Set<string>();

  async store(tx: Tx): Promise<void> {
    await tx.sensemaking.insertSignatures(this.inserts);
    await tx.sensemaking.setGroups(this.groups);
    await tx.sensemaking.addSplitPairs(this.splitPairs);
  }
}

type Loading = { atOnce: Promise<boolean>; done: Promise<void> };

/**
 * Form letters and near-identical submissions, per campaign: an in-memory index rebuilt lazily
 * from the stored signatures and groups (in order of arrival: time, then reference number, so
 * group keys are the same as before, also for submissions of the same millisecond), and the
 * group of each submission kept in `text_signatures.group_id` for queries.
 *
 * After a restart a large campaign's index loads in the background; while it loads, `similar`
 * answers nothing (the typing hint is a courtesy) and `groupKeys` reads the stored groups.
 *
 * Changes (`recordSignatures`, `recordTexts`, `split`) run one at a time: the index is changed in
 * memory first, which tells what to store; the caller's write stores it (`PendingGroups.store`),
 * and if that write fails the index and what it knows of the stored groups are put back.
 */
export class NearDuplicates {
  private readonly byCampaign = new Map<string, NearDuplicateIndex>();
  private readonly loading = new Map<string, Loading>();
  /** Changes wait for the one before them. */
  private changing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly options: NearDuplicatesOptions = {},
  ) {}

  /** Resolves once the campaigns' indexes are in memory, loading those that are not. */
  ready(campaignIds: Iterable<string>): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const campaignId of new Set(campaignIds)) {
      if (this.byCampaign.has(campaignId)) continue;
      waits.push(this.startLoad(campaignId).done);
    }
    return Promise.all(waits).then(() => undefined);
  }

  isReady(campaignId: string): boolean {
    return this.byCampaign.has(campaignId);
  }

  private startLoad(campaignId: string): Loading {
    let loading = this.loading.get(campaignId);
    if (loading) return loading;
    let decide!: (atOnce: boolean) => void;
    const atOnce = new Promise<boolean>((resolve) => (decide = resolve));
    const done = this.load(campaignId, decide).finally(() => {
      decide(true);
      this.loading.delete(campaignId);
    });
    loading = { atOnce, done };
    this.loading.set(campaignId, loading);
    return loading;
  }

  private async load(campaignId: string, decide: (atOnce: boolean) => void): Promise<void> {
    const atOnceUpTo = this.options.loadAtOnceUpTo ?? 2000;
    const stored = await this.store.sensemaking.signatureCountUpTo(campaignId, atOnceUpTo + 1);
    if (stored <= atOnceUpTo || !canReadInBackground(this.store)) {
      decide(true);
      this.byCampaign.set(campaignId, await this.loadAtOnce(campaignId));
      return;
    }
    decide(false);
    const started = performance.now();
    const index = new NearDuplicateIndex();
    let loaded = 0;
    try {
      await streamStoredSignatures(
        this.store,
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
      // A failed reader must not leave the campaign without grouping: load it the slow way.
      this.options.log?.({
        level: 'error',
        msg: 'near-duplicate index: background load failed; loading at once',
        campaignId,
        error: String(error),
      });
      this.byCampaign.set(campaignId, await this.loadAtOnce(campaignId));
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

  private async loadAtOnce(campaignId: string): Promise<NearDuplicateIndex> {
    const index = new NearDuplicateIndex();
    const rows = await this.store.sensemaking.signatures(campaignId);
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

  /**
   * Indexes submissions whose signatures the sensemaking queue's worker computed (those already
   * indexed are skipped), in order, then runs `work`, which must store `pending` in its write.
   */
  recordSignatures<T>(
    items: readonly NewSignature[],
    work: (pending: PendingGroups) => Promise<T>,
  ): Promise<T> {
    return this.change(
      items.map((i) => i.campaignId),
      (pending) => {
        for (const item of items) {
          const index = this.loaded(item.campaignId);
          if (index.has(item.submissionId)) continue;
          index.addSignature(item.submissionId, item.signature);
          this.added(pending, item, index);
        }
      },
      work,
    );
  }

  /**
   * Indexes submissions from their public text (bulk loads: the demo seed, benchmarks), then runs
   * `work`, which must store `pending` in its write; `pending.keys` has their group keys.
   */
  recordTexts<T>(
    campaignId: string,
    items: readonly { submissionId: string; text: string }[],
    work: (pending: PendingGroups) => Promise<T>,
  ): Promise<T> {
    return this.change(
      [campaignId],
      (pending) => {
        const index = this.loaded(campaignId);
        for (const item of items) {
          if (index.has(item.submissionId)) continue;
          const { signature } = index.add(item.submissionId, item.text);
          this.added(pending, { campaignId, submissionId: item.submissionId, signature }, index);
        }
      },
      work,
    );
  }

  /**
   * A moderator takes a submission out of its group; it never rejoins those members. `work`
   * must store `pending` in its write.
   */
  split<T>(
    campaignId: string,
    submissionId: string,
    work: (pending: PendingGroups) => Promise<T>,
  ): Promise<T> {
    return this.change(
      [campaignId],
      (pending) => {
        const index = this.loaded(campaignId);
        const before = index.groupMembers(submissionId);
        pending.splitCampaigns.add(campaignId);
        pending.splitPairs.push(...index.split(submissionId));
        for (const m of new Set([...before, submissionId])) this.stageGroup(pending, index, m);
      },
      work,
    );
  }

  /**
   * Another node (the leader, which works the sensemaking queue) stored these submissions'
   * signatures: index them here too, so this node's typing hint finds them. A campaign not in
   * memory reads them when it loads; one loading is caught up once loaded.
   */
  catchUp(campaignId: string, ids: string[]): Promise<void> {
    const run = async () => {
      await this.loading.get(campaignId)?.done;
      const index = this.byCampaign.get(campaignId);
      if (!index) return;
      const missing = ids.filter((id) => !index.has(id));
      for (const r of await this.store.sensemaking.signaturesByIds(missing)) {
        if (index.has(r.id)) continue;
        index.addKnown(r.id, r.signature, r.groupId);
        this.setStored(r.id, r.groupId);
      }
    };
    const result = this.changing.then(run, run);
    this.changing = result.catch(() => undefined);
    return result;
  }

  /** Drops every index (a follower that may have missed what the leader stored); they reload. */
  forgetAll(): void {
    this.byCampaign.clear();
  }

  private change<T>(
    campaignIds: string[],
    stage: (pending: PendingGroups) => void,
    work: (pending: PendingGroups) => Promise<T>,
  ): Promise<T> {
    const run = async () => {
      // After a restart a large campaign's index loads in the background first.
      await this.ready(campaignIds);
      const pending = new PendingGroups();
      try {
        stage(pending);
        return await work(pending);
      } catch (error) {
        this.undo(pending);
        throw error;
      }
    };
    const result = this.changing.then(run, run);
    this.changing = result.catch(() => undefined);
    return result;
  }

  private loaded(campaignId: string): NearDuplicateIndex {
    const index = this.byCampaign.get(campaignId);
    if (!index) throw new Error(`near-duplicate index of ${campaignId} is not loaded`);
    return index;
  }

  private added(pending: PendingGroups, item: NewSignature, index: NearDuplicateIndex): void {
    pending.inserts.push(item);
    pending.added.push({ campaignId: item.campaignId, id: item.submissionId });
    pending.keys.set(item.submissionId, this.stageGroup(pending, index, item.submissionId));
  }

  /** Puts the index and the stored-group cache back as they were before a failed write. */
  private undo(pending: PendingGroups): void {
    for (const campaignId of pending.splitCampaigns) this.byCampaign.delete(campaignId);
    for (const { campaignId, id } of pending.added.slice().reverse())
      this.byCampaign.get(campaignId)?.remove(id);
    for (const [id, key] of pending.previous) {
      this.setStored(id, key ?? null);
      if (key === undefined) this.stored.delete(id);
    }
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

  /** Notes a stored group as the change will leave it (undone if its write fails). */
  private stageStored(pending: PendingGroups, id: string, key: string | null, write: boolean) {
    if (!pending.previous.has(id))
      pending.previous.set(id, this.stored.has(id) ? this.stored.get(id)! : undefined);
    this.setStored(id, key);
    if (write) pending.groups.set(id, key);
  }

  private stageGroup(
    pending: PendingGroups,
    index: NearDuplicateIndex,
    submissionId: string,
  ): string | null {
    const size = index.groupSize(submissionId);
    const key = size > 1 ? (index.groupOf(submissionId) ?? null) : null;
    // The usual case, a newcomer joining a group whose members all carry its key already, costs
    // one write; only when groups merged (or a split) are the members' keys looked at one by one.
    const others = key
      ? (this.storedCount.get(key) ?? 0) - (this.stored.get(submissionId) === key ? 1 : 0)
      : 0;
    if (!key || others === size - 1) {
      if ((this.stored.get(submissionId) ?? null) !== key)
        this.stageStored(pending, submissionId, key, true);
      else if (!this.stored.has(submissionId)) this.stageStored(pending, submissionId, key, false);
      return key;
    }
    for (const m of index.groupMembers(submissionId)) {
      if (this.stored.get(m) !== key || m === submissionId) this.stageStored(pending, m, key, true);
    }
    return key;
  }

  /**
   * The key of each submission's group (its oldest member's id), or its own id when alone. From
   * memory when the campaign's index is loaded, else from what is stored (one statement).
   */
  async groupKeys(campaignId: string, submissionIds: string[]): Promise<Map<string, string>> {
    const index = this.byCampaign.get(campaignId);
    if (index) return new Map(submissionIds.map((id) => [id, index.groupOf(id) ?? id]));
    const stored = await this.store.sensemaking.groupsOf(submissionIds);
    return new Map(submissionIds.map((id) => [id, stored.get(id) ?? id]));
  }

  /** The key of one submission's group (see `groupKeys`). */
  async groupKey(campaignId: string, submissionId: string): Promise<string> {
    return (await this.groupKeys(campaignId, [submissionId])).get(submissionId)!;
  }

  /**
   * Texts almost the same as `text` in the campaign (for the "send anyway?" hint). A small
   * campaign not in memory yet is loaded first; a large one answers nothing until it is loaded.
   */
  async similar(
    campaignId: string,
    text: string,
    threshold = 0.5,
    limit = 5,
  ): Promise<{ id: string; similarity: number }[]> {
    if (!this.byCampaign.has(campaignId)) {
      const loading = this.startLoad(campaignId);
      void loading.done.catch(() => undefined);
      if (!(await loading.atOnce)) return [];
      try {
        await loading.done;
      } catch {
        return [];
      }
    }
    return this.byCampaign.get(campaignId)?.query(text, threshold, limit) ?? [];
  }
}

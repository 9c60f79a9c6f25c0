import { cachedStatement } from '../db/statement-cache.ts';
import type { Sqlite } from '../db/open-database.ts';
import { NearDuplicateIndex } from './dedup/index.ts';

/**
 * Form letters and near-identical submissions, per campaign: an in-memory index rebuilt lazily
 * from the stored signatures and groups (in order of arrival: time, then reference number, so
 * group keys are the same as before, also for submissions of the same millisecond), and the
 * group of each submission kept in `text_signatures.group_id` for queries.
 */
export class NearDuplicates {
  private readonly byCampaign = new Map<string, NearDuplicateIndex>();

  constructor(private readonly sqlite: Sqlite) {}

  private index(campaignId: string): NearDuplicateIndex {
    let index = this.byCampaign.get(campaignId);
    if (index) return index;
    index = new NearDuplicateIndex();
    const rows = this.sqlite
      .prepare(
        `select t.submission_id as id, t.signature, t.split_from as splitFrom, t.group_id as groupId from text_signatures t
         join submissions s on s.id = t.submission_id where t.campaign_id = ? order by s.created_at, s.ref`,
      )
      .all(campaignId) as {
      id: string;
      signature: string;
      splitFrom: string | null;
      groupId: string | null;
    }[];
    for (const r of rows)
      for (const other of JSON.parse(r.splitFrom ?? '[]') as string[]) index.forbid(r.id, other);
    // The stored groups are the result of every earlier comparison: rebuilt as they are, not
    // searched for again (that search was most of the 5 s a 100k campaign took to load).
    for (const r of rows) {
      index.addKnown(r.id, r.signature, r.groupId);
      this.setStored(r.id, r.groupId);
    }
    this.byCampaign.set(campaignId, index);
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
    return this.index(campaignId).groupOf(submissionId) ?? submissionId;
  }

  /** Texts almost the same as `text` in the campaign (for the "send anyway?" hint). */
  similar(
    campaignId: string,
    text: string,
    threshold = 0.5,
    limit = 5,
  ): { id: string; similarity: number }[] {
    return this.index(campaignId).query(text, threshold, limit);
  }
}

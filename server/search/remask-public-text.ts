// A database written by an earlier masking pass holds public copies made by it: titles and bodies
// with full-width or split phone numbers in clear, custom fields with no public copy at all, cluster
// labels and a search index made from them. At start-up, before the server answers anyone, this
// passes every stored public copy through the current masking pass once, reindexes what changed,
// and records the version it did, so a live database stops leaking with the upgrade.
import type { Services } from '../services.ts';
import { maskLabel } from '../sensemaking/topic-clusters.ts';
import { storedPublicText } from '../submissions/submission-row.ts';
import { maskCustomFields, maskPersonalData } from '../text/mask-personal-data.ts';
import { indexSubmission } from './search-index.ts';

/**
 * The version of the masking pass. Raise it whenever `maskPersonalData` finds more (or less):
 * the next start-up brings every stored public copy up to it.
 */
export const maskingVersion = 2;
const upgradeKey = 'personal-data-masking';
/** Rows read (and submissions rewritten) per transaction. */
const chunk = 2_000;
/** Submissions reindexed per transaction. */
const reindexChunk = 500;

export type RemaskResult = {
  version: number;
  submissions: number;
  clusters: number;
  hotTopics: number;
  emails: number;
  reindexed: number;
  ms: number;
};

/** Brings stored public copies up to the current masking pass; null when they already are. */
export async function remaskPublicText(s: Services): Promise<RemaskResult | null> {
  const done = await s.store.search.upgradeVersion(upgradeKey);
  if (done !== undefined && done >= maskingVersion) return null;
  const started = performance.now();
  let submissions = 0;
  // Submissions whose public words changed: the search index holds the old ones.
  const reindex = new Set<string>();

  // Each chunk is read and rewritten in one write (it may run twice on PostgreSQL: it returns
  // what it did instead of counting as it goes).
  for (let after = ''; ;) {
    const from = after;
    const pass = await s.store.write(async (tx) => {
      const rows = await tx.search.storedCopiesAfter(from, chunk);
      const changed: string[] = [];
      const words: string[] = [];
      for (const r of rows) {
        const title = maskPersonalData(r.title);
        const body = maskPersonalData(r.body);
        const custom = r.custom
          ? maskCustomFields(JSON.parse(r.custom) as Record<string, string | number>)
          : null;
        const next = {
          id: r.id,
          titlePublic: storedPublicText(r.title, title.text),
          bodyPublic: storedPublicText(r.body, body.text),
          customPublic: custom?.masked ? JSON.stringify(custom.custom) : null,
          hasPersonalData: title.masked || body.masked || custom?.masked ? 1 : 0,
        };
        if (
          next.titlePublic === r.titlePublic &&
          next.bodyPublic === r.bodyPublic &&
          next.customPublic === r.customPublic &&
          next.hasPersonalData === r.hasPersonalData
        )
          continue;
        await tx.search.setPublicCopy(next);
        changed.push(r.id);
        if (next.titlePublic !== r.titlePublic || next.bodyPublic !== r.bodyPublic)
          words.push(r.id);
      }
      return { last: rows.at(-1)?.id, changed: changed.length, words };
    });
    if (pass.last === undefined) break;
    after = pass.last;
    submissions += pass.changed;
    for (const id of pass.words) reindex.add(id);
  }

  // Replies are masked as they are read, but the index holds the words of approved ones.
  for (let after = ''; ;) {
    const replies = await s.store.search.approvedRepliesAfter(after, chunk);
    if (replies.length === 0) break;
    after = replies.at(-1)!.id;
    for (const r of replies) if (maskPersonalData(r.body).masked) reindex.add(r.submissionId);
  }

  const ids = [...reindex];
  for (let i = 0; i < ids.length; i += reindexChunk) {
    const part = ids.slice(i, i + reindexChunk);
    await s.store.write(async (tx) => {
      for (const id of part) await indexSubmission(s, tx, id);
    });
  }

  const now = s.clock.now();
  const labels = await s.store.write(async (tx) => {
    let clusters = 0;
    for (const c of await tx.search.clusterLabels()) {
      const title = c.title === null ? null : maskLabel([c.title])[0]!;
      const phrases = JSON.stringify(maskLabel(JSON.parse(c.phrases) as string[]));
      if (title === c.title && phrases === c.phrases) continue;
      await tx.search.setClusterLabel(c.id, title, phrases);
      clusters++;
    }
    // Snapshots copy cluster labels for the data page and the report.
    let hotTopics = 0;
    for (const h of await tx.figures.hotTopicTitles()) {
      const title = maskPersonalData(h.title).text;
      if (title === h.title) continue;
      await tx.figures.setHotTopicTitle(h, title);
      hotTopics++;
    }
    // E-mails not sent yet would still carry unmasked titles out of the platform.
    let emails = 0;
    for (const e of await tx.search.unsentEmails()) {
      const subject = maskPersonalData(e.subject).text;
      const body = maskPersonalData(e.body).text;
      if (subject === e.subject && body === e.body) continue;
      await tx.search.setEmail(e.id, subject, body);
      emails++;
    }
    await tx.search.recordUpgrade(upgradeKey, maskingVersion, now);
    return { clusters, hotTopics, emails };
  });
  return {
    version: maskingVersion,
    submissions,
    ...labels,
    reindexed: reindex.size,
    ms: Math.round(performance.now() - started),
  };
}

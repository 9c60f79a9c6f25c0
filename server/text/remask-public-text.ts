// A database written by an earlier masking pass holds public copies made by it: titles and bodies
// with full-width or split phone numbers in clear, custom fields with no public copy at all, cluster
// labels and a search index made from them. At start-up, before the server answers anyone, this
// passes every stored public copy through the current masking pass once, reindexes what changed,
// and records the version it did, so a live database stops leaking with the upgrade.
import type { Services } from '../services.ts';
import { indexSubmission } from '../search/search-index.ts';
import { maskLabel } from '../sensemaking/topic-clusters.ts';
import { publicStatuses, storedPublicText } from '../submissions/submission-row.ts';
import { maskCustomFields, maskPersonalData } from './mask-personal-data.ts';

/**
 * The version of the masking pass. Raise it whenever `maskPersonalData` finds more (or less):
 * the next start-up brings every stored public copy up to it.
 */
export const maskingVersion = 2;
const upgradeKey = 'personal-data-masking';
const chunk = 2_000;

export type RemaskResult = {
  version: number;
  submissions: number;
  clusters: number;
  hotTopics: number;
  emails: number;
  reindexed: number;
  ms: number;
};

type SubmissionCopy = {
  rowid: number;
  id: string;
  title: string;
  body: string;
  titlePublic: string;
  bodyPublic: string;
  custom: string | null;
  customPublic: string | null;
  hasPersonalData: number;
  status: string;
};

/** Brings stored public copies up to the current masking pass; null when they already are. */
export function remaskPublicText(s: Services): RemaskResult | null {
  const done = s.sqlite
    .prepare('select version from data_upgrades where key = ?')
    .pluck()
    .get(upgradeKey) as number | undefined;
  if (done !== undefined && done >= maskingVersion) return null;
  const started = performance.now();
  const result = { submissions: 0, clusters: 0, hotTopics: 0, emails: 0 };
  // Submissions whose public words changed: the search index holds the old ones.
  const reindex = new Set<string>();

  const readSubmissions = s.sqlite.prepare(
    `select rowid, id, title, body, title_public as titlePublic, body_public as bodyPublic, custom,
       custom_public as customPublic, has_personal_data as hasPersonalData, status
     from submissions where rowid > ? order by rowid limit ?`,
  );
  const writeSubmission = s.sqlite.prepare(
    `update submissions set title_public = ?, body_public = ?, custom_public = ?, has_personal_data = ?
     where id = ?`,
  );
  for (let after = 0; ;) {
    const rows = readSubmissions.all(after, chunk) as SubmissionCopy[];
    if (rows.length === 0) break;
    after = rows.at(-1)!.rowid;
    s.sqlite.transaction(() => {
      for (const r of rows) {
        const title = maskPersonalData(r.title);
        const body = maskPersonalData(r.body);
        const custom = r.custom
          ? maskCustomFields(JSON.parse(r.custom) as Record<string, string | number>)
          : null;
        const next = {
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
        writeSubmission.run(
          next.titlePublic,
          next.bodyPublic,
          next.customPublic,
          next.hasPersonalData,
          r.id,
        );
        result.submissions++;
        if (next.titlePublic !== r.titlePublic || next.bodyPublic !== r.bodyPublic)
          reindex.add(r.id);
      }
    })();
  }

  // Replies are masked as they are read, but the index holds the words of approved ones.
  const replies = s.sqlite
    .prepare(
      "select submission_id, body from replies where state = 'approved' and submission_id is not null",
    )
    .raw()
    .iterate() as Iterable<[string, string]>;
  for (const [submissionId, body] of replies)
    if (maskPersonalData(body).masked) reindex.add(submissionId);

  s.sqlite.transaction(() => {
    const clusters = s.sqlite.prepare('select id, title, phrases from clusters').all() as {
      id: string;
      title: string | null;
      phrases: string;
    }[];
    const writeCluster = s.sqlite.prepare(
      'update clusters set title = ?, phrases = ? where id = ?',
    );
    for (const c of clusters) {
      const title = c.title === null ? null : maskLabel([c.title])[0]!;
      const phrases = JSON.stringify(maskLabel(JSON.parse(c.phrases) as string[]));
      if (title === c.title && phrases === c.phrases) continue;
      writeCluster.run(title, phrases, c.id);
      result.clusters++;
    }
    // Snapshots copy cluster labels for the data page and the report.
    const hot = s.sqlite.prepare('select rowid, title from figure_hot_topics').all() as {
      rowid: number;
      title: string;
    }[];
    const writeHot = s.sqlite.prepare('update figure_hot_topics set title = ? where rowid = ?');
    for (const h of hot) {
      const title = maskPersonalData(h.title).text;
      if (title === h.title) continue;
      writeHot.run(title, h.rowid);
      result.hotTopics++;
    }
    // E-mails not sent yet would still carry unmasked titles out of the platform.
    const emails = s.sqlite
      .prepare('select id, subject, body from email_outbox where sent_at is null')
      .all() as { id: number; subject: string; body: string }[];
    const writeEmail = s.sqlite.prepare(
      'update email_outbox set subject = ?, body = ? where id = ?',
    );
    for (const e of emails) {
      const subject = maskPersonalData(e.subject).text;
      const body = maskPersonalData(e.body).text;
      if (subject === e.subject && body === e.body) continue;
      writeEmail.run(subject, body, e.id);
      result.emails++;
    }

    const isPublic = s.sqlite.prepare('select status from submissions where id = ?').pluck();
    for (const id of reindex)
      if (publicStatuses.includes(isPublic.get(id) as (typeof publicStatuses)[number]))
        indexSubmission(s, id);
    s.sqlite
      .prepare(
        `insert into data_upgrades (key, version, finished_at) values (?, ?, ?)
         on conflict (key) do update set version = excluded.version, finished_at = excluded.finished_at`,
      )
      .run(upgradeKey, maskingVersion, s.clock.now());
  })();
  return {
    version: maskingVersion,
    ...result,
    reindexed: reindex.size,
    ms: Math.round(performance.now() - started),
  };
}

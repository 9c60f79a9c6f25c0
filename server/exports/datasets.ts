// Open-data datasets: what each export contains, column by column. The README's "Numbers" section
// and the OpenAPI description are written from these definitions; the export writers only ever
// emit the columns listed here, in this order.
import type Database from 'better-sqlite3';
import { chinaDate } from '../clock.ts';
import { definitions } from '../figures/definitions.ts';
import { readFigures } from '../figures/read-figures.ts';
import type { Services } from '../services.ts';
import { publicStatusSql, publicText } from '../submissions/submission-row.ts';
import { smallCountThreshold } from '../figures/definitions.ts';
import { shownSql } from '../trust/content-holds.ts';
import { maskPersonalData } from '../text/mask-personal-data.ts';

/** A reply's words as the public reads them (replies are masked as they are read, not stored). */
const masked = (text: Cell) => (typeof text === 'string' ? maskPersonalData(text).text : text);

export const datasetNames = [
  'submissions',
  'replies',
  'clusters',
  'adoptions',
  'figures',
  'regions',
] as const;
export type DatasetName = (typeof datasetNames)[number];

export type Column = { key: string; description: string };
export type Cell = string | number | null;
/** A raw row of N cells (so indexing it is typed without undefined). */
type Raw<N extends number, R extends Cell[] = []> = R['length'] extends N
  ? R
  : Raw<N, [...R, Cell]>;
export type ExportRequest = {
  campaignId: string;
  /** [from, to) as epoch ms (China-time days). */
  from: number;
  to: number;
};

export type Dataset = {
  description: string;
  columns: Column[];
  /** Rows, read lazily from the export's own read-only connection. */
  rows(s: Services, db: Database.Database, q: ExportRequest): Iterable<Cell[]>;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function regionCoarsener(s: Services, q: ExportRequest) {
  // Count published submissions per county × topic in the campaign (from the current snapshot);
  // a county whose cell is small is given as its city, or its province, or not at all.
  const counts = new Map<string, number>();
  const rows = s.sqlite
    .prepare(
      `select key, topic, sum(published) as n from figure_cells where generation = (select max(generation) from figure_snapshots where finished_at is not null)
       and dim in ('region2', 'region4', 'region6') and campaign_id = ? group by key, topic`,
    )
    .all(q.campaignId) as { key: string; topic: string; n: number }[];
  for (const r of rows) counts.set(`${r.key}\u0000${r.topic}`, r.n);
  return (code: string | null, topic: string | null): string | null => {
    if (!code) return null;
    for (const length of [6, 4, 2]) {
      if (code.length < length) continue;
      const part = code.slice(0, length);
      if ((counts.get(`${part}\u0000${topic ?? ''}`) ?? 0) >= smallCountThreshold) return part;
    }
    return null;
  };
}

export const datasets: Record<DatasetName, Dataset> = {
  submissions: {
    description:
      'Published submissions (published, answered or closed), personal data masked as on the public pages; filtered by the day received. Authors are never included.',
    columns: [
      { key: 'ref', description: 'Reference number, e.g. LB-2026-000123' },
      { key: 'campaign', description: 'Campaign slug' },
      { key: 'kind', description: 'suggestion or message' },
      {
        key: 'title',
        description: 'Title, personal data masked; empty while withheld after reports (举报)',
      },
      {
        key: 'body',
        description: 'Text, personal data masked; empty while withheld after reports (举报)',
      },
      {
        key: 'region_code',
        description: `Administrative division code (GB/T 2260); coarsened to the city or province when fewer than ${smallCountThreshold} published submissions share the county and topic`,
      },
      { key: 'region', description: 'Name of that division' },
      { key: 'topic', description: "Topic key of the campaign's taxonomy" },
      { key: 'status', description: 'published, answered or closed' },
      { key: 'supports', description: 'Supports (点赞) received' },
      { key: 'received_at', description: 'When it was sent (ISO 8601, UTC)' },
      { key: 'published_at', description: 'When it was published (ISO 8601, UTC)' },
      { key: 'cluster_id', description: 'Topic cluster it belongs to, if any' },
    ],
    rows: function* (s, db, q) {
      const coarsen = regionCoarsener(s, q);
      const shown = shownSql('submission', 's.id');
      const slug = s.campaigns.getById(q.campaignId)!.slug;
      const stmt = db
        .prepare(
          `select s.ref, s.kind, case when ${shown} then ${publicText('s', 'title')} else '' end,
             case when ${shown} then ${publicText('s', 'body')} else '' end, s.region_code, s.topic, s.status, s.support_count,
             s.created_at, s.published_at, (select cluster_id from cluster_members m where m.submission_id = s.id)
           from submissions s where s.status in (${publicStatusSql}) and s.created_at >= ? and s.created_at < ?
           and s.campaign_id = ? order by s.created_at`,
        )
        .raw();
      const names = new Map<string, string | null>();
      for (const r of stmt.iterate(q.from, q.to, q.campaignId) as Iterable<Raw<11>>) {
        const code = coarsen(r[4] as string | null, r[5] as string | null);
        let name = code ? names.get(code) : null;
        if (code && name === undefined) {
          name = s.regions.fullName(code);
          names.set(code, name);
        }
        yield [
          r[0],
          slug,
          r[1],
          r[2],
          r[3],
          code,
          name ?? null,
          r[5],
          r[6],
          r[7],
          iso(r[8] as number),
          iso(r[9] as number | null),
          r[10],
        ];
      }
    },
  },
  replies: {
    description:
      'Public answers: approved unit replies (one row per reply) and collective replies (公开答复, one row each with the number of submissions covered); filtered by the day approved.',
    columns: [
      { key: 'kind', description: 'unit (a unit answered one submission) or collective' },
      {
        key: 'submission_ref',
        description: 'Reference number of the submission answered (unit replies)',
      },
      { key: 'title', description: 'Title of a collective reply, personal data masked' },
      { key: 'covers', description: 'Submissions covered (1 for a unit reply)' },
      { key: 'unit', description: 'Answering unit or office' },
      {
        key: 'body',
        description:
          'Text of the reply, personal data masked; empty while withheld after reports (举报)',
      },
      { key: 'round', description: 'Handling round (2 after a 不满意 rating)' },
      { key: 'approved_at', description: 'When it went public (ISO 8601, UTC)' },
      {
        key: 'on_time',
        description:
          '1 when approved by the due date in force when sent (definitions: on time); empty for collective replies',
      },
    ],
    rows: function* (s, db, q) {
      const shown = shownSql('reply', 'r.id');
      const stmt = db
        .prepare(
          `select 'unit', sub.ref, null, 1, r.unit_id, case when ${shown} then r.body else '' end, r.round, r.reviewed_at, (r.due_at is null or r.reviewed_at <= r.due_at)
           from replies r join submissions sub on sub.id = r.submission_id
           where r.state = 'approved' and sub.campaign_id = @campaign and r.reviewed_at >= @from and r.reviewed_at < @to
           union all
           select 'collective', null, c.title, (select count(*) from collective_reply_members m where m.collective_id = c.id),
             c.org_id, case when ${shown} then r.body else '' end, 1, c.published_at, null
           from collective_replies c join replies r on r.collective_id = c.id
           where c.campaign_id = @campaign and c.published_at >= @from and c.published_at < @to
           order by 8`,
        )
        .raw();
      for (const r of stmt.iterate({ campaign: q.campaignId, from: q.from, to: q.to }) as Iterable<
        Raw<9>
      >) {
        const unit = r[4] ? (s.orgs.get(r[4] as string)?.name ?? null) : null;
        yield [r[0], r[1], masked(r[2]), r[3], unit, masked(r[5]), r[6], iso(r[7] as number), r[8]];
      }
    },
  },
  clusters: {
    description:
      'Topic clusters of the campaign at export time, with the published submissions received in the date range.',
    columns: [
      { key: 'cluster_id', description: 'Cluster id (stable across re-runs)' },
      { key: 'title', description: "The editor's name for it, or its key phrases" },
      { key: 'phrases', description: 'Key phrases, separated by " · "' },
      { key: 'people', description: 'Published submissions in it' },
      { key: 'supports', description: 'Supports of those submissions' },
    ],
    rows: function* (_s, db, q) {
      const stmt = db
        .prepare(
          `select c.id, c.title, c.phrases, count(s.id), coalesce(sum(s.support_count), 0)
           from clusters c join cluster_members m on m.cluster_id = c.id
           join submissions s on s.id = m.submission_id and s.status in (${publicStatusSql})
           where c.campaign_id = ? and c.merged_into is null and s.created_at >= ? and s.created_at < ?
           group by c.id order by count(s.id) desc`,
        )
        .raw();
      for (const r of stmt.iterate(q.campaignId, q.from, q.to) as Iterable<Raw<5>>) {
        const phrases = (JSON.parse(r[2] as string) as string[]).join(' · ');
        yield [r[0], r[1] ?? phrases, phrases, r[3], r[4]];
      }
    },
  },
  adoptions: {
    description:
      'Confirmed adoptions: which clause of which policy document took up suggestions, with the quoted words; filtered by the day confirmed. Withdrawn ones are listed with their withdrawal time.',
    columns: [
      { key: 'adoption_id', description: 'Adoption id' },
      { key: 'document', description: 'Policy document title' },
      { key: 'issuer', description: 'Who issued the document' },
      { key: 'clause_anchor', description: 'Stable anchor of the clause in the document' },
      { key: 'clause_text', description: 'Text of the clause' },
      {
        key: 'quoted_span',
        description: 'The exact words of the clause that adopted the suggestion',
      },
      {
        key: 'status',
        description: 'under_consideration, partially_adopted, adopted or implemented',
      },
      { key: 'target_kind', description: 'cluster or submission' },
      { key: 'target_id', description: 'Id of the cluster or submission' },
      { key: 'submissions', description: 'Submissions behind it (adoption_members)' },
      { key: 'confirmed_at', description: 'When an editor confirmed it (ISO 8601, UTC)' },
      { key: 'withdrawn_at', description: 'When it was withdrawn, if it was' },
    ],
    rows: function* (_s, db, q) {
      const stmt = db
        .prepare(
          `select a.id, d.title, d.issuer, c.anchor, c.text, a.quoted_span, a.status, a.target_kind, a.target_id,
             (select count(*) from adoption_members m where m.adoption_id = a.id), a.confirmed_at, a.withdrawn_at
           from adoptions a join policy_documents d on d.id = a.document_id join policy_clauses c on c.id = a.clause_id
           where a.campaign_id = ? and a.confirmed_at >= ? and a.confirmed_at < ? order by a.confirmed_at`,
        )
        .raw();
      for (const r of stmt.iterate(q.campaignId, q.from, q.to) as Iterable<Raw<12>>)
        yield [...r.slice(0, 10), iso(r[10] as number), iso(r[11] as number | null)] as Cell[];
    },
  },
  figures: {
    description: `Monthly figures of the campaign from the current snapshot (${definitions.period.en}), by the definitions in the README.`,
    columns: [
      { key: 'month', description: 'YYYY-MM (China time, by day received)' },
      { key: 'received', description: definitions.received.en },
      { key: 'published', description: definitions.published.en },
      { key: 'replied', description: definitions.replied.en },
      { key: 'reply_rate', description: definitions.replyRate.en },
      { key: 'median_hours_to_reply', description: definitions.medianHoursToReply.en },
      { key: 'unit_replied', description: definitions.unitReplied.en },
      { key: 'on_time', description: definitions.onTime.en },
      { key: 'on_time_rate', description: definitions.onTimeRate.en },
      { key: 'rated', description: definitions.rated.en },
      { key: 'satisfaction_rate', description: definitions.satisfactionRate.en },
      { key: 'adopted', description: definitions.adopted.en },
      { key: 'adoption_rate', description: definitions.adoptionRate.en },
      { key: 'snapshot_at', description: 'When the figures were taken (ISO 8601, UTC)' },
    ],
    rows: function* (s, _db, q) {
      const f = readFigures(s, {
        campaignIds: [q.campaignId],
        from: chinaDate(q.from).slice(0, 7),
        to: chinaDate(q.to - 1).slice(0, 7),
        granularity: 'month',
        region: null,
        suppress: true,
      });
      for (const p of f.series)
        yield [
          p.period,
          p.received,
          p.published,
          p.replied,
          p.replyRate,
          p.medianHoursToReply,
          p.unitReplied,
          p.onTime,
          p.onTimeRate,
          p.rated,
          p.satisfactionRate,
          p.adopted,
          p.adoptionRate,
          iso(f.snapshot?.takenAt ?? null),
        ];
    },
  },
  regions: {
    description: `Published submissions by province and topic from the current snapshot, months of the date range; counts of 1–${smallCountThreshold - 1} and the complements that would reveal them are given as "<${smallCountThreshold}".`,
    columns: [
      { key: 'region_code', description: "Province code; '*' for submissions without a region" },
      { key: 'region', description: 'Province name' },
      { key: 'topic', description: "Topic key; 'total' for the province's total" },
      { key: 'published', description: `Published submissions, or "<${smallCountThreshold}"` },
    ],
    rows: function* (s, _db, q) {
      const m = readFigures(s, {
        campaignIds: [q.campaignId],
        from: chinaDate(q.from).slice(0, 7),
        to: chinaDate(q.to - 1).slice(0, 7),
        granularity: 'month',
        region: null,
        suppress: true,
      }).regions.matrix;
      const small = `<${smallCountThreshold}`;
      for (const row of m.rows) {
        const code = row.key === '' ? '*' : row.key;
        for (const [j, topic] of m.topics.entries())
          yield [code, row.name, topic.key || '*', row.cells[j] ?? small];
        yield [code, row.name, 'total', row.total ?? small];
      }
    },
  },
};

// Open-data datasets: what each export contains, column by column. The README's "Numbers" section
// and the OpenAPI description are written from these definitions; the export writers only ever
// emit the columns listed here, in this order. Rows come from the store's streams (one reader and
// one consistent snapshot per export) in batches of about a thousand.
import { chinaDate } from '../clock.ts';
import { definitions, smallCountThreshold } from '../figures/definitions.ts';
import { readFigures, type FigureScope } from '../figures/read-figures.ts';
import { monthlyScorecards } from '../boards/scorecards.ts';
import { scorecardDefinitions as card, type Scorecard } from '../figures/definitions.ts';
import type { Services } from '../services.ts';
import { maskPersonalData } from '../text/mask-personal-data.ts';

/** A reply's words as the public reads them (replies are masked as they are read, not stored). */
const masked = (text: string | null) => (text === null ? null : maskPersonalData(text).text);

export const datasetNames = [
  'submissions',
  'replies',
  'clusters',
  'adoptions',
  'figures',
  'regions',
  'scorecards',
] as const;
export type DatasetName = (typeof datasetNames)[number];

export type Column = { key: string; description: string };
export type Cell = string | number | null;
export type ExportRequest = {
  campaignId: string;
  /** [from, to) as epoch ms (China-time days). */
  from: number;
  to: number;
};

export type Dataset = {
  description: string;
  columns: Column[];
  /** Rows in batches, read lazily as the client downloads them. */
  rows(s: Services, q: ExportRequest): AsyncIterable<Cell[][]>;
};

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The months of an export's days, as the figures' scope (public: small counts hidden). */
const monthsOf = (q: ExportRequest): FigureScope => ({
  campaignIds: [q.campaignId],
  from: chinaDate(q.from).slice(0, 7),
  to: chinaDate(q.to - 1).slice(0, 7),
  granularity: 'month',
  region: null,
  suppress: true,
});

async function regionCoarsener(s: Services, q: ExportRequest) {
  // Count published submissions per county × topic in the campaign (from the current snapshot);
  // a county whose cell is small is given as its city, or its province, or not at all.
  const counts = await s.store.replica.figures.publishedByRegion(q.campaignId);
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
    rows: async function* (s, q) {
      const coarsen = await regionCoarsener(s, q);
      const slug = s.campaigns.getById(q.campaignId)!.slug;
      const names = new Map<string, string | null>();
      for await (const rows of s.store.replica.exports.submissions(q)) {
        yield rows.map((r) => {
          const code = coarsen(r.regionCode, r.topic);
          let name = code ? names.get(code) : null;
          if (code && name === undefined) {
            name = s.regions.fullName(code);
            names.set(code, name);
          }
          return [
            r.ref,
            slug,
            r.kind,
            r.title,
            r.body,
            code,
            name ?? null,
            r.topic,
            r.status,
            r.supportCount,
            iso(r.createdAt),
            iso(r.publishedAt),
            r.clusterId,
          ];
        });
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
    rows: async function* (s, q) {
      for await (const rows of s.store.replica.exports.replies(q))
        yield rows.map((r) => [
          r.kind,
          r.submissionRef,
          masked(r.title),
          r.covers,
          r.unitId ? (s.orgs.get(r.unitId)?.name ?? null) : null,
          masked(r.body),
          r.round,
          iso(r.approvedAt),
          r.onTime,
        ]);
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
    rows: async function* (s, q) {
      for await (const rows of s.store.replica.exports.clusters(q))
        yield rows.map((r) => {
          const phrases = (JSON.parse(r.phrases) as string[]).join(' · ');
          return [r.id, r.title ?? phrases, phrases, r.people, r.supports];
        });
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
    rows: async function* (s, q) {
      for await (const rows of s.store.replica.exports.adoptions(q))
        yield rows.map((r) => [
          r.id,
          r.document,
          r.issuer,
          r.clauseAnchor,
          r.clauseText,
          r.quotedSpan,
          r.status,
          r.targetKind,
          r.targetId,
          r.submissions,
          iso(r.confirmedAt),
          iso(r.withdrawnAt),
        ]);
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
    rows: async function* (s, q) {
      const f = await readFigures(s, monthsOf(q));
      yield f.series.map((p) => [
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
      ]);
    },
  },
  scorecards: {
    description: `Monthly scorecards of the campaign's handling units and addressees, one row per month of the date range and per unit or addressee with messages (${card.month.en}).`,
    columns: [
      { key: 'month', description: 'YYYY-MM (China time)' },
      { key: 'kind', description: 'unit or addressee' },
      { key: 'key', description: 'Organisation code of the unit, or key of the addressee' },
      { key: 'name', description: 'Name of the unit, or office title of the addressee' },
      { key: 'received', description: card.received.en },
      { key: 'answered', description: card.answered.en },
      { key: 'answer_rate', description: card.answerRate.en },
      { key: 'on_time', description: card.onTime.en },
      { key: 'on_time_rate', description: card.onTimeRate.en },
      { key: 'satisfaction_rate', description: card.satisfactionRate.en },
      { key: 'returned', description: card.returned.en },
      { key: 'overdue_now', description: card.overdueNow.en },
      { key: 'counted_at', description: 'When the scorecard was counted (ISO 8601, UTC)' },
    ],
    rows: async function* (s, q) {
      const last = chinaDate(q.to - 1).slice(0, 7);
      for (let month = chinaDate(q.from).slice(0, 7); month <= last; month = nextMonth(month)) {
        const c = await monthlyScorecards(s, month, [q.campaignId]);
        const figures = (f: Scorecard) => [
          f.received,
          f.answered,
          f.answerRate,
          f.onTime,
          f.onTimeRate,
          f.satisfactionRate,
          f.returned,
          f.overdueNow,
          iso(c.countedAt),
        ];
        yield [
          ...c.units.map((u) => [month, 'unit', u.unit.code, u.unit.name, ...figures(u)]),
          ...c.addressees.map((a) => [
            month,
            'addressee',
            a.addressee.key,
            a.addressee.title['zh-CN'],
            ...figures(a),
          ]),
        ];
      }
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
    rows: async function* (s, q) {
      const m = (await readFigures(s, monthsOf(q))).regions.matrix;
      const small = `<${smallCountThreshold}`;
      const rows: Cell[][] = [];
      for (const row of m.rows) {
        const code = row.key === '' ? '*' : row.key;
        for (const [j, topic] of m.topics.entries())
          rows.push([code, row.name, topic.key || '*', row.cells[j] ?? small]);
        rows.push([code, row.name, 'total', row.total ?? small]);
      }
      yield rows;
    },
  },
};

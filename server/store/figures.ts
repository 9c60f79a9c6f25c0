// Figures: the facts a snapshot counts (read in a worker thread on a reader of its own), the
// generations of pre-aggregated cells it writes, the reads of the data page, the dashboard and the
// report, and the unit figures of the monthly close. What each number means is said once, in
// server/figures/definitions.ts; the SQL predicates here (on time, adopted) implement those texts.
import { submissionStatuses } from '../../schema/states.ts';
import type { Queryable, StoreAddress } from './engine/db.ts';
import { createPool, PostgresDb } from './engine/postgres/postgres-db.ts';
import { sql, type Param, type Sql } from './engine/sql.ts';
import { openSqliteReader } from './engine/sqlite/sqlite-db.ts';
import { SqliteStatements } from './engine/sqlite/statements.ts';
import { publicStatusList, publicText, shownSql } from './fragments.ts';
import type { Rows } from './rows.ts';

export type { StoreAddress };

type Submission = Rows['submissions'];
type Cell = Rows['figureCells'];
type HotTopic = Rows['figureHotTopics'];

/** An approved reply `r` was on time: approved by the due date in force when it was sent. */
const onTime = (r: string) =>
  `case when ${r}.due_at is null or ${r}.reviewed_at <= ${r}.due_at then 1 else 0 end`;

/** One row per submission received in [from, to): what the definitions need to know about it. */
export type SubmissionFact = Pick<
  Submission,
  | 'id'
  | 'campaignId'
  | 'createdAt'
  | 'status'
  | 'publishedAt'
  | 'regionCode'
  | 'addresseeId'
  | 'topic'
  | 'supportCount'
> & {
  unitId: string | null;
  unitReplyAt: number | null;
  unitReplyOnTime: number | null;
  collectiveAt: number | null;
  /** Comma-separated rating values, one per round. */
  ratings: string | null;
  adopted: number;
  clusterId: string | null;
};

// `status in (every status)` lets SQLite use the (status, created_at) index for the day range;
// `(r.state || '')` keeps it from picking the replies (state, …) index, which would scan every
// approved reply per submission, instead of the (submission_id, …) one. Parameters: the adoption
// statuses that count as adopted, then [from, to).
const facts = sql<SubmissionFact>(
  (d) => `select s.id, s.campaign_id as "campaignId", s.created_at as "createdAt", s.status,
    s.published_at as "publishedAt", s.region_code as "regionCode",
    s.addressee_id as "addresseeId", s.topic, h.unit_id as "unitId",
    (select min(r.reviewed_at) from replies r
      where r.submission_id = s.id and (r.state || '') = 'approved') as "unitReplyAt",
    (select ${onTime('r')} from replies r where r.submission_id = s.id and (r.state || '') = 'approved'
      order by r.reviewed_at, r.id limit 1) as "unitReplyOnTime",
    (select min(cr.published_at) from collective_reply_members m
      join collective_replies cr on cr.id = m.collective_id where m.submission_id = s.id) as "collectiveAt",
    (select ${d.joinGroup('g.value', ',')} from ratings g where g.submission_id = s.id) as ratings,
    case when exists(select 1 from adoption_members am join adoptions a on a.id = am.adoption_id
      where am.submission_id = s.id and a.withdrawn_at is null
        and a.status in ${d.list('text')}) then 1 else 0 end as adopted,
    (select cm.cluster_id from cluster_members cm where cm.submission_id = s.id) as "clusterId",
    s.support_count as "supportCount"
  from submissions s left join handlings h on h.submission_id = s.id
  where s.status in (${submissionStatuses.map((st) => `'${st}'`).join(', ')})
    and s.created_at >= ? and s.created_at < ?`,
);
const firstCreated = sql<{ at: number | null }>(
  'select min(created_at) as at from submissions where status = ?',
);

const dayMs = 86_400_000;
const chinaOffsetMs = 8 * 3_600_000;
const chinaDayStart = (ms: number) =>
  Math.floor((ms + chinaOffsetMs) / dayMs) * dayMs - chinaOffsetMs;

/**
 * The facts of every submission received up to `takenAt`, one China day per batch: each day is
 * one step down the (status, created_at) index, so SQLite never holds a long read.
 */
async function* factsByDay(
  q: Queryable,
  takenAt: number,
  adopted: readonly string[],
): AsyncIterable<SubmissionFact[]> {
  const firsts = (
    await Promise.all(submissionStatuses.map((st) => q.value(firstCreated, st)))
  ).filter((t): t is number => t !== null && t !== undefined);
  if (firsts.length === 0) return;
  for (let day = chinaDayStart(Math.min(...firsts)); day <= takenAt; day += dayMs)
    yield await q.all(facts, [...adopted], day, Math.min(day + dayMs, takenAt + 1));
}

/**
 * For a worker thread: the facts of every submission received up to `takenAt`, read on a reader
 * of its own (SQLite: a read-only connection, day by day; PostgreSQL: one cursor in one
 * REPEATABLE READ snapshot, in batches of 1,000). The reader closes when the iteration ends.
 */
export async function* submissionFactsAt(
  address: StoreAddress,
  takenAt: number,
  adopted: readonly string[],
): AsyncIterable<SubmissionFact[]> {
  if (address.engine === 'sqlite') {
    const connection = openSqliteReader(address.file);
    try {
      yield* factsByDay(new SqliteStatements(connection), takenAt, adopted);
    } finally {
      connection.close();
    }
    return;
  }
  const db = new PostgresDb(createPool(address.url, { maxConnections: 1 }), address.url);
  try {
    yield* db.stream(facts, [[...adopted], 0, takenAt + 1], 1000);
  } finally {
    await db.close();
  }
}

// The snapshot's generations.
type Snapshot = { generation: number; takenAt: number };
const current = sql<Snapshot>(
  `select generation, taken_at as "takenAt" from figure_snapshots where finished_at is not null
   order by generation desc limit 1`,
);
const takenAtOf = sql<Pick<Rows['figureSnapshots'], 'takenAt'>>(
  'select taken_at as "takenAt" from figure_snapshots where generation = ?',
);
const begin = sql<{ generation: number }>(
  `insert into figure_snapshots (generation, taken_at)
   select coalesce(max(generation), 0) + 1, ? from figure_snapshots returning generation`,
);
const finish = sql(
  'update figure_snapshots set finished_at = ?, submissions = ? where generation = ?',
);
const dropSnapshots = sql('delete from figure_snapshots where generation < ?');
const clusterLabels = sql<Pick<Rows['clusters'], 'id' | 'title' | 'phrases'>>(
  'select id, title, phrases from clusters where merged_into is null',
);
// Older generations go a few thousand rows at a time, so no single delete holds the writer long.
const dropOlder = {
  figure_cells: sql(
    `delete from figure_cells where (generation, dim, campaign_id, period, key, topic) in (
       select generation, dim, campaign_id, period, key, topic from figure_cells
       where generation < ? limit 5000)`,
  ),
  figure_reply_times: sql(
    `delete from figure_reply_times where (generation, campaign_id, day, bucket) in (
       select generation, campaign_id, day, bucket from figure_reply_times
       where generation < ? limit 5000)`,
  ),
  figure_board_reply_times: sql(
    `delete from figure_board_reply_times
     where (generation, dim, campaign_id, period, key, bucket) in (
       select generation, dim, campaign_id, period, key, bucket from figure_board_reply_times
       where generation < ? limit 5000)`,
  ),
  figure_hot_topics: sql(
    `delete from figure_hot_topics where (generation, campaign_id, cluster_id) in (
       select generation, campaign_id, cluster_id from figure_hot_topics
       where generation < ? limit 5000)`,
  ),
};
export type FigureTable = keyof typeof dropOlder;
const analyzeFigures = ['figure_cells', 'figure_reply_times', 'figure_board_reply_times'].map(
  (table) => sql(`analyze ${table}`),
);

/** Additive counts of a cell, by their schema names. */
export type CellCounts = Pick<
  Cell,
  | 'received'
  | 'published'
  | 'replied'
  | 'unitReplied'
  | 'onTime'
  | 'satisfied'
  | 'basically'
  | 'unsatisfied'
  | 'adopted'
>;
const countColumns = [
  ['received', 'received'],
  ['published', 'published'],
  ['replied', 'replied'],
  ['unitReplied', 'unit_replied'],
  ['onTime', 'on_time'],
  ['satisfied', 'satisfied'],
  ['basically', 'basically'],
  ['unsatisfied', 'unsatisfied'],
  ['adopted', 'adopted'],
] as const satisfies readonly (readonly [keyof CellCounts, string])[];
const summed = countColumns.map(([k, c]) => `sum(${c}) as "${k}"`).join(', ');

export type NewCell = Omit<Cell, 'generation'>;
export type NewReplyTime = Omit<Rows['figureReplyTimes'], 'generation'>;
export type NewHotTopic = Omit<HotTopic, 'generation'>;
export type NewBoardReplyTime = Omit<Rows['figureBoardReplyTimes'], 'generation'>;

/** Rows per multi-row insert: one prepared statement per table for every full batch. */
const insertRows = 500;
const inserts = new Map<string, Sql>();
/** `insert into table (columns) values (…), (…)` for `rows` rows, built once per shape. */
function insertMany(table: string, columns: readonly string[], rows: number): Sql {
  const key = `${table}:${rows}`;
  let q = inserts.get(key);
  if (!q) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    q = sql(
      `insert into ${table} (${columns.join(', ')}) values ${Array(rows).fill(row).join(', ')}`,
    );
    inserts.set(key, q);
  }
  return q;
}
const cellColumns = [
  'generation',
  'dim',
  'campaign_id',
  'period',
  'key',
  'topic',
  ...countColumns.map(([, c]) => c),
];
const replyTimeColumns = ['generation', 'campaign_id', 'day', 'bucket', 'n'];
const boardReplyTimeColumns = ['generation', 'dim', 'campaign_id', 'period', 'key', 'bucket', 'n'];
const hotTopicColumns = [
  'generation',
  'campaign_id',
  'cluster_id',
  'title',
  'people',
  'last_week',
  'supports',
];

// Reads of a generation.
export type CellRow = CellCounts & Pick<Cell, 'period' | 'key' | 'topic'>;
export type CellGrouping = 'period' | 'key' | 'topic' | 'key, topic';
/** Which cells of a generation to sum: `from`/`toEnd` compare with the period as text. */
export type CellFilter = {
  campaignIds: string[] | null;
  from: string | null;
  toEnd: string | null;
  /** [regionFrom, regionEnd) on the key (a division code and the codes under it). */
  region: [string, string] | null;
  /** Only these keys (a board's addressees, a region's parts); absent: every key. */
  keys?: string[] | undefined;
};
type ReplyTimeRow = { day: string; bucket: number; n: number };
export type HotTopicRow = {
  id: string;
  campaignId: string;
  title: string;
  people: number;
  lastWeek: number;
  supports: number;
};

const regionCounts = sql<{ key: string; topic: string; n: number }>(
  `select key, topic, sum(published) as n from figure_cells
   where generation = (select max(generation) from figure_snapshots where finished_at is not null)
     and dim in ('region2', 'region4', 'region6') and campaign_id = ? group by key, topic`,
);

// The report.
export type ReportCluster = Pick<HotTopic, 'title' | 'people' | 'lastWeek'> & {
  id: string;
  quoteTitle: string | null;
  quoteBody: string | null;
};
const reportClusters = sql<ReportCluster>(
  `select h.cluster_id as id, h.title, h.people, h.last_week as "lastWeek",
     ${publicText('sub', 'title')} as "quoteTitle", ${publicText('sub', 'body')} as "quoteBody"
   from figure_hot_topics h join clusters c on c.id = h.cluster_id
   left join submissions sub on sub.id = c.representative_id and sub.status in ${publicStatusList}
     and ${shownSql('submission', 'sub.id')}
   where h.generation = ? and h.campaign_id = ? order by h.people desc, h.cluster_id limit 5`,
);
export type ReportAdoption = {
  id: string;
  status: string;
  quotedSpan: string;
  document: string;
  issuer: string;
  anchor: string;
  clause: string;
  submissions: number;
  example: string | null;
};
const reportAdoptions = sql<ReportAdoption>(
  (d) => `select a.id, a.status, a.quoted_span as "quotedSpan", d.title as document, d.issuer,
     c.anchor, c.text as clause,
     (select count(*) from adoption_members m where m.adoption_id = a.id) as submissions,
     (select ${publicText('sub', 'title')} from adoption_members m
       join submissions sub on sub.id = m.submission_id
       where m.adoption_id = a.id and sub.status in ${publicStatusList}
         and ${shownSql('submission', 'sub.id')}
       order by sub.support_count desc, sub.id limit 1) as example
   from adoptions a join policy_documents d on d.id = a.document_id
   join policy_clauses c on c.id = a.clause_id
   where a.campaign_id = ? and a.withdrawn_at is null and a.status in ${d.list('text')}
   order by a.confirmed_at, a.id limit 30`,
);

// Units: the league table, overdue matters and the monthly close.
const assignedUnits = sql<{ unitId: string }>(
  (d) => `select distinct a.unit_id as "unitId" from handling_assignments a
   join handlings h on h.submission_id = a.submission_id
   where h.campaign_id in ${d.list('text')} and a.at >= ? and a.at < ?`,
);
export type OverdueRow = Pick<Rows['handlings'], 'unitId' | 'dueAt' | 'escalatedAt' | 'urgency'> &
  Pick<Submission, 'id' | 'ref' | 'title'>;
const overdue = sql<OverdueRow>(
  (d) => `select s.id, s.ref, s.title, h.unit_id as "unitId", h.due_at as "dueAt",
     h.escalated_at as "escalatedAt", h.urgency
   from handlings h join submissions s on s.id = h.submission_id
   where h.campaign_id in ${d.list('text')} and h.state in ('routed', 'returned')
     and (h.due_at < ? or h.escalated_at is not null)
   order by h.due_at nulls first, s.id limit ?`,
);

/** What the monthly close counts for one unit over a period (see server/figures/unit-period.ts). */
export type UnitCounts = {
  assigned: number;
  replied: number;
  onTime: number;
  approvedReplies: number;
  returned: number;
  overdue: number;
  open: number;
  ratings: { satisfied: number; basically: number; unsatisfied: number };
};
const zeroUnitCounts = (): UnitCounts => ({
  assigned: 0,
  replied: 0,
  onTime: 0,
  approvedReplies: 0,
  returned: 0,
  overdue: 0,
  open: 0,
  ratings: { satisfied: 0, basically: 0, unsatisfied: 0 },
});

/** Texts of the unit statements, with or without the campaign filter (built once each). */
function unitStatements(inCampaigns: boolean) {
  // `column in (submissions of the campaigns)`: its list parameter follows the unit list.
  const campaignFilter = (d: { list(t: 'text'): string }, column: string) =>
    inCampaigns
      ? `and ${column} in (select submission_id from handlings where campaign_id in ${d.list('text')})`
      : '';
  return {
    assigned: sql<{ unitId: string; n: number }>(
      (d) => `select unit_id as "unitId", count(distinct submission_id) as n
       from handling_assignments where unit_id in ${d.list('text')} ${campaignFilter(d, 'submission_id')}
         and at >= ? and at < ? group by unit_id`,
    ),
    replies: sql<{
      unitId: string;
      replied: number;
      onTime: number;
      approved: number;
      returned: number;
    }>(
      (d) => `select r.unit_id as "unitId",
         count(distinct case when r.state = 'approved' and r.submission_id is not null
           then r.submission_id end) as replied,
         count(distinct case when r.state = 'approved' and r.submission_id is not null
           and ${onTime('r')} = 1 then r.submission_id end) as "onTime",
         sum(case when r.state = 'approved' and r.submission_id is not null then 1 else 0 end) as approved,
         sum(case when r.state = 'returned' then 1 else 0 end) as returned
       from replies r where r.unit_id in ${d.list('text')} ${campaignFilter(d, 'r.submission_id')}
         and r.state in ('approved', 'returned') and r.reviewed_at >= ? and r.reviewed_at < ?
       group by r.unit_id`,
    ),
    // Overdue: due in the period (and passed by now) without an approved answer by then.
    handlings: sql<{ unitId: string; overdue: number; open: number }>(
      (d) => `select unit_id as "unitId",
         sum(case when due_at >= ? and due_at < ? and due_at < ?
           and (answered_at is null or answered_at > due_at) then 1 else 0 end) as overdue,
         sum(case when state in ('routed', 'returned', 'replied') then 1 else 0 end) as open
       from handlings where unit_id in ${d.list('text')} ${campaignFilter(d, 'submission_id')}
       group by unit_id`,
    ),
    ratings: sql<{ unitId: string; value: string; n: number }>(
      (d) => `select unit_id as "unitId", value, count(*) as n
       from ratings where unit_id in ${d.list('text')} ${campaignFilter(d, 'submission_id')}
         and at >= ? and at < ? group by unit_id, value`,
    ),
  };
}
const unitSql = { all: unitStatements(false), inCampaigns: unitStatements(true) };

// The re-masking upgrade (server/search/remask-public-text.ts): titles copied into snapshots.
const hotTopicTitles = sql<Pick<HotTopic, 'generation' | 'campaignId' | 'clusterId' | 'title'>>(
  `select generation, campaign_id as "campaignId", cluster_id as "clusterId", title
   from figure_hot_topics`,
);
const setHotTopicTitle = sql(
  `update figure_hot_topics set title = ? where generation = ? and campaign_id = ? and cluster_id = ?`,
);

export class FiguresStore {
  constructor(private readonly q: Queryable) {}

  /**
   * The facts of every submission received up to `takenAt` on this connection, a China day per
   * batch (an in-memory SQLite database, which a worker cannot open).
   */
  factsByDay(takenAt: number, adopted: readonly string[]): AsyncIterable<SubmissionFact[]> {
    return factsByDay(this.q, takenAt, adopted);
  }

  /** The newest finished generation, or null before the first snapshot. */
  async current(): Promise<Snapshot | null> {
    return (await this.q.get(current)) ?? null;
  }

  takenAtOf(generation: number) {
    return this.q.value(takenAtOf, generation);
  }

  /** Starts the next generation (unfinished: readers keep the previous one). */
  async begin(takenAt: number): Promise<number> {
    return (await this.q.value(begin, takenAt))!;
  }

  /** Makes a generation current. */
  finish(generation: number, finishedAt: number, submissions: number) {
    return this.q.run(finish, finishedAt, submissions, generation);
  }

  /** Cluster titles a snapshot copies (the editor's name, or the key phrases). */
  async clusterTitles(): Promise<Map<string, string>> {
    const rows = await this.q.all(clusterLabels);
    return new Map(
      rows.map((c) => [c.id, c.title ?? (JSON.parse(c.phrases) as string[]).join(' · ')]),
    );
  }

  private async insert<T>(
    table: string,
    columns: readonly string[],
    rows: readonly T[],
    values: (row: T) => Param[],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += insertRows) {
      const part = rows.slice(i, i + insertRows);
      await this.q.run(insertMany(table, columns, part.length), ...part.flatMap(values));
    }
  }

  insertCells(generation: number, cells: readonly NewCell[]) {
    return this.insert('figure_cells', cellColumns, cells, (c) => [
      generation,
      c.dim,
      c.campaignId,
      c.period,
      c.key,
      c.topic,
      ...countColumns.map(([k]) => c[k]),
    ]);
  }

  insertReplyTimes(generation: number, times: readonly NewReplyTime[]) {
    return this.insert('figure_reply_times', replyTimeColumns, times, (t) => [
      generation,
      t.campaignId,
      t.day,
      t.bucket,
      t.n,
    ]);
  }

  insertBoardReplyTimes(generation: number, times: readonly NewBoardReplyTime[]) {
    return this.insert('figure_board_reply_times', boardReplyTimeColumns, times, (t) => [
      generation,
      t.dim,
      t.campaignId,
      t.period,
      t.key,
      t.bucket,
      t.n,
    ]);
  }

  /**
   * The reply-time histogram of boards (one dim; the listed keys) in the scope, per key and
   * bucket: a board's median without reading its messages.
   */
  boardReplyTimes(
    generation: number,
    dim: string,
    keys: string[],
    f: Omit<CellFilter, 'region'>,
  ): Promise<{ key: string; bucket: number; n: number }[]> {
    if (keys.length === 0) return Promise.resolve([]);
    const params: Param[] = [generation, dim, keys];
    if (f.campaignIds) params.push(f.campaignIds);
    if (f.from !== null) params.push(f.from);
    if (f.toEnd !== null) params.push(f.toEnd);
    return this.q.all(
      sql<{ key: string; bucket: number; n: number }>(
        (d) => `select key, bucket, sum(n) as n from figure_board_reply_times
         where generation = ? and dim = ? and key in ${d.list('text')}
         ${f.campaignIds ? `and campaign_id in ${d.list('text')}` : ''}
         ${f.from !== null ? 'and period >= ?' : ''} ${f.toEnd !== null ? 'and period < ?' : ''}
         group by key, bucket`,
      ),
      ...params,
    );
  }

  insertHotTopics(generation: number, topics: readonly NewHotTopic[]) {
    return this.insert('figure_hot_topics', hotTopicColumns, topics, (h) => [
      generation,
      h.campaignId,
      h.clusterId,
      h.title,
      h.people,
      h.lastWeek,
      h.supports,
    ]);
  }

  /** Deletes up to 5,000 rows of generations older than `generation`; how many it deleted. */
  async dropOlderChunk(table: FigureTable, generation: number): Promise<number> {
    return (await this.q.run(dropOlder[table], generation)).changes;
  }

  /**
   * PostgreSQL: fresh planner statistics for the figure tables once a generation is in place. A
   * new database's first snapshot (or one much larger than the last) otherwise runs on default
   * estimates until autovacuum gets round to it: boards took 145–218 ms instead of 16–42 at 1M.
   * SQLite plans by its indexes and needs none.
   */
  async analyze(): Promise<void> {
    if (this.q.engine !== 'postgres') return;
    for (const statement of analyzeFigures) await this.q.run(statement);
  }

  dropOlderSnapshots(generation: number) {
    return this.q.run(dropSnapshots, generation);
  }

  /** Sums of a generation's cells of one dimension, grouped as asked. */
  cells(generation: number, dim: string, groupBy: CellGrouping, f: CellFilter): Promise<CellRow[]> {
    const params: Param[] = [generation, dim];
    if (f.campaignIds) params.push(f.campaignIds);
    if (f.from !== null) params.push(f.from);
    if (f.toEnd !== null) params.push(f.toEnd);
    if (f.region) params.push(...f.region);
    if (f.keys) params.push(f.keys);
    const period = groupBy === 'period' ? 'period' : "''";
    const key = groupBy === 'key' || groupBy === 'key, topic' ? 'key' : "''";
    const topic = groupBy === 'topic' || groupBy === 'key, topic' ? 'topic' : "''";
    // Day periods compare as text too: '2026-03' <= '2026-03-15' < '2026-03~'.
    return this.q.all(
      sql<CellRow>(
        (d) => `select ${period} as period, ${key} as key, ${topic} as topic, ${summed}
         from figure_cells where generation = ? and dim = ?
         ${f.campaignIds ? `and campaign_id in ${d.list('text')}` : ''}
         ${f.from !== null ? 'and period >= ?' : ''} ${f.toEnd !== null ? 'and period < ?' : ''}
         ${f.region ? 'and key >= ? and key < ?' : ''}
         ${f.keys ? `and key in ${d.list('text')}` : ''} group by ${groupBy}`,
      ),
      ...params,
    );
  }

  /** The reply-time histogram of a generation, by day and bucket. */
  replyTimes(generation: number, f: Omit<CellFilter, 'region'>): Promise<ReplyTimeRow[]> {
    const params: Param[] = [generation];
    if (f.campaignIds) params.push(f.campaignIds);
    if (f.from !== null) params.push(f.from);
    if (f.toEnd !== null) params.push(f.toEnd);
    return this.q.all(
      sql<ReplyTimeRow>(
        (d) => `select day, bucket, sum(n) as n from figure_reply_times where generation = ?
         ${f.campaignIds ? `and campaign_id in ${d.list('text')}` : ''}
         ${f.from !== null ? 'and day >= ?' : ''} ${f.toEnd !== null ? 'and day < ?' : ''}
         group by day, bucket`,
      ),
      ...params,
    );
  }

  /** The ten hottest clusters of a generation: most published in the last week first. */
  hotTopics(generation: number, campaignIds: string[] | null): Promise<HotTopicRow[]> {
    return this.q.all(
      sql<HotTopicRow>(
        (d) => `select h.cluster_id as id, h.campaign_id as "campaignId", h.title, h.people,
           h.last_week as "lastWeek", h.supports
         from figure_hot_topics h where h.generation = ?
         ${campaignIds ? `and h.campaign_id in ${d.list('text')}` : ''}
         order by h.last_week desc, h.people desc, h.cluster_id limit 10`,
      ),
      ...(campaignIds ? [generation, campaignIds] : [generation]),
    );
  }

  /** Published submissions per division code (2, 4 and 6 digits) × topic, current snapshot. */
  async publishedByRegion(campaignId: string): Promise<Map<string, number>> {
    const rows = await this.q.all(regionCounts, campaignId);
    return new Map(rows.map((r) => [`${r.key}\u0000${r.topic}`, r.n]));
  }

  /** The report's largest clusters, with a representative quote while it is shown. */
  reportClusters(generation: number, campaignId: string) {
    return this.q.all(reportClusters, generation, campaignId);
  }

  /** The report's adoptions of the campaign with these statuses, oldest first. */
  reportAdoptions(campaignId: string, statuses: readonly string[]) {
    return this.q.all(reportAdoptions, campaignId, [...statuses]);
  }

  /** Units that received matters of these campaigns in [from, to). */
  assignedUnits(campaignIds: string[], from: number, to: number) {
    return this.q.column(assignedUnits, campaignIds, from, to);
  }

  /** Open matters past their due date, and escalated ones, earliest due first. */
  overdue(campaignIds: string[], now: number, limit: number) {
    return this.q.all(overdue, campaignIds, now, limit);
  }

  /**
   * The monthly close's counts of these units over [from, to), of the given campaigns (null:
   * all): four statements, whatever the number of units.
   */
  async unitCounts(
    unitIds: string[],
    campaignIds: string[] | null,
    from: number,
    to: number,
    now: number,
  ): Promise<Map<string, UnitCounts>> {
    const counts = new Map(unitIds.map((id) => [id, zeroUnitCounts()]));
    if (unitIds.length === 0) return counts;
    const q = campaignIds ? unitSql.inCampaigns : unitSql.all;
    const lists: Param[] = campaignIds ? [unitIds, campaignIds] : [unitIds];
    const [assigned, replies, handlings, ratings] = await Promise.all([
      this.q.all(q.assigned, ...lists, from, to),
      this.q.all(q.replies, ...lists, from, to),
      this.q.all(q.handlings, from, to, now, ...lists),
      this.q.all(q.ratings, ...lists, from, to),
    ]);
    for (const r of assigned) counts.get(r.unitId)!.assigned = r.n;
    for (const r of replies)
      Object.assign(counts.get(r.unitId)!, {
        replied: r.replied,
        onTime: r.onTime,
        approvedReplies: r.approved,
        returned: r.returned,
      });
    for (const r of handlings)
      Object.assign(counts.get(r.unitId)!, { overdue: r.overdue, open: r.open });
    for (const r of ratings) {
      const c = counts.get(r.unitId)!;
      if (r.value === 'satisfied' || r.value === 'basically' || r.value === 'unsatisfied')
        c.ratings[r.value] += r.n;
    }
    return counts;
  }

  /** Cluster titles copied into snapshots (the re-masking upgrade). */
  hotTopicTitles() {
    return this.q.all(hotTopicTitles);
  }

  setHotTopicTitle(key: Pick<HotTopic, 'generation' | 'campaignId' | 'clusterId'>, title: string) {
    return this.q.run(setHotTopicTitle, title, key.generation, key.campaignId, key.clusterId);
  }
}

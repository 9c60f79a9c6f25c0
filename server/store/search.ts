// Full-text search over public submissions, one of the two engine-specific parts of the store.
// Both engines index the same words: the jieba words (search mode) of a submission's public title,
// body and approved replies, space-separated, computed in Node. SQLite keeps them in an FTS5 table
// (`submission_search`, with `submission_search_rows` to find a submission's FTS5 row), queried
// with `match` and ranked by bm25; PostgreSQL in a table with a generated tsvector
// (to_tsvector('simple', words)) under a GIN index, queried with `@@ to_tsquery('simple', …)` and
// ranked by ts_rank. The same query terms find the same submissions on both; only the order of a
// ranked page may differ. This module also holds the statements of the re-masking upgrade
// (server/search/remask-public-text.ts), which rewrites public copies and reindexes them.
import type { Engine } from './engine/sql.ts';
import type { Queryable } from './engine/db.ts';
import { sql, type Param } from './engine/sql.ts';
import { publicText, shownSql } from './fragments.ts';
import type { Rows } from './rows.ts';

type Submission = Rows['submissions'];

/**
 * One required part of a query: a word, or a phrase of several words in a row; `prefix` matches
 * any indexed word starting with it (a single word only).
 */
export type SearchTerm = { words: string[]; prefix: boolean };

/** The FTS5 expression of terms: every term required (`"a" AND "b c" AND "d"*`). */
export function fts5Match(terms: readonly SearchTerm[]): string {
  const quote = (w: string) => `"${w.replace(/"/g, '""')}"`;
  return terms.map((t) => `${quote(t.words.join(' '))}${t.prefix ? '*' : ''}`).join(' AND ');
}

/** The tsquery text of terms: every term required (`'a' & ('b' <-> 'c') & 'd':*`). */
export function tsQuery(terms: readonly SearchTerm[], join: '&' | '|' = '&'): string {
  const quote = (w: string) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  return terms
    .map((t) =>
      t.words.length > 1
        ? `(${t.words.map(quote).join(' <-> ')})`
        : `${quote(t.words[0]!)}${t.prefix ? ':*' : ''}`,
    )
    .join(` ${join} `);
}

/** Filters of a search; any left out does not narrow it. */
export type SearchFilters = {
  campaignId?: string | undefined;
  topic?: string | undefined;
  /** A division code: submissions coded to it or below it. */
  region?: string | undefined;
  status?: string | undefined;
  /** [publishedFrom, publishedTo) as epoch ms. */
  publishedFrom?: number | undefined;
  publishedTo?: number | undefined;
};
export type SearchSort = 'relevance' | 'newest' | 'supports';

/** Matches are counted up to this many ("more than 1,000 results"). */
export const searchCountCap = 1_000;

// What differs between the engines: the index's table, how a query matches, and its rank.
type Flavour = {
  /** The index table, aliased `ss`. */
  table: string;
  /** Rows of `ss` matching the query in @match. */
  match: string;
  /** Best first. */
  rank: string;
  /** Most recently indexed (SQLite) or created (PostgreSQL, ids are time-ordered) first. */
  recent: string;
};
const flavours: Record<Engine, Flavour> = {
  sqlite: {
    table: 'submission_search ss',
    match: 'ss.submission_search match @match',
    rank: 'ss.rank',
    recent: 'ss.rowid desc',
  },
  postgres: {
    table: 'submission_search ss',
    match: "ss.document @@ to_tsquery('simple', @match)",
    rank: "ts_rank(ss.document, to_tsquery('simple', @match)) desc, ss.submission_id desc",
    recent: 'ss.submission_id desc',
  },
};

/** The `where` of a search with filters (on `s`, the submission), and its parameters. */
function filtersOf(f: SearchFilters): { where: string[]; params: Record<string, Param> } {
  const where: string[] = [];
  const params: Record<string, Param> = {};
  if (f.campaignId !== undefined) {
    where.push('s.campaign_id = @campaignId');
    params.campaignId = f.campaignId;
  }
  if (f.topic !== undefined) {
    where.push('s.topic = @topic');
    params.topic = f.topic;
  }
  if (f.region !== undefined) {
    where.push("s.region_code like @region || '%'");
    params.region = f.region;
  }
  if (f.status !== undefined) {
    where.push('s.status = @status');
    params.status = f.status;
  }
  if (f.publishedFrom !== undefined) {
    where.push('s.published_at >= @publishedFrom');
    params.publishedFrom = f.publishedFrom;
  }
  if (f.publishedTo !== undefined) {
    where.push('s.published_at < @publishedTo');
    params.publishedTo = f.publishedTo;
  }
  return { where, params };
}

// The index, SQLite: FTS5 rows are found by rowid (the only fast way into FTS5).
const sqliteUnindexRow = sql<{ rowid: number }>(
  'delete from submission_search_rows where submission_id = ? returning search_rowid as rowid',
);
const sqliteUnindexWords = sql('delete from submission_search where rowid = ?');
const sqliteIndexWords = sql('insert into submission_search (submission_id, words) values (?, ?)');
const sqliteIndexRow = sql(
  'insert into submission_search_rows (submission_id, search_rowid) values (?, last_insert_rowid())',
);
// The index, PostgreSQL.
const postgresIndex = sql(
  `insert into submission_search (submission_id, words) values (?, ?)
   on conflict (submission_id) do update set words = excluded.words`,
);
const postgresUnindex = sql('delete from submission_search where submission_id = ?');

/** A submission's public title and body (masked where it had something to mask), and status. */
const publicCopy = sql<Pick<Submission, 'title' | 'body' | 'status'>>(
  `select ${publicText('', 'title')} as title, ${publicText('', 'body')} as body, status
   from submissions where id = ?`,
);
const shownReplies = sql<{ body: string }>(
  `select r.body from replies r where r.submission_id = ? and r.state = 'approved'
     and ${shownSql('reply', 'r.id')}
   order by r.reviewed_at, r.id`,
);

// The re-masking upgrade.
export type StoredCopy = Pick<
  Submission,
  | 'id'
  | 'title'
  | 'body'
  | 'titlePublic'
  | 'bodyPublic'
  | 'custom'
  | 'customPublic'
  | 'hasPersonalData'
  | 'status'
>;
const copiesAfter = sql<StoredCopy>(
  `select id, title, body, title_public as "titlePublic", body_public as "bodyPublic", custom,
     custom_public as "customPublic", has_personal_data as "hasPersonalData", status
   from submissions where id > ? order by id limit ?`,
);
const setCopy = sql(
  `update submissions set title_public = @titlePublic, body_public = @bodyPublic,
     custom_public = @customPublic, has_personal_data = @hasPersonalData
   where id = @id`,
);
const approvedRepliesAfter = sql<{ id: string; submissionId: string; body: string }>(
  `select id, submission_id as "submissionId", body from replies
   where id > ? and state = 'approved' and submission_id is not null order by id limit ?`,
);
const clusterLabels = sql<Pick<Rows['clusters'], 'id' | 'title' | 'phrases'>>(
  'select id, title, phrases from clusters order by id',
);
const setClusterLabel = sql('update clusters set title = ?, phrases = ? where id = ?');
const unsentEmails = sql<Pick<Rows['emailOutbox'], 'id' | 'subject' | 'body'>>(
  'select id, subject, body from email_outbox where sent_at is null order by id',
);
const setEmail = sql('update email_outbox set subject = ?, body = ? where id = ?');
const upgradeVersion = sql<Pick<Rows['dataUpgrades'], 'version'>>(
  'select version from data_upgrades where key = ?',
);
const recordUpgrade = sql(
  `insert into data_upgrades (key, version, finished_at) values (?, ?, ?)
   on conflict (key) do update set version = excluded.version, finished_at = excluded.finished_at`,
);

export class SearchStore {
  constructor(private readonly q: Queryable) {}

  private get flavour(): Flavour {
    return flavours[this.q.engine];
  }

  /** What the index holds of a submission: its public text and status (undefined: no such). */
  publicCopy(id: string) {
    return this.q.get(publicCopy, id);
  }

  /** The bodies of a submission's approved replies that are shown (no hold on them). */
  shownReplyBodies(id: string) {
    return this.q.column(shownReplies, id);
  }

  /** Takes a submission's words out of the index. */
  async unindex(id: string): Promise<void> {
    if (this.q.engine === 'postgres') {
      await this.q.run(postgresUnindex, id);
      return;
    }
    const rowid = await this.q.value(sqliteUnindexRow, id);
    if (rowid !== undefined) await this.q.run(sqliteUnindexWords, rowid);
  }

  /** (Re)indexes a submission's words (space-separated). */
  async index(id: string, words: string): Promise<void> {
    if (this.q.engine === 'postgres') {
      await this.q.run(postgresIndex, id, words);
      return;
    }
    await this.unindex(id);
    await this.q.run(sqliteIndexWords, id, words);
    await this.q.run(sqliteIndexRow, id);
  }

  /**
   * How many submissions match (all terms required) and the filters, counted up to
   * `searchCountCap + 1`: counting every match of a common word at a million rows is the slow
   * part. Only public text is indexed, so without a filter the index alone answers.
   */
  async count(terms: readonly SearchTerm[], f: SearchFilters): Promise<number> {
    const { table, match } = this.flavour;
    const { where, params } = filtersOf(f);
    const matched = where.length
      ? `select 1 from ${table} join submissions s on s.id = ss.submission_id
         where ${[match, ...where].join(' and ')}`
      : `select 1 from ${table} where ${match}`;
    return (
      (await this.q.value(
        sql<{ n: number }>(`select count(*) as n from (${matched} limit @cap) m`),
        { ...params, match: this.expression(terms), cap: searchCountCap + 1 },
      )) ?? 0
    );
  }

  /**
   * A page of the ids of matching submissions. `ranked`: best match first; otherwise (a query
   * matching more than can be ranked quickly) the most recent first. Without a filter the index
   * alone orders the page and only its rows are read.
   */
  async page(
    terms: readonly SearchTerm[],
    f: SearchFilters,
    sort: SearchSort,
    ranked: boolean,
    page: { limit: number; offset: number },
  ): Promise<string[]> {
    const { table, match, rank, recent } = this.flavour;
    const { where, params } = filtersOf(f);
    const values = { ...params, ...page, match: this.expression(terms) };
    if (where.length === 0 && sort === 'relevance')
      return this.q.column(
        sql<{ id: string }>(
          `select ss.submission_id as id from ${table} where ${match}
           order by ${ranked ? rank : recent} limit @limit offset @offset`,
        ),
        values,
      );
    const order = {
      relevance: ranked ? `${rank}` : 's.published_at desc nulls last, s.id desc',
      newest: 's.published_at desc nulls last, s.id desc',
      supports: 's.support_count desc, s.published_at desc nulls last, s.id desc',
    }[sort];
    return this.q.column(
      sql<{ id: string }>(
        `select s.id from ${table} join submissions s on s.id = ss.submission_id
         where ${[match, ...where].join(' and ')} order by ${order} limit @limit offset @offset`,
      ),
      values,
    );
  }

  /** Ids of a campaign's submissions matching any of the words, best first. */
  related(campaignId: string, words: readonly string[], limit: number): Promise<string[]> {
    const { table, match, rank } = this.flavour;
    const terms = words.map((w) => ({ words: [w], prefix: false }));
    const expression =
      this.q.engine === 'sqlite'
        ? terms.map((t) => fts5Match([t])).join(' OR ')
        : tsQuery(terms, '|');
    return this.q.column(
      sql<{ id: string }>(
        `select s.id from ${table} join submissions s on s.id = ss.submission_id
         where ${match} and s.campaign_id = @campaignId order by ${rank} limit @limit`,
      ),
      { match: expression, campaignId, limit },
    );
  }

  private expression(terms: readonly SearchTerm[]): string {
    return this.q.engine === 'sqlite' ? fts5Match(terms) : tsQuery(terms);
  }

  // The re-masking upgrade (server/search/remask-public-text.ts).

  /** The version of a one-off upgrade done on this database, if any. */
  upgradeVersion(key: string) {
    return this.q.value(upgradeVersion, key);
  }

  recordUpgrade(key: string, version: number, now: number) {
    return this.q.run(recordUpgrade, key, version, now);
  }

  /** Stored submissions with their public copies, by id, after `afterId`. */
  storedCopiesAfter(afterId: string, limit: number) {
    return this.q.all(copiesAfter, afterId, limit);
  }

  setPublicCopy(
    copy: Pick<
      StoredCopy,
      'id' | 'titlePublic' | 'bodyPublic' | 'customPublic' | 'hasPersonalData'
    >,
  ) {
    return this.q.run(setCopy, copy);
  }

  /** Approved replies to submissions, by id, after `afterId`. */
  approvedRepliesAfter(afterId: string, limit: number) {
    return this.q.all(approvedRepliesAfter, afterId, limit);
  }

  clusterLabels() {
    return this.q.all(clusterLabels);
  }

  setClusterLabel(id: string, title: string | null, phrases: string) {
    return this.q.run(setClusterLabel, title, phrases, id);
  }

  unsentEmails() {
    return this.q.all(unsentEmails);
  }

  setEmail(id: number, subject: string, body: string) {
    return this.q.run(setEmail, subject, body, id);
  }
}

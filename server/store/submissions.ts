// Submissions: the rows, their pages, supports and the near-duplicate weights lists show.
import type { Queryable } from './engine/db.ts';
import { sql } from './engine/sql.ts';
import { publicStatusList, publicText } from './fragments.ts';
import type { Rows } from './rows.ts';

type Submission = Rows['submissions'];

/** A submission as read for its views: the stored row, its public copies and its author's name. */
export type SubmissionRow = Pick<
  Submission,
  | 'id'
  | 'ref'
  | 'campaignId'
  | 'authorId'
  | 'kind'
  | 'title'
  | 'body'
  | 'titlePublic'
  | 'bodyPublic'
  | 'hasPersonalData'
  | 'regionCode'
  | 'addresseeId'
  | 'topic'
  | 'custom'
  | 'customPublic'
  | 'showName'
  | 'status'
  | 'rejectReason'
  | 'supportCount'
  | 'createdAt'
  | 'publishedAt'
> & { authorName: string };

export type NewSubmission = Omit<Submission, 'supportCount' | 'rejectReason'>;

/** A reference number: the series and the number, at least six digits (LB-2026-000123). */
export const formatRef = (series: string, n: number) => `${series}-${String(n).padStart(6, '0')}`;

export type PageQuery = { page: number; pageSize: number };
export type PublicListQuery = PageQuery & {
  sort: 'newest' | 'supports';
  topic?: string | undefined;
  region?: string | undefined;
  /** Only messages written to this addressee (a leader's board). */
  addresseeId?: string | undefined;
  /** Only messages with a public answer (answered or closed). */
  answered?: boolean | undefined;
};

/** Columns of SubmissionRow; `titlePublic`/`bodyPublic` are the public text whether or not masked. */
const columns = `s.id, s.ref, s.campaign_id as "campaignId", s.author_id as "authorId",
  u.display_name as "authorName", s.kind, s.title, s.body,
  ${publicText('s', 'title')} as "titlePublic", ${publicText('s', 'body')} as "bodyPublic",
  s.has_personal_data as "hasPersonalData", s.region_code as "regionCode",
  s.addressee_id as "addresseeId", s.topic, s.custom,
  coalesce(s.custom_public, s.custom) as "customPublic", s.show_name as "showName", s.status,
  s.reject_reason as "rejectReason", s.support_count as "supportCount",
  s.created_at as "createdAt", s.published_at as "publishedAt"`;
const from = 'from submissions s join users u on u.id = s.author_id';

const byId = sql<SubmissionRow>(`select ${columns} ${from} where s.id = ?`);
const byIds = sql<SubmissionRow>(
  (d) => `select ${columns} ${from} where s.id in ${d.list('text')}`,
);
const byIdOrRef = sql<SubmissionRow>(`select ${columns} ${from} where s.id = ? or s.ref = ?`);
const insert = sql(
  `insert into submissions (id, ref, campaign_id, author_id, kind, title, body, title_public,
     body_public, has_personal_data, region_code, addressee_id, topic, custom, custom_public,
     show_name, status, support_count, created_at, published_at, updated_at)
   values (@id, @ref, @campaignId, @authorId, @kind, @title, @body, @titlePublic, @bodyPublic,
     @hasPersonalData, @regionCode, @addresseeId, @topic, @custom, @customPublic, @showName,
     @status, 0, @createdAt, @publishedAt, @updatedAt)`,
);
// PostgreSQL: a submission waiting for moderation, its number, its timeline entry and its queue
// entry in one statement, so the hot path costs one round trip (a single statement is atomic).
export const insertReceivedPg = sql<{ ref: string }>(
  `with n as (select huiyin_next_ref(@series) as n),
   s as (
     insert into submissions (id, ref, campaign_id, author_id, kind, title, body, title_public,
       body_public, has_personal_data, region_code, addressee_id, topic, custom, custom_public,
       show_name, status, support_count, created_at, published_at, updated_at)
     select @id, @series || '-' || case when n.n < 1000000 then lpad(n.n::text, 6, '0')
         else n.n::text end,
       @campaignId, @authorId, @kind, @title, @body, @titlePublic, @bodyPublic, @hasPersonalData,
       @regionCode, @addresseeId, @topic, @custom, @customPublic, @showName, @status, 0, @createdAt,
       @publishedAt, @updatedAt
     from n returning ref),
   t as (
     insert into timeline_events (submission_id, at, actor_id, actor_role, type, from_status,
       to_status, reason, data)
     values (@id, @at, @actorId, @actorRole, @type, @fromStatus, @toStatus, @reason, @data)),
   q as (
     insert into sensemaking_queue (submission_id, task, enqueued_at)
     values (@id, 'arrived', @enqueuedAt))
   select ref from s`,
);
const moderate = sql(
  `update submissions set status = ?, reject_reason = ?, published_at = ?, updated_at = ?
   where id = ? and status = 'received'`,
);
const setTopic = sql('update submissions set topic = ? where id = ?');
const addSupport = sql(
  'insert into supports (submission_id, user_id, created_at) values (?, ?, ?) on conflict do nothing',
);
const bumpSupports = sql<Pick<Submission, 'supportCount'>>(
  'update submissions set support_count = support_count + 1 where id = ? returning support_count as "supportCount"',
);
const supportedBy = sql<{ id: string }>(
  (d) =>
    `select submission_id as id from supports where user_id = ? and submission_id in ${d.list('text')}`,
);
const groupsOf = sql<{ id: string; groupId: string }>(
  (d) => `select submission_id as id, group_id as "groupId" from text_signatures
   where group_id is not null and submission_id in ${d.list('text')}`,
);
const groupSizes = sql<{ groupId: string; n: number }>(
  (d) => `select t.group_id as "groupId", count(*) as n
   from text_signatures t join submissions s on s.id = t.submission_id
   where t.group_id in ${d.list('text')} and s.status != 'rejected' group by t.group_id`,
);
const byAuthor = sql<SubmissionRow>(
  `select ${columns} ${from} where s.author_id = ? order by s.created_at desc, s.id desc limit ? offset ?`,
);
const countByAuthor = sql<{ n: number }>(
  'select count(*) as n from submissions where author_id = ?',
);

// A form-letter group is one voice: only its first member (or, if that one is not public, its
// earliest published member) is listed.
/**
 * One voice per form letter: a group shows its first published member. Within a filtered list
 * (a leader's or a region's board), the first member inside the filter, so a board never loses
 * a letter written to it because its group's first copy went to another leader or place.
 */
const oneVoice = (within = '') => `(t.group_id is null or s.id = (
  select s2.id from text_signatures t2 join submissions s2 on s2.id = t2.submission_id
  where t2.group_id = t.group_id and s2.status in ${publicStatusList} ${within}
  order by case when s2.id = t2.group_id then 0 else 1 end, s2.published_at, s2.id limit 1))`;

function publicListWhere(q: PublicListQuery): string {
  const within = [
    q.region ? "and s2.region_code like @region || '%'" : '',
    q.addresseeId ? 'and s2.addressee_id = @addresseeId' : '',
  ].join(' ');
  const where = [
    's.campaign_id = @campaignId',
    `s.status in ${publicStatusList}`,
    oneVoice(within),
  ];
  if (q.topic) where.push('s.topic = @topic');
  if (q.region) where.push("s.region_code like @region || '%'");
  if (q.addresseeId) where.push('s.addressee_id = @addresseeId');
  if (q.answered) where.push("s.status in ('answered', 'closed')");
  return where.join(' and ');
}

function moderationWhere(campaignId: string | undefined): string {
  return campaignId
    ? "s.status = 'received' and s.campaign_id = @campaignId"
    : "s.status = 'received'";
}

export class SubmissionsStore {
  constructor(private readonly q: Queryable) {}

  find(id: string) {
    return this.q.get(byId, id);
  }

  /** Published or not, by id or by the citizen's reference number. */
  findByIdOrRef(idOrRef: string) {
    return this.q.get(byIdOrRef, idOrRef, idOrRef);
  }

  /** Several at once, in no particular order. */
  findMany(ids: string[]): Promise<SubmissionRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.q.all(byIds, ids);
  }

  insert(row: NewSubmission) {
    return this.q.run(insert, row);
  }

  /**
   * Publishes or rejects a submission still waiting for moderation. Guarded: of two reviewers
   * acting at once exactly one changes it; false for the other.
   */
  async moderate(
    id: string,
    to: 'published' | 'rejected',
    reason: string | null,
    now: number,
  ): Promise<boolean> {
    const published = to === 'published' ? now : null;
    return (await this.q.run(moderate, to, reason, published, now, id)).changes === 1;
  }

  setTopic(id: string, topic: string) {
    return this.q.run(setTopic, topic, id);
  }

  /** Records a support; false when this user had already supported it. */
  async addSupport(id: string, userId: string, now: number): Promise<boolean> {
    return (await this.q.run(addSupport, id, userId, now)).changes === 1;
  }

  /** Adds one to the support count and returns the new count. */
  async bumpSupportCount(id: string): Promise<number> {
    return (await this.q.value(bumpSupports, id))!;
  }

  /** Which of these submissions the user has supported, in one statement. */
  async supportedBy(userId: string | undefined, ids: string[]): Promise<Set<string>> {
    if (!userId || ids.length === 0) return new Set();
    return new Set(await this.q.column(supportedBy, userId, ids));
  }

  /**
   * "N people sent this text": for each submission, how many non-rejected submissions share its
   * near-duplicate group (1 when it stands alone). Two statements for a whole page.
   */
  async voiceWeights(ids: string[]): Promise<Map<string, number>> {
    const weights = new Map(ids.map((id) => [id, 1]));
    if (ids.length === 0) return weights;
    const groups = await this.q.all(groupsOf, ids);
    if (groups.length === 0) return weights;
    const sizes = new Map(
      (await this.q.all(groupSizes, [...new Set(groups.map((g) => g.groupId))])).map((r) => [
        r.groupId,
        r.n,
      ]),
    );
    for (const g of groups) weights.set(g.id, Math.max(1, sizes.get(g.groupId) ?? 1));
    return weights;
  }

  /** A campaign's public submissions, newest or most supported first, one voice per form letter. */
  async listPublic(
    campaignId: string,
    q: PublicListQuery,
  ): Promise<{ rows: SubmissionRow[]; total: number }> {
    const where = publicListWhere(q);
    const order =
      q.sort === 'supports'
        ? 's.support_count desc, s.published_at desc nulls last, s.id desc'
        : 's.published_at desc nulls last, s.id desc';
    const params = {
      campaignId,
      topic: q.topic ?? null,
      region: q.region ?? null,
      addresseeId: q.addresseeId ?? null,
    };
    const join = 'left join text_signatures t on t.submission_id = s.id';
    const [rows, total] = await Promise.all([
      this.q.all(
        sql<SubmissionRow>(
          `select ${columns} ${from} ${join} where ${where} order by ${order} limit @limit offset @offset`,
        ),
        { ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      ),
      this.q.value(
        sql<{ n: number }>(`select count(*) as n from submissions s ${join} where ${where}`),
        params,
      ),
    ]);
    return { rows, total: total ?? 0 };
  }

  async listByAuthor(authorId: string, q: PageQuery) {
    const [rows, total] = await Promise.all([
      this.q.all(byAuthor, authorId, q.pageSize, (q.page - 1) * q.pageSize),
      this.q.value(countByAuthor, authorId),
    ]);
    return { rows, total: total ?? 0 };
  }

  /** Submissions waiting for a reviewer, oldest first (first in, first out). */
  async listModerationQueue(q: PageQuery & { campaignId?: string | undefined }) {
    const where = moderationWhere(q.campaignId);
    const params = { campaignId: q.campaignId ?? null };
    const [rows, total] = await Promise.all([
      this.q.all(
        sql<SubmissionRow>(
          `select ${columns} ${from} where ${where} order by s.created_at, s.id limit @limit offset @offset`,
        ),
        { ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      ),
      this.q.value(
        sql<{ n: number }>(`select count(*) as n from submissions s where ${where}`),
        params,
      ),
    ]);
    return { rows, total: total ?? 0 };
  }
}

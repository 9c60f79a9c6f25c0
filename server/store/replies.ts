// Replies: every version of a unit's answer (drafts, returns, approvals), the public replies to
// many (公开答复) with their members, and the authors' ratings of the answers.
import type { ReplyState, ReturnReason } from '../../schema/states.ts';
import type { Queryable } from './engine/db.ts';
import { sql, type Param } from './engine/sql.ts';
import type { PageQuery } from './submissions.ts';
import type { Rows } from './rows.ts';

type Reply = Rows['replies'];
type Rating = Rows['ratings'];

/** A reply as the views read it, with its author's name. */
export type ReplyRow = Pick<
  Reply,
  | 'id'
  | 'submissionId'
  | 'collectiveId'
  | 'unitId'
  | 'authorId'
  | 'round'
  | 'version'
  | 'body'
  | 'office'
  | 'contactPhone'
  | 'state'
  | 'submittedAt'
  | 'reviewedAt'
  | 'returnReason'
  | 'returnNote'
  | 'perfunctoryScore'
> & { authorName: string };

/** A reply answering a submission: its own, or a collective one it is a member of. */
export type AnswerRow = ReplyRow & { answers: string; collectiveTitle: string | null };

/** A unit's reply to one submission, as the review verbs need it. */
export type UnitReply = Pick<Reply, 'id' | 'unitId' | 'state' | 'round' | 'version'> & {
  submissionId: string;
};

export type RatingRow = Pick<Rating, 'submissionId' | 'round' | 'value' | 'comment' | 'at'>;

/** A submission a collective reply may answer, as read inside the publishing transaction. */
export type CollectiveCandidate = Pick<
  Rows['submissions'],
  'id' | 'ref' | 'title' | 'authorId' | 'status'
>;

const columns = `r.id as id, r.submission_id as "submissionId", r.collective_id as "collectiveId",
  r.unit_id as "unitId", r.author_id as "authorId", u.display_name as "authorName", r.round,
  r.version as version, r.body, r.office, r.contact_phone as "contactPhone", r.state,
  r.submitted_at as "submittedAt", r.reviewed_at as "reviewedAt", r.return_reason as "returnReason",
  r.return_note as "returnNote", r.perfunctory_score as "perfunctoryScore"`;

const unitReply = sql<UnitReply>(
  `select id, submission_id as "submissionId", unit_id as "unitId", state, round, version
   from replies where id = ? and submission_id is not null`,
);
// A submission's own replies and the collective replies it is a member of, for a page at once.
const answersOf = sql<AnswerRow>(
  (d) => `select ${columns}, r.submission_id as answers, cast(null as text) as "collectiveTitle"
   from replies r join users u on u.id = r.author_id where r.submission_id in ${d.list('text')}
   union all
   select ${columns}, m.submission_id as answers, c.title as "collectiveTitle"
   from collective_reply_members m join collective_replies c on c.id = m.collective_id
     join replies r on r.collective_id = c.id join users u on u.id = r.author_id
   where m.submission_id in ${d.list('text')}
   order by "submittedAt", version, id`,
);
const ratingsOf = sql<RatingRow>(
  (d) => `select submission_id as "submissionId", round, value, comment, at from ratings
   where submission_id in ${d.list('text')} order by submission_id, round`,
);
const queue = sql<ReplyRow>(
  `select ${columns} from replies r join users u on u.id = r.author_id
   where r.state = 'submitted' and r.submission_id is not null
   order by r.submitted_at, r.id limit ? offset ?`,
);
const queueSize = sql<{ n: number }>(
  "select count(*) as n from replies where state = 'submitted' and submission_id is not null",
);
const versionsOf = sql<{ n: number }>(
  'select count(*) as n from replies where submission_id = ? and round = ?',
);
const insertReply = sql(
  `insert into replies (id, submission_id, collective_id, unit_id, author_id, round, version, body,
     office, contact_phone, state, submitted_at, due_at, reviewer_id, reviewed_at,
     perfunctory_score)
   values (@id, @submissionId, @collectiveId, @unitId, @authorId, @round, @version, @body, @office,
     @contactPhone, @state, @submittedAt, @dueAt, @reviewerId, @reviewedAt, @perfunctoryScore)`,
);
const review = sql(
  `update replies set state = ?, reviewer_id = ?, reviewed_at = ?, return_reason = ?,
     return_note = ?
   where id = ? and state = 'submitted'`,
);
const collectiveMember = sql<{ one: number }>(
  'select 1 as one from collective_reply_members where submission_id = ? limit 1',
);
const rate = sql(
  `insert into ratings (submission_id, round, value, comment, unit_id, at)
   values (@submissionId, @round, @value, @comment, @unitId, @at) on conflict do nothing`,
);
const insertCollective = sql(
  `insert into collective_replies (id, campaign_id, title, scope, author_id, org_id, published_at)
   values (@id, @campaignId, @title, @scope, @authorId, @orgId, @publishedAt)`,
);
const addMembers = sql(
  (d) => `insert into collective_reply_members (collective_id, submission_id)
   select cast(? as text), s.id from submissions s where s.id in ${d.list('text')}`,
);

function candidatesText(by: 'topic' | 'ids', units: boolean) {
  return sql<CollectiveCandidate>(
    (d) => `select s.id, s.ref, s.title, s.author_id as "authorId", s.status from submissions s
     left join handlings h on h.submission_id = s.id
     where s.campaign_id = ? and s.status in ('published', 'answered')
       and ${by === 'topic' ? 's.topic = ?' : `s.id in ${d.list('text')}`}
       ${units ? `and h.unit_id in ${d.list('text')}` : ''}
     order by s.created_at, s.id`,
  );
}
const candidates = {
  topic: candidatesText('topic', false),
  topicOfUnits: candidatesText('topic', true),
  ids: candidatesText('ids', false),
  idsOfUnits: candidatesText('ids', true),
};

export class RepliesStore {
  constructor(private readonly q: Queryable) {}

  /** A unit's reply to a submission (not a collective one). */
  find(id: string) {
    return this.q.get(unitReply, id);
  }

  /**
   * Every reply answering these submissions, their own and the collective ones they are members
   * of (`answers` says which submission a row answers), oldest first, in one statement.
   */
  answersOf(submissionIds: string[]): Promise<AnswerRow[]> {
    if (submissionIds.length === 0) return Promise.resolve([]);
    return this.q.all(answersOf, submissionIds, submissionIds);
  }

  /** The ratings of these submissions, by round. */
  ratingsOf(submissionIds: string[]): Promise<RatingRow[]> {
    if (submissionIds.length === 0) return Promise.resolve([]);
    return this.q.all(ratingsOf, submissionIds);
  }

  /** Replies waiting for review, oldest first. */
  async queue(q: PageQuery): Promise<{ rows: ReplyRow[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.q.all(queue, q.pageSize, (q.page - 1) * q.pageSize),
      this.q.value(queueSize),
    ]);
    return { rows, total: total ?? 0 };
  }

  /** How many versions of a reply the unit sent in this round so far. */
  async versions(submissionId: string, round: number): Promise<number> {
    return (await this.q.value(versionsOf, submissionId, round)) ?? 0;
  }

  insert(
    r: Pick<Reply, 'id' | 'authorId' | 'round' | 'version' | 'body' | 'state' | 'submittedAt'> &
      Partial<
        Pick<
          Reply,
          | 'submissionId'
          | 'collectiveId'
          | 'unitId'
          | 'office'
          | 'contactPhone'
          | 'dueAt'
          | 'reviewerId'
          | 'reviewedAt'
          | 'perfunctoryScore'
        >
      >,
  ) {
    return this.q.run(insertReply, {
      submissionId: null,
      collectiveId: null,
      unitId: null,
      office: null,
      contactPhone: null,
      dueAt: null,
      reviewerId: null,
      reviewedAt: null,
      perfunctoryScore: null,
      ...r,
    });
  }

  /** Approves or returns a reply still waiting for review; false when someone else did first. */
  async review(
    id: string,
    to: Exclude<ReplyState, 'submitted'>,
    reviewerId: string,
    now: number,
    reason: ReturnReason | null,
    note: string | null,
  ): Promise<boolean> {
    return (await this.q.run(review, to, reviewerId, now, reason, note, id)).changes === 1;
  }

  /** Whether a collective reply answers this submission. */
  async inCollective(submissionId: string): Promise<boolean> {
    return (await this.q.get(collectiveMember, submissionId)) !== undefined;
  }

  /** Records the author's rating of a round; false when that round was rated already. */
  async rate(r: Pick<Rating, 'submissionId' | 'round' | 'value' | 'comment' | 'unitId' | 'at'>) {
    return (await this.q.run(rate, r)).changes === 1;
  }

  /**
   * The published (or answered) submissions of a campaign a collective reply would answer: every
   * one of a topic, or the chosen ones; only those the given units hold, unless `units` is null.
   */
  collectiveCandidates(
    campaignId: string,
    scope: { topic: string } | { ids: string[] },
    units: string[] | null,
  ): Promise<CollectiveCandidate[]> {
    const args: Param[] = [campaignId];
    let key: keyof typeof candidates;
    if ('topic' in scope) {
      key = units ? 'topicOfUnits' : 'topic';
      args.push(scope.topic);
    } else {
      key = units ? 'idsOfUnits' : 'ids';
      args.push(scope.ids);
    }
    if (units) args.push(units);
    return this.q.all(candidates[key], ...args);
  }

  /** A collective reply: its record and its members (the approved reply is `insert`ed). */
  async insertCollective(c: Rows['collectiveReplies'], memberIds: string[]): Promise<void> {
    await this.q.run(insertCollective, c);
    if (memberIds.length > 0) await this.q.run(addMembers, c.id, memberIds);
  }
}

// What the demo seed (server/demo/seed-demo.ts) writes besides the real verbs: submissions with
// their history already behind them (a reply sent, reviewed and rated on earlier days), which no
// verb does in one go. Used by `npm run demo` only, on either engine.
import type { Store, Tx } from './store.ts';
import { Aggregates } from './store.ts';
import type { Queryable } from './engine/db.ts';
import { sql } from './engine/sql.ts';
import type { Rows } from './rows.ts';

type Submission = Rows['submissions'];
type Handling = Rows['handlings'];

/** A demo submission row as stored, including the figures the real verbs would have reached. */
export type DemoSubmission = Submission;

const insertSubmission = sql(
  `insert into submissions (id, ref, campaign_id, author_id, kind, title, body, title_public,
     body_public, has_personal_data, region_code, addressee_id, topic, custom, custom_public,
     show_name, status, reject_reason, support_count, created_at, published_at, updated_at)
   values (@id, @ref, @campaignId, @authorId, @kind, @title, @body, @titlePublic, @bodyPublic,
     @hasPersonalData, @regionCode, @addresseeId, @topic, @custom, @customPublic, @showName, @status,
     @rejectReason, @supportCount, @createdAt, @publishedAt, @updatedAt)`,
);
const routedByTitle = sql<
  Pick<Submission, 'id' | 'authorId' | 'publishedAt'> & Pick<Handling, 'unitId' | 'dueAt'>
>(
  `select s.id, s.author_id as "authorId", s.published_at as "publishedAt", h.unit_id as "unitId",
     h.due_at as "dueAt"
   from submissions s join handlings h on h.submission_id = s.id
   where s.title = ? order by s.created_at, s.id limit 1`,
);
const insertReply = sql(
  `insert into replies (id, submission_id, unit_id, author_id, round, version, body, office,
     contact_phone, state, submitted_at, due_at, reviewer_id, reviewed_at, return_reason,
     return_note)
   values (@id, @submissionId, @unitId, @authorId, 1, 1, @body, @office, @contactPhone, @state,
     @submittedAt, @dueAt, @reviewerId, @reviewedAt, @returnReason, @returnNote)`,
);
const setHandlingState = sql('update handlings set state = ? where submission_id = ?');
const answerHandling = sql(
  `update handlings set state = 'approved', answered_at = ? where submission_id = ?`,
);
const reopenHandling = sql(
  `update handlings set state = 'routed', round = 2, routed_at = ?, due_at = ?, answered_at = null
   where submission_id = ?`,
);
const setStatus = sql('update submissions set status = ? where id = ?');
const insertRating = sql(
  `insert into ratings (submission_id, round, value, comment, unit_id, at)
   values (?, 1, ?, ?, ?, ?)`,
);

export class DemoStore {
  constructor(private readonly q: Queryable) {}

  insertSubmission(row: DemoSubmission) {
    return this.q.run(insertSubmission, row);
  }

  /** The first routed submission with this title, with its handling's unit and due date. */
  routedByTitle(title: string) {
    return this.q.get(routedByTitle, title);
  }

  /** A first reply (round 1, version 1) as sent, and reviewed when it was. */
  insertReply(
    r: Pick<
      Rows['replies'],
      | 'id'
      | 'submissionId'
      | 'unitId'
      | 'authorId'
      | 'body'
      | 'office'
      | 'contactPhone'
      | 'state'
      | 'submittedAt'
      | 'dueAt'
      | 'reviewerId'
      | 'reviewedAt'
      | 'returnReason'
      | 'returnNote'
    >,
  ) {
    return this.q.run(insertReply, r);
  }

  setHandlingState(submissionId: string, state: Handling['state']) {
    return this.q.run(setHandlingState, state, submissionId);
  }

  answerHandling(submissionId: string, answeredAt: number) {
    return this.q.run(answerHandling, answeredAt, submissionId);
  }

  /** A second round after an unsatisfied rating. */
  reopenHandling(submissionId: string, routedAt: number, dueAt: number) {
    return this.q.run(reopenHandling, routedAt, dueAt, submissionId);
  }

  setStatus(id: string, status: Submission['status']) {
    return this.q.run(setStatus, status, id);
  }

  rate(
    submissionId: string,
    value: Rows['ratings']['value'],
    comment: string | null,
    unitId: string,
    at: number,
  ) {
    return this.q.run(insertRating, submissionId, value, comment, unitId, at);
  }
}

/** One write of demo data: the aggregates and the demo's own statements in one transaction. */
export function writeDemo<T>(store: Store, work: (tx: Tx, demo: DemoStore) => Promise<T>) {
  return store.db.write((q) => work(new Aggregates(q), new DemoStore(q)));
}

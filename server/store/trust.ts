// Trust: reports (举报), content holds, support bursts and their network origins.
import type {
  HoldState,
  ReportReason,
  ReportTarget,
  SubmissionStatus,
  SupportFlagState,
} from '../../schema/states.ts';
import type { Queryable } from './engine/db.ts';
import { sql } from './engine/sql.ts';
import { publicText } from './fragments.ts';
import type { Rows } from './rows.ts';

type Hold = Rows['contentHolds'];
type Report = Rows['reports'];
type Flag = Rows['supportFlags'];

/** An approved reply to a submission, with what a report of it needs from the submission. */
export type ReplyTargetRow = Pick<Rows['replies'], 'id' | 'authorId' | 'body'> & {
  submissionId: string;
  ref: string;
  status: SubmissionStatus;
};

/** One reported text in the queue: its open reports, counted. */
export type ReportGroupRow = Pick<Report, 'submissionId'> & {
  kind: ReportTarget;
  id: string;
  reports: number;
  firstAt: number;
  lastAt: number;
};

/** An open report's reason and note, for the queue's tally. */
export type OpenReportRow = Pick<Report, 'reason' | 'note'> & { kind: ReportTarget; id: string };

/** An open support-burst flag with the figures a moderator judges it by. */
export type SupportFlagRow = Pick<Flag, 'id' | 'submissionId' | 'network' | 'firstAt' | 'lastAt'> &
  Pick<Rows['submissions'], 'ref' | 'title' | 'supportCount'> & {
    fromNetwork: number;
    addresses: number;
    inWindow: number;
  };

const holds = sql<Pick<Hold, 'targetId' | 'state'>>(
  (d) => `select target_id as "targetId", state from content_holds
   where target_kind = ? and target_id in ${d.list('text')}`,
);
const holdOf = sql<Pick<Hold, 'state'>>(
  'select state from content_holds where target_kind = ? and target_id = ?',
);
const setHold = sql(
  `insert into content_holds (target_kind, target_id, submission_id, state, at, actor_id)
   values (?, ?, ?, ?, ?, ?)
   on conflict (target_kind, target_id) do update set state = excluded.state, at = excluded.at,
     actor_id = excluded.actor_id`,
);
const clearHold = sql('delete from content_holds where target_kind = ? and target_id = ?');

const replyTargets = sql<ReplyTargetRow>(
  (d) => `select r.id, r.submission_id as "submissionId", r.author_id as "authorId", r.body, s.ref,
     s.status
   from replies r join submissions s on s.id = r.submission_id
   where r.id in ${d.list('text')} and r.state = 'approved'`,
);

const addReport = sql(
  `insert into reports (target_kind, target_id, submission_id, reporter_id, reason, note, state,
     created_at)
   values (@kind, @id, @submissionId, @reporterId, @reason, @note, 'open', @createdAt)
   on conflict do nothing`,
);
const openReporters = sql<{ n: number }>(
  `select count(distinct reporter_id) as n from reports
   where target_kind = ? and target_id = ? and state = 'open'`,
);
const openReports = sql<{ n: number }>(
  `select count(*) as n from reports where target_kind = ? and target_id = ? and state = 'open'`,
);
const resolveReports = sql(
  `update reports set state = ?, resolved_by = ?, resolved_at = ?
   where target_kind = ? and target_id = ? and state = 'open'`,
);
const reportGroups = sql<ReportGroupRow>(
  `select target_kind as kind, target_id as id, min(submission_id) as "submissionId",
     count(*) as reports, min(created_at) as "firstAt", max(created_at) as "lastAt"
   from reports where state = 'open'
   group by target_kind, target_id
   order by count(*) desc, min(created_at), target_kind, target_id limit ?`,
);
const openReportsOf = sql<OpenReportRow>(
  (d) => `select target_kind as kind, target_id as id, reason, note from reports
   where state = 'open' and target_id in ${d.list('text')} order by id`,
);
const rejectReported = sql(
  `update submissions set status = 'rejected', reject_reason = ?, updated_at = ? where id = ?`,
);

const addSupportOrigin = sql(
  `insert into support_origins (submission_id, user_id, ip, network, created_at, discounted)
   values (@submissionId, @userId, @ip, @network, @createdAt, 0) on conflict do nothing`,
);
const recentSupportsFrom = sql<{ n: number; firstAt: number | null }>(
  `select count(*) as n, min(created_at) as "firstAt" from support_origins
   where submission_id = ? and network = ? and created_at > ? and discounted = 0`,
);
const flagSupportBurst = sql(
  `insert into support_flags (submission_id, network, state, first_at, last_at)
   values (?, ?, 'open', ?, ?)
   on conflict (submission_id, network) do update set last_at = excluded.last_at, state = 'open',
     resolved_by = null, resolved_at = null`,
);
const fromNetwork = `o.submission_id = f.submission_id and o.network = f.network and o.discounted = 0`;
const openSupportFlags = sql<SupportFlagRow>(
  `select f.id, f.submission_id as "submissionId", f.network, f.first_at as "firstAt",
     f.last_at as "lastAt", s.ref, ${publicText('s', 'title')} as title,
     s.support_count as "supportCount",
     (select count(*) from support_origins o where ${fromNetwork}) as "fromNetwork",
     (select count(distinct o.ip) from support_origins o where ${fromNetwork}) as addresses,
     (select count(*) from support_origins o where ${fromNetwork}
        and o.created_at between f.first_at and f.last_at) as "inWindow"
   from support_flags f join submissions s on s.id = f.submission_id
   where f.state = 'open' order by f.last_at desc, f.id desc limit ?`,
);
const supportFlag = sql<Pick<Flag, 'submissionId' | 'network' | 'state'>>(
  'select submission_id as "submissionId", network, state from support_flags where id = ?',
);
const discountOrigins = sql(
  `update support_origins set discounted = 1
   where submission_id = ? and network = ? and discounted = 0`,
);
const lowerSupportCount = sql(
  (d) => `update submissions set support_count = ${d.greatest('0', 'support_count - ?')}
   where id = ?`,
);
const supportCountOf = sql<Pick<Rows['submissions'], 'supportCount'>>(
  'select support_count as "supportCount" from submissions where id = ?',
);
const decideSupportFlag = sql(
  'update support_flags set state = ?, resolved_by = ?, resolved_at = ? where id = ?',
);

export class TrustStore {
  constructor(private readonly q: Queryable) {}

  /** The holds on these texts (absent when a text is shown), in one statement. */
  async holds(kind: ReportTarget, ids: string[]): Promise<Map<string, HoldState>> {
    if (ids.length === 0) return new Map();
    const rows = await this.q.all(holds, kind, ids);
    return new Map(rows.map((r) => [r.targetId, r.state]));
  }

  /** The hold on one text, or null while it is shown. */
  async holdOf(kind: ReportTarget, id: string): Promise<HoldState | null> {
    return (await this.q.value(holdOf, kind, id)) ?? null;
  }

  /** Withholds a text (or changes why); call inside the transaction recording the decision. */
  setHold(
    target: { kind: ReportTarget; id: string; submissionId: string },
    state: HoldState,
    actorId: string | null,
    now: number,
  ) {
    return this.q.run(setHold, target.kind, target.id, target.submissionId, state, now, actorId);
  }

  /** Shows a text again. */
  clearHold(kind: ReportTarget, id: string) {
    return this.q.run(clearHold, kind, id);
  }

  /** Approved replies to submissions, by id (with the submission's reference and status). */
  replyTargets(ids: string[]): Promise<ReplyTargetRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.q.all(replyTargets, ids);
  }

  /** Records a report; false when this account had already reported the text. */
  async addReport(r: {
    kind: ReportTarget;
    id: string;
    submissionId: string;
    reporterId: string;
    reason: ReportReason;
    note: string | null;
    createdAt: number;
  }): Promise<boolean> {
    return (await this.q.run(addReport, r)).changes === 1;
  }

  /** Distinct accounts with an open report of the text. */
  async openReporters(kind: ReportTarget, id: string): Promise<number> {
    return (await this.q.value(openReporters, kind, id)) ?? 0;
  }

  /** Open reports of the text. */
  async openReports(kind: ReportTarget, id: string): Promise<number> {
    return (await this.q.value(openReports, kind, id)) ?? 0;
  }

  /** Closes the text's open reports as dismissed (unfounded) or upheld. */
  resolveReports(
    kind: ReportTarget,
    id: string,
    state: 'dismissed' | 'upheld',
    actorId: string,
    now: number,
  ) {
    return this.q.run(resolveReports, state, actorId, now, kind, id);
  }

  /** Texts with open reports, most reported first, then the longest waiting. */
  reportGroups(limit: number) {
    return this.q.all(reportGroups, limit);
  }

  /** The open reports of these texts (ids of either kind), oldest first. */
  openReportsOf(ids: string[]): Promise<OpenReportRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.q.all(openReportsOf, ids);
  }

  /** A reported submission taken down by a reviewer, with the reason its author reads. */
  rejectReported(id: string, reason: string, now: number) {
    return this.q.run(rejectReported, reason, now, id);
  }

  /** Where a support came from (its address and network), for burst detection. */
  addSupportOrigin(
    o: Pick<Rows['supportOrigins'], 'submissionId' | 'userId' | 'ip' | 'network' | 'createdAt'>,
  ) {
    return this.q.run(addSupportOrigin, o);
  }

  /** Supports for one submission from one network since a moment, and the first of them. */
  async recentSupportsFrom(submissionId: string, network: string, since: number) {
    return (await this.q.get(recentSupportsFrom, submissionId, network, since))!;
  }

  /** Raises (or raises again) a burst flag for reviewers. */
  flagSupportBurst(submissionId: string, network: string, firstAt: number, now: number) {
    return this.q.run(flagSupportBurst, submissionId, network, firstAt, now);
  }

  /** Open burst flags, the latest burst first. */
  openSupportFlags(limit: number) {
    return this.q.all(openSupportFlags, limit);
  }

  supportFlag(id: number) {
    return this.q.get(supportFlag, id);
  }

  /**
   * The network's supports for the submission stop counting: marks them and lowers the public
   * figure by as many. Returns how many were discounted.
   */
  async discountSupports(submissionId: string, network: string): Promise<number> {
    const discounted = (await this.q.run(discountOrigins, submissionId, network)).changes;
    if (discounted > 0) await this.q.run(lowerSupportCount, discounted, submissionId);
    return discounted;
  }

  async supportCountOf(submissionId: string): Promise<number> {
    return (await this.q.value(supportCountOf, submissionId)) ?? 0;
  }

  decideSupportFlag(id: number, state: SupportFlagState, actorId: string, now: number) {
    return this.q.run(decideSupportFlag, state, actorId, now, id);
  }
}

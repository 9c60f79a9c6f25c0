// Handling: the matter each published message became (unit, state, due date), the chain of
// units it passed through, the queues of units and reviewers and escalation (督办). The replies
// and ratings are their own aggregate (replies.ts).
import type { ExtensionState, HandlingState } from '../../schema/states.ts';
import type { Queryable } from './engine/db.ts';
import { sql, type Dialect, type Param } from './engine/sql.ts';
import type { Rows } from './rows.ts';
import type { PageQuery } from './submissions.ts';

type Handling = Rows['handlings'];
type Assignment = Rows['handlingAssignments'];

/** A handling as the domain reads it (all but its bookkeeping timestamp). */
export type HandlingRow = Omit<Handling, 'updatedAt'>;

/** What a guarded change of a handling may set. */
export type HandlingChange = Partial<
  Pick<
    Handling,
    | 'state'
    | 'unitId'
    | 'urgency'
    | 'round'
    | 'routedAt'
    | 'dueAt'
    | 'transferCount'
    | 'flagReason'
    | 'extension'
    | 'extensionReason'
    | 'extensionDays'
    | 'escalatedAt'
    | 'answeredAt'
  >
>;

/** The state (and extension) a change expects to find; it changes nothing otherwise. */
export type HandlingGuard = { states?: readonly HandlingState[]; extension?: ExtensionState };

export type InboxView = 'open' | 'replied' | 'answered' | 'escalated' | 'all';
export type InboxQuery = PageQuery & {
  units: string[];
  view: InboxView;
  topic?: string | undefined;
  urgency?: 'urgent' | 'normal' | undefined;
  overdue?: boolean | undefined;
};

export type Escalated = Pick<Handling, 'submissionId' | 'unitId' | 'dueAt'>;

export type RoutingProposalRow = Pick<
  Rows['routingProposals'],
  'submissionId' | 'topic' | 'confidence' | 'evidence' | 'decision'
>;

const columns = `h.submission_id as "submissionId", h.campaign_id as "campaignId", h.state,
  h.unit_id as "unitId", h.urgency, h.round, h.routed_at as "routedAt", h.due_at as "dueAt",
  h.transfer_count as "transferCount", h.flag_reason as "flagReason", h.extension,
  h.extension_reason as "extensionReason", h.extension_days as "extensionDays",
  h.escalated_at as "escalatedAt", h.answered_at as "answeredAt"`;

/** Column of each field a change may set (fixed names, never input). */
const changeColumns: Record<keyof HandlingChange, string> = {
  state: 'state',
  unitId: 'unit_id',
  urgency: 'urgency',
  round: 'round',
  routedAt: 'routed_at',
  dueAt: 'due_at',
  transferCount: 'transfer_count',
  flagReason: 'flag_reason',
  extension: 'extension',
  extensionReason: 'extension_reason',
  extensionDays: 'extension_days',
  escalatedAt: 'escalated_at',
  answeredAt: 'answered_at',
};

const unitOf = sql<Pick<Handling, 'unitId'>>(
  'select unit_id as "unitId" from handlings where submission_id = ?',
);
const unitsOf = sql<Pick<Handling, 'submissionId' | 'unitId'>>(
  (d) => `select submission_id as "submissionId", unit_id as "unitId" from handlings
   where submission_id in ${d.list('text')}`,
);
const byId = sql<HandlingRow>(`select ${columns} from handlings h where h.submission_id = ?`);
const byIds = sql<HandlingRow>(
  (d) => `select ${columns} from handlings h where h.submission_id in ${d.list('text')}`,
);
const insertHandling = sql(
  `insert into handlings (submission_id, campaign_id, state, unit_id, urgency, round, routed_at,
     due_at, updated_at)
   values (@submissionId, @campaignId, @state, @unitId, @urgency, 1, @routedAt, @dueAt, @updatedAt)`,
);
const insertAssignment = sql(
  `insert into handling_assignments (submission_id, unit_id, from_unit_id, how, reason, actor_id,
     at, round)
   values (@submissionId, @unitId, @fromUnitId, @how, @reason, @actorId, @at, @round)`,
);
const hadUnit = sql<{ one: number }>(
  'select 1 as one from handling_assignments where submission_id = ? and unit_id = ? limit 1',
);
const setTopic = sql('update submissions set topic = ?, updated_at = ? where id = ?');
const addExample = sql(
  `insert into labeled_examples (campaign_id, text, topic, source, submission_id, created_at)
   values (?, ?, ?, 'correction', ?, ?)`,
);
const answer = sql(
  (d) => `update submissions set status = 'answered', updated_at = ?
   where id in ${d.list('text')} and status = 'published'`,
);
const close = sql(
  "update submissions set status = 'closed', updated_at = ? where id = ? and status = 'answered'",
);
const settle = sql(
  (d) => `update handlings set state = 'approved', answered_at = ?, updated_at = ?
   where submission_id in ${d.list('text')} and state in ('unrouted', 'routed', 'returned')`,
);
const proposalsOf = sql<RoutingProposalRow>(
  (d) => `select submission_id as "submissionId", topic, confidence, evidence, decision
   from routing_proposals where submission_id in ${d.list('text')}`,
);

// 督办: the guard `escalated_at is null` inside the update makes a run that races another (two
// app nodes, or a retried transaction) escalate each matter once.
const escalate = sql<Escalated>(
  `update handlings set escalated_at = @now, updated_at = @now
   where submission_id in (
       select submission_id from handlings
       where state in ('routed', 'returned') and due_at < @now and escalated_at is null
       order by due_at, submission_id limit @limit)
     and escalated_at is null
   returning submission_id as "submissionId", unit_id as "unitId", due_at as "dueAt"`,
);
const overdueByUnit = sql<{ unitId: string; overdue: number; oldestDue: number }>(
  `select h.unit_id as "unitId", count(*) as overdue, min(h.due_at) as "oldestDue"
   from handlings h where h.state in ('routed', 'returned') and h.due_at < ?
   group by h.unit_id order by count(*) desc, h.unit_id`,
);
const triageCounts = sql<{ triage: number; flagged: number }>(
  `select count(*) as triage, count(flag_reason) as flagged from handlings
   where state = 'unrouted'`,
);

const inboxStates: Record<Exclude<InboxView, 'escalated'>, string> = {
  open: "('routed', 'returned')",
  replied: "('replied')",
  answered: "('approved', 'rated')",
  all: "('routed', 'returned', 'replied', 'approved', 'rated')",
};

export class HandlingStore {
  constructor(private readonly q: Queryable) {}

  /** The unit holding a submission now (null in triage, undefined when it has no handling). */
  unitOf(submissionId: string) {
    return this.q.value(unitOf, submissionId);
  }

  /** The units holding these submissions, by submission. */
  async unitsOf(submissionIds: string[]): Promise<Map<string, string | null>> {
    if (submissionIds.length === 0) return new Map();
    const rows = await this.q.all(unitsOf, submissionIds);
    return new Map(rows.map((r) => [r.submissionId, r.unitId]));
  }

  find(submissionId: string) {
    return this.q.get(byId, submissionId);
  }

  /** The handlings of these submissions (absent for those without one), by submission. */
  async findMany(submissionIds: string[]): Promise<Map<string, HandlingRow>> {
    if (submissionIds.length === 0) return new Map();
    const rows = await this.q.all(byIds, submissionIds);
    return new Map(rows.map((r) => [r.submissionId, r]));
  }

  /** The first handling of a newly published message (routed, or unrouted in triage). */
  start(
    h: Pick<
      Handling,
      | 'submissionId'
      | 'campaignId'
      | 'state'
      | 'unitId'
      | 'urgency'
      | 'routedAt'
      | 'dueAt'
      | 'updatedAt'
    >,
  ) {
    return this.q.run(insertHandling, h);
  }

  /**
   * Changes a handling only if it is still in a state the caller expects (`guard`): of two
   * people acting at once, one changes it and the other gets false.
   */
  async change(
    submissionId: string,
    guard: HandlingGuard,
    set: HandlingChange,
    now: number,
  ): Promise<boolean> {
    const keys = (Object.keys(changeColumns) as (keyof HandlingChange)[]).filter(
      (k) => set[k] !== undefined,
    );
    const args: Param[] = [...keys.map((k) => set[k] ?? null), now, submissionId];
    if (guard.states) args.push([...guard.states]);
    if (guard.extension) args.push(guard.extension);
    const statement = sql(
      (d) =>
        `update handlings set ${[...keys.map((k) => `${changeColumns[k]} = ?`), 'updated_at = ?'].join(', ')}
         where submission_id = ?${guard.states ? ` and state in ${d.list('text')}` : ''}${
           guard.extension ? ' and extension = ?' : ''
         }`,
    );
    return (await this.q.run(statement, ...args)).changes === 1;
  }

  /** Appends a link to the chain of units a submission passed through. */
  recordAssignment(a: Omit<Assignment, 'id'>) {
    return this.q.run(insertAssignment, a);
  }

  /** Whether this unit held the submission before (a hand-back). */
  async hadUnit(submissionId: string, unitId: string): Promise<boolean> {
    return (await this.q.get(hadUnit, submissionId, unitId)) !== undefined;
  }

  /**
   * A reviewer's correction of the topic: the submission takes it, and the text becomes a
   * training example for the campaign's routing classifier.
   */
  async correctTopic(
    c: { submissionId: string; campaignId: string; text: string; topic: string },
    now: number,
  ): Promise<void> {
    await this.q.run(setTopic, c.topic, now, c.submissionId);
    await this.q.run(addExample, c.campaignId, c.text, c.topic, c.submissionId, now);
  }

  /** Published submissions among these become answered; returns how many did. */
  async markAnswered(submissionIds: string[], now: number): Promise<number> {
    if (submissionIds.length === 0) return 0;
    return (await this.q.run(answer, now, submissionIds)).changes;
  }

  /** An answered submission is closed once its author has rated the last answer. */
  async close(submissionId: string, now: number): Promise<boolean> {
    return (await this.q.run(close, now, submissionId)).changes === 1;
  }

  /** Open handlings of these submissions are settled by a collective reply. */
  async settleAnswered(submissionIds: string[], now: number): Promise<void> {
    if (submissionIds.length > 0) await this.q.run(settle, now, now, submissionIds);
  }

  /** What the routing classifier proposed for these submissions. */
  async proposalsOf(submissionIds: string[]): Promise<Map<string, RoutingProposalRow>> {
    if (submissionIds.length === 0) return new Map();
    const rows = await this.q.all(proposalsOf, submissionIds);
    return new Map(rows.map((r) => [r.submissionId, r]));
  }

  /**
   * A unit's inbox, soonest due first (undated last). `escalated` lists overdue matters of the
   * units directly below `units` (督办). Two statements.
   */
  inbox(f: InboxQuery, now: number) {
    const args: Param[] = [f.units];
    const filters: string[] = [];
    if (f.topic) {
      filters.push('s.topic = ?');
      args.push(f.topic);
    }
    if (f.urgency) {
      filters.push('h.urgency = ?');
      args.push(f.urgency);
    }
    if (f.overdue) {
      filters.push("h.due_at < ? and h.state in ('routed', 'returned')");
      args.push(now);
    }
    const where = (d: Dialect) => {
      const scope =
        f.view === 'escalated'
          ? `h.escalated_at is not null and h.state in ('routed', 'returned')
             and h.unit_id in (select id from organisations where parent_id in ${d.list('text')})`
          : `h.unit_id in ${d.list('text')} and h.state in ${inboxStates[f.view]}`;
      return [scope, ...filters].join(' and ');
    };
    return this.page(where, args, 'h.due_at asc nulls last, s.created_at, s.id', f);
  }

  /**
   * The matters written to these addressees (a leader's office), soonest due first, in a view:
   * open (with a unit, not yet answered), answered, or all. Two statements.
   */
  addressed(addresseeIds: string[], view: 'open' | 'answered' | 'all', q: PageQuery) {
    const states =
      view === 'open'
        ? "('unrouted', 'routed', 'returned', 'replied')"
        : view === 'answered'
          ? "('approved', 'rated')"
          : "('unrouted', 'routed', 'returned', 'replied', 'approved', 'rated')";
    return this.page(
      (d) => `s.addressee_id in ${d.list('text')} and h.state in ${states}`,
      [addresseeIds],
      'h.due_at asc nulls last, s.created_at, s.id',
      q,
    );
  }

  /** Submissions no rule could route, and bounced ones, oldest first. */
  triage(q: PageQuery) {
    return this.page(() => "h.state = 'unrouted'", [], 's.created_at, s.id', q);
  }

  /** Extension requests waiting for a reviewer, soonest due first. */
  extensionRequests(q: PageQuery) {
    return this.page(
      () => "h.extension = 'requested'",
      [],
      'h.due_at asc nulls first, s.created_at, s.id',
      q,
    );
  }

  /** One page of handlings (with the submission's columns to filter and order on) and a count. */
  private async page(
    where: (d: Dialect) => string,
    args: Param[],
    order: string,
    q: PageQuery,
  ): Promise<{ rows: HandlingRow[]; total: number }> {
    const from = 'from handlings h join submissions s on s.id = h.submission_id';
    const [rows, total] = await Promise.all([
      this.q.all(
        sql<HandlingRow>(
          (d) => `select ${columns} ${from} where ${where(d)} order by ${order} limit ? offset ?`,
        ),
        ...args,
        q.pageSize,
        (q.page - 1) * q.pageSize,
      ),
      this.q.value(
        sql<{ n: number }>((d) => `select count(*) as n ${from} where ${where(d)}`),
        ...args,
      ),
    ]);
    return { rows, total: total ?? 0 };
  }

  /**
   * Escalates, once, the open matters past their due date (at most `limit`), and returns them.
   * Guarded: a matter another run escalated meanwhile is not returned again.
   */
  async escalateOverdue(now: number, limit: number): Promise<Escalated[]> {
    const rows = await this.q.all(escalate, { now, limit });
    return rows.sort(
      (a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0) || a.submissionId.localeCompare(b.submissionId),
    );
  }

  /** 督办 list: per unit, the matters past due without an answer, most first. */
  overdueByUnit(now: number) {
    return this.q.all(overdueByUnit, now);
  }

  /** Matters waiting in triage, and how many of them were flagged as bounced. */
  async triageCounts() {
    return (await this.q.get(triageCounts))!;
  }
}

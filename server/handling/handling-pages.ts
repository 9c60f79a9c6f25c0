// The handling queues and lists the routes answer with. Each page costs a fixed number of
// statements whatever its size: the page of handlings (or replies) and its count, the page's
// submissions in one statement, and the batch-shaped views of those.
import { hasRole, type Actor } from '../auth/actor.ts';
import { canActForOrg, requireActor, requireRole } from '../auth/permissions.ts';
import { chinaDate } from '../clock.ts';
import { ApiError } from '../http/api-error.ts';
import { scoreReply } from '../sensemaking/reply-quality/index.ts';
import type { Services } from '../services.ts';
import type { HandlingRow, InboxQuery } from '../store/handling.ts';
import type { PageQuery } from '../store/submissions.ts';
import type { SubmissionRow } from '../submissions/submission-row.ts';
import { getSubmission } from '../submissions/submission-queries.ts';
import { submissionFor } from '../submissions/submission-pages.ts';
import { viewSubmissions } from '../submissions/submission-view.ts';
import { handlesOrSupervises, unitsOf } from './handling-permissions.ts';
import { handlingSummary, viewHandling, viewHandlings } from './handling-view.ts';
import { unitMonth } from './unit-figures.ts';

/** The submissions of a page's rows, in the rows' order (rows whose submission is gone drop out). */
async function submissionsOf<T>(
  s: Services,
  rows: readonly T[],
  idOf: (row: T) => string,
): Promise<{ row: T; submission: SubmissionRow }[]> {
  const found = await s.store.submissions.findMany([...new Set(rows.map(idOf))]);
  const byId = new Map(found.map((r) => [r.id, r]));
  return rows.flatMap((row) => {
    const submission = byId.get(idOf(row));
    return submission ? [{ row, submission }] : [];
  });
}

/** One page of an inbox-shaped list, as every handling queue answers it. */
export async function inboxPageOf(
  s: Services,
  actor: Actor,
  q: PageQuery,
  { rows, total }: { rows: HandlingRow[]; total: number },
) {
  const pairs = await submissionsOf(s, rows, (h) => h.submissionId);
  const views = await viewSubmissions(
    s,
    actor,
    pairs.map((p) => p.submission),
  );
  return {
    items: pairs.map((p, i) => ({
      submission: views[i]!,
      handling: handlingSummary(s, p.row, true),
    })),
    page: q.page,
    pageSize: q.pageSize,
    total,
  };
}

/**
 * The handler's inbox: the matters of their unit(s), soonest due first, or the overdue matters
 * of the units below (`escalated`). Admins and reviewers may look at any unit by its code.
 */
export async function inboxPage(
  s: Services,
  actor: Actor | null,
  q: Omit<InboxQuery, 'units'> & { unit?: string | undefined },
) {
  const user = requireActor(actor);
  let units = unitsOf(user);
  if (q.unit && hasRole(user, 'admin', 'reviewer')) {
    const unit = s.orgs.getByCode(q.unit);
    if (!unit) throw new ApiError('not_found', 'No such unit');
    units = [unit.id];
  }
  if (units.length === 0)
    throw new ApiError('forbidden', 'Only members of a handling unit have an inbox');
  const page = await s.store.handling.inbox({ ...q, units }, s.clock.now());
  return inboxPageOf(s, user, q, page);
}

/** Submissions waiting for a reviewer to assign a unit (no rule matched, or bounced). */
export async function triagePage(s: Services, actor: Actor | null, q: PageQuery) {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  return inboxPageOf(s, reviewer, q, await s.store.handling.triage(q));
}

/** Extension requests waiting for a reviewer. */
export async function extensionPage(s: Services, actor: Actor | null, q: PageQuery) {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  return inboxPageOf(s, reviewer, q, await s.store.handling.extensionRequests(q));
}

/**
 * Replies waiting for review, oldest first, each with its submission, the matter's handling and
 * the perfunctory-reply score stored when the reply was sent. The reasons are not stored: they
 * are derived again from the texts (pure computation, no statement).
 */
export async function replyQueuePage(s: Services, actor: Actor | null, q: PageQuery) {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  const { rows, total } = await s.store.replies.queue(q);
  const pairs = await submissionsOf(s, rows, (r) => r.submissionId!);
  const subs = pairs.map((p) => p.submission);
  const [submissions, handlings] = await Promise.all([
    viewSubmissions(s, reviewer, subs),
    viewHandlings(s, reviewer, subs),
  ]);
  const items = pairs.map(({ row: r, submission: sub }, i) => {
    const unit = r.unitId ? s.orgs.get(r.unitId) : undefined;
    const scored = scoreReply({ question: `${sub.title}\n${sub.body}`, reply: r.body });
    return {
      reply: {
        id: r.id,
        body: r.body,
        office: r.office,
        contactPhone: r.contactPhone,
        round: r.round,
        version: r.version,
        submittedAt: r.submittedAt,
        author: r.authorName,
        unit: unit ? { code: unit.code, name: unit.name } : null,
        quality: {
          score: r.perfunctoryScore !== null ? r.perfunctoryScore / 1000 : scored.score,
          reasons: scored.reasons,
        },
      },
      submission: submissions[i]!,
      handling: handlings[i]!,
    };
  });
  return { items, page: q.page, pageSize: q.pageSize, total };
}

/** Where a submission stands, for a reader who may see it (a 404 otherwise). */
export async function handlingFor(s: Services, actor: Actor | null, id: string) {
  const { row } = await submissionFor(s, actor, id);
  return viewHandling(s, actor, row);
}

/** Where a submission stands after the reader changed it. */
export async function handlingAfter(s: Services, actor: Actor | null, id: string) {
  return viewHandling(s, actor, await getSubmission(s, id));
}

/** 督办: overdue matters by unit, flagged bounces and the triage backlog (two statements). */
export async function supervisionList(s: Services, actor: Actor | null) {
  requireRole(actor, 'reviewer', 'admin', 'owner');
  const [overdue, { flagged, triage }] = await Promise.all([
    s.store.handling.overdueByUnit(s.clock.now()),
    s.store.handling.triageCounts(),
  ]);
  return {
    units: overdue.map((o) => {
      const unit = s.orgs.get(o.unitId);
      return {
        unit: { code: unit?.code ?? o.unitId, name: unit?.name ?? o.unitId },
        overdue: o.overdue,
        oldestDue: o.oldestDue,
      };
    }),
    flagged,
    triage,
  };
}

/**
 * 月清月结 of a unit (by code; the reader's own unit by default) for a month (this one by
 * default). Owners see the units of their own organisation's tree, handlers their own unit and
 * the units they supervise, reviewers and admins every unit.
 */
export async function unitMonthFor(
  s: Services,
  actor: Actor | null,
  q: { unit?: string | undefined; month?: string | undefined },
) {
  const user = requireActor(actor);
  const unit = q.unit ? s.orgs.getByCode(q.unit) : s.orgs.get(unitsOf(user)[0] ?? '');
  if (!unit) throw new ApiError('not_found', 'No such unit');
  if (
    !hasRole(user, 'reviewer', 'admin') &&
    !canActForOrg(s, user, unit.id) &&
    !handlesOrSupervises(s, user, unit.id)
  ) {
    throw new ApiError('forbidden', "You may see your own unit's figures only");
  }
  const month = q.month ?? chinaDate(s.clock.now()).slice(0, 7);
  return unitMonth(s, unit.id, month);
}

import { servesAddressee } from '../auth/office-permissions.ts';
import { hasRole, type Actor } from '../auth/actor.ts';
import { sealedAmong } from '../auth/permissions.ts';
import type { Services } from '../services.ts';
import type { HandlingRow, RoutingProposalRow } from '../store/handling.ts';
import type { AnswerRow, RatingRow } from '../store/replies.ts';
import type { SubmissionRow } from '../submissions/submission-row.ts';
import type { HoldState } from '../../schema/states.ts';
import { maskPersonalData } from '../text/mask-personal-data.ts';
import { handlesOrSupervises, unitsOf } from './handling-permissions.ts';

const unitRef = (s: Services, id: string | null) => {
  const o = id ? s.orgs.get(id) : undefined;
  return o ? { code: o.code, name: o.name } : null;
};

/** What the routing classifier proposed, with its confidence and the words that drove it. */
function routingProposal(p: RoutingProposalRow | undefined) {
  if (!p) return null;
  return {
    topic: p.topic,
    confidence: p.confidence,
    evidence: (p.evidence ? JSON.parse(p.evidence) : []) as { word: string; weight: number }[],
    decision: p.decision as 'auto' | 'triage' | null,
  };
}

/** Where a matter stands; flags and extension reasons only for staff who handle or supervise it. */
export function handlingSummary(s: Services, h: HandlingRow, staffView: boolean) {
  const open = h.state === 'routed' || h.state === 'returned';
  return {
    state: h.state,
    unit: unitRef(s, h.unitId),
    urgency: h.urgency,
    round: h.round,
    routedAt: h.routedAt,
    dueAt: h.dueAt,
    overdue: open && h.dueAt !== null && h.dueAt < s.clock.now(),
    escalated: h.escalatedAt !== null,
    transferCount: h.transferCount,
    flagReason: staffView ? h.flagReason : null,
    extension: {
      state: h.extension,
      days: h.extensionDays,
      reason: staffView ? h.extensionReason : null,
    },
  };
}

/** What one submission's view needs, loaded for a whole page at once. */
type Loaded = {
  h: HandlingRow | undefined;
  replies: AnswerRow[];
  ratings: RatingRow[];
  staffView: boolean;
  /** The reader may see this submission's own reply unmasked (its author, or staff). */
  sealed: boolean;
  /** The reader may see collective replies unmasked (staff only: they answer many citizens). */
  staffSealed: boolean;
  holds: Map<string, HoldState>;
  proposal: RoutingProposalRow | undefined;
};

const groupBy = <T>(rows: readonly T[], key: (row: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
};

/**
 * The echo a citizen waits for, shaped for one reader: everyone sees which unit holds the matter,
 * by when it is due and the approved answers; the unit and reviewers also see drafts, returns,
 * flags and extension requests, and which actions they may take now. Batch-shaped: a page of
 * submissions costs a fixed number of statements (handlings, replies, ratings, the reader's
 * sealed access, the replies' holds and the classifier's proposals), whatever its size.
 */
export async function viewHandlings(
  s: Services,
  viewer: Actor | null,
  rows: readonly SubmissionRow[],
) {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => r.id))];
  const reviewer = hasRole(viewer, 'reviewer', 'admin');
  // Collective replies are unmasked for staff only, so for the reader's own submissions their
  // access is asked again as if someone else had written them.
  const own = viewer ? rows.filter((r) => r.authorId === viewer.id) : [];
  const [handlings, answers, ratings, sealed, staffSealedOwn] = await Promise.all([
    s.store.handling.findMany(ids),
    s.store.replies.answersOf(ids),
    s.store.replies.ratingsOf(ids),
    sealedAmong(s, viewer, rows),
    sealedAmong(
      s,
      viewer,
      own.map((r) => ({ id: r.id, campaignId: r.campaignId, authorId: '' })),
    ),
  ]);
  const staffView = (id: string) => {
    const h = handlings.get(id);
    return reviewer || (!!h && handlesOrSupervises(s, viewer, h.unitId));
  };
  const [holds, proposals] = await Promise.all([
    s.store.trust.holds(
      'reply',
      answers.filter((r) => r.state === 'approved').map((r) => r.id),
    ),
    s.store.handling.proposalsOf(ids.filter(staffView)),
  ]);
  const repliesOf = groupBy(answers, (r) => r.answers);
  const ratingsOf = groupBy(ratings, (r) => r.submissionId);
  return rows.map((row) =>
    shape(s, viewer, row, {
      h: handlings.get(row.id),
      replies: repliesOf.get(row.id) ?? [],
      ratings: ratingsOf.get(row.id) ?? [],
      staffView: staffView(row.id),
      sealed: sealed.has(row.id),
      staffSealed: viewer?.id === row.authorId ? staffSealedOwn.has(row.id) : sealed.has(row.id),
      holds,
      proposal: proposals.get(row.id),
    }),
  );
}

/** One submission's handling for one reader (see `viewHandlings`). */
export async function viewHandling(s: Services, viewer: Actor | null, row: SubmissionRow) {
  return (await viewHandlings(s, viewer, [row]))[0]!;
}

function shape(s: Services, viewer: Actor | null, row: SubmissionRow, d: Loaded) {
  const { h, replies, ratings, staffView } = d;
  const reviewer = hasRole(viewer, 'reviewer', 'admin');
  const unitMember =
    !!h && (hasRole(viewer, 'admin') || (!!h.unitId && unitsOf(viewer).includes(h.unitId)));
  const isAuthor = viewer?.id === row.authorId;
  const collectiveAnswered = replies.some((r) => r.collectiveId !== null);
  const ratedRounds = new Set(ratings.map((r) => r.round));
  const open = h && (h.state === 'routed' || h.state === 'returned');
  return {
    handling: h ? handlingSummary(s, h, staffView) : null,
    // Public answers go through the masking pass like the citizen's own text. A unit's reply to
    // this submission is unmasked for its author and the staff who may see the submission
    // sealed; a collective reply answers many citizens at once, so only for those staff.
    answers: replies
      .filter((r) => r.state === 'approved')
      .map((r) => {
        const hold = d.holds.get(r.id) ?? null;
        const unmasked = r.collectiveId === null ? d.sealed : d.staffSealed;
        const body = unmasked ? { text: r.body, masked: false } : maskPersonalData(r.body);
        const title =
          r.collectiveTitle === null || unmasked
            ? { text: r.collectiveTitle, masked: false }
            : maskPersonalData(r.collectiveTitle);
        // A reply withheld after reports is shown to staff only (server/trust).
        const withheld = !!hold && !staffView;
        return {
          id: r.id,
          body: withheld ? '' : body.text,
          hold,
          masked: !withheld && (body.masked || title.masked),
          office: r.office,
          contactPhone: r.contactPhone,
          unit: unitRef(s, r.unitId),
          approvedAt: r.reviewedAt ?? r.submittedAt,
          round: r.round,
          collectiveTitle: title.text,
        };
      }),
    drafts: staffView
      ? replies
          .filter((r) => r.collectiveId === null)
          .map((r) => ({
            id: r.id,
            body: r.body,
            office: r.office,
            contactPhone: r.contactPhone,
            state: r.state,
            round: r.round,
            version: r.version,
            submittedAt: r.submittedAt,
            reviewedAt: r.reviewedAt,
            returnReason: r.returnReason,
            returnNote: r.returnNote,
            author: r.authorName,
          }))
      : [],
    ratings: ratings.map((r) => ({
      round: r.round,
      value: r.value,
      comment: r.comment && !isAuthor && !staffView ? maskPersonalData(r.comment).text : r.comment,
      at: r.at,
    })),
    proposal: staffView ? routingProposal(d.proposal) : null,
    actions: {
      rate:
        isAuthor &&
        (h
          ? h.state === 'approved' && !ratedRounds.has(h.round)
          : collectiveAnswered && !ratedRounds.has(1) && row.status === 'answered'),
      reply: unitMember && !!open,
      transfer: unitMember && !!open,
      requestExtension: unitMember && !!open && h?.extension === 'none',
      assign: reviewer && !!h && ['unrouted', 'routed', 'returned'].includes(h.state),
      changeUrgency: reviewer && !!h && !['approved', 'rated'].includes(h.state),
      decideExtension: reviewer && h?.extension === 'requested',
      reviewReply: reviewer && h?.state === 'replied',
      instruct:
        servesAddressee(viewer, row.addresseeId) && !!h && !['approved', 'rated'].includes(h.state),
    },
  };
}

export type HandlingView = ReturnType<typeof shape>;

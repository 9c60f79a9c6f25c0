import { hasRole, type Actor } from '../auth/actor.ts';
import { canSeeSealedLegacy, canSeeSealedAsStaffLegacy } from '../auth/permissions.ts';
import { holdOfLegacy } from '../trust/content-holds.ts';
import type { Services } from '../services.ts';
import type { SubmissionRow } from '../submissions/submission-row.ts';
import { maskPersonalData } from '../text/mask-personal-data.ts';
import { handlesOrSupervises, unitsOf } from './handling-permissions.ts';
import { handlingOf, ratingsOf, repliesOf } from './handling-queries.ts';
import type { HandlingRow } from './handling-row.ts';

const unitRef = (s: Services, id: string | null) => {
  const o = id ? s.orgs.get(id) : undefined;
  return o ? { code: o.code, name: o.name } : null;
};

/** What the routing classifier proposed, with its confidence and the words that drove it. */
function routingProposal(s: Services, submissionId: string) {
  const p = s.sqlite
    .prepare(
      'select topic, confidence, evidence, decision from routing_proposals where submission_id = ?',
    )
    .get(submissionId) as
    | { topic: string; confidence: number; evidence: string | null; decision: string | null }
    | undefined;
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

/**
 * The echo a citizen waits for, shaped for one reader: everyone sees which unit holds the matter,
 * by when it is due and the approved answers; the unit and reviewers also see drafts, returns,
 * flags and extension requests, and which actions they may take now.
 */
export function viewHandling(s: Services, viewer: Actor | null, row: SubmissionRow) {
  const h = handlingOf(s, row.id);
  const reviewer = hasRole(viewer, 'reviewer', 'admin');
  const unitMember =
    !!h && (hasRole(viewer, 'admin') || (!!h.unitId && unitsOf(viewer).includes(h.unitId)));
  const staffView = reviewer || (!!h && handlesOrSupervises(s, viewer, h.unitId));
  const replies = repliesOf(s, row.id);
  const ratings = ratingsOf(s, row.id);
  const isAuthor = viewer?.id === row.authorId;
  const collectiveAnswered = replies.some((r) => r.collectiveId !== null);
  const ratedRounds = new Set(ratings.map((r) => r.round));

  const open = h && (h.state === 'routed' || h.state === 'returned');
  // Public answers go through the masking pass like the citizen's own text. A unit's reply to this
  // submission is unmasked for its author and the staff who may see the submission sealed; a
  // collective reply answers many citizens at once, so only for those staff.
  const campaign = s.campaigns.getById(row.campaignId)!;
  const sealed = canSeeSealedLegacy(s, viewer, campaign, row.authorId, row.id);
  const staffSealed = canSeeSealedAsStaffLegacy(s, viewer, campaign, row.id);
  return {
    handling: h ? handlingSummary(s, h, staffView) : null,
    answers: replies
      .filter((r) => r.state === 'approved')
      .map((r) => ({ ...r, hold: holdOfLegacy(s, 'reply', r.id) }))
      .map((r) => {
        const unmasked = r.collectiveId === null ? sealed : staffSealed;
        const body = unmasked ? { text: r.body, masked: false } : maskPersonalData(r.body);
        const title =
          r.collectiveTitle === null || unmasked
            ? { text: r.collectiveTitle, masked: false }
            : maskPersonalData(r.collectiveTitle);
        // A reply withheld after reports is shown to staff only (server/trust).
        const withheld = !!r.hold && !staffView;
        return {
          id: r.id,
          body: withheld ? '' : body.text,
          hold: r.hold,
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
      value: r.value as 'satisfied' | 'basically' | 'unsatisfied',
      comment: r.comment && !isAuthor && !staffView ? maskPersonalData(r.comment).text : r.comment,
      at: r.at,
    })),
    proposal: staffView ? routingProposal(s, row.id) : null,
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
    },
  };
}

export type HandlingView = ReturnType<typeof viewHandling>;

// Confirming a link between suggestions and a clause, changing it, withdrawing it. Each is one
// transaction: the link, its members, its audit event, every member's timeline entry and every
// author's notification commit together or not at all. Only the submissions the editor chose are
// members: the rest of a cluster stays linked to nothing and hears nothing.
import type { AdoptionStatus, AdoptionTargetKind } from '../../schema/states.ts';
import type { Actor } from '../auth/actor.ts';
import { ApiError } from '../http/api-error.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { publicStatusSql } from '../submissions/submission-row.ts';
import { auditEvent, documentOf, echo } from './adoption-echo.ts';
import {
  adoptionMemberIds,
  checkChosen,
  checkDocumentDate,
  liveClusterId,
  targetMembers,
} from './adoption-members.ts';
import { clauseById, clauseLabel, type ClauseRow } from './clause-rows.ts';
import { requireCurator } from '../auth/curators.ts';
import { documentCampaignIds } from './document-views.ts';

export type ConfirmInput = {
  candidateId?: number | undefined;
  clauseId?: string | undefined;
  target?: { kind: AdoptionTargetKind; id: string } | undefined;
  status: AdoptionStatus;
  quotedSpan: string;
  note?: string | null | undefined;
  evidenceUrl?: string | null | undefined;
  /**
   * The submissions the clause adopts, chosen by the editor among those the target offers
   * (`targetMembers`). Required for a cluster; for one submission it defaults to it and its
   * form-letter copies.
   */
  memberIds?: string[] | undefined;
  /** The editor read that the document predates some chosen suggestions and says why in `note`. */
  acknowledgeDate?: boolean | undefined;
};

type Resolved = {
  clause: ClauseRow;
  kind: AdoptionTargetKind;
  targetId: string;
  campaignId: string;
  candidateId: number | null;
};

const squash = (text: string) => text.replace(/\s+/g, '');

/** The quote must be words of the clause (whitespace aside): evidence, not paraphrase. */
function checkSpan(clause: ClauseRow, span: string): void {
  if (!squash(span) || !squash(clause.text).includes(squash(span)))
    throw new ApiError('span_not_in_clause', 'The quoted words are not in the clause', {
      fields: { quotedSpan: 'not in the clause' },
    });
}

function resolveCandidate(s: Services, candidateId: number): Resolved {
  const row = s.sqlite
    .prepare(
      `select clause_id as clauseId, target_kind as kind, target_id as targetId, campaign_id as campaignId, state
       from adoption_candidates where id = ?`,
    )
    .get(candidateId) as
    | {
        clauseId: string;
        kind: AdoptionTargetKind;
        targetId: string;
        campaignId: string;
        state: string;
      }
    | undefined;
  if (!row) throw new ApiError('not_found', 'No such candidate');
  if (row.state !== 'proposed')
    throw new ApiError('invalid_transition', `The candidate was already ${row.state}`);
  const clause = clauseById(s, row.clauseId);
  if (!clause) throw new ApiError('not_found', 'No such clause');
  return {
    clause,
    kind: row.kind,
    targetId: row.targetId,
    campaignId: row.campaignId,
    candidateId,
  };
}

/**
 * A target named by hand (a cluster id, or a submission's id or reference number), as it stands
 * now, in a campaign the document feeds.
 */
export function resolveTarget(
  s: Services,
  documentId: string,
  target: { kind: AdoptionTargetKind; id: string },
): { kind: AdoptionTargetKind; targetId: string; campaignId: string } {
  let campaignId: string | undefined;
  let targetId = target.id;
  if (target.kind === 'cluster') {
    targetId = liveClusterId(s, target.id);
    campaignId = s.sqlite
      .prepare('select campaign_id from clusters where id = ?')
      .pluck()
      .get(targetId) as string | undefined;
  } else {
    const row = s.sqlite
      .prepare(
        `select id, campaign_id as campaignId from submissions where (id = ? or ref = ?) and status in (${publicStatusSql})`,
      )
      .get(target.id, target.id) as { id: string; campaignId: string } | undefined;
    if (row) {
      campaignId = row.campaignId;
      targetId = row.id;
    }
  }
  if (!campaignId)
    throw new ApiError('not_found', `No published ${target.kind} ${target.id}`, {
      fields: { target: 'not found' },
    });
  if (!documentCampaignIds(s, documentId).includes(campaignId))
    throw new ApiError(
      'validation_failed',
      "The document does not feed that suggestion's campaign",
      {
        fields: { target: 'other campaign' },
      },
    );
  return { kind: target.kind, targetId, campaignId };
}

/** A link made by hand: the target must belong to a campaign the clause's document feeds. */
function resolveManual(
  s: Services,
  clauseId: string,
  target: { kind: AdoptionTargetKind; id: string },
): Resolved {
  const clause = clauseById(s, clauseId);
  if (!clause || clause.retiredAt !== null) throw new ApiError('not_found', 'No such clause');
  return { clause, ...resolveTarget(s, clause.documentId, target), candidateId: null };
}

export async function confirmAdoption(
  s: Services,
  actor: Actor | null,
  input: ConfirmInput,
): Promise<{ id: string; members: number; notified: number }> {
  const resolved =
    input.candidateId !== undefined
      ? resolveCandidate(s, input.candidateId)
      : input.clauseId && input.target
        ? resolveManual(s, input.clauseId, input.target)
        : (() => {
            throw new ApiError('validation_failed', 'Give a candidate, or a clause and a target', {
              fields: { candidateId: 'required without clauseId and target' },
            });
          })();
  const user = requireCurator(s, actor, [resolved.campaignId]);
  checkSpan(resolved.clause, input.quotedSpan);
  // A cluster can hold unrelated suggestions: the editor says which ones the clause adopts.
  if (resolved.kind === 'cluster' && input.memberIds === undefined)
    throw new ApiError(
      'validation_failed',
      'Choose the suggestions of the cluster the clause adopts',
      {
        fields: { memberIds: 'required for a cluster' },
      },
    );
  const now = s.clock.now();
  const id = newId('adp', now);
  return s.writer.run(() => {
    const existing = s.sqlite
      .prepare(
        'select id from adoptions where clause_id = ? and target_kind = ? and target_id = ? and withdrawn_at is null',
      )
      .get(resolved.clause.id, resolved.kind, resolved.targetId);
    if (existing)
      throw new ApiError('already_linked', 'This suggestion is already linked to the clause');
    const offered = targetMembers(s, resolved.kind, resolved.targetId);
    if (!offered.length)
      throw new ApiError('validation_failed', 'No published suggestion stands behind this target', {
        fields: { target: 'empty' },
      });
    const members = input.memberIds ? checkChosen(input.memberIds, offered) : offered;
    if (!members.length)
      throw new ApiError('validation_failed', 'Choose at least one suggestion', {
        fields: { memberIds: 'choose at least one' },
      });
    const doc = documentOf(s, resolved.clause.documentId);
    const later = checkDocumentDate(s, members, doc.issuedOn, input);
    if (resolved.candidateId !== null) {
      const changed = s.sqlite
        .prepare(
          "update adoption_candidates set state = 'confirmed', decided_by = ?, decided_at = ? where id = ? and state = 'proposed'",
        )
        .run(user.id, now, resolved.candidateId).changes;
      if (changed !== 1)
        throw new ApiError('invalid_transition', 'The candidate was decided meanwhile');
    } else {
      // A hand-made link settles the matching's proposal for the same pair, if any.
      s.sqlite
        .prepare(
          `update adoption_candidates set state = 'confirmed', decided_by = ?, decided_at = ?
           where clause_id = ? and target_kind = ? and target_id = ? and state = 'proposed'`,
        )
        .run(user.id, now, resolved.clause.id, resolved.kind, resolved.targetId);
    }
    s.sqlite
      .prepare(
        `insert into adoptions (id, campaign_id, document_id, clause_id, target_kind, target_id, status, quoted_span, note,
           evidence_url, candidate_id, created_by, confirmed_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        resolved.campaignId,
        resolved.clause.documentId,
        resolved.clause.id,
        resolved.kind,
        resolved.targetId,
        input.status,
        input.quotedSpan,
        input.note ?? null,
        input.evidenceUrl ?? null,
        resolved.candidateId,
        user.id,
        now,
        now,
      );
    const addMember = s.sqlite.prepare(
      'insert into adoption_members (adoption_id, submission_id) values (?, ?)',
    );
    for (const m of members) addMember.run(id, m);
    // An adopted cluster is an editor's decision: automatic re-runs must not dissolve it.
    if (resolved.kind === 'cluster')
      s.sqlite
        .prepare('update clusters set locked = 1, updated_at = ? where id = ?')
        .run(now, liveClusterId(s, resolved.targetId));
    auditEvent(s, id, user, 'confirmed', {
      status: input.status,
      quotedSpan: input.quotedSpan,
      note: input.note ?? null,
      evidenceUrl: input.evidenceUrl ?? null,
      members: members.length,
      offered: offered.length,
      writtenAfterDocument: later.length,
    });
    const notified = echo(s, user, members, 'adopted', {
      adoption: id,
      status: input.status,
      document: doc.title,
      clause: clauseLabel(resolved.clause),
      quote: input.quotedSpan,
    });
    return { id, members: members.length, notified };
  });
}

type AdoptionRow = {
  id: string;
  campaignId: string;
  documentId: string;
  clauseId: string;
  targetKind: AdoptionTargetKind;
  targetId: string;
  status: AdoptionStatus;
  quotedSpan: string;
  withdrawnAt: number | null;
};

export function adoptionOr404(s: Services, id: string): AdoptionRow {
  const row = s.sqlite
    .prepare(
      `select id, campaign_id as campaignId, document_id as documentId, clause_id as clauseId,
         target_kind as targetKind, target_id as targetId, status, quoted_span as quotedSpan,
         withdrawn_at as withdrawnAt from adoptions where id = ?`,
    )
    .get(id) as AdoptionRow | undefined;
  if (!row) throw new ApiError('not_found', 'No such adoption');
  return row;
}

export async function updateAdoption(
  s: Services,
  actor: Actor | null,
  id: string,
  input: {
    status?: AdoptionStatus;
    quotedSpan?: string;
    note?: string | null;
    evidenceUrl?: string | null;
  },
): Promise<void> {
  const row = adoptionOr404(s, id);
  const user = requireCurator(s, actor, [row.campaignId]);
  if (row.withdrawnAt !== null) throw new ApiError('invalid_transition', 'The link was withdrawn');
  const clause = clauseById(s, row.clauseId)!;
  if (input.quotedSpan !== undefined) checkSpan(clause, input.quotedSpan);
  const now = s.clock.now();
  await s.writer.run(() => {
    const set = (column: string, value: string | null) =>
      s.sqlite
        .prepare(`update adoptions set ${column} = ?, updated_at = ? where id = ?`)
        .run(value, now, id);
    if (input.status !== undefined) set('status', input.status);
    if (input.quotedSpan !== undefined) set('quoted_span', input.quotedSpan);
    if (input.note !== undefined) set('note', input.note);
    if (input.evidenceUrl !== undefined) set('evidence_url', input.evidenceUrl);
    auditEvent(s, id, user, 'updated', {
      from: { status: row.status, quotedSpan: row.quotedSpan },
      to: input,
    });
    if (input.status !== undefined && input.status !== row.status)
      echo(s, user, adoptionMemberIds(s, id), 'adoption-updated', {
        adoption: id,
        status: input.status,
        document: documentOf(s, row.documentId).title,
        clause: clauseLabel(clause),
        quote: input.quotedSpan ?? row.quotedSpan,
      });
  });
}

export async function withdrawAdoption(
  s: Services,
  actor: Actor | null,
  id: string,
  reason: string,
): Promise<void> {
  const row = adoptionOr404(s, id);
  const user = requireCurator(s, actor, [row.campaignId]);
  if (row.withdrawnAt !== null)
    throw new ApiError('invalid_transition', 'The link was already withdrawn');
  const now = s.clock.now();
  await s.writer.run(() => {
    const changed = s.sqlite
      .prepare(
        'update adoptions set withdrawn_at = ?, updated_at = ? where id = ? and withdrawn_at is null',
      )
      .run(now, now, id).changes;
    if (changed !== 1) throw new ApiError('invalid_transition', 'The link was already withdrawn');
    // A withdrawn link was a mistake: matching must not propose the same pair again.
    s.sqlite
      .prepare(
        `update adoption_candidates set state = 'rejected', decided_by = ?, decided_at = ?
         where (clause_id, target_kind, target_id) = (select clause_id, target_kind, target_id from adoptions where id = ?)`,
      )
      .run(user.id, now, id);
    auditEvent(s, id, user, 'withdrawn', { reason });
    echo(
      s,
      user,
      adoptionMemberIds(s, id),
      'adoption-withdrawn',
      {
        adoption: id,
        status: 'withdrawn',
        document: documentOf(s, row.documentId).title,
        clause: clauseLabel(clauseById(s, row.clauseId)!),
        quote: row.quotedSpan,
      },
      reason,
    );
  });
}

export async function rejectCandidate(
  s: Services,
  actor: Actor | null,
  candidateId: number,
): Promise<void> {
  const row = s.sqlite
    .prepare('select campaign_id as campaignId, state from adoption_candidates where id = ?')
    .get(candidateId) as { campaignId: string; state: string } | undefined;
  if (!row) throw new ApiError('not_found', 'No such candidate');
  const user = requireCurator(s, actor, [row.campaignId]);
  const now = s.clock.now();
  await s.writer.run(() => {
    const changed = s.sqlite
      .prepare(
        "update adoption_candidates set state = 'rejected', decided_by = ?, decided_at = ? where id = ? and state = 'proposed'",
      )
      .run(user.id, now, candidateId).changes;
    if (changed !== 1)
      throw new ApiError('invalid_transition', `The candidate was already ${row.state}`);
  });
}

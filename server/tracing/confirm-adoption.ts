// Confirming a link between suggestions and a clause. One transaction: the link, its members, its
// audit event, every member's timeline entry and every author's notification commit together or
// not at all. Only the submissions the editor chose are members: the rest of a cluster stays
// linked to nothing and hears nothing.
import type { AdoptionStatus, AdoptionTargetKind } from '../../schema/states.ts';
import type { Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import { ApiError } from '../http/api-error.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import type { ClauseRow } from '../store/adoption.ts';
import type { Tx } from '../store/store.ts';
import { auditEvent, documentOf, echo } from './adoption-echo.ts';
import { checkSpan, resolveTarget } from './adoption-lookups.ts';
import { checkChosen, checkDocumentDate, targetMembers } from './adoption-members.ts';
import { clauseLabel } from './clause-rows.ts';

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

async function resolveCandidate(tx: Tx, candidateId: number): Promise<Resolved> {
  const row = await tx.adoption.candidate(candidateId);
  if (!row) throw new ApiError('not_found', 'No such candidate');
  if (row.state !== 'proposed')
    throw new ApiError('invalid_transition', `The candidate was already ${row.state}`);
  const clause = await tx.adoption.clause(row.clauseId);
  if (!clause) throw new ApiError('not_found', 'No such clause');
  return {
    clause,
    kind: row.targetKind,
    targetId: row.targetId,
    campaignId: row.campaignId,
    candidateId,
  };
}

/** A link made by hand: the target must belong to a campaign the clause's document feeds. */
async function resolveManual(
  tx: Tx,
  clauseId: string,
  target: { kind: AdoptionTargetKind; id: string },
): Promise<Resolved> {
  const clause = await tx.adoption.clause(clauseId);
  if (!clause || clause.retiredAt !== null) throw new ApiError('not_found', 'No such clause');
  return { clause, ...(await resolveTarget(tx, clause.documentId, target)), candidateId: null };
}

export async function confirmAdoption(
  s: Services,
  actor: Actor | null,
  input: ConfirmInput,
): Promise<{ id: string; members: number; notified: number }> {
  const { candidateId, clauseId, target } = input;
  if (candidateId === undefined && !(clauseId && target))
    throw new ApiError('validation_failed', 'Give a candidate, or a clause and a target', {
      fields: { candidateId: 'required without clauseId and target' },
    });
  const now = s.clock.now();
  const id = newId('adp', now);
  return s.store.write(async (tx) => {
    const resolved =
      candidateId !== undefined
        ? await resolveCandidate(tx, candidateId)
        : await resolveManual(tx, clauseId!, target!);
    const user = requireCurator(s, actor, [resolved.campaignId]);
    checkSpan(resolved.clause, input.quotedSpan);
    // A cluster can hold unrelated suggestions: the editor says which ones the clause adopts.
    if (resolved.kind === 'cluster' && input.memberIds === undefined)
      throw new ApiError(
        'validation_failed',
        'Choose the suggestions of the cluster the clause adopts',
        { fields: { memberIds: 'required for a cluster' } },
      );
    if (await tx.adoption.standingLink(resolved.clause.id, resolved.kind, resolved.targetId))
      throw new ApiError('already_linked', 'This suggestion is already linked to the clause');
    const offered = await targetMembers(tx, resolved.kind, resolved.targetId);
    if (!offered.length)
      throw new ApiError('validation_failed', 'No published suggestion stands behind this target', {
        fields: { target: 'empty' },
      });
    const members = input.memberIds ? checkChosen(input.memberIds, offered) : offered;
    if (!members.length)
      throw new ApiError('validation_failed', 'Choose at least one suggestion', {
        fields: { memberIds: 'choose at least one' },
      });
    const doc = await documentOf(tx, resolved.clause.documentId);
    const later = await checkDocumentDate(tx, members, doc.issuedOn, input);
    if (resolved.candidateId !== null) {
      if (!(await tx.adoption.confirmCandidate(resolved.candidateId, user.id, now)))
        throw new ApiError('invalid_transition', 'The candidate was decided meanwhile');
    } else {
      await tx.adoption.settlePair(
        resolved.clause.id,
        resolved.kind,
        resolved.targetId,
        user.id,
        now,
      );
    }
    await tx.adoption.insertAdoption({
      id,
      campaignId: resolved.campaignId,
      documentId: resolved.clause.documentId,
      clauseId: resolved.clause.id,
      targetKind: resolved.kind,
      targetId: resolved.targetId,
      status: input.status,
      quotedSpan: input.quotedSpan,
      note: input.note ?? null,
      evidenceUrl: input.evidenceUrl ?? null,
      candidateId: resolved.candidateId,
      createdBy: user.id,
      confirmedAt: now,
    });
    await tx.adoption.addMembers(id, members);
    // An adopted cluster is an editor's decision: automatic re-runs must not dissolve it.
    if (resolved.kind === 'cluster')
      await tx.adoption.lockCluster(await tx.adoption.liveClusterId(resolved.targetId), now);
    await auditEvent(tx, now, id, user, 'confirmed', {
      status: input.status,
      quotedSpan: input.quotedSpan,
      note: input.note ?? null,
      evidenceUrl: input.evidenceUrl ?? null,
      members: members.length,
      offered: offered.length,
      writtenAfterDocument: later.length,
    });
    const notified = await echo(tx, now, user, members, 'adopted', {
      adoption: id,
      status: input.status,
      document: doc.title,
      clause: clauseLabel(resolved.clause),
      quote: input.quotedSpan,
    });
    return { id, members: members.length, notified };
  });
}

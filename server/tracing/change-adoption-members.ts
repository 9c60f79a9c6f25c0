// Changing who stands behind a confirmed adoption: adding suggestions the clause adopts too (or
// that were left out by mistake), taking out those it did not adopt after all. One transaction:
// the members, the audit event, each member's timeline entry and each author's notice. An added
// author is told as at a confirmation; a removed one that the adoption was withdrawn for their
// suggestion, with the reason; everyone else hears nothing.
import type { Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { auditEvent, documentOf, echo } from './adoption-echo.ts';
import { adoptionOr404 } from './adoption-lookups.ts';
import { checkChosen, checkDocumentDate, targetMembers } from './adoption-members.ts';
import { clauseLabel } from './clause-rows.ts';

export type MemberChange = {
  add?: string[] | undefined;
  remove?: string[] | undefined;
  /** Why the removed suggestions were not adopted after all (their authors read it). */
  reason?: string | undefined;
  /** The editor read that the document predates some added suggestions and says why in `note`. */
  acknowledgeDate?: boolean | undefined;
  note?: string | null | undefined;
};

export async function changeAdoptionMembers(
  s: Services,
  actor: Actor | null,
  adoptionId: string,
  input: MemberChange,
): Promise<{ added: number; removed: number; notified: number }> {
  const add = input.add ?? [];
  const remove = input.remove ?? [];
  const now = s.clock.now();
  return s.store.write(async (tx) => {
    const row = await adoptionOr404(tx, adoptionId);
    const user = requireCurator(s, actor, [row.campaignId]);
    if (!add.length && !remove.length)
      throw new ApiError('validation_failed', 'Name suggestions to add or to remove', {
        fields: { add: 'add or remove at least one' },
      });
    if (remove.length && !input.reason?.trim())
      throw new ApiError('validation_failed', 'Say why the removed suggestions were not adopted', {
        fields: { reason: 'required to remove' },
      });
    if (row.withdrawnAt !== null)
      throw new ApiError('invalid_transition', 'The link was withdrawn');
    const current = await tx.adoption.memberIds(adoptionId);
    const held = new Set(current);
    const added = checkChosen(add, await targetMembers(tx, row.targetKind, row.targetId), 'add');
    const already = added.filter((id) => held.has(id));
    if (already.length)
      throw new ApiError('already_linked', 'Some of these suggestions are already adopted here', {
        fields: { add: 'already a member' },
        submissions: already,
      });
    const removed = checkChosen(
      remove,
      current,
      'remove',
      'Some of these suggestions are not members of this adoption',
    );
    const both = removed.filter((id) => added.includes(id));
    if (both.length)
      throw new ApiError('validation_failed', 'A suggestion cannot be added and removed at once', {
        fields: { remove: 'also in add' },
        submissions: both,
      });
    if (current.length + added.length - removed.length < 1)
      throw new ApiError(
        'invalid_transition',
        'An adoption keeps at least one suggestion: withdraw the link instead',
        { fields: { remove: 'would leave no member' } },
      );
    const doc = await documentOf(tx, row.documentId);
    const later = await checkDocumentDate(tx, added, doc.issuedOn, input);

    await tx.adoption.addMembers(adoptionId, added);
    await tx.adoption.removeMembers(adoptionId, removed);
    await tx.adoption.touchAdoption(adoptionId, now);
    await auditEvent(tx, now, adoptionId, user, 'members-changed', {
      added,
      removed,
      reason: removed.length ? input.reason!.trim() : null,
      note: input.note ?? null,
      writtenAfterDocument: later.length,
    });
    const news = {
      adoption: adoptionId,
      document: doc.title,
      clause: clauseLabel((await tx.adoption.clause(row.clauseId))!),
      quote: row.quotedSpan,
    };
    let notified = 0;
    if (added.length)
      notified += await echo(tx, now, user, added, 'adopted', { ...news, status: row.status });
    if (removed.length)
      notified += await echo(
        tx,
        now,
        user,
        removed,
        'adoption-withdrawn',
        { ...news, status: 'withdrawn' },
        input.reason!.trim(),
      );
    return { added: added.length, removed: removed.length, notified };
  });
}

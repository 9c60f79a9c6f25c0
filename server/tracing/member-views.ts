// What a curator sees before choosing who a clause adopted: every member a candidate, a hand-named
// target or a confirmed adoption offers, folded into form-letter groups, with the document's date
// beside each group's dates. Curators of the campaign only (the candidates are theirs).
import type { AdoptionTargetKind } from '../../schema/states.ts';
import type { Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import { requireActor } from '../auth/permissions.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { adoptionOr404, resolveTarget } from './adoption-lookups.ts';
import { memberGroups, targetMembers, type MemberGroup } from './adoption-members.ts';
import { viewTargets } from './adoption-views.ts';

export type MembersView = {
  document: { id: string; title: string; issuedOn: string };
  target: { kind: AdoptionTargetKind; id: string; title: string };
  groups: MemberGroup[];
  /** Submissions listed, and their distinct authors. */
  submissions: number;
  people: number;
};

async function documentOr404(s: Services, id: string): Promise<MembersView['document']> {
  const doc = await s.store.adoption.documentHead(id);
  if (!doc) throw new ApiError('not_found', 'No such policy document');
  return { id: doc.id, title: doc.title, issuedOn: doc.issuedOn };
}

async function view(
  s: Services,
  documentId: string,
  campaignId: string,
  kind: AdoptionTargetKind,
  targetId: string,
  adopted: string[] = [],
): Promise<MembersView> {
  const q = s.store;
  const document = await documentOr404(s, documentId);
  const [groups, [target]] = await Promise.all([
    targetMembers(q, kind, targetId).then((ids) =>
      memberGroups(q, ids, document.issuedOn, adopted),
    ),
    viewTargets(s, q, [{ kind, id: targetId, campaignId }], true),
  ]);
  return {
    document,
    target: { kind, id: targetId, title: target!.title },
    groups,
    submissions: groups.reduce((n, g) => n + g.count, 0),
    people: new Set(groups.flatMap((g) => g.authors)).size,
  };
}

/** The members of a proposed candidate, for the confirmation dialog. */
export async function candidateMembers(
  s: Services,
  actor: Actor | null,
  id: number,
): Promise<MembersView> {
  requireActor(actor);
  const row = await s.store.adoption.candidate(id);
  if (!row) throw new ApiError('not_found', 'No such candidate');
  requireCurator(s, actor, [row.campaignId]);
  return view(s, row.documentId, row.campaignId, row.targetKind, row.targetId);
}

/** The members a hand-named target offers against a document (before linking it by hand). */
export async function targetMembersView(
  s: Services,
  actor: Actor | null,
  documentId: string,
  target: { kind: AdoptionTargetKind; id: string },
): Promise<MembersView> {
  requireActor(actor);
  await documentOr404(s, documentId);
  const resolved = await resolveTarget(s.store, documentId, target);
  requireCurator(s, actor, [resolved.campaignId]);
  return view(s, documentId, resolved.campaignId, resolved.kind, resolved.targetId);
}

/** A confirmed adoption's members (`adoptedIds`) among all its target offers, to add or remove. */
export async function adoptionMembers(
  s: Services,
  actor: Actor | null,
  id: string,
): Promise<MembersView> {
  requireActor(actor);
  const row = await adoptionOr404(s.store, id);
  requireCurator(s, actor, [row.campaignId]);
  return view(
    s,
    row.documentId,
    row.campaignId,
    row.targetKind,
    row.targetId,
    await s.store.adoption.memberIds(id),
  );
}

// What a curator sees before choosing who a clause adopted: every member a candidate, a hand-named
// target or a confirmed adoption offers, folded into form-letter groups, with the document's date
// beside each group's dates. Curators of the campaign only (the candidates are theirs).
import type { AdoptionTargetKind } from '../../schema/states.ts';
import type { Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import { requireActor } from '../auth/permissions.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import {
  adoptionMemberIds,
  memberGroups,
  targetMembers,
  type MemberGroup,
} from './adoption-members.ts';
import { viewTarget } from './adoption-views.ts';
import { adoptionOr404, resolveTarget } from './confirm-adoption.ts';

export type MembersView = {
  document: { id: string; title: string; issuedOn: string };
  target: { kind: AdoptionTargetKind; id: string; title: string };
  groups: MemberGroup[];
  /** Submissions listed, and their distinct authors. */
  submissions: number;
  people: number;
};

function documentOr404(s: Services, id: string): MembersView['document'] {
  const doc = s.sqlite
    .prepare('select id, title, issued_on as issuedOn from policy_documents where id = ?')
    .get(id) as MembersView['document'] | undefined;
  if (!doc) throw new ApiError('not_found', 'No such policy document');
  return doc;
}

function view(
  s: Services,
  documentId: string,
  campaignId: string,
  kind: AdoptionTargetKind,
  targetId: string,
  adopted: string[] = [],
): MembersView {
  const document = documentOr404(s, documentId);
  const groups = memberGroups(s, targetMembers(s, kind, targetId), document.issuedOn, adopted);
  return {
    document,
    target: {
      kind,
      id: targetId,
      title: viewTarget(s, campaignId, kind, targetId, { staff: true }).title,
    },
    groups,
    submissions: groups.reduce((n, g) => n + g.count, 0),
    people: new Set(groups.flatMap((g) => g.authors)).size,
  };
}

/** The members of a proposed candidate, for the confirmation dialog. */
export function candidateMembers(s: Services, actor: Actor | null, id: number): MembersView {
  requireActor(actor);
  const row = s.sqlite
    .prepare(
      `select document_id as documentId, campaign_id as campaignId, target_kind as kind, target_id as targetId
       from adoption_candidates where id = ?`,
    )
    .get(id) as
    | { documentId: string; campaignId: string; kind: AdoptionTargetKind; targetId: string }
    | undefined;
  if (!row) throw new ApiError('not_found', 'No such candidate');
  requireCurator(s, actor, [row.campaignId]);
  return view(s, row.documentId, row.campaignId, row.kind, row.targetId);
}

/** The members a hand-named target offers against a document (before linking it by hand). */
export function targetMembersView(
  s: Services,
  actor: Actor | null,
  documentId: string,
  target: { kind: AdoptionTargetKind; id: string },
): MembersView {
  requireActor(actor);
  documentOr404(s, documentId);
  const resolved = resolveTarget(s, documentId, target);
  requireCurator(s, actor, [resolved.campaignId]);
  return view(s, documentId, resolved.campaignId, resolved.kind, resolved.targetId);
}

/** A confirmed adoption's members (`adoptedIds`) among all its target offers, to add or remove. */
export function adoptionMembers(s: Services, actor: Actor | null, id: string): MembersView {
  requireActor(actor);
  const row = adoptionOr404(s, id);
  requireCurator(s, actor, [row.campaignId]);
  return view(
    s,
    row.documentId,
    row.campaignId,
    row.targetKind,
    row.targetId,
    adoptionMemberIds(s, id),
  );
}

// Confirming a link between suggestions and a clause, changing it, withdrawing it. Each is one
// transaction: the link, its members, its audit event, every member's timeline entry and every
// author's notification commit together or not at all.
import type { AdoptionStatus, AdoptionTargetKind } from '../../schema/states.ts';
import { primaryRole, type Actor } from '../auth/actor.ts';
import { ApiError } from '../http/api-error.ts';
import { newId } from '../ids.ts';
import { notify } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { appendEvent } from '../submissions/append-event.ts';
import { publicStatusSql, publicText } from '../submissions/submission-row.ts';
import { targetMembers } from './adoption-members.ts';
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

/** A link made by hand: the target must belong to a campaign the clause's document feeds. */
function resolveManual(
  s: Services,
  clauseId: string,
  target: { kind: AdoptionTargetKind; id: string },
): Resolved {
  const clause = clauseById(s, clauseId);
  if (!clause || clause.retiredAt !== null) throw new ApiError('not_found', 'No such clause');
  let campaignId: string | undefined;
  let targetId = target.id;
  if (target.kind === 'cluster') {
    // A merged cluster lives on in the one it was merged into.
    for (let hops = 0; hops < 10; hops++) {
      const row = s.sqlite
        .prepare(
          'select campaign_id as campaignId, merged_into as mergedInto from clusters where id = ?',
        )
        .get(targetId) as { campaignId: string; mergedInto: string | null } | undefined;
      if (!row) break;
      if (!row.mergedInto) {
        campaignId = row.campaignId;
        break;
      }
      targetId = row.mergedInto;
    }
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
  if (!documentCampaignIds(s, clause.documentId).includes(campaignId))
    throw new ApiError(
      'validation_failed',
      "The document does not feed that suggestion's campaign",
      {
        fields: { target: 'other campaign' },
      },
    );
  return { clause, kind: target.kind, targetId, campaignId, candidateId: null };
}

function documentTitle(s: Services, documentId: string): string {
  return s.sqlite
    .prepare('select title from policy_documents where id = ?')
    .pluck()
    .get(documentId) as string;
}

/** Timeline entries and one inbox message per author (about their first submission behind it). */
function echo(
  s: Services,
  actor: Actor,
  members: string[],
  type: 'adopted' | 'adoption-updated' | 'adoption-withdrawn',
  news: Record<string, string | number | null>,
  reason: string | null = null,
): void {
  const now = s.clock.now();
  const role = primaryRole(actor, ['editor', 'owner']);
  const author = s.sqlite.prepare(
    `select author_id as authorId, ref, ${publicText('', 'title')} as title from submissions where id = ?`,
  );
  const told = new Set<string>();
  for (const id of members) {
    appendEvent(s, {
      submissionId: id,
      at: now,
      actorId: actor.id,
      actorRole: role,
      type,
      reason,
      data: news,
    });
    const row = author.get(id) as { authorId: string; ref: string; title: string };
    if (told.has(row.authorId)) continue;
    told.add(row.authorId);
    notify(s, [row.authorId], 'adopted', id, { ref: row.ref, title: row.title, ...news });
  }
}

function auditEvent(
  s: Services,
  adoptionId: string,
  actor: Actor,
  type: string,
  data: unknown,
): void {
  s.sqlite
    .prepare(
      'insert into adoption_events (adoption_id, at, actor_id, type, data) values (?, ?, ?, ?, ?)',
    )
    .run(adoptionId, s.clock.now(), actor.id, type, JSON.stringify(data));
}

export async function confirmAdoption(
  s: Services,
  actor: Actor | null,
  input: ConfirmInput,
): Promise<{ id: string; members: number }> {
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
    const members = targetMembers(s, resolved.kind, resolved.targetId);
    if (!members.length)
      throw new ApiError('validation_failed', 'No published suggestion stands behind this target', {
        fields: { target: 'empty' },
      });
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
        .run(now, resolved.targetId);
    auditEvent(s, id, user, 'confirmed', {
      status: input.status,
      quotedSpan: input.quotedSpan,
      note: input.note ?? null,
      evidenceUrl: input.evidenceUrl ?? null,
      members: members.length,
    });
    echo(s, user, members, 'adopted', {
      adoption: id,
      status: input.status,
      document: documentTitle(s, resolved.clause.documentId),
      clause: clauseLabel(resolved.clause),
      quote: input.quotedSpan,
    });
    return { id, members: members.length };
  });
}

type AdoptionRow = {
  id: string;
  campaignId: string;
  documentId: string;
  clauseId: string;
  status: AdoptionStatus;
  quotedSpan: string;
  withdrawnAt: number | null;
};

export function adoptionOr404(s: Services, id: string): AdoptionRow {
  const row = s.sqlite
    .prepare(
      `select id, campaign_id as campaignId, document_id as documentId, clause_id as clauseId, status,
         quoted_span as quotedSpan, withdrawn_at as withdrawnAt from adoptions where id = ?`,
    )
    .get(id) as AdoptionRow | undefined;
  if (!row) throw new ApiError('not_found', 'No such adoption');
  return row;
}

function membersOf(s: Services, adoptionId: string): string[] {
  return s.sqlite
    .prepare(
      'select submission_id from adoption_members where adoption_id = ? order by submission_id',
    )
    .pluck()
    .all(adoptionId) as string[];
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
      echo(s, user, membersOf(s, id), 'adoption-updated', {
        adoption: id,
        status: input.status,
        document: documentTitle(s, row.documentId),
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
      membersOf(s, id),
      'adoption-withdrawn',
      {
        adoption: id,
        status: 'withdrawn',
        document: documentTitle(s, row.documentId),
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

// The echo of an adoption and its audit trail, written inside the caller's transaction: a timeline
// entry on every member submission, one inbox message (and e-mail) per author, and the link's own
// audit event. Shared by the verbs that confirm, change, withdraw and re-member an adoption.
import { primaryRole, type Actor } from '../auth/actor.ts';
import { ApiError } from '../http/api-error.ts';
import { notifyEach } from '../notifications/notify.ts';
import type { EchoRow } from '../store/adoption.ts';
import type { Tx } from '../store/store.ts';

export type EchoType = 'adopted' | 'adoption-updated' | 'adoption-withdrawn';

/** The title and date of the document a link cites. */
export async function documentOf(
  q: Tx,
  documentId: string,
): Promise<{ title: string; issuedOn: string }> {
  const doc = await q.adoption.documentHead(documentId);
  if (!doc) throw new ApiError('not_found', 'No such policy document');
  return doc;
}

/**
 * Timeline entries on every member and one inbox message per author, about their first
 * submission behind it; returns how many authors were told. One statement reads every member's
 * author; the echo to a large cluster stays inside the caller's one write.
 */
export async function echo(
  tx: Tx,
  now: number,
  actor: Actor,
  members: string[],
  type: EchoType,
  news: Record<string, string | number | null>,
  reason: string | null = null,
): Promise<number> {
  const role = primaryRole(actor, ['editor', 'owner']);
  const rows = await tx.adoption.echoRows(members);
  const firstOf = new Map<string, EchoRow>();
  for (const id of members) {
    await tx.timeline.append({
      submissionId: id,
      at: now,
      actorId: actor.id,
      actorRole: role,
      type,
      reason,
      data: news,
    });
    const row = rows.get(id);
    if (row && !firstOf.has(row.authorId)) firstOf.set(row.authorId, row);
  }
  await notifyEach(
    tx,
    now,
    'adopted',
    [...firstOf.values()].map((row) => ({
      userId: row.authorId,
      submissionId: row.id,
      data: { ref: row.ref, title: row.title, ...news, ...(reason === null ? {} : { reason }) },
    })),
  );
  return firstOf.size;
}

/** Appends to the link's own audit log. */
export function auditEvent(
  tx: Tx,
  now: number,
  adoptionId: string,
  actor: Actor,
  type: string,
  data: unknown,
) {
  return tx.adoption.addEvent(adoptionId, now, actor.id, type, data);
}

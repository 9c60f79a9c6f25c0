// The echo of an adoption and its audit trail, written inside the caller's transaction: a timeline
// entry on every member submission, one inbox message (and e-mail) per author, and the link's own
// audit event. Shared by the verbs that confirm, change, withdraw and re-member an adoption.
import { primaryRole, type Actor } from '../auth/actor.ts';
import { notifyLegacy } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { appendEventLegacy } from '../submissions/append-event.ts';
import { publicText } from '../submissions/submission-row.ts';

export type EchoType = 'adopted' | 'adoption-updated' | 'adoption-withdrawn';

export function documentOf(s: Services, documentId: string): { title: string; issuedOn: string } {
  return s.sqlite
    .prepare('select title, issued_on as issuedOn from policy_documents where id = ?')
    .get(documentId) as { title: string; issuedOn: string };
}

/** Timeline entries and one inbox message per author (about their first submission behind it). */
export function echo(
  s: Services,
  actor: Actor,
  members: string[],
  type: EchoType,
  news: Record<string, string | number | null>,
  reason: string | null = null,
): number {
  const now = s.clock.now();
  const role = primaryRole(actor, ['editor', 'owner']);
  const author = s.sqlite.prepare(
    `select author_id as authorId, ref, ${publicText('', 'title')} as title from submissions where id = ?`,
  );
  const told = new Set<string>();
  for (const id of members) {
    appendEventLegacy(s, {
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
    notifyLegacy(s, [row.authorId], 'adopted', id, {
      ref: row.ref,
      title: row.title,
      ...news,
      ...(reason === null ? {} : { reason }),
    });
  }
  return told.size;
}

export function auditEvent(
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

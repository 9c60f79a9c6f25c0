// A submission's near-duplicate group as staff review it, with the originals.
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import type { Services } from '../services.ts';
import { getSubmission } from '../submissions/submission-queries.ts';
import { viewSubmissions } from '../submissions/submission-view.ts';

export async function duplicateGroup(s: Services, actor: Actor | null, id: string) {
  const reader = requireRole(actor, 'reviewer', 'editor', 'admin');
  const row = await getSubmission(s, id);
  const groupId = (await s.store.sensemaking.groupsOf([row.id])).get(row.id) ?? null;
  const ids = groupId ? await s.store.sensemaking.groupMembers(groupId) : [row.id];
  const rows = new Map((await s.store.submissions.findMany(ids)).map((r) => [r.id, r]));
  const members = await viewSubmissions(
    s,
    reader,
    ids.flatMap((m) => (rows.has(m) ? [rows.get(m)!] : [])),
  );
  return { groupId, members };
}

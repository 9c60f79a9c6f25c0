import { publicSubmissionStatuses, type ReportTarget } from '../../schema/states.ts';
import { ApiError } from '../http/api-error.ts';
import type { Tx } from '../store/store.ts';

export type Target = {
  kind: ReportTarget;
  id: string;
  submissionId: string;
  /** Who wrote it (the netizen, or the reply's author). */
  authorId: string;
  /** The text as written, for reviewers. */
  title: string | null;
  body: string;
  ref: string;
  status: string;
};

export type TargetRef = { kind: ReportTarget; id: string };

const isPublic = (status: string) =>
  (publicSubmissionStatuses as readonly string[]).includes(status);
const keyOf = (kind: ReportTarget, id: string) => `${kind}:${id}`;

/**
 * Published submissions and approved replies of public submissions, by kind and id, in at most
 * two statements for any number of them; anything else is absent from the map (keyed `kind:id`).
 */
export async function findTargets(q: Tx, refs: TargetRef[]): Promise<Map<string, Target>> {
  const ids = (kind: ReportTarget) => [
    ...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id)),
  ];
  const [submissions, replies] = await Promise.all([
    q.submissions.findMany(ids('submission')),
    q.trust.replyTargets(ids('reply')),
  ]);
  const found = new Map<string, Target>();
  for (const row of submissions) {
    if (!isPublic(row.status)) continue;
    found.set(keyOf('submission', row.id), {
      kind: 'submission',
      id: row.id,
      submissionId: row.id,
      authorId: row.authorId,
      title: row.title,
      body: row.body,
      ref: row.ref,
      status: row.status,
    });
  }
  for (const reply of replies) {
    if (!isPublic(reply.status)) continue;
    found.set(keyOf('reply', reply.id), { kind: 'reply', title: null, ...reply });
  }
  return found;
}

/** The target of a report or decision in `findTargets`' answer. */
export const targetIn = (found: Map<string, Target>, kind: ReportTarget, id: string) =>
  found.get(keyOf(kind, id));

/**
 * A published submission or an approved reply of a public submission; 404 for anything else.
 * `q` is the store, or a write's transaction when the answer decides the write.
 */
export async function findTarget(q: Tx, kind: ReportTarget, id: string): Promise<Target> {
  const target = targetIn(await findTargets(q, [{ kind, id }]), kind, id);
  if (!target) {
    throw new ApiError('not_found', kind === 'submission' ? 'No such submission' : 'No such reply');
  }
  return target;
}

import type { Role, SubmissionStatus, TimelineEventType } from '../../schema/states.ts';
import { cachedStatement } from '../db/statement-cache.ts';
import type { Services } from '../services.ts';

export type TimelineEntry = {
  submissionId: string;
  at: number;
  actorId: string | null;
  actorRole: Role | null;
  type: TimelineEventType;
  fromStatus?: SubmissionStatus | null;
  toStatus?: SubmissionStatus | null;
  reason?: string | null;
  data?: Record<string, unknown> | null;
};

/**
 * Appends to a submission's timeline; call inside the transaction that made the change. Prepared
 * once: it runs on every submission and once per member when a cluster's adoption is echoed.
 */
export function appendEvent(s: Services, e: TimelineEntry): void {
  cachedStatement(
    s.sqlite,
    `insert into timeline_events (submission_id, at, actor_id, actor_role, type, from_status, to_status, reason, data)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.submissionId,
    e.at,
    e.actorId,
    e.actorRole,
    e.type,
    e.fromStatus ?? null,
    e.toStatus ?? null,
    e.reason ?? null,
    e.data ? JSON.stringify(e.data) : null,
  );
}

import { cachedStatement } from '../db/statement-cache.ts';
import type { Services } from '../services.ts';
import type { TimelineEntry } from '../store/timeline.ts';

export type { TimelineEntry } from '../store/timeline.ts';

/**
 * @deprecated Transitional, for code not yet moved to the store: call `tx.timeline.append(e)`
 * inside `s.store.write()` instead.
 */
export function appendEventLegacy(s: Services, e: TimelineEntry): void {
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

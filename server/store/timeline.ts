// The timeline: every state change of a submission, append-only (it is also the audit trail).
import type { Queryable } from './engine/db.ts';
import { sql } from './engine/sql.ts';
import type { Rows } from './rows.ts';

type Event = Rows['timelineEvents'];
export type TimelineEntry = Omit<Event, 'id' | 'fromStatus' | 'toStatus' | 'reason' | 'data'> & {
  fromStatus?: Event['fromStatus'];
  toStatus?: Event['toStatus'];
  reason?: string | null;
  data?: Record<string, unknown> | null;
};
export type TimelineRow = Event & { actorName: string | null };

const append = sql(
  `insert into timeline_events (submission_id, at, actor_id, actor_role, type, from_status, to_status, reason, data)
   values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const of = sql<TimelineRow>(
  `select e.id, e.submission_id as "submissionId", e.at, e.type, e.from_status as "fromStatus",
     e.to_status as "toStatus", e.reason, e.actor_id as "actorId", e.actor_role as "actorRole",
     u.display_name as "actorName", e.data
   from timeline_events e left join users u on u.id = e.actor_id
   where e.submission_id = ? order by e.id`,
);

export class TimelineStore {
  constructor(private readonly q: Queryable) {}

  /** Appends an event; call inside the transaction that made the change. */
  append(e: TimelineEntry) {
    return this.q.run(
      append,
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

  of(submissionId: string) {
    return this.q.all(of, submissionId);
  }
}

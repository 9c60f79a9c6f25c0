// Handling: the matter each published message became (unit, state, due date), the chain of
// units it passed through, and the replies.
import type { Queryable } from './engine/db.ts';
import { sql } from './engine/sql.ts';
import type { Rows } from './rows.ts';

type Handling = Rows['handlings'];
type Assignment = Rows['handlingAssignments'];

const unitOf = sql<Pick<Handling, 'unitId'>>(
  'select unit_id as "unitId" from handlings where submission_id = ?',
);
const unitsOf = sql<Pick<Handling, 'submissionId' | 'unitId'>>(
  (d) => `select submission_id as "submissionId", unit_id as "unitId" from handlings
   where submission_id in ${d.list('text')}`,
);
const insertHandling = sql(
  `insert into handlings (submission_id, campaign_id, state, unit_id, urgency, round, routed_at,
     due_at, updated_at)
   values (@submissionId, @campaignId, @state, @unitId, @urgency, 1, @routedAt, @dueAt, @updatedAt)`,
);
const insertAssignment = sql(
  `insert into handling_assignments (submission_id, unit_id, from_unit_id, how, reason, actor_id,
     at, round)
   values (@submissionId, @unitId, @fromUnitId, @how, @reason, @actorId, @at, @round)`,
);

export class HandlingStore {
  constructor(private readonly q: Queryable) {}

  /** The unit holding a submission now (null in triage, undefined when it has no handling). */
  unitOf(submissionId: string) {
    return this.q.value(unitOf, submissionId);
  }

  /** The units holding these submissions, by submission. */
  async unitsOf(submissionIds: string[]): Promise<Map<string, string | null>> {
    if (submissionIds.length === 0) return new Map();
    const rows = await this.q.all(unitsOf, submissionIds);
    return new Map(rows.map((r) => [r.submissionId, r.unitId]));
  }

  /** The first handling of a newly published message (routed, or unrouted in triage). */
  start(
    h: Pick<
      Handling,
      | 'submissionId'
      | 'campaignId'
      | 'state'
      | 'unitId'
      | 'urgency'
      | 'routedAt'
      | 'dueAt'
      | 'updatedAt'
    >,
  ) {
    return this.q.run(insertHandling, h);
  }

  /** Appends a link to the chain of units a submission passed through. */
  recordAssignment(a: Omit<Assignment, 'id'>) {
    return this.q.run(insertAssignment, a);
  }
}

// Trust: reports (举报), content holds, support bursts and their network origins.
import type { HoldState, ReportTarget } from '../../schema/states.ts';
import type { Queryable } from './engine/db.ts';
import { sql } from './engine/sql.ts';
import type { Rows } from './rows.ts';

type Hold = Rows['contentHolds'];

const holds = sql<Pick<Hold, 'targetId' | 'state'>>(
  (d) => `select target_id as "targetId", state from content_holds
   where target_kind = ? and target_id in ${d.list('text')}`,
);

const addSupportOrigin = sql(
  `insert into support_origins (submission_id, user_id, ip, network, created_at, discounted)
   values (@submissionId, @userId, @ip, @network, @createdAt, 0) on conflict do nothing`,
);
const recentSupportsFrom = sql<{ n: number; firstAt: number | null }>(
  `select count(*) as n, min(created_at) as "firstAt" from support_origins
   where submission_id = ? and network = ? and created_at > ? and discounted = 0`,
);
const flagSupportBurst = sql(
  `insert into support_flags (submission_id, network, state, first_at, last_at)
   values (?, ?, 'open', ?, ?)
   on conflict (submission_id, network) do update set last_at = excluded.last_at, state = 'open',
     resolved_by = null, resolved_at = null`,
);

export class TrustStore {
  constructor(private readonly q: Queryable) {}

  /** The holds on these texts (absent when a text is shown), in one statement. */
  async holds(kind: ReportTarget, ids: string[]): Promise<Map<string, HoldState>> {
    if (ids.length === 0) return new Map();
    const rows = await this.q.all(holds, kind, ids);
    return new Map(rows.map((r) => [r.targetId, r.state]));
  }

  /** Where a support came from (its address and network), for burst detection. */
  addSupportOrigin(
    o: Pick<Rows['supportOrigins'], 'submissionId' | 'userId' | 'ip' | 'network' | 'createdAt'>,
  ) {
    return this.q.run(addSupportOrigin, o);
  }

  /** Supports for one submission from one network since a moment, and the first of them. */
  async recentSupportsFrom(submissionId: string, network: string, since: number) {
    return (await this.q.get(recentSupportsFrom, submissionId, network, since))!;
  }

  /** Raises (or raises again) a burst flag for reviewers. */
  flagSupportBurst(submissionId: string, network: string, firstAt: number, now: number) {
    return this.q.run(flagSupportBurst, submissionId, network, firstAt, now);
  }
}

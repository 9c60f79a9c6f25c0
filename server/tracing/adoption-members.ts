// Who stands behind a link: every published submission of the cluster (or the one submission)
// and everyone who sent the same text (form-letter groups), so each author hears the echo.
import type { AdoptionTargetKind } from '../../schema/states.ts';
import type { Services } from '../services.ts';
import { publicStatusSql } from '../submissions/submission-row.ts';

export function targetMembers(s: Services, kind: AdoptionTargetKind, id: string): string[] {
  const direct =
    kind === 'cluster'
      ? `select s.id from cluster_members m join submissions s on s.id = m.submission_id
           where m.cluster_id = ? and s.status in (${publicStatusSql})`
      : `select id from submissions where id = ? and status in (${publicStatusSql})`;
  return s.sqlite
    .prepare(
      `with direct(id) as (${direct})
       select id from direct
       union
       select s.id from direct d
         join text_signatures t on t.submission_id = d.id and t.group_id is not null
         join text_signatures g on g.group_id = t.group_id
         join submissions s on s.id = g.submission_id and s.status in (${publicStatusSql})`,
    )
    .pluck()
    .all(id) as string[];
}

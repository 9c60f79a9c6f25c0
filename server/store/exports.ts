// Open-data exports: the rows of each dataset, streamed in batches with flat memory on a reader of
// their own (SQLite: a read-only connection; PostgreSQL: a cursor), in one consistent snapshot.
// Never inside a write: a download lasts as long as the client takes to read it.
import type { Db } from './engine/db.ts';
import { sql } from './engine/sql.ts';
import { publicStatusList, publicText, shownSql } from './fragments.ts';
import type { Rows } from './rows.ts';

type Submission = Rows['submissions'];

/** Rows per batch read from the cursor. */
const batch = 1000;

export type ExportSubmission = Pick<
  Submission,
  | 'ref'
  | 'kind'
  | 'title'
  | 'body'
  | 'regionCode'
  | 'topic'
  | 'status'
  | 'supportCount'
  | 'createdAt'
  | 'publishedAt'
> & { clusterId: string | null };
// Title and body are the public (masked) text, empty while withheld after reports.
const submissions = sql<ExportSubmission>(
  `select s.ref, s.kind,
     case when ${shownSql('submission', 's.id')} then ${publicText('s', 'title')} else '' end as title,
     case when ${shownSql('submission', 's.id')} then ${publicText('s', 'body')} else '' end as body,
     s.region_code as "regionCode", s.topic, s.status, s.support_count as "supportCount",
     s.created_at as "createdAt", s.published_at as "publishedAt",
     (select m.cluster_id from cluster_members m where m.submission_id = s.id) as "clusterId"
   from submissions s
   where s.campaign_id = ? and s.status in ${publicStatusList} and s.created_at >= ? and s.created_at < ?
   order by s.created_at, s.id`,
);

export type ExportReply = {
  kind: 'unit' | 'collective';
  submissionRef: string | null;
  title: string | null;
  covers: number;
  unitId: string | null;
  /** The stored text (masked as it is read); empty while withheld after reports. */
  body: string;
  round: number;
  approvedAt: number;
  /** 1 when approved by the due date in force when sent; null for collective replies. */
  onTime: number | null;
  replyId: string;
};
const replies = sql<ExportReply>(
  `select 'unit' as kind, sub.ref as "submissionRef", null as title, 1 as covers,
     r.unit_id as "unitId", case when ${shownSql('reply', 'r.id')} then r.body else '' end as body,
     r.round, r.reviewed_at as "approvedAt",
     case when r.due_at is null or r.reviewed_at <= r.due_at then 1 else 0 end as "onTime",
     r.id as "replyId"
   from replies r join submissions sub on sub.id = r.submission_id
   where r.state = 'approved' and sub.campaign_id = @campaign and r.reviewed_at >= @from
     and r.reviewed_at < @to
   union all
   select 'collective', null, c.title,
     (select count(*) from collective_reply_members m where m.collective_id = c.id), c.org_id,
     case when ${shownSql('reply', 'r.id')} then r.body else '' end, 1, c.published_at, null, r.id
   from collective_replies c join replies r on r.collective_id = c.id
   where c.campaign_id = @campaign and c.published_at >= @from and c.published_at < @to
   order by "approvedAt", "replyId"`,
);

export type ExportCluster = Pick<Rows['clusters'], 'id' | 'title' | 'phrases'> & {
  people: number;
  supports: number;
};
const clusters = sql<ExportCluster>(
  `select c.id, c.title, c.phrases, count(s.id) as people,
     coalesce(sum(s.support_count), 0) as supports
   from clusters c join cluster_members m on m.cluster_id = c.id
   join submissions s on s.id = m.submission_id and s.status in ${publicStatusList}
   where c.campaign_id = ? and c.merged_into is null and s.created_at >= ? and s.created_at < ?
   group by c.id order by count(s.id) desc, c.id`,
);

type Adoption = Rows['adoptions'];
export type ExportAdoption = Pick<
  Adoption,
  'id' | 'quotedSpan' | 'status' | 'targetKind' | 'targetId' | 'confirmedAt' | 'withdrawnAt'
> & {
  document: string;
  issuer: string;
  clauseAnchor: string;
  clauseText: string;
  submissions: number;
};
const adoptions = sql<ExportAdoption>(
  `select a.id, d.title as document, d.issuer, c.anchor as "clauseAnchor", c.text as "clauseText",
     a.quoted_span as "quotedSpan", a.status, a.target_kind as "targetKind",
     a.target_id as "targetId",
     (select count(*) from adoption_members m where m.adoption_id = a.id) as submissions,
     a.confirmed_at as "confirmedAt", a.withdrawn_at as "withdrawnAt"
   from adoptions a join policy_documents d on d.id = a.document_id
   join policy_clauses c on c.id = a.clause_id
   where a.campaign_id = ? and a.confirmed_at >= ? and a.confirmed_at < ?
   order by a.confirmed_at, a.id`,
);

/** A campaign's rows over [from, to) (epoch ms). */
export type ExportRange = { campaignId: string; from: number; to: number };

/** Large reads streamed with flat memory (open-data exports): on the database, never in a write. */
export class ExportsStore {
  constructor(private readonly db: Db) {}

  /** Published submissions received in the range, in the order received. */
  submissions(r: ExportRange): AsyncIterable<ExportSubmission[]> {
    return this.db.stream(submissions, [r.campaignId, r.from, r.to], batch);
  }

  /** Approved unit replies and collective replies that went public in the range, in that order. */
  replies(r: ExportRange): AsyncIterable<ExportReply[]> {
    return this.db.stream(replies, [{ campaign: r.campaignId, from: r.from, to: r.to }], batch);
  }

  /** Clusters with their published submissions received in the range, largest first. */
  clusters(r: ExportRange): AsyncIterable<ExportCluster[]> {
    return this.db.stream(clusters, [r.campaignId, r.from, r.to], batch);
  }

  /** Adoptions confirmed in the range, in that order. */
  adoptions(r: ExportRange): AsyncIterable<ExportAdoption[]> {
    return this.db.stream(adoptions, [r.campaignId, r.from, r.to], batch);
  }
}

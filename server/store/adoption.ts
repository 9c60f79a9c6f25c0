// Adoption tracing: policy documents and their clauses, the candidates matching proposes, the
// confirmed links (adoptions) with their members, audit events and milestones, and the stories
// told about them. Views read pages of them in a fixed number of statements (lists take arrays).
import type { ClauseKind } from '../adoption/clauses.ts';
import type { AdoptionTargetKind, CandidateState } from '../../schema/states.ts';
import type { Queryable } from './engine/db.ts';
import { sql, type Param, type Sql } from './engine/sql.ts';
import { publicStatusList, publicText, rowsById, shownSql } from './fragments.ts';
import type { Rows } from './rows.ts';

type Doc = Rows['policyDocuments'];
type Clause = Rows['policyClauses'];
type Candidate = Rows['adoptionCandidates'];
type Adoption = Rows['adoptions'];
type Milestone = Rows['adoptionMilestones'];
type Story = Rows['adoptionStories'];
type Cluster = Rows['clusters'];
type Submission = Rows['submissions'];

// ---------------------------------------------------------------------------------------------
// Documents

/** A document as lists show it, with its clause, adoption and proposal counts. */
export type DocumentRow = Pick<
  Doc,
  'id' | 'title' | 'issuer' | 'issuedOn' | 'sourceUrl' | 'revision' | 'updatedAt'
> & { clauses: number; adoptions: number; proposed: number };
export type DocumentCard = Pick<Doc, 'id' | 'title' | 'issuer' | 'issuedOn' | 'sourceUrl'>;
export type NewDocument = Pick<
  Doc,
  'id' | 'title' | 'issuer' | 'issuedOn' | 'sourceUrl' | 'text' | 'createdBy' | 'createdAt'
>;
/** The fields of a document an editor may change (absent: unchanged). */
export type DocumentChange = Partial<Pick<Doc, 'title' | 'issuer' | 'issuedOn' | 'sourceUrl'>>;

const documentColumns = `d.id, d.title, d.issuer, d.issued_on as "issuedOn", d.source_url as "sourceUrl",
  d.revision, d.updated_at as "updatedAt",
  (select count(*) from policy_clauses c where c.document_id = d.id and c.retired_at is null) as clauses,
  (select count(*) from adoptions a where a.document_id = d.id and a.withdrawn_at is null) as adoptions,
  (select count(*) from adoption_candidates k where k.document_id = d.id and k.state = 'proposed') as proposed`;
const documentOrder = 'order by d.issued_on desc, d.id desc';

const allDocuments = sql<DocumentRow>(
  `select ${documentColumns} from policy_documents d ${documentOrder}`,
);
const campaignDocuments = sql<DocumentRow>(
  `select ${documentColumns} from policy_documents d
   where d.id in (select document_id from policy_document_campaigns where campaign_id = ?)
   ${documentOrder}`,
);
const documentRow = sql<DocumentRow>(
  `select ${documentColumns} from policy_documents d where d.id = ?`,
);
const documentHead = sql<Pick<Doc, 'id' | 'title' | 'issuedOn' | 'revision'>>(
  'select id, title, issued_on as "issuedOn", revision from policy_documents where id = ?',
);
const documentCards = sql<DocumentCard>(
  (d) => `select id, title, issuer, issued_on as "issuedOn", source_url as "sourceUrl"
   from policy_documents where id in ${d.list('text')}`,
);
const documentCampaignIds = sql<{ campaignId: string }>(
  `select campaign_id as "campaignId" from policy_document_campaigns where document_id = ?
   order by campaign_id`,
);
const campaignsOfDocuments = sql<{ documentId: string; campaignId: string }>(
  (d) => `select document_id as "documentId", campaign_id as "campaignId"
   from policy_document_campaigns where document_id in ${d.list('text')}
   order by document_id, campaign_id`,
);
const documentsOfCampaign = sql<{ documentId: string }>(
  `select document_id as "documentId" from policy_document_campaigns where campaign_id = ?
   order by document_id`,
);
const feedsCampaign = sql<{ one: number }>(
  'select 1 as one from policy_document_campaigns where campaign_id = ? limit 1',
);
const insertDocument = sql(
  `insert into policy_documents (id, title, issuer, issued_on, source_url, text, created_by,
     created_at, updated_at)
   values (@id, @title, @issuer, @issuedOn, @sourceUrl, @text, @createdBy, @createdAt, @createdAt)`,
);
const linkCampaigns = sql(
  (d) => `insert into policy_document_campaigns (document_id, campaign_id)
   select cast(? as text), value from ${d.jsonElements('?')}`,
);
const unlinkCampaigns = sql('delete from policy_document_campaigns where document_id = ?');
const reimportText = sql(
  'update policy_documents set text = ?, revision = revision + 1 where id = ?',
);
/** Column of each changeable field (a closed list: never input). */
const documentFields: Record<keyof DocumentChange, string> = {
  title: 'title',
  issuer: 'issuer',
  issuedOn: 'issued_on',
  sourceUrl: 'source_url',
};

// ---------------------------------------------------------------------------------------------
// Clauses

export type ClauseRow = Omit<Clause, 'kind'> & { kind: ClauseKind };
export type NewClause = Omit<ClauseRow, 'retiredAt'>;

const clauseColumns = `id, document_id as "documentId", anchor, path, kind, text, hash, position,
  parent_anchor as "parentAnchor", leaf, retired_at as "retiredAt"`;
const activeClauses = sql<ClauseRow>(
  `select ${clauseColumns} from policy_clauses where document_id = ? and retired_at is null
   order by position, id`,
);
const clauseById = sql<ClauseRow>(`select ${clauseColumns} from policy_clauses where id = ?`);
const clausesByIds = sql<ClauseRow>(
  (d) => `select ${clauseColumns} from policy_clauses where id in ${d.list('text')}`,
);
const clauseInsertHead =
  'insert into policy_clauses (id, document_id, anchor, path, kind, text, hash, position, parent_anchor, leaf)';
const retireClauses = sql(
  (d) => `update policy_clauses set retired_at = ? where id in ${d.list('text')}`,
);
const updateClause = sql(
  `update policy_clauses set anchor = @anchor, path = @path, kind = @kind, text = @text,
     hash = @hash, position = @position, parent_anchor = @parentAnchor, leaf = @leaf
   where id = @id`,
);
// Proposals on words the document no longer has are void; confirmed links stay.
const dropProposalsOnRetired = sql(
  `delete from adoption_candidates where state = 'proposed' and clause_id in
     (select id from policy_clauses where document_id = ? and retired_at is not null)`,
);

// ---------------------------------------------------------------------------------------------
// Candidates

export type CandidateHead = Pick<
  Candidate,
  'id' | 'documentId' | 'clauseId' | 'campaignId' | 'targetKind' | 'targetId' | 'state'
>;
export type CandidateRow = Pick<
  Candidate,
  'id' | 'clauseId' | 'campaignId' | 'targetKind' | 'targetId' | 'score' | 'state' | 'phrases'
>;
export type NewCandidate = Pick<
  Candidate,
  'documentId' | 'clauseId' | 'campaignId' | 'targetKind' | 'targetId' | 'score' | 'phrases'
>;

const candidateHead = sql<CandidateHead>(
  `select id, document_id as "documentId", clause_id as "clauseId", campaign_id as "campaignId",
     target_kind as "targetKind", target_id as "targetId", state
   from adoption_candidates where id = ?`,
);
const candidateWhere = (list: string) => `document_id = ? and state = ? and campaign_id in ${list}`;
const countCandidates = sql<{ n: number }>(
  (d) => `select count(*) as n from adoption_candidates where ${candidateWhere(d.list('text'))}`,
);
const candidatePage = sql<CandidateRow>(
  (d) => `select id, clause_id as "clauseId", campaign_id as "campaignId",
     target_kind as "targetKind", target_id as "targetId", score, state, phrases
   from adoption_candidates where ${candidateWhere(d.list('text'))}
   order by score desc, id limit ? offset ?`,
);
const confirmCandidate = sql(
  `update adoption_candidates set state = 'confirmed', decided_by = ?, decided_at = ?
   where id = ? and state = 'proposed'`,
);
const settlePair = sql(
  `update adoption_candidates set state = 'confirmed', decided_by = ?, decided_at = ?
   where clause_id = ? and target_kind = ? and target_id = ? and state = 'proposed'`,
);
const rejectCandidate = sql(
  `update adoption_candidates set state = 'rejected', decided_by = ?, decided_at = ?
   where id = ? and state = 'proposed'`,
);
const rejectPairOf = sql(
  `update adoption_candidates set state = 'rejected', decided_by = ?, decided_at = ?
   where exists (select 1 from adoptions a where a.id = ? and a.clause_id = adoption_candidates.clause_id
     and a.target_kind = adoption_candidates.target_kind and a.target_id = adoption_candidates.target_id)`,
);
const deleteProposed = sql(
  `delete from adoption_candidates where document_id = ? and campaign_id = ? and state = 'proposed'`,
);
const candidateInsertHead =
  'insert into adoption_candidates (document_id, clause_id, campaign_id, target_kind, target_id, score, phrases, state, computed_at)';
const candidateInsertTail = ' on conflict (clause_id, target_kind, target_id) do nothing';

// ---------------------------------------------------------------------------------------------
// Adoptions, their members and audit events

export type AdoptionHead = Pick<
  Adoption,
  | 'id'
  | 'campaignId'
  | 'documentId'
  | 'clauseId'
  | 'targetKind'
  | 'targetId'
  | 'status'
  | 'quotedSpan'
  | 'withdrawnAt'
>;
/** An adoption as views show it, with the number of submissions it holds. */
export type AdoptionRow = Pick<
  Adoption,
  | 'id'
  | 'campaignId'
  | 'documentId'
  | 'clauseId'
  | 'targetKind'
  | 'targetId'
  | 'status'
  | 'quotedSpan'
  | 'note'
  | 'evidenceUrl'
  | 'confirmedAt'
  | 'updatedAt'
> & { people: number };
export type NewAdoption = Pick<
  Adoption,
  | 'id'
  | 'campaignId'
  | 'documentId'
  | 'clauseId'
  | 'targetKind'
  | 'targetId'
  | 'status'
  | 'quotedSpan'
  | 'note'
  | 'evidenceUrl'
  | 'candidateId'
  | 'createdBy'
  | 'confirmedAt'
>;
/** What an editor may change on an adoption (absent: unchanged). */
export type AdoptionChange = Partial<
  Pick<Adoption, 'status' | 'quotedSpan' | 'note' | 'evidenceUrl'>
>;
export type AdoptionEventRow = { at: number; actor: string; type: string; data: string | null };

const adoptionHead = sql<AdoptionHead>(
  `select id, campaign_id as "campaignId", document_id as "documentId", clause_id as "clauseId",
     target_kind as "targetKind", target_id as "targetId", status, quoted_span as "quotedSpan",
     withdrawn_at as "withdrawnAt"
   from adoptions where id = ?`,
);
const adoptionColumns = `a.id, a.campaign_id as "campaignId", a.document_id as "documentId",
  a.clause_id as "clauseId", a.target_kind as "targetKind", a.target_id as "targetId", a.status,
  a.quoted_span as "quotedSpan", a.note, a.evidence_url as "evidenceUrl",
  a.confirmed_at as "confirmedAt", a.updated_at as "updatedAt",
  (select count(*) from adoption_members m where m.adoption_id = a.id) as people`;
const standingAdoptions = sql<AdoptionRow>(
  `select ${adoptionColumns} from adoptions a where a.withdrawn_at is null
   order by a.confirmed_at desc, a.id desc`,
);
const standingAdoptionsOf = sql<AdoptionRow>(
  `select ${adoptionColumns} from adoptions a where a.withdrawn_at is null and a.campaign_id = ?
   order by a.confirmed_at desc, a.id desc`,
);
const adoptionsByIds = sql<AdoptionRow>(
  (d) => `select ${adoptionColumns} from adoptions a where a.id in ${d.list('text')}`,
);
const adoptionsOfSubmission = sql<AdoptionRow>(
  `select ${adoptionColumns} from adoption_members am join adoptions a on a.id = am.adoption_id
   where am.submission_id = ? and a.withdrawn_at is null order by a.confirmed_at, a.id`,
);
const standingLink = sql<{ id: string }>(
  `select id from adoptions
   where clause_id = ? and target_kind = ? and target_id = ? and withdrawn_at is null`,
);
const insertAdoption = sql(
  `insert into adoptions (id, campaign_id, document_id, clause_id, target_kind, target_id, status,
     quoted_span, note, evidence_url, candidate_id, created_by, confirmed_at, updated_at)
   values (@id, @campaignId, @documentId, @clauseId, @targetKind, @targetId, @status, @quotedSpan,
     @note, @evidenceUrl, @candidateId, @createdBy, @confirmedAt, @confirmedAt)`,
);
const adoptionFields: Record<keyof AdoptionChange, string> = {
  status: 'status',
  quotedSpan: 'quoted_span',
  note: 'note',
  evidenceUrl: 'evidence_url',
};
const touchAdoption = sql('update adoptions set updated_at = ? where id = ?');
const withdraw = sql(
  'update adoptions set withdrawn_at = ?, updated_at = ? where id = ? and withdrawn_at is null',
);
const memberIds = sql<{ submissionId: string }>(
  `select submission_id as "submissionId" from adoption_members where adoption_id = ?
   order by submission_id`,
);
const addMembers = sql(
  (d) => `insert into adoption_members (adoption_id, submission_id)
   select cast(? as text), value from ${d.jsonElements('?')}`,
);
const removeMembers = sql(
  (d) =>
    `delete from adoption_members where adoption_id = ? and submission_id in ${d.list('text')}`,
);
const addEvent = sql(
  'insert into adoption_events (adoption_id, at, actor_id, type, data) values (?, ?, ?, ?, ?)',
);
const eventsOf = sql<AdoptionEventRow>(
  `select e.at, u.display_name as actor, e.type, e.data from adoption_events e
   join users u on u.id = e.actor_id where e.adoption_id = ? order by e.id`,
);

// ---------------------------------------------------------------------------------------------
// Targets: what a link points at (a topic cluster or one submission) and who stands behind it

/** A merged cluster lives on in the one it was merged into (at most ten hops are followed). */
const liveClusterId = sql<{ id: string }>(
  `with recursive chain(id, next, hops) as (
     select id, merged_into, 0 from clusters where id = ?
     union all
     select c.id, c.merged_into, chain.hops + 1 from clusters c join chain on c.id = chain.next
     where chain.hops < 9)
   select coalesce(next, id) as id from chain order by hops desc limit 1`,
);
const clusterCampaign = sql<Pick<Cluster, 'campaignId'>>(
  'select campaign_id as "campaignId" from clusters where id = ?',
);
const publishedSubmission = sql<Pick<Submission, 'id' | 'campaignId'>>(
  `select id, campaign_id as "campaignId" from submissions
   where (id = ? or ref = ?) and status in ${publicStatusList}`,
);
/** Those of `direct` and everyone who sent the same text (form-letter groups), published only. */
const withFormLetters = (direct: string) => `with direct(id) as (${direct})
   select id from direct
   union
   select s.id from direct d
     join text_signatures t on t.submission_id = d.id and t.group_id is not null
     join text_signatures g on g.group_id = t.group_id
     join submissions s on s.id = g.submission_id and s.status in ${publicStatusList}
   order by id`;
const clusterOffer = sql<{ id: string }>(
  withFormLetters(`select s.id from cluster_members m join submissions s on s.id = m.submission_id
     where m.cluster_id = ? and s.status in ${publicStatusList}`),
);
const submissionOffer = sql<{ id: string }>(
  withFormLetters(`select id from submissions where id = ? and status in ${publicStatusList}`),
);
const lockCluster = sql('update clusters set locked = 1, updated_at = ? where id = ?');

/** A submission as the member dialog lists it (public title, form-letter group, hold). */
export type MemberRow = Pick<Submission, 'id' | 'ref' | 'title' | 'authorId' | 'createdAt'> & {
  groupId: string | null;
  held: number;
};
const memberRows = sql<MemberRow>(
  (d) => `select sub.id, sub.ref, ${publicText('sub', 'title')} as title,
     sub.author_id as "authorId", sub.created_at as "createdAt", t.group_id as "groupId",
     case when ${shownSql('submission', 'sub.id')} then 0 else 1 end as held
   from submissions sub left join text_signatures t on t.submission_id = sub.id
   where sub.id in ${d.list('text')}`,
);
const createdAt = sql<Pick<Submission, 'id' | 'createdAt'>>(
  (d) => `select id, created_at as "createdAt" from submissions where id in ${d.list('text')}`,
);
/** Who to tell about a member: its author, and its reference number and public title. */
export type EchoRow = Pick<Submission, 'id' | 'authorId' | 'ref' | 'title'>;
const echoRows = sql<EchoRow>(
  (d) => `select id, author_id as "authorId", ref, ${publicText('', 'title')} as title
   from submissions where id in ${d.list('text')}`,
);

/** A submission as a link's target: public text, topic, hold, and its published form letters. */
export type SubmissionTargetRow = Pick<Submission, 'id' | 'ref' | 'title' | 'body' | 'topic'> & {
  held: number;
  same: number;
};
const submissionTargets = sql<SubmissionTargetRow>(
  (d) => `select sub.id, sub.ref, ${publicText('sub', 'title')} as title,
     ${publicText('sub', 'body')} as body, sub.topic,
     case when ${shownSql('submission', 'sub.id')} then 0 else 1 end as held,
     (select count(*) from text_signatures g join text_signatures t on t.group_id = g.group_id
        join submissions x on x.id = g.submission_id and x.status in ${publicStatusList}
        where t.submission_id = sub.id and t.group_id is not null) as same
   from submissions sub where sub.id in ${d.list('text')}`,
);

/** A cluster as a link's target: its label, the representative's public text, size and topic. */
export type ClusterTargetRow = Pick<Cluster, 'id' | 'title' | 'phrases'> & {
  repTitle: string | null;
  repBody: string | null;
  size: number;
  topic: string | null;
};
const clusterTargetSql = (representative: string) =>
  sql<ClusterTargetRow>(
    (d) => `select c.id, c.title, c.phrases, ${publicText('r', 'title')} as "repTitle",
       ${publicText('r', 'body')} as "repBody",
       (select count(*) from cluster_members m join submissions x on x.id = m.submission_id
          where m.cluster_id = c.id and x.status in ${publicStatusList}) as size,
       (select x.topic from cluster_members m join submissions x on x.id = m.submission_id
          where m.cluster_id = c.id and x.topic is not null
          group by x.topic order by count(*) desc, x.topic limit 1) as topic
     from clusters c left join submissions r on r.id = (${representative})
     where c.id in ${d.list('text')}`,
  );
// Staff (curators deciding candidates) see the representative as it is; the public a shown one:
// a held representative is not quoted, the most supported member whose text is shown stands in.
const staffClusterTargets = clusterTargetSql('c.representative_id');
const publicClusterTargets = clusterTargetSql(
  `case when ${shownSql('submission', 'c.representative_id')} then c.representative_id else
     (select x.id from cluster_members m join submissions x on x.id = m.submission_id
       where m.cluster_id = c.id and x.status in ${publicStatusList} and ${shownSql('submission', 'x.id')}
       order by x.support_count desc, x.published_at desc nulls last, x.id limit 1) end`,
);

/**
 * A cluster as the public sees it through one adoption: only the members the adoption holds
 * count; the most supported shown one of them stands for it. `found` is 0 when the cluster row is
 * gone.
 */
export type AdoptedClusterRow = Pick<Cluster, 'title' | 'phrases'> & {
  adoptionId: string;
  found: number;
  repTitle: string | null;
  repBody: string | null;
  topic: string | null;
};
const adoptedClusterTargets = sql<AdoptedClusterRow>(
  (d) => `select a.id as "adoptionId", case when c.id is null then 0 else 1 end as found,
     c.title, c.phrases, ${publicText('r', 'title')} as "repTitle",
     ${publicText('r', 'body')} as "repBody",
     (select x.topic from adoption_members m join submissions x on x.id = m.submission_id
        where m.adoption_id = a.id and x.topic is not null
        group by x.topic order by count(*) desc, x.topic limit 1) as topic
   from adoptions a left join clusters c on c.id = a.target_id
   left join submissions r on r.id = (
     select x.id from adoption_members m join submissions x on x.id = m.submission_id
     where m.adoption_id = a.id and x.status in ${publicStatusList} and ${shownSql('submission', 'x.id')}
     order by x.support_count desc, x.published_at desc nulls last, x.id limit 1)
   where a.id in ${d.list('text')}`,
);

// ---------------------------------------------------------------------------------------------
// Milestones

export type MilestoneRow = Pick<
  Milestone,
  'id' | 'adoptionId' | 'title' | 'occurredOn' | 'percent' | 'note'
>;
export type NewMilestone = Omit<Milestone, 'id'>;
const insertMilestone = sql<Pick<Milestone, 'id'>>(
  `insert into adoption_milestones (adoption_id, title, occurred_on, percent, note, created_by,
     created_at)
   values (@adoptionId, @title, @occurredOn, @percent, @note, @createdBy, @createdAt)
   returning id`,
);
const milestonesOf = sql<MilestoneRow>(
  (d) => `select id, adoption_id as "adoptionId", title, occurred_on as "occurredOn", percent, note
   from adoption_milestones where adoption_id in ${d.list('text')} order by occurred_on, id`,
);

// ---------------------------------------------------------------------------------------------
// Stories

export type StoryRow = Pick<
  Story,
  'id' | 'campaignId' | 'title' | 'body' | 'status' | 'publishedAt' | 'updatedAt'
>;
export type NewStory = Pick<
  Story,
  'id' | 'campaignId' | 'title' | 'body' | 'createdBy' | 'createdAt'
>;
/** What an edit changes (absent: unchanged); `published` publishes (true) or takes back (false). */
export type StoryChange = Partial<Pick<Story, 'title' | 'body'>> & { published?: boolean };

const storyColumns = `id, campaign_id as "campaignId", title, body, status,
  published_at as "publishedAt", updated_at as "updatedAt"`;
const storyOrder = 'order by coalesce(published_at, updated_at) desc, id desc';
const story = sql<StoryRow>(`select ${storyColumns} from adoption_stories where id = ?`);
const allStories = sql<StoryRow>(`select ${storyColumns} from adoption_stories ${storyOrder}`);
const campaignStories = sql<StoryRow>(
  `select ${storyColumns} from adoption_stories where campaign_id = ? ${storyOrder}`,
);
const storyLinks = sql<{ storyId: string; adoptionId: string }>(
  (d) => `select story_id as "storyId", adoption_id as "adoptionId" from adoption_story_links
   where story_id in ${d.list('text')} order by story_id, adoption_id`,
);
const standingInCampaign = sql<{ id: string }>(
  (d) => `select id from adoptions
   where id in ${d.list('text')} and campaign_id = ? and withdrawn_at is null`,
);
const insertStory = sql(
  `insert into adoption_stories (id, campaign_id, title, body, status, created_by, created_at,
     updated_at)
   values (@id, @campaignId, @title, @body, 'draft', @createdBy, @createdAt, @createdAt)`,
);
const unlinkStory = sql('delete from adoption_story_links where story_id = ?');
const linkStory = sql(
  (d) => `insert into adoption_story_links (story_id, adoption_id)
   select cast(? as text), value from ${d.jsonElements('?')}`,
);

// ---------------------------------------------------------------------------------------------
// Matching: what the job reads before the worker runs

export type MatchClusterRow = Pick<Cluster, 'id' | 'title' | 'phrases'> & {
  repTitle: string | null;
  repBody: string | null;
};
const matchClusters = sql<MatchClusterRow>(
  `select c.id, c.title, c.phrases, ${publicText('r', 'title')} as "repTitle",
     ${publicText('r', 'body')} as "repBody"
   from clusters c left join submissions r on r.id = c.representative_id
   where c.campaign_id = ? and c.merged_into is null order by c.id`,
);
/** The public titles of each live cluster's most supported published members (twelve at most). */
const matchMemberTitles = sql<{ clusterId: string; title: string }>(
  `select "clusterId", title from (
     select m.cluster_id as "clusterId", ${publicText('s', 'title')} as title,
       row_number() over (partition by m.cluster_id order by s.support_count desc, s.id) as n
     from cluster_members m join clusters c on c.id = m.cluster_id
       join submissions s on s.id = m.submission_id
     where c.campaign_id = ? and c.merged_into is null and s.status in ${publicStatusList}) ranked
   where n <= 12 order by "clusterId", n`,
);
/** Published suggestions no cluster holds, one per form-letter group, most supported first. */
const matchSingles = sql<Pick<Submission, 'id' | 'title' | 'body'>>(
  `select s.id, ${publicText('s', 'title')} as title, ${publicText('s', 'body')} as body
   from submissions s
     left join cluster_members m on m.submission_id = s.id
     left join text_signatures t on t.submission_id = s.id
   where s.campaign_id = ? and s.status in ${publicStatusList} and m.submission_id is null
     and (t.group_id is null or t.group_id = s.id)
   order by s.support_count desc, s.published_at desc nulls last, s.id limit ?`,
);
/** A demo adoption's submission, found by its title. */
const submissionIdByTitle = sql<{ id: string }>(
  'select id from submissions where title = ? order by created_at, id limit 1',
);

// ---------------------------------------------------------------------------------------------
// Multi-row inserts: a document's clauses and a run's candidates go in a few statements, never
// one per row. Rows go in chunks of a fixed size, so the full chunks share one prepared text.

const CHUNK = 200;
const chunkTexts = new Map<string, Sql>();

function valuesInsert(head: string, row: string, rows: number, tail = ''): Sql {
  const key = `${head}|${row}|${rows}|${tail}`;
  let q = chunkTexts.get(key);
  if (!q) {
    q = sql(`${head} values ${Array.from({ length: rows }, () => row).join(', ')}${tail}`);
    if (chunkTexts.size > 200) chunkTexts.clear();
    chunkTexts.set(key, q);
  }
  return q;
}

async function insertChunked<T>(
  q: Queryable,
  rows: readonly T[],
  head: string,
  row: string,
  values: (r: T) => Param[],
  tail = '',
): Promise<number> {
  let changes = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const statement = valuesInsert(head, row, chunk.length, tail);
    changes += (await q.run(statement, ...chunk.flatMap(values))).changes;
  }
  return changes;
}

const column = <R>(rows: R[], key: keyof R) => rows.map((r) => r[key]);

export class AdoptionStore {
  constructor(private readonly q: Queryable) {}

  // Documents

  /** Documents, newest issue first; those feeding one campaign when given. */
  documents(campaignId: string | null) {
    return campaignId === null
      ? this.q.all(allDocuments)
      : this.q.all(campaignDocuments, campaignId);
  }

  document(id: string) {
    return this.q.get(documentRow, id);
  }

  /** A document's title, date and revision (undefined when there is no such document). */
  documentHead(id: string) {
    return this.q.get(documentHead, id);
  }

  /** The documents adoptions cite, by id. */
  documentCards(ids: string[]): Promise<Map<string, DocumentCard>> {
    return rowsById(this.q, documentCards, ids);
  }

  /** The campaigns a document feeds. */
  async documentCampaignIds(documentId: string): Promise<string[]> {
    return column(await this.q.all(documentCampaignIds, documentId), 'campaignId');
  }

  /** The campaigns each of these documents feeds. */
  async campaignsOfDocuments(documentIds: string[]): Promise<Map<string, string[]>> {
    const byDocument = new Map<string, string[]>();
    if (documentIds.length === 0) return byDocument;
    for (const r of await this.q.all(campaignsOfDocuments, documentIds)) {
      const list = byDocument.get(r.documentId);
      if (list) list.push(r.campaignId);
      else byDocument.set(r.documentId, [r.campaignId]);
    }
    return byDocument;
  }

  /** The documents feeding a campaign. */
  async documentsOfCampaign(campaignId: string): Promise<string[]> {
    return column(await this.q.all(documentsOfCampaign, campaignId), 'documentId');
  }

  /** Whether any document feeds the campaign. */
  async feedsCampaign(campaignId: string): Promise<boolean> {
    return (await this.q.get(feedsCampaign, campaignId)) !== undefined;
  }

  insertDocument(d: NewDocument) {
    return this.q.run(insertDocument, d);
  }

  /** Links a document to campaigns (each once). */
  async linkCampaigns(documentId: string, campaignIds: string[]): Promise<void> {
    const unique = [...new Set(campaignIds)];
    if (unique.length) await this.q.run(linkCampaigns, documentId, JSON.stringify(unique));
  }

  unlinkCampaigns(documentId: string) {
    return this.q.run(unlinkCampaigns, documentId);
  }

  /** Changes the given fields and the document's updated_at, in one statement. */
  updateDocument(id: string, change: DocumentChange, now: number) {
    const values: Record<string, Param> = { id, now };
    const set = ['updated_at = @now'];
    for (const key of Object.keys(documentFields) as (keyof DocumentChange)[]) {
      const value = change[key];
      if (value === undefined) continue;
      set.push(`${documentFields[key]} = @${key}`);
      values[key] = value;
    }
    return this.q.run(sql(`update policy_documents set ${set.join(', ')} where id = @id`), values);
  }

  /** The text of a re-import, and the next revision number. */
  reimportText(id: string, text: string) {
    return this.q.run(reimportText, text, id);
  }

  // Clauses

  /** The clauses of the document's current revision, in reading order. */
  activeClauses(documentId: string) {
    return this.q.all(activeClauses, documentId);
  }

  clause(id: string) {
    return this.q.get(clauseById, id);
  }

  clauses(ids: string[]): Promise<Map<string, ClauseRow>> {
    return rowsById(this.q, clausesByIds, ids);
  }

  async insertClauses(rows: NewClause[]): Promise<void> {
    await insertChunked(this.q, rows, clauseInsertHead, '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', (c) => [
      c.id,
      c.documentId,
      c.anchor,
      c.path,
      c.kind,
      c.text,
      c.hash,
      c.position,
      c.parentAnchor,
      c.leaf,
    ]);
  }

  async retireClauses(ids: string[], now: number): Promise<void> {
    if (ids.length) await this.q.run(retireClauses, now, ids);
  }

  updateClause(c: Omit<NewClause, 'documentId'>) {
    return this.q.run(updateClause, c);
  }

  dropProposalsOnRetired(documentId: string) {
    return this.q.run(dropProposalsOnRetired, documentId);
  }

  // Candidates

  candidate(id: number) {
    return this.q.get(candidateHead, id);
  }

  /** A page of a document's candidates in the given campaigns, best first, and their total. */
  async candidatePage(
    documentId: string,
    state: CandidateState,
    campaignIds: string[],
    limit: number,
    offset: number,
  ): Promise<{ rows: CandidateRow[]; total: number }> {
    const total = await this.q.value(countCandidates, documentId, state, campaignIds);
    const rows = await this.q.all(candidatePage, documentId, state, campaignIds, limit, offset);
    return { rows, total: total ?? 0 };
  }

  /** Confirms a proposed candidate; false when it was decided meanwhile. */
  async confirmCandidate(id: number, userId: string, now: number): Promise<boolean> {
    return (await this.q.run(confirmCandidate, userId, now, id)).changes === 1;
  }

  /** A hand-made link settles the matching's proposal for the same pair, if any. */
  settlePair(
    clauseId: string,
    kind: AdoptionTargetKind,
    targetId: string,
    userId: string,
    now: number,
  ) {
    return this.q.run(settlePair, userId, now, clauseId, kind, targetId);
  }

  /** Rejects a proposed candidate; false when it was decided meanwhile. */
  async rejectCandidate(id: number, userId: string, now: number): Promise<boolean> {
    return (await this.q.run(rejectCandidate, userId, now, id)).changes === 1;
  }

  /** Remembers an adoption's pair as rejected, so matching never proposes it again. */
  rejectPairOf(adoptionId: string, userId: string, now: number) {
    return this.q.run(rejectPairOf, userId, now, adoptionId);
  }

  deleteProposed(documentId: string, campaignId: string) {
    return this.q.run(deleteProposed, documentId, campaignId);
  }

  /** Proposes candidates (a pair already decided stays as it is); returns how many were new. */
  insertCandidates(rows: NewCandidate[], now: number): Promise<number> {
    return insertChunked(
      this.q,
      rows,
      candidateInsertHead,
      "(?, ?, ?, ?, ?, ?, ?, 'proposed', ?)",
      (c) => [
        c.documentId,
        c.clauseId,
        c.campaignId,
        c.targetKind,
        c.targetId,
        c.score,
        c.phrases,
        now,
      ],
      candidateInsertTail,
    );
  }

  // Adoptions

  adoptionHead(id: string) {
    return this.q.get(adoptionHead, id);
  }

  /** Standing adoptions, newest first; one campaign's or all. */
  standingAdoptions(campaignId: string | null) {
    return campaignId === null
      ? this.q.all(standingAdoptions)
      : this.q.all(standingAdoptionsOf, campaignId);
  }

  /** Adoptions by id, in the order asked (missing ones left out). */
  async adoptions(ids: string[]): Promise<AdoptionRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.q.all(adoptionsByIds, [...new Set(ids)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
  }

  /** The standing adoptions a submission is a member of. */
  adoptionsOfSubmission(submissionId: string) {
    return this.q.all(adoptionsOfSubmission, submissionId);
  }

  /** The standing link of a clause and a target, if any. */
  async standingLink(clauseId: string, kind: AdoptionTargetKind, targetId: string) {
    return (await this.q.get(standingLink, clauseId, kind, targetId))?.id;
  }

  insertAdoption(a: NewAdoption) {
    return this.q.run(insertAdoption, a);
  }

  /** Changes the given fields and updated_at in one statement (nothing when nothing is given). */
  async updateAdoption(id: string, change: AdoptionChange, now: number): Promise<void> {
    const values: Record<string, Param> = { id, now };
    const set: string[] = [];
    for (const key of Object.keys(adoptionFields) as (keyof AdoptionChange)[]) {
      const value = change[key];
      if (value === undefined) continue;
      set.push(`${adoptionFields[key]} = @${key}`);
      values[key] = value;
    }
    if (!set.length) return;
    set.push('updated_at = @now');
    await this.q.run(sql(`update adoptions set ${set.join(', ')} where id = @id`), values);
  }

  touchAdoption(id: string, now: number) {
    return this.q.run(touchAdoption, now, id);
  }

  /** Withdraws a standing adoption; false when it was withdrawn already. */
  async withdraw(id: string, now: number): Promise<boolean> {
    return (await this.q.run(withdraw, now, now, id)).changes === 1;
  }

  /** The submissions an adoption holds now, in a stable order. */
  async memberIds(adoptionId: string): Promise<string[]> {
    return column(await this.q.all(memberIds, adoptionId), 'submissionId');
  }

  async addMembers(adoptionId: string, submissionIds: string[]): Promise<void> {
    if (submissionIds.length)
      await this.q.run(addMembers, adoptionId, JSON.stringify([...new Set(submissionIds)]));
  }

  async removeMembers(adoptionId: string, submissionIds: string[]): Promise<void> {
    if (submissionIds.length) await this.q.run(removeMembers, adoptionId, submissionIds);
  }

  /** Appends to an adoption's own audit log. */
  addEvent(adoptionId: string, at: number, actorId: string, type: string, data: unknown) {
    return this.q.run(addEvent, adoptionId, at, actorId, type, JSON.stringify(data));
  }

  events(adoptionId: string) {
    return this.q.all(eventsOf, adoptionId);
  }

  // Targets

  /** The cluster a (possibly merged) cluster lives on in. */
  async liveClusterId(id: string): Promise<string> {
    return (await this.q.value(liveClusterId, id)) ?? id;
  }

  async clusterCampaign(clusterId: string): Promise<string | undefined> {
    return this.q.value(clusterCampaign, clusterId);
  }

  /** A published submission by id or reference number. */
  publishedSubmission(idOrRef: string) {
    return this.q.get(publishedSubmission, idOrRef, idOrRef);
  }

  /** Every published submission a target offers: its own and their form-letter copies. */
  async offeredBy(kind: AdoptionTargetKind, id: string): Promise<string[]> {
    const rows = await this.q.all(kind === 'cluster' ? clusterOffer : submissionOffer, id);
    return column(rows, 'id');
  }

  /** An adopted cluster is an editor's decision: automatic re-runs must not dissolve it. */
  lockCluster(clusterId: string, now: number) {
    return this.q.run(lockCluster, now, clusterId);
  }

  async memberRows(ids: string[]): Promise<MemberRow[]> {
    return ids.length ? this.q.all(memberRows, [...new Set(ids)]) : [];
  }

  /** When each of these submissions was written. */
  async createdAt(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.q.all(createdAt, [...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, r.createdAt]));
  }

  echoRows(ids: string[]): Promise<Map<string, EchoRow>> {
    return rowsById(this.q, echoRows, ids);
  }

  submissionTargets(ids: string[]): Promise<Map<string, SubmissionTargetRow>> {
    return rowsById(this.q, submissionTargets, ids);
  }

  /** Clusters as targets; `staff` readers see the representative even when it is held. */
  clusterTargets(ids: string[], staff: boolean): Promise<Map<string, ClusterTargetRow>> {
    return rowsById(this.q, staff ? staffClusterTargets : publicClusterTargets, ids);
  }

  /** The clusters of these adoptions as the public sees them through each adoption. */
  async adoptedClusterTargets(adoptionIds: string[]): Promise<Map<string, AdoptedClusterRow>> {
    if (adoptionIds.length === 0) return new Map();
    const rows = await this.q.all(adoptedClusterTargets, [...new Set(adoptionIds)]);
    return new Map(rows.map((r) => [r.adoptionId, r]));
  }

  // Milestones

  async addMilestone(m: NewMilestone): Promise<number> {
    return (await this.q.value(insertMilestone, m))!;
  }

  /** The milestones of these adoptions, by adoption, in date order. */
  async milestonesOf(adoptionIds: string[]): Promise<Map<string, MilestoneRow[]>> {
    const byAdoption = new Map<string, MilestoneRow[]>();
    if (adoptionIds.length === 0) return byAdoption;
    for (const m of await this.q.all(milestonesOf, [...new Set(adoptionIds)])) {
      const list = byAdoption.get(m.adoptionId);
      if (list) list.push(m);
      else byAdoption.set(m.adoptionId, [m]);
    }
    return byAdoption;
  }

  // Stories

  story(id: string) {
    return this.q.get(story, id);
  }

  /** Stories newest first (by publication, else last change); one campaign's or all. */
  stories(campaignId: string | null) {
    return campaignId === null ? this.q.all(allStories) : this.q.all(campaignStories, campaignId);
  }

  /** The adoptions each story tells of. */
  async storyLinks(storyIds: string[]): Promise<Map<string, string[]>> {
    const byStory = new Map<string, string[]>();
    if (storyIds.length === 0) return byStory;
    for (const r of await this.q.all(storyLinks, storyIds)) {
      const list = byStory.get(r.storyId);
      if (list) list.push(r.adoptionId);
      else byStory.set(r.storyId, [r.adoptionId]);
    }
    return byStory;
  }

  /** Those of these adoptions that stand in the campaign. */
  async standingInCampaign(ids: string[], campaignId: string): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    return new Set(
      column(await this.q.all(standingInCampaign, [...new Set(ids)], campaignId), 'id'),
    );
  }

  insertStory(st: NewStory) {
    return this.q.run(insertStory, st);
  }

  /** Replaces the adoptions a story tells of. */
  async relinkStory(storyId: string, adoptionIds: string[]): Promise<void> {
    await this.q.run(unlinkStory, storyId);
    const unique = [...new Set(adoptionIds)];
    if (unique.length) await this.q.run(linkStory, storyId, JSON.stringify(unique));
  }

  /** Applies an edit and sets updated_at, in one statement. */
  updateStory(id: string, change: StoryChange, now: number) {
    const values: Record<string, Param> = { id, now };
    const set = ['updated_at = @now'];
    if (change.title !== undefined) {
      set.push('title = @title');
      values.title = change.title;
    }
    if (change.body !== undefined) {
      set.push('body = @body');
      values.body = change.body;
    }
    if (change.published === true)
      set.push("status = 'published'", 'published_at = coalesce(published_at, @now)');
    if (change.published === false) set.push("status = 'draft'");
    return this.q.run(sql(`update adoption_stories set ${set.join(', ')} where id = @id`), values);
  }

  // Matching

  /** What matching reads of a campaign: its live clusters, their members' titles, the singles. */
  async matchingInput(campaignId: string, maxSingles: number) {
    const clusters = await this.q.all(matchClusters, campaignId);
    const titles = await this.q.all(matchMemberTitles, campaignId);
    const singles = await this.q.all(matchSingles, campaignId, maxSingles);
    const titlesOf = new Map<string, string[]>();
    for (const t of titles) {
      const list = titlesOf.get(t.clusterId);
      if (list) list.push(t.title);
      else titlesOf.set(t.clusterId, [t.title]);
    }
    return { clusters, titlesOf, singles };
  }

  /** Demo seeding: a submission by its title. */
  submissionIdByTitle(title: string) {
    return this.q.value(submissionIdByTitle, title);
  }
}

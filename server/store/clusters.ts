// Topic clusters: the full run's results and model, the members each newly published submission
// joins, editors' curation (names, locks, pinned representatives, merges, splits) and its audit
// trail (cluster_events).
import type { Queryable } from './engine/db.ts';
import { sql } from './engine/sql.ts';
import { publicStatusList, publicText, shownSql } from './fragments.ts';
import type { Rows } from './rows.ts';

type Cluster = Rows['clusters'];
type Member = Rows['clusterMembers'];
type ClusterEvent = Rows['clusterEvents'];

/** A live cluster with its figures, as lists and pages show it. */
export type ClusterRow = Pick<
  Cluster,
  'id' | 'campaignId' | 'title' | 'phrases' | 'representativeId' | 'locked'
> & {
  /** Published members (each person counts). */
  people: number;
  /** Distinct texts: a form letter sent by N people is one voice. */
  voices: number;
  supports: number;
  /** Members published since the given moment. */
  lastWeek: number;
};
/** What a full run starts from: the campaign's live clusters and what editors decided. */
export type RunCluster = Pick<
  Cluster,
  'id' | 'title' | 'representativeId' | 'representativePinned' | 'locked'
>;
export type RunMember = Pick<Member, 'submissionId' | 'clusterId' | 'pinned'>;
export type PublicDoc = { id: string; title: string; body: string };
export type ClusterEventEntry = Omit<ClusterEvent, 'id' | 'data'> & {
  data?: Record<string, unknown> | null;
};
export type ClusterEventRow = ClusterEvent & { actorName: string | null };

const stats = `select c.id, c.campaign_id as "campaignId", c.title, c.phrases,
    c.representative_id as "representativeId", c.locked,
    count(s.id) as people,
    count(distinct coalesce(t.group_id, s.id)) as voices,
    coalesce(sum(s.support_count), 0) as supports,
    coalesce(sum(case when s.published_at >= ? then 1 else 0 end), 0) as "lastWeek"
  from clusters c left join cluster_members m on m.cluster_id = c.id
  left join submissions s on s.id = m.submission_id and s.status in ${publicStatusList}
  left join text_signatures t on t.submission_id = s.id
  where c.merged_into is null`;
const rowsOfCampaign = sql<ClusterRow>(`${stats} and c.campaign_id = ? group by c.id`);
const rowsByIds = sql<ClusterRow>((d) => `${stats} and c.id in ${d.list('text')} group by c.id`);

const live = sql<Pick<Cluster, 'id' | 'campaignId'>>(
  'select id, campaign_id as "campaignId" from clusters where id = ? and merged_into is null',
);
const liveMany = sql<Pick<Cluster, 'id' | 'campaignId'>>(
  (d) => `select id, campaign_id as "campaignId" from clusters
   where id in ${d.list('text')} and merged_into is null`,
);
const any = sql<Pick<Cluster, 'id' | 'campaignId' | 'mergedInto'>>(
  'select id, campaign_id as "campaignId", merged_into as "mergedInto" from clusters where id = ?',
);
const memberPage = sql<{ id: string }>(
  `select s.id from cluster_members m join submissions s on s.id = m.submission_id
   where m.cluster_id = ? and s.status in ${publicStatusList}
   order by s.support_count desc, s.published_at desc nulls last, s.id desc limit ? offset ?`,
);
const standIns = sql<{ clusterId: string; standIn: string | null }>(
  (d) => `select c.id as "clusterId",
     (select s.id from cluster_members m join submissions s on s.id = m.submission_id
      where m.cluster_id = c.id and s.status in ${publicStatusList}
        and ${shownSql('submission', 's.id')}
      order by s.support_count desc, s.published_at desc nulls last, s.id desc limit 1) as "standIn"
   from clusters c where c.id in ${d.list('text')}`,
);

const rename = sql('update clusters set title = ?, updated_at = ? where id = ?');
const setLocked = sql('update clusters set locked = ?, updated_at = ? where id = ?');
const pinRepresentative = sql(
  `update clusters set representative_id = ?, representative_pinned = 1, updated_at = ?
   where id = ? and exists (select 1 from cluster_members where cluster_id = ? and submission_id = ?)`,
);
const moveAllMembers = sql(
  (d) => `update cluster_members set cluster_id = ?, pinned = 1, assigned_at = ?
   where cluster_id in ${d.list('text')}`,
);
const markMerged = sql(
  (d) => `update clusters set merged_into = ?, updated_at = ? where id in ${d.list('text')}`,
);
const membersAmong = sql<{ id: string }>(
  (d) => `select submission_id as id from cluster_members
   where cluster_id = ? and submission_id in ${d.list('text')}`,
);
const moveMembers = sql(
  (d) => `update cluster_members set cluster_id = ?, pinned = 1, assigned_at = ?
   where cluster_id = ? and submission_id in ${d.list('text')}`,
);
const insertCurated = sql(
  `insert into clusters (id, campaign_id, phrases, title, representative_id, created_at, updated_at)
   values (@id, @campaignId, @phrases, @title, @representativeId, @createdAt, @updatedAt)`,
);

const appendEvent = sql(
  `insert into cluster_events (cluster_id, campaign_id, at, actor_id, actor_role, type, data)
   values (?, ?, ?, ?, ?, ?, ?)`,
);
const eventsOf = sql<ClusterEventRow>(
  `select e.id, e.cluster_id as "clusterId", e.campaign_id as "campaignId", e.at,
     e.actor_id as "actorId", e.actor_role as "actorRole", u.display_name as "actorName", e.type,
     e.data
   from cluster_events e left join users u on u.id = e.actor_id
   where e.cluster_id = ? or (e.cluster_id is null and e.campaign_id = ?)
   order by e.id`,
);

// The full run and the incremental assignment.
const model = sql<Pick<Rows['clusterModels'], 'model'>>(
  'select model from cluster_models where campaign_id = ?',
);
const saveModel = sql(
  `insert into cluster_models (campaign_id, model, updated_at) values (?, ?, ?)
   on conflict (campaign_id) do update set model = excluded.model, updated_at = excluded.updated_at`,
);
const curationState = sql<{ clusters: number; updatedAt: number | null; pinned: number }>(
  `select (select count(*) from clusters where campaign_id = @c) as clusters,
     (select max(updated_at) from clusters where campaign_id = @c) as "updatedAt",
     (select count(*) from cluster_members m join clusters c on c.id = m.cluster_id
       where c.campaign_id = @c and m.pinned = 1) as pinned`,
);
const docColumns = `id, ${publicText('', 'title')} as title, ${publicText('', 'body')} as body`;
const publicDocs = sql<PublicDoc>(
  `select ${docColumns} from submissions where campaign_id = ? and status in ${publicStatusList}`,
);
const publishedSince = sql<PublicDoc>(
  `select ${docColumns} from submissions
   where campaign_id = ? and status in ${publicStatusList} and published_at >= ?`,
);
const runClusters = sql<RunCluster>(
  `select id, title, representative_id as "representativeId",
     representative_pinned as "representativePinned", locked
   from clusters where campaign_id = ? and merged_into is null`,
);
const runMembers = sql<RunMember>(
  `select m.submission_id as "submissionId", m.cluster_id as "clusterId", m.pinned
   from cluster_members m join clusters c on c.id = m.cluster_id
   where c.campaign_id = ? and c.merged_into is null`,
);
const deleteUnpinned = sql(
  `delete from cluster_members where pinned = 0
   and cluster_id in (select id from clusters where campaign_id = ?)`,
);
const insertFromRun = sql(
  `insert into clusters (id, campaign_id, phrases, representative_id, locked, created_at,
     updated_at)
   values (?, ?, ?, ?, ?, ?, ?)`,
);
const updateFromRun = sql(
  `update clusters set phrases = case when title is null then ? else phrases end,
     representative_id = case when representative_pinned = 1 then representative_id else ? end,
     updated_at = ?
   where id = ?`,
);
const deleteCluster = sql('delete from clusters where id = ?');
// The SELECT carries a WHERE: SQLite needs one to read `on conflict` as the upsert clause.
const addMembers = sql(
  (d) => `insert into cluster_members (submission_id, cluster_id, similarity, pinned, assigned_at)
   select value, cast(? as text), ${d.float('null')}, 0, cast(? as bigint)
   from ${d.jsonElements('?')} where true
   on conflict do nothing`,
);
const addAssigned = sql(
  (d) => `insert into cluster_members (submission_id, cluster_id, similarity, pinned, assigned_at)
   select cast(? as text), c.id, ${d.float('?')}, 0, cast(? as bigint) from clusters c
   where c.id = ? and c.merged_into is null
   on conflict do nothing`,
);

export class ClustersStore {
  constructor(private readonly q: Queryable) {}

  // Views.

  /** A campaign's live clusters with their figures (`lastWeek`: published since `since`). */
  ofCampaign(campaignId: string, since: number) {
    return this.q.all(rowsOfCampaign, since, campaignId);
  }

  /** These live clusters with their figures, in one statement. */
  byIds(ids: string[], since: number): Promise<ClusterRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.q.all(rowsByIds, since, ids);
  }

  /** A cluster not merged away, or undefined. */
  find(id: string) {
    return this.q.get(live, id);
  }

  /** Of these, the clusters not merged away. */
  findMany(ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.q.all(liveMany, ids);
  }

  /** A cluster, merged away or not (its audit trail outlives it). */
  findAny(id: string) {
    return this.q.get(any, id);
  }

  /** A page of a cluster's published members, most supported first. */
  memberPage(clusterId: string, limit: number, offset: number): Promise<string[]> {
    return this.q.column(memberPage, clusterId, limit, offset);
  }

  /**
   * For each cluster, its most supported published member whose text is shown (the stand-in
   * for a representative withheld after reports), in one statement.
   */
  async standIns(clusterIds: string[]): Promise<Map<string, string>> {
    if (clusterIds.length === 0) return new Map();
    const rows = await this.q.all(standIns, clusterIds);
    return new Map(rows.flatMap((r) => (r.standIn ? [[r.clusterId, r.standIn]] : [])));
  }

  // Curation (each inside the write that also appends its event).

  rename(id: string, title: string | null, now: number) {
    return this.q.run(rename, title, now, id);
  }

  setLocked(id: string, locked: boolean, now: number) {
    return this.q.run(setLocked, locked ? 1 : 0, now, id);
  }

  /** Pins the representative; false when it is not a member of the cluster. */
  async pinRepresentative(id: string, submissionId: string, now: number): Promise<boolean> {
    return (
      (await this.q.run(pinRepresentative, submissionId, now, id, id, submissionId)).changes === 1
    );
  }

  /** Moves every member of `from` into `into`, pinned there, and marks `from` merged into it. */
  async merge(into: string, from: string[], now: number): Promise<void> {
    if (from.length === 0) return;
    await this.q.run(moveAllMembers, into, now, from);
    await this.q.run(markMerged, into, now, from);
  }

  /** Which of these submissions are members of the cluster. */
  async membersAmong(clusterId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    return new Set(await this.q.column(membersAmong, clusterId, ids));
  }

  /** A cluster an editor made (a split): no phrases of its own until the next run. */
  insertCurated(
    c: Pick<Cluster, 'id' | 'campaignId' | 'title' | 'representativeId' | 'createdAt'>,
  ) {
    return this.q.run(insertCurated, { ...c, phrases: '[]', updatedAt: c.createdAt });
  }

  /** Moves members of `from` into `into`, pinned there; how many moved. */
  async moveMembers(from: string, into: string, ids: string[], now: number): Promise<number> {
    if (ids.length === 0) return 0;
    return (await this.q.run(moveMembers, into, now, from, ids)).changes;
  }

  /** Appends to the clusters' audit trail; call inside the write that made the change. */
  appendEvent(e: ClusterEventEntry) {
    return this.q.run(
      appendEvent,
      e.clusterId,
      e.campaignId,
      e.at,
      e.actorId,
      e.actorRole,
      e.type,
      e.data ? JSON.stringify(e.data) : null,
    );
  }

  /** A cluster's audit trail, with what concerned its whole campaign (re-runs), oldest first. */
  events(clusterId: string, campaignId: string) {
    return this.q.all(eventsOf, clusterId, campaignId);
  }

  // The full run and the incremental assignment.

  /** The campaign's incremental-assignment model (serialized), if a run made one. */
  model(campaignId: string) {
    return this.q.value(model, campaignId);
  }

  saveModel(campaignId: string, serialized: string, now: number) {
    return this.q.run(saveModel, campaignId, serialized, now);
  }

  /** What editors decided about the campaign's clusters, in figures that change with it. */
  async curationState(campaignId: string) {
    return (await this.q.get(curationState, { c: campaignId }))!;
  }

  /** Every public submission's public title and body. */
  publicDocs(campaignId: string) {
    return this.q.all(publicDocs, campaignId);
  }

  /** Public submissions published since `since`. */
  publishedSince(campaignId: string, since: number) {
    return this.q.all(publishedSince, campaignId, since);
  }

  /** The campaign's live clusters as a run starts from them. */
  forRun(campaignId: string) {
    return this.q.all(runClusters, campaignId);
  }

  /** The members of the campaign's live clusters. */
  membersForRun(campaignId: string) {
    return this.q.all(runMembers, campaignId);
  }

  /** Takes every automatic membership of the campaign away (a run replaces them). */
  clearUnpinned(campaignId: string) {
    return this.q.run(deleteUnpinned, campaignId);
  }

  insertFromRun(
    c: Pick<Cluster, 'id' | 'campaignId' | 'phrases' | 'representativeId' | 'createdAt'> & {
      locked: boolean;
    },
  ) {
    return this.q.run(
      insertFromRun,
      c.id,
      c.campaignId,
      c.phrases,
      c.representativeId,
      c.locked ? 1 : 0,
      c.createdAt,
      c.createdAt,
    );
  }

  /** A run's new phrases and representative, where no editor named it or chose one. */
  updateFromRun(id: string, phrases: string, representativeId: string, now: number) {
    return this.q.run(updateFromRun, phrases, representativeId, now, id);
  }

  delete(id: string) {
    return this.q.run(deleteCluster, id);
  }

  /** Adds submissions to a cluster (those in a cluster already stay where they are). */
  addMembers(clusterId: string, submissionIds: string[], now: number) {
    if (submissionIds.length === 0) return Promise.resolve({ changes: 0 });
    return this.q.run(addMembers, clusterId, now, JSON.stringify(submissionIds));
  }

  /**
   * A newly published submission joins the cluster the model chose, unless that cluster was
   * merged or deleted meanwhile, or the submission is in one already; true when it joined.
   */
  async addAssigned(
    submissionId: string,
    clusterId: string,
    similarity: number,
    now: number,
  ): Promise<boolean> {
    return (await this.q.run(addAssigned, submissionId, similarity, now, clusterId)).changes === 1;
  }
}

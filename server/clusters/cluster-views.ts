// The views of topic clusters the routes answer with: a campaign's clusters, one cluster with a
// page of its members. Batch-shaped: whatever the number of clusters or members, a list or a page
// costs a fixed number of statements (a cluster page of 50 members: at most 10).
import type { Actor } from '../auth/actor.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import type { ClusterRow } from '../store/clusters.ts';
import type { SubmissionRow } from '../submissions/submission-row.ts';
import { campaignOr404 } from '../submissions/submission-pages.ts';
import {
  viewSubmissions,
  withholding,
  type SubmissionView,
} from '../submissions/submission-view.ts';
import { publicSubmissionStatuses } from '../../schema/states.ts';

export type { ClusterRow } from '../store/clusters.ts';
export type ClusterSort = 'people' | 'hot' | 'supports';

const week = 7 * 86_400_000;
const membersPerPage = 50;

const isPublic = (row: SubmissionRow) =>
  (publicSubmissionStatuses as readonly string[]).includes(row.status);

/** A campaign's live clusters, or these live clusters, with their figures: one statement. */
export function clusterRows(
  s: Services,
  of: { campaignId: string } | { ids: string[] },
): Promise<ClusterRow[]> {
  const since = s.clock.now() - week;
  return 'campaignId' in of
    ? s.store.clusters.ofCampaign(of.campaignId, since)
    : s.store.clusters.byIds(of.ids, since);
}

/**
 * The representative readers see for each cluster: the chosen one, unless its text is withheld
 * from this reader after reports; then the most supported member whose text is shown stands in
 * for it. `known` holds rows already read (a page's members), so they are not read again.
 */
async function representativesFor(
  s: Services,
  actor: Actor | null,
  clusters: readonly ClusterRow[],
  known: ReadonlyMap<string, SubmissionRow>,
): Promise<Map<string, SubmissionRow>> {
  const wanted = [
    ...new Set(clusters.flatMap((c) => (c.representativeId ? [c.representativeId] : []))),
  ];
  const rows = new Map(known);
  for (const r of await s.store.submissions.findMany(wanted.filter((id) => !rows.has(id))))
    rows.set(r.id, r);
  const chosen = new Map<string, SubmissionRow>();
  for (const c of clusters) {
    const rep = c.representativeId ? rows.get(c.representativeId) : undefined;
    if (rep && isPublic(rep)) chosen.set(c.id, rep);
  }
  const withheld = await withholding(s, actor, [...new Set(chosen.values())]);
  const standInFor = clusters
    .filter((c) => chosen.has(c.id) && withheld.get(chosen.get(c.id)!.id)?.withheld)
    .map((c) => c.id);
  if (standInFor.length === 0) return chosen;
  for (const id of standInFor) chosen.delete(id);
  const standIns = await s.store.clusters.standIns(standInFor);
  const standInRows = new Map(
    (
      await s.store.submissions.findMany(
        [...new Set(standIns.values())].filter((id) => !rows.has(id)),
      )
    ).map((r) => [r.id, r]),
  );
  for (const [clusterId, id] of standIns) {
    const row = rows.get(id) ?? standInRows.get(id);
    if (row) chosen.set(clusterId, row);
  }
  return chosen;
}

function shape(c: ClusterRow, representative: SubmissionView | null) {
  const phrases = JSON.parse(c.phrases) as string[];
  return {
    id: c.id,
    title: c.title ?? phrases.join(' · '),
    phrases,
    renamed: c.title !== null,
    locked: c.locked === 1,
    people: c.people,
    voices: c.voices,
    supports: c.supports,
    lastWeek: c.lastWeek ?? 0,
    representative,
  };
}

export type ClusterView = ReturnType<typeof shape>;

/** Shapes clusters for one reader, their representatives included, in a few statements. */
export async function viewClusters(
  s: Services,
  actor: Actor | null,
  clusters: readonly ClusterRow[],
): Promise<ClusterView[]> {
  const reps = await representativesFor(s, actor, clusters, new Map());
  const repRows = [...new Map([...reps.values()].map((r) => [r.id, r])).values()];
  const views = new Map((await viewSubmissions(s, actor, repRows)).map((v) => [v.id, v] as const));
  return clusters.map((c) => shape(c, views.get(reps.get(c.id)?.id ?? '') ?? null));
}

/** One live cluster as its reader sees it, or a 404. */
export async function clusterView(
  s: Services,
  actor: Actor | null,
  id: string,
): Promise<ClusterView> {
  const [row] = await clusterRows(s, { ids: [id] });
  if (!row) throw new ApiError('not_found', 'No such cluster');
  return (await viewClusters(s, actor, [row]))[0]!;
}

/** A campaign's clusters that have published members, largest, hottest or most supported first. */
export async function campaignClusters(
  s: Services,
  actor: Actor | null,
  slug: string,
  sort: ClusterSort,
): Promise<{ items: ClusterView[] }> {
  const campaign = campaignOr404(s, slug);
  const rows = (await clusterRows(s, { campaignId: campaign.id })).filter((r) => r.people > 0);
  const key = {
    people: (r: ClusterRow) => r.people,
    hot: (r: ClusterRow) => r.lastWeek,
    supports: (r: ClusterRow) => r.supports,
  }[sort];
  rows.sort((a, b) => key(b) - key(a) || b.people - a.people || (a.id < b.id ? -1 : 1));
  return { items: await viewClusters(s, actor, rows) };
}

/** One cluster with a page of its published members, most supported first. */
export async function clusterPage(
  s: Services,
  actor: Actor | null,
  id: string,
  page: number,
): Promise<{ cluster: ClusterView; members: SubmissionView[]; total: number }> {
  const [row] = await clusterRows(s, { ids: [id] });
  if (!row) throw new ApiError('not_found', 'No such cluster');
  const ids = await s.store.clusters.memberPage(id, membersPerPage, (page - 1) * membersPerPage);
  const wanted = row.representativeId ? [...ids, row.representativeId] : ids;
  const [found, weights] = await Promise.all([
    s.store.submissions.findMany([...new Set(wanted)]),
    s.store.submissions.voiceWeights(ids),
  ]);
  const byId = new Map(found.map((r) => [r.id, r]));
  const rep = (await representativesFor(s, actor, [row], byId)).get(row.id);
  const members = ids.flatMap((m) => (byId.has(m) ? [byId.get(m)!] : []));
  const shown = rep && !ids.includes(rep.id) ? [...members, rep] : members;
  const views = new Map(
    (await viewSubmissions(s, actor, shown, { weights })).map((v) => [v.id, v] as const),
  );
  // The representative is shown as one text, without the weight a member's card carries.
  const repView = rep ? { ...views.get(rep.id)!, sameText: 1 } : null;
  return {
    cluster: shape(row, repView),
    members: members.map((m) => views.get(m.id)!),
    total: row.people,
  };
}

// What readers see of adoptions: the public list (suggestion beside clause), the adoptions of
// one submission, one adoption with its audit log, and the targets (clusters, submissions) they
// point at. Only public (masked) text leaves here. Batch-shaped: a list of any length costs the
// same few statements (documents, clauses, milestones, targets), never some per adoption.
import type { AdoptionTargetKind } from '../../schema/states.ts';
import type { Actor } from '../auth/actor.ts';
import { canCurateCampaign } from '../auth/curators.ts';
import type { LocalText } from '../campaigns/definition.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import type { AdoptionRow } from '../store/adoption.ts';
import type { Tx } from '../store/store.ts';
import { citeClause } from './clause-rows.ts';
import { shownText } from './match-job.ts';
import type { MilestoneView } from './milestones.ts';

export type TargetView = {
  kind: AdoptionTargetKind;
  id: string;
  /** A cluster's name, or the submission's public title. */
  title: string;
  /** The representative's (or the submission's) public title and body, as matching spans count. */
  text: string;
  ref: string | null;
  people: number;
  topic: { key: string; title: LocalText } | null;
  /** The submission's text is withheld from the public after reports (title and text empty). */
  withheld: boolean;
};

/** A target to show: seen through an adoption (`adoptionId`, with its `people`), or as it is. */
export type TargetRef = {
  kind: AdoptionTargetKind;
  id: string;
  campaignId: string;
  people?: number | undefined;
  adoptionId?: string | undefined;
};

function topicOf(s: Services, campaignId: string, key: string | null) {
  const topic = s.campaigns.getById(campaignId)?.definition.topics.find((t) => t.key === key);
  return topic ? { key: topic.key, title: topic.title } : null;
}

const clusterLabel = (phrases: string) => (JSON.parse(phrases) as string[]).join(' · ');

/**
 * Targets as they are now, in the order asked; `people` counts published members with their
 * form-letter groups. Text withheld after reports (server/trust) is left out for the public;
 * `staff` readers (the curators deciding candidates) keep seeing it as before. Seen through an
 * adoption, a cluster shows only what the adoption holds: its representative, label (unless an
 * editor named the cluster) and topic come from the chosen members, never from members the clause
 * did not adopt. At most three statements, whatever the number of targets.
 */
export async function viewTargets(
  s: Services,
  q: Tx,
  refs: TargetRef[],
  staff = false,
): Promise<TargetView[]> {
  const submissionIds = refs.filter((r) => r.kind === 'submission').map((r) => r.id);
  const clusterIds = refs.filter((r) => r.kind === 'cluster' && !r.adoptionId).map((r) => r.id);
  const adoptionIds = refs
    .filter((r) => r.kind === 'cluster' && r.adoptionId)
    .map((r) => r.adoptionId!);
  // One after another: `q` may be a transaction (one connection).
  const submissions = await q.adoption.submissionTargets(submissionIds);
  const clusters = await q.adoption.clusterTargets(clusterIds, staff);
  const adopted = await q.adoption.adoptedClusterTargets(adoptionIds);
  return refs.map((ref): TargetView => {
    const base = { kind: ref.kind, id: ref.id, ref: null, withheld: false };
    if (ref.kind === 'submission') {
      const row = submissions.get(ref.id);
      const withheld = row?.held === 1 && !staff;
      return {
        ...base,
        title: !row || withheld ? '' : row.title,
        text: !row || withheld ? '' : shownText(row.title, row.body),
        ref: row?.ref ?? null,
        people: ref.people ?? Math.max(1, row?.same ?? 0),
        topic: topicOf(s, ref.campaignId, row?.topic ?? null),
        withheld,
      };
    }
    if (ref.adoptionId) {
      const c = adopted.get(ref.adoptionId);
      const found = c?.found === 1;
      return {
        ...base,
        title: found ? (c.title ?? c.repTitle ?? clusterLabel(c.phrases)) : '',
        text: found && c.repTitle !== null ? shownText(c.repTitle, c.repBody ?? '') : '',
        people: ref.people ?? 0,
        topic: topicOf(s, ref.campaignId, found ? c.topic : null),
      };
    }
    const c = clusters.get(ref.id);
    return {
      ...base,
      title: c ? (c.title ?? clusterLabel(c.phrases)) : '',
      text: c?.repTitle != null ? shownText(c.repTitle, c.repBody ?? '') : '',
      people: ref.people ?? c?.size ?? 0,
      topic: topicOf(s, ref.campaignId, c?.topic ?? null),
    };
  });
}

/** Adoptions as readers see them, in the order given: five statements at most, whatever N. */
export async function viewAdoptions(s: Services, rows: AdoptionRow[]) {
  const q = s.store;
  const ids = rows.map((a) => a.id);
  const [documents, clauses, milestones, targets] = await Promise.all([
    q.adoption.documentCards(rows.map((a) => a.documentId)),
    q.adoption.clauses(rows.map((a) => a.clauseId)),
    q.adoption.milestonesOf(ids),
    viewTargets(
      s,
      q,
      rows.map((a) => ({
        kind: a.targetKind,
        id: a.targetId,
        campaignId: a.campaignId,
        people: a.people,
        adoptionId: a.id,
      })),
    ),
  ]);
  return rows.map((a, i) => {
    const campaign = s.campaigns.getById(a.campaignId)!;
    const clause = clauses.get(a.clauseId)!;
    const steps: MilestoneView[] = (milestones.get(a.id) ?? []).map((m) => ({
      id: m.id,
      title: m.title,
      occurredOn: m.occurredOn,
      percent: m.percent,
      note: m.note,
    }));
    return {
      id: a.id,
      status: a.status,
      quotedSpan: a.quotedSpan,
      note: a.note,
      evidenceUrl: a.evidenceUrl,
      confirmedAt: a.confirmedAt,
      updatedAt: a.updatedAt,
      campaign: { slug: campaign.slug, title: campaign.definition.title },
      document: documents.get(a.documentId)!,
      clause: { ...citeClause(clause), retired: clause.retiredAt !== null },
      target: targets[i]!,
      milestones: steps,
      progress: steps.reduce((max, m) => Math.max(max, m.percent), 0),
    };
  });
}

export type AdoptionView = Awaited<ReturnType<typeof viewAdoptions>>[number];

/** Standing adoptions, newest first; one campaign's or all. */
export async function listAdoptions(
  s: Services,
  campaignId: string | null,
): Promise<AdoptionView[]> {
  return viewAdoptions(s, await s.store.adoption.standingAdoptions(campaignId));
}

/** Adoptions by id, in the order given (missing ones left out). */
export async function getAdoptions(s: Services, ids: string[]): Promise<AdoptionView[]> {
  return viewAdoptions(s, await s.store.adoption.adoptions(ids));
}

/** One adoption, or not_found. */
export async function getAdoption(s: Services, id: string): Promise<AdoptionView> {
  const [found] = await getAdoptions(s, [id]);
  if (!found) throw new ApiError('not_found', 'No such adoption');
  return found;
}

/** One adoption, with its audit log for the curators of its campaign (null for everyone else). */
export async function adoptionDetail(s: Services, actor: Actor | null, id: string) {
  const adoption = await getAdoption(s, id);
  const campaignId = s.campaigns.get(adoption.campaign.slug)!.id;
  const events = canCurateCampaign(s, actor, campaignId)
    ? (await s.store.adoption.events(id)).map((e) => ({
        ...e,
        data: e.data ? (JSON.parse(e.data) as unknown) : null,
      }))
    : null;
  return { adoption, events };
}

/** The standing adoptions a submission is part of (directly, by its cluster or its form letter). */
export async function adoptionsOfSubmission(
  s: Services,
  submissionId: string,
): Promise<AdoptionView[]> {
  return viewAdoptions(s, await s.store.adoption.adoptionsOfSubmission(submissionId));
}

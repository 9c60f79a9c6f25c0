// What readers see of adoptions: the public list (suggestion beside clause), the adoptions of
// one submission, and the candidates an editor decides on. Only public (masked) text leaves here.
import type { AdoptionStatus, AdoptionTargetKind, CandidateState } from '../../schema/states.ts';
import type { LocalText } from '../campaigns/definition.ts';
import type { Services } from '../services.ts';
import { publicStatusSql, publicText } from '../submissions/submission-row.ts';
import { shownSql } from '../trust/content-holds.ts';
import { clauseById, clauseLabel } from './clause-rows.ts';
import { shownText, type StoredPhrase } from './match-job.ts';
import { milestonesOf } from './milestones.ts';

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

function topicOf(s: Services, campaignId: string, key: string | null) {
  const topic = s.campaigns.getById(campaignId)?.definition.topics.find((t) => t.key === key);
  return topic ? { key: topic.key, title: topic.title } : null;
}

/**
 * A target as it is now; `people` counts published members with their form-letter groups.
 * Text withheld after reports (server/trust) is left out for the public; `staff` readers (the
 * curators deciding candidates) keep seeing it as before. Seen through an adoption, a cluster
 * shows only what the adoption holds: its representative, label (unless an editor named the
 * cluster) and topic come from the chosen members, never from members the clause did not adopt.
 */
export function viewTarget(
  s: Services,
  campaignId: string,
  kind: AdoptionTargetKind,
  id: string,
  options: { people?: number; staff?: boolean; adoptionId?: string } = {},
): TargetView {
  const { people, staff = false, adoptionId } = options;
  if (kind === 'submission') {
    const row = s.sqlite
      .prepare(
        `select ref, ${publicText('', 'title')} as title, ${publicText('', 'body')} as body, topic,
           not ${shownSql('submission', 'sub.id')} as held from submissions sub where sub.id = ?`,
      )
      .get(id) as { ref: string; title: string; body: string; topic: string | null; held: number };
    const withheld = row.held === 1 && !staff;
    const same = s.sqlite
      .prepare(
        `select count(*) from text_signatures g join text_signatures t on t.group_id = g.group_id
         join submissions s on s.id = g.submission_id and s.status in (${publicStatusSql})
         where t.submission_id = ? and t.group_id is not null`,
      )
      .pluck()
      .get(id) as number;
    return {
      kind,
      id,
      title: withheld ? '' : row.title,
      text: withheld ? '' : shownText(row.title, row.body),
      ref: row.ref,
      people: people ?? Math.max(1, same),
      topic: topicOf(s, campaignId, row.topic),
      withheld,
    };
  }
  if (adoptionId !== undefined) return viewAdoptedCluster(s, campaignId, id, adoptionId, people);
  // A held representative is not quoted: the most supported member whose text is shown stands in.
  const shownRep = staff
    ? 'c.representative_id'
    : `case when ${shownSql('submission', 'c.representative_id')} then c.representative_id else
         (select x.id from cluster_members m join submissions x on x.id = m.submission_id
           where m.cluster_id = c.id and x.status in (${publicStatusSql}) and ${shownSql('submission', 'x.id')}
           order by x.support_count desc, x.published_at desc limit 1) end`;
  const c = s.sqlite
    .prepare(
      `select c.title, c.phrases, ${publicText('r', 'title')} as repTitle, ${publicText('r', 'body')} as repBody,
         (select count(*) from cluster_members m join submissions x on x.id = m.submission_id
            where m.cluster_id = c.id and x.status in (${publicStatusSql})) as size,
         (select x.topic from cluster_members m join submissions x on x.id = m.submission_id
            where m.cluster_id = c.id and x.topic is not null group by x.topic order by count(*) desc limit 1) as topic
       from clusters c left join submissions r on r.id = (${shownRep}) where c.id = ?`,
    )
    .get(id) as {
    title: string | null;
    phrases: string;
    repTitle: string | null;
    repBody: string | null;
    size: number;
    topic: string | null;
  };
  return {
    kind,
    id,
    title: c.title ?? (JSON.parse(c.phrases) as string[]).join(' · '),
    text: c.repTitle !== null ? shownText(c.repTitle, c.repBody ?? '') : '',
    ref: null,
    people: people ?? c.size,
    topic: topicOf(s, campaignId, c.topic),
    withheld: false,
  };
}

/**
 * A cluster as the public sees it through one adoption: the most supported shown member the
 * adoption holds stands for it, and its title names the card unless an editor named the cluster.
 */
function viewAdoptedCluster(
  s: Services,
  campaignId: string,
  id: string,
  adoptionId: string,
  people: number | undefined,
): TargetView {
  const c = s.sqlite
    .prepare(
      `select c.title, c.phrases, ${publicText('r', 'title')} as repTitle, ${publicText('r', 'body')} as repBody,
         (select count(*) from adoption_members m where m.adoption_id = ?) as size,
         (select x.topic from adoption_members m join submissions x on x.id = m.submission_id
            where m.adoption_id = ? and x.topic is not null group by x.topic order by count(*) desc limit 1) as topic
       from clusters c left join submissions r on r.id = (
         select x.id from adoption_members m join submissions x on x.id = m.submission_id
         where m.adoption_id = ? and x.status in (${publicStatusSql}) and ${shownSql('submission', 'x.id')}
         order by x.support_count desc, x.published_at desc, x.id limit 1)
       where c.id = ?`,
    )
    .get(adoptionId, adoptionId, adoptionId, id) as
    | {
        title: string | null;
        phrases: string;
        repTitle: string | null;
        repBody: string | null;
        size: number;
        topic: string | null;
      }
    | undefined;
  return {
    kind: 'cluster',
    id,
    title: c?.title ?? c?.repTitle ?? (c ? (JSON.parse(c.phrases) as string[]).join(' · ') : ''),
    text: c?.repTitle != null ? shownText(c.repTitle, c.repBody ?? '') : '',
    ref: null,
    people: people ?? c?.size ?? 0,
    topic: topicOf(s, campaignId, c?.topic ?? null),
    withheld: false,
  };
}

type AdoptionRow = {
  id: string;
  campaignId: string;
  documentId: string;
  clauseId: string;
  targetKind: AdoptionTargetKind;
  targetId: string;
  status: AdoptionStatus;
  quotedSpan: string;
  note: string | null;
  evidenceUrl: string | null;
  confirmedAt: number;
  updatedAt: number;
  people: number;
};

const adoptionColumns = `a.id, a.campaign_id as campaignId, a.document_id as documentId, a.clause_id as clauseId,
  a.target_kind as targetKind, a.target_id as targetId, a.status, a.quoted_span as quotedSpan, a.note,
  a.evidence_url as evidenceUrl, a.confirmed_at as confirmedAt, a.updated_at as updatedAt,
  (select count(*) from adoption_members m where m.adoption_id = a.id) as people`;

function viewAdoption(s: Services, a: AdoptionRow) {
  const campaign = s.campaigns.getById(a.campaignId)!;
  const doc = s.sqlite
    .prepare(
      'select id, title, issuer, issued_on as issuedOn, source_url as sourceUrl from policy_documents where id = ?',
    )
    .get(a.documentId) as {
    id: string;
    title: string;
    issuer: string;
    issuedOn: string;
    sourceUrl: string | null;
  };
  const clause = clauseById(s, a.clauseId)!;
  const milestones = milestonesOf(s, a.id);
  return {
    id: a.id,
    status: a.status,
    quotedSpan: a.quotedSpan,
    note: a.note,
    evidenceUrl: a.evidenceUrl,
    confirmedAt: a.confirmedAt,
    updatedAt: a.updatedAt,
    campaign: { slug: campaign.slug, title: campaign.definition.title },
    document: doc,
    clause: {
      id: clause.id,
      anchor: clause.anchor,
      label: clauseLabel(clause),
      text: clause.text,
      retired: clause.retiredAt !== null,
    },
    target: viewTarget(s, a.campaignId, a.targetKind, a.targetId, {
      people: a.people,
      adoptionId: a.id,
    }),
    milestones,
    progress: milestones.reduce((max, m) => Math.max(max, m.percent), 0),
  };
}

export type AdoptionView = ReturnType<typeof viewAdoption>;

/** Standing adoptions, newest first; one campaign's or all. */
export function listAdoptions(s: Services, campaignId: string | null): AdoptionView[] {
  const rows = s.sqlite
    .prepare(
      `select ${adoptionColumns} from adoptions a
       where a.withdrawn_at is null and (? is null or a.campaign_id = ?)
       order by a.confirmed_at desc, a.id desc`,
    )
    .all(campaignId, campaignId) as AdoptionRow[];
  return rows.map((a) => viewAdoption(s, a));
}

export function getAdoption(s: Services, id: string): AdoptionView | undefined {
  const row = s.sqlite
    .prepare(`select ${adoptionColumns} from adoptions a where a.id = ?`)
    .get(id) as AdoptionRow | undefined;
  return row ? viewAdoption(s, row) : undefined;
}

/** The standing adoptions a submission is part of (directly, by its cluster or its form letter). */
export function adoptionsOfSubmission(s: Services, submissionId: string): AdoptionView[] {
  const rows = s.sqlite
    .prepare(
      `select ${adoptionColumns} from adoption_members am join adoptions a on a.id = am.adoption_id
       where am.submission_id = ? and a.withdrawn_at is null order by a.confirmed_at`,
    )
    .all(submissionId) as AdoptionRow[];
  return rows.map((a) => viewAdoption(s, a));
}

export type CandidateView = {
  id: number;
  score: number;
  state: CandidateState;
  clause: { id: string; anchor: string; label: string; text: string };
  target: TargetView;
  phrases: StoredPhrase[];
};

/** A document's candidates, best first; `state` proposed by default. */
export function listCandidates(
  s: Services,
  documentId: string,
  options: { state: CandidateState; campaignIds: string[]; limit: number; offset: number },
): { items: CandidateView[]; total: number } {
  if (!options.campaignIds.length) return { items: [], total: 0 };
  const marks = options.campaignIds.map(() => '?').join(', ');
  const where = `document_id = ? and state = ? and campaign_id in (${marks})`;
  const args = [documentId, options.state, ...options.campaignIds];
  const total = s.sqlite
    .prepare(`select count(*) from adoption_candidates where ${where}`)
    .pluck()
    .get(...args) as number;
  const rows = s.sqlite
    .prepare(
      `select id, clause_id as clauseId, campaign_id as campaignId, target_kind as targetKind, target_id as targetId,
         score, state, phrases from adoption_candidates where ${where} order by score desc, id limit ? offset ?`,
    )
    .all(...args, options.limit, options.offset) as {
    id: number;
    clauseId: string;
    campaignId: string;
    targetKind: AdoptionTargetKind;
    targetId: string;
    score: number;
    state: CandidateState;
    phrases: string;
  }[];
  const items = rows.map((r) => {
    const clause = clauseById(s, r.clauseId)!;
    return {
      id: r.id,
      score: r.score,
      state: r.state,
      clause: {
        id: clause.id,
        anchor: clause.anchor,
        label: clauseLabel(clause),
        text: clause.text,
      },
      target: viewTarget(s, r.campaignId, r.targetKind, r.targetId, { staff: true }),
      phrases: JSON.parse(r.phrases) as StoredPhrase[],
    };
  });
  return { items, total };
}

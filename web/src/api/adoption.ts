// Adoption tracing (tag Adoption): policy documents, candidates, adoptions, milestones, stories.
import { request } from './request.ts';
import type { LocalText } from './types.ts';

export const adoptionStatuses = [
  'under_consideration',
  'partially_adopted',
  'adopted',
  'implemented',
] as const;
export type AdoptionStatus = (typeof adoptionStatuses)[number];
type CampaignRef = { slug: string; title: LocalText };
export type Range = [number, number];

export type PolicyDocument = {
  id: string;
  title: string;
  issuer: string;
  issuedOn: string;
  sourceUrl: string | null;
  revision: number;
  campaigns: CampaignRef[];
  clauses: number;
  adoptions: number;
  proposed: number;
  updatedAt: number;
};

export type Clause = {
  id: string;
  anchor: string;
  label: string;
  kind: 'part' | 'item' | 'paragraph' | 'sentence';
  text: string;
  hash: string;
  leaf: boolean;
  parent: string | null;
};

export type Target = {
  kind: 'cluster' | 'submission';
  id: string;
  title: string;
  text: string;
  ref: string | null;
  people: number;
  topic: { key: string; title: LocalText } | null;
  /** Withheld after reports (举报), pending review: title and text are empty. */
  withheld: boolean;
};

export type Candidate = {
  id: number;
  score: number;
  state: 'proposed' | 'confirmed' | 'rejected';
  clause: { id: string; anchor: string; label: string; text: string };
  target: Target;
  phrases: { phrase: string; via?: string; inClause: Range[]; inTarget: Range[] }[];
};

export type Milestone = {
  id: number;
  title: string;
  occurredOn: string;
  percent: number;
  note: string | null;
};

export type Adoption = {
  id: string;
  status: AdoptionStatus;
  quotedSpan: string;
  note: string | null;
  evidenceUrl: string | null;
  confirmedAt: number;
  updatedAt: number;
  campaign: CampaignRef;
  document: Pick<PolicyDocument, 'id' | 'title' | 'issuer' | 'issuedOn' | 'sourceUrl'>;
  clause: { id: string; anchor: string; label: string; text: string; retired: boolean };
  target: Target;
  milestones: Milestone[];
  progress: number;
};

export type Story = {
  id: string;
  campaign: CampaignRef;
  title: string;
  body: string;
  status: 'draft' | 'published';
  publishedAt: number | null;
  updatedAt: number;
  adoptions: Adoption[];
};

export type DocumentInput = {
  title: string;
  issuer: string;
  issuedOn: string;
  sourceUrl: string | null;
  campaigns: string[];
  text: string;
};

export const listDocuments = (campaign?: string, signal?: AbortSignal) =>
  request<{ items: PolicyDocument[] }>('/policy-documents', { query: { campaign }, signal });
export const getDocument = (id: string, signal?: AbortSignal) =>
  request<{ document: PolicyDocument; clauses: Clause[] }>(
    `/policy-documents/${encodeURIComponent(id)}`,
    { signal },
  );
export const addDocument = (body: DocumentInput) =>
  request<{ document: PolicyDocument }>('/policy-documents', { method: 'POST', body });
export const rematchDocument = (id: string) =>
  request<{ jobs: string[] }>(`/policy-documents/${encodeURIComponent(id)}/match`, {
    method: 'POST',
  });
export const listCandidates = (id: string, page = 1, signal?: AbortSignal) =>
  request<{ items: Candidate[]; total: number }>(
    `/policy-documents/${encodeURIComponent(id)}/candidates`,
    { query: { page }, signal },
  );
export const rejectCandidate = (id: number) =>
  request<{ ok: true }>(`/adoption-candidates/${id}/reject`, { method: 'POST' });

/** One form-letter group among the members a target offers (GET …/members). */
export type MemberGroup = {
  ids: string[];
  /** Those of `ids` the adoption holds now (empty before confirmation). */
  adoptedIds: string[];
  ref: string;
  title: string;
  withheld: boolean;
  count: number;
  /** Authors as numbers meaningful only within one answer, to count people across groups. */
  authors: number[];
  firstAt: number;
  lastAt: number;
  /** How many were written on a day after the document's date. */
  afterDocument: number;
};
export type Members = {
  document: { id: string; title: string; issuedOn: string };
  target: { kind: Target['kind']; id: string; title: string };
  groups: MemberGroup[];
  submissions: number;
  people: number;
};
/** Whose members a dialog lists: a candidate, a target named by hand, or a confirmed adoption. */
export type MembersSource =
  | { kind: 'candidate'; id: number }
  | { kind: 'target'; documentId: string; target: { kind: Target['kind']; id: string } }
  | { kind: 'adoption'; id: string };
export const listMembers = (source: MembersSource, signal?: AbortSignal) =>
  source.kind === 'candidate'
    ? request<Members>(`/adoption-candidates/${source.id}/members`, { signal })
    : source.kind === 'adoption'
      ? request<Members>(`/adoptions/${encodeURIComponent(source.id)}/members`, { signal })
      : request<Members>(`/policy-documents/${encodeURIComponent(source.documentId)}/members`, {
          query: { kind: source.target.kind, target: source.target.id },
          signal,
        });

export type ConfirmInput = {
  candidateId?: number;
  clauseId?: string;
  target?: { kind: Target['kind']; id: string };
  status: AdoptionStatus;
  quotedSpan: string;
  note?: string | null;
  evidenceUrl?: string | null;
  /** The submissions the clause adopts (required for a cluster). */
  memberIds?: string[];
  /** The document predates some of them and `note` says why. */
  acknowledgeDate?: boolean;
};
export const confirmAdoption = (body: ConfirmInput) =>
  request<{ adoption: Adoption; notified: number }>('/adoptions', { method: 'POST', body });
export type MemberChange = {
  add?: string[];
  remove?: string[];
  reason?: string;
  acknowledgeDate?: boolean;
  note?: string | null;
};
export const changeMembers = (id: string, body: MemberChange) =>
  request<{ adoption: Adoption; added: number; removed: number; notified: number }>(
    `/adoptions/${encodeURIComponent(id)}/members`,
    { method: 'PATCH', body },
  );
export const listAdoptions = (campaign?: string, signal?: AbortSignal) =>
  request<{ items: Adoption[] }>('/adoptions', { query: { campaign }, signal });
export const withdrawAdoption = (id: string, reason: string) =>
  request<{ ok: true }>(`/adoptions/${encodeURIComponent(id)}/withdraw`, {
    method: 'POST',
    body: { reason },
  });
export const addMilestone = (
  id: string,
  body: { title: string; occurredOn: string; percent: number; note: string | null },
) =>
  request<{ adoption: Adoption }>(`/adoptions/${encodeURIComponent(id)}/milestones`, {
    method: 'POST',
    body,
  });

export const listStories = (query: { campaign?: string; drafts?: '1' }, signal?: AbortSignal) =>
  request<{ items: Story[] }>('/stories', { query, signal });
export const createStory = (
  campaign: string,
  body: { title: string; body: string; adoptions: string[] },
) =>
  request<{ story: Story }>(`/campaigns/${encodeURIComponent(campaign)}/stories`, {
    method: 'POST',
    body,
  });
export const updateStory = (
  id: string,
  body: Partial<{ title: string; body: string; adoptions: string[]; published: boolean }>,
) => request<{ story: Story }>(`/stories/${encodeURIComponent(id)}`, { method: 'PATCH', body });

// Types of the JSON API, as written in docs/api-contract.md. Closed vocabularies come from
// schema/states.ts so the UI, the validators and the SQL CHECKs never disagree.
import type {
  CampaignKind,
  PhaseAction,
  Role,
  SubmissionKind,
  SubmissionStatus,
  TimelineEventType,
} from '../../../schema/states.ts';

export type {
  CampaignKind,
  PhaseAction,
  Role,
  SubmissionKind,
  SubmissionStatus,
  TimelineEventType,
};

/** Text shown to people: Chinese always, English optionally. */
export type LocalText = { 'zh-CN': string; en?: string };

export type Phase = {
  key: string;
  title: LocalText;
  starts: string;
  ends?: string;
  allows: PhaseAction[];
};

export type Topic = { key: string; title: LocalText; description?: LocalText };

export type CustomFieldType = 'text' | 'textarea' | 'select' | 'number';

export type CustomField = {
  key: string;
  label: LocalText;
  type: CustomFieldType;
  required: boolean;
  max?: number;
  options?: { value: string; label: LocalText }[];
};

export type Owner = { code: string; name: string; nameEn?: string };

export type CampaignSummary = {
  slug: string;
  title: LocalText;
  summary: LocalText;
  kind: CampaignKind;
  submissionKind: SubmissionKind;
  owner: Owner;
  currentPhase: Phase | null;
  nextPhase: Phase | null;
  acceptsSubmissions: boolean;
  closesOn: string | null;
  stats: { published: number; supports: number };
};

export type PolicyDocumentRef = {
  key: string;
  title: LocalText;
  issuer: LocalText;
  year: number;
  url?: string;
};

export type CampaignForm = {
  title: { min: number; max: number };
  body: { min: number; max: number };
  region: { required: boolean; within: string };
  topicRequired: boolean;
  fields: CustomField[];
};

export type Campaign = CampaignSummary & {
  description: LocalText;
  phases: Phase[];
  topics: Topic[];
  moderation: 'pre' | 'post';
  handling: { mode: 'routed' | 'collective' };
  form: CampaignForm;
  policyDocuments: PolicyDocumentRef[];
  canEdit: boolean;
};

export type TimelineEvent = {
  id: number;
  at: number;
  type: TimelineEventType;
  fromStatus: SubmissionStatus | null;
  toStatus: SubmissionStatus | null;
  reason: string | null;
  actor: { role: Role | string; name?: string } | null;
};

export type Submission = {
  id: string;
  ref: string;
  campaign: { slug: string; title: LocalText };
  kind: SubmissionKind;
  title: string;
  body: string;
  masked: boolean;
  region: { code: string; name: string } | null;
  topic: { key: string; title: LocalText } | null;
  custom: Record<string, string | number>;
  author: { displayName: string } | null;
  status: SubmissionStatus;
  rejectReason: string | null;
  supportCount: number;
  supportedByMe: boolean;
  mine: boolean;
  createdAt: number;
  publishedAt: number | null;
};

export type User = {
  id: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  roles: { role: Role; org: { code: string; name: string } | null }[];
};

export type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

export type Region = { code: string; name: string; hasChildren: boolean };

/**
 * A campaign definition as the console edits it (server/campaigns/definition.ts is the
 * authority; the server validates and answers validation_failed with paths). Parts the
 * console form does not edit (routing rules, the form, policy documents) are carried along
 * untouched, so they are typed loosely here.
 */
export type CampaignDefinition = {
  slug: string;
  refPrefix: string;
  kind: CampaignKind;
  title: LocalText;
  summary: LocalText;
  description: LocalText;
  owner: string;
  submissionKind: SubmissionKind;
  moderation: 'pre' | 'post';
  handling: { mode: 'routed' | 'collective'; [key: string]: unknown };
  phases: Phase[];
  topics: Topic[];
  form?: unknown;
  policyDocuments?: unknown[];
  [key: string]: unknown;
};

export type DefinitionSource = {
  definition: CampaignDefinition;
  source: 'file' | 'console';
  sourceFile: string | null;
};

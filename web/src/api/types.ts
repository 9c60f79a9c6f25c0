// Types of the JSON API, as served by the server (README "API", /api/openapi.json). Closed vocabularies come from
// schema/states.ts so the UI, the validators and the SQL CHECKs never disagree.
import type { HoldState } from '../../../schema/states.ts';
import type {
  CampaignKind,
  ExtensionState,
  HandlingState,
  NotificationType,
  OrganisationKind,
  PhaseAction,
  ReplyState,
  ReturnReason,
  Role,
  Satisfaction,
  SubmissionKind,
  SubmissionStatus,
  TimelineEventType,
  Urgency,
} from '../../../schema/states.ts';

export type {
  CampaignKind,
  ExtensionState,
  HandlingState,
  NotificationType,
  OrganisationKind,
  PhaseAction,
  ReplyState,
  ReturnReason,
  Role,
  Satisfaction,
  SubmissionKind,
  SubmissionStatus,
  TimelineEventType,
  Urgency,
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
  handling: { mode: 'routed' | 'collective' };
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
  /** Present when the message may be written to a leader (GET /api/addressees). */
  addressee?: { required: boolean };
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
  /** Details written with the event (unit, due date, rating…); shape depends on the type. */
  data: Record<string, unknown> | null;
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
  /** Whom a leadership-board message is written to. */
  addressee: { key: string; title: LocalText; holder: LocalText | null } | null;
  custom: Record<string, string | number>;
  author: { displayName: string } | null;
  status: SubmissionStatus;
  rejectReason: string | null;
  /** Withheld from the public after reports, or hidden by a reviewer (server/trust). */
  hold: HoldState | null;
  supportCount: number;
  /** How many people sent (almost) this same text: a form letter is one voice of weight N (≥ 1). */
  sameText: number;
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
  twoFactor: { enabled: boolean; mustEnrol: boolean };
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

/** A unit as the handling API names it. */
export type UnitRef = { code: string; name: string };

/** Where a matter stands in the handling workflow (GET /submissions/:id → handling.handling). */
export type HandlingSummary = {
  state: HandlingState;
  unit: UnitRef | null;
  urgency: Urgency;
  round: number;
  routedAt: number | null;
  /** End of the last working day to answer (epoch ms). */
  dueAt: number | null;
  overdue: boolean;
  escalated: boolean;
  transferCount: number;
  /** Why a bounced matter waits for a reviewer (staff only). */
  flagReason: string | null;
  extension: { state: ExtensionState; days: number | null; reason: string | null };
};

/** An approved reply, public on the submission; collective ones carry their title (公开答复). */
export type Answer = {
  id: string;
  body: string;
  office: string | null;
  contactPhone: string | null;
  unit: UnitRef | null;
  approvedAt: number;
  round: number;
  collectiveTitle: string | null;
  hold: HoldState | null;
  /** Personal data was masked in the reply this reader received. */
  masked: boolean;
};

/** Every version of the unit's replies (staff who handle or review only). */
export type ReplyDraft = {
  id: string;
  body: string;
  office: string | null;
  contactPhone: string | null;
  state: ReplyState;
  round: number;
  version: number;
  submittedAt: number;
  reviewedAt: number | null;
  returnReason: ReturnReason | null;
  returnNote: string | null;
  author: string;
  /** The perfunctory-reply score, when the server sends it with the draft. */
  quality?: ReplyQuality;
};

export type Rating = { round: number; value: Satisfaction; comment: string | null; at: number };

export type HandlingActions = {
  rate: boolean;
  reply: boolean;
  transfer: boolean;
  requestExtension: boolean;
  assign: boolean;
  changeUrgency: boolean;
  decideExtension: boolean;
  reviewReply: boolean;
  /** A leader's office may instruct (批示) on a message to its leader. */
  instruct: boolean;
};

/** The routing classifier's proposal for a submission (staff only). */
export type RoutingProposal = {
  /** A topic key of the campaign. */
  topic: string;
  /** 0–1. */
  confidence: number;
  /** The words that drove the proposal. */
  evidence: { word: string; weight: number }[];
  /** 'auto': routed without a reviewer; 'triage': left to a reviewer; null: not used. */
  decision: 'auto' | 'triage' | null;
};

/** The handling of one submission, shaped for the reader. */
export type HandlingView = {
  /** null for campaigns answered collectively. */
  handling: HandlingSummary | null;
  answers: Answer[];
  drafts: ReplyDraft[];
  ratings: Rating[];
  /** The routing classifier's proposal (staff only; null otherwise). */
  proposal?: RoutingProposal | null;
  actions: HandlingActions;
};

export type InboxItem = { submission: Submission; handling: HandlingSummary };

/** Why a reply may be perfunctory (敷衍): codes of server/sensemaking/reply-quality. */
export const replyQualityCodes = [
  'too-short',
  'boilerplate',
  'no-commitment',
  'no-explanation',
  'no-date',
  'no-office',
  'low-overlap',
  'unanswered',
  'deflects',
] as const;
export type ReplyQualityCode = (typeof replyQualityCodes)[number];

/** Perfunctory-reply score: 0 substantive … 1 perfunctory, with the reasons (largest first). */
export type ReplyQuality = {
  score: number;
  reasons: { code: ReplyQualityCode | string; weight: number; detail?: string }[];
};

export type QueuedReply = {
  id: string;
  body: string;
  office: string | null;
  contactPhone: string | null;
  round: number;
  version: number;
  submittedAt: number;
  author: string;
  unit: UnitRef | null;
  quality?: ReplyQuality;
};

export type ReplyQueueItem = { reply: QueuedReply; submission: Submission; handling: HandlingView };

export type Notification = {
  id: number;
  type: NotificationType;
  submissionId: string | null;
  data: Record<string, string | number | null>;
  createdAt: number;
  read: boolean;
};

export type Organisation = {
  code: string;
  name: string;
  nameEn: string | null;
  kind: OrganisationKind;
  parent: string | null;
  regionCode: string | null;
};

export type UnitMonth = {
  unit: UnitRef;
  month: string;
  assigned: number;
  replied: number;
  onTime: number;
  onTimeRate: number | null;
  overdue: number;
  returned: number;
  returnRate: number | null;
  ratings: Record<Satisfaction, number>;
  satisfactionRate: number | null;
  open: number;
};

export type Supervision = {
  units: { unit: UnitRef; overdue: number; oldestDue: number }[];
  flagged: number;
  triage: number;
};

/** Text with [start, end) offsets to highlight. */
export type Highlighted = { text: string; marks: [number, number][] };

export type SearchHit = { submission: Submission; title: Highlighted; snippet: Highlighted };

export type SearchPage = Page<SearchHit> & {
  /** More matches than were counted. */
  capped: boolean;
};

export type SearchSort = 'relevance' | 'newest' | 'supports';

/** A published submission like the text being written. */
export type SimilarItem = {
  submission: Submission;
  /** Share of the same wording (near-duplicates only). */
  similarity: number | null;
  nearDuplicate: boolean;
};

/** A near-duplicate group (staff): the members, originals included. */
export type DuplicateGroup = { groupId: string | null; members: Submission[] };

export type ClassifierMetrics = {
  examples?: number;
  corrections?: number;
  labels?: Record<string, number>;
  [key: string]: unknown;
};

/** A campaign's routing model and its training data. */
export type ClassifierState = {
  model: {
    id: string;
    trainedAt: number;
    examples: number;
    metrics?: ClassifierMetrics | null;
  } | null;
  threshold: number;
  examples: { imported: number; corrections: number };
};

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** A recorded background job. */
export type Job = {
  id: string;
  kind: string;
  status: JobStatus;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  result?: unknown;
  error: string | null;
};

// Closed vocabularies shared by the SQL CHECK constraints, the zod validators and the web UI.
// Add a value here and every layer learns it; never spell these strings elsewhere.

/** `office`: a leader's office (领导办公室), scoped to one addressee: reads and instructs its messages. */
export const roles = [
  'netizen',
  'handler',
  'reviewer',
  'editor',
  'owner',
  'admin',
  'office',
] as const;
export type Role = (typeof roles)[number];

/** Roles that count as platform staff (they may see sealed personal data). */
export const staffRoles = ['handler', 'reviewer', 'editor', 'owner', 'admin'] as const;

export const organisationKinds = [
  'platform',
  'ministry',
  'province',
  'city',
  'county',
  'department',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/** Public lifecycle of a submission (adoption is tracked separately, it is orthogonal). */
export const submissionStatuses = [
  'received',
  'published',
  'rejected',
  'answered',
  'closed',
] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

/** Statuses anyone may read (the rest are the author's and staff's only). */
export const publicSubmissionStatuses = [
  'published',
  'answered',
  'closed',
] as const satisfies readonly SubmissionStatus[];

export const submissionKinds = ['suggestion', 'message'] as const;
export type SubmissionKind = (typeof submissionKinds)[number];

export const campaignKinds = [
  'message-board',
  'annual-call',
  'plan-drive',
  'consultation',
] as const;
export type CampaignKind = (typeof campaignKinds)[number];

/** What a campaign phase may allow netizens to do. */
export const phaseActions = ['submit', 'support'] as const;
export type PhaseAction = (typeof phaseActions)[number];

export const campaignSources = ['file', 'console'] as const;

export const handlingModes = ['routed', 'collective'] as const;

export const moderationModes = ['pre', 'post'] as const;

/**
 * Handling lifecycle, separate from the public one: unrouted (in triage) → routed (in a unit's
 * inbox) → replied (a reply waits for review) → approved (public) | returned (back to the unit)
 * → rated. A 不满意 rating sends it back to routed for a second round.
 */
export const handlingStates = [
  'unrouted',
  'routed',
  'replied',
  'returned',
  'approved',
  'rated',
] as const;
export type HandlingState = (typeof handlingStates)[number];

export const urgencies = ['urgent', 'normal'] as const;
export type Urgency = (typeof urgencies)[number];

export const extensionStates = ['none', 'requested', 'granted', 'refused'] as const;
export type ExtensionState = (typeof extensionStates)[number];

/** Why a reviewer returns a reply (退回回复). */
export const returnReasons = [
  'perfunctory',
  'not-answered',
  'wrong-unit',
  'no-commitment',
  'other',
] as const;
export type ReturnReason = (typeof returnReasons)[number];

export const satisfactions = ['satisfied', 'basically', 'unsatisfied'] as const;
export type Satisfaction = (typeof satisfactions)[number];

export const replyStates = ['submitted', 'approved', 'returned'] as const;
export type ReplyState = (typeof replyStates)[number];

/** Timeline event types; the timeline is append-only and doubles as the audit log. */
export const timelineEventTypes = [
  'received',
  'published',
  'rejected',
  'edited',
  'routed',
  'assigned',
  'transferred',
  'flagged',
  'urgency-changed',
  'extension-requested',
  'extension-granted',
  'extension-refused',
  'reply-submitted',
  'reply-approved',
  'reply-returned',
  'collective-reply',
  'rated',
  'reopened',
  'escalated',
  'closed',
  'adopted',
  'adoption-updated',
  'adoption-withdrawn',
  // Trust: reported content held from the public, hidden by a reviewer, or restored.
  'held',
  'hidden',
  'restored',
  // Trust: a reviewer discounted a support burst (the public count dropped) or cleared its flag.
  'supports-discounted',
  'support-burst-cleared',
  // A reviewer corrected whom a leadership-board message is written to.
  'addressee-changed',
  // A leader's office instructed on a message (批示): priority and a note.
  'instructed',
] as const;

export const notificationTypes = [
  'routed',
  'replied',
  'returned',
  'rated',
  'escalated',
  'flagged',
  'extension-requested',
  'extension-decided',
  'published',
  'rejected',
  'adopted',
  // A leader's office instructed on a message the unit holds (批示).
  'instructed',
] as const;
/** How far a suggestion got into policy, in order: a later status includes the earlier ones. */
export const adoptionStatuses = [
  'under_consideration',
  'partially_adopted',
  'adopted',
  'implemented',
] as const;
export type AdoptionStatus = (typeof adoptionStatuses)[number];
/** What an adoption links a clause to: a topic cluster or one submission. */
export const adoptionTargetKinds = ['cluster', 'submission'] as const;
export type AdoptionTargetKind = (typeof adoptionTargetKinds)[number];
export const candidateStates = ['proposed', 'confirmed', 'rejected'] as const;
export type CandidateState = (typeof candidateStates)[number];
export const storyStatuses = ['draft', 'published'] as const;
export type StoryStatus = (typeof storyStatuses)[number];

export type NotificationType = (typeof notificationTypes)[number];
export type TimelineEventType = (typeof timelineEventTypes)[number];

/** Why a signed-in user reports a published submission or reply (举报). */
export const reportReasons = [
  'spam',
  'abuse',
  'personal-data',
  'illegal',
  'off-topic',
  'other',
] as const;
export type ReportReason = (typeof reportReasons)[number];

/** What was reported. */
export const reportTargets = ['submission', 'reply'] as const;
export type ReportTarget = (typeof reportTargets)[number];

/** A report waits (open) until a reviewer dismisses it or upholds it (hide or reject). */
export const reportStates = ['open', 'dismissed', 'upheld'] as const;
export type ReportState = (typeof reportStates)[number];

/**
 * Why a published text is withheld from the public: `pending-review` after enough distinct
 * reports (automatic), `hidden` when a reviewer decided so. No row: shown.
 */
export const holdStates = ['pending-review', 'hidden'] as const;
export type HoldState = (typeof holdStates)[number];

/** A burst of supports from one network: open until a reviewer discounts or clears it. */
export const supportFlagStates = ['open', 'discounted', 'cleared'] as const;
export type SupportFlagState = (typeof supportFlagStates)[number];

/**
 * What curators did to a campaign's topic clusters (cluster_events, their audit trail): renamed
 * (or gave the name back), locked, unlocked, pinned a representative, merged others into it
 * (`merged`; each merged one records `merged-into`), split members out (`split`; the new cluster
 * records `split-off`), asked for a re-run of the campaign's clustering (`run-requested`).
 */
export const clusterEventTypes = [
  'renamed',
  'locked',
  'unlocked',
  'representative-pinned',
  'merged',
  'merged-into',
  'split',
  'split-off',
  'run-requested',
] as const;
export type ClusterEventType = (typeof clusterEventTypes)[number];

/** Renders a CHECK constraint body for a closed vocabulary. */
export function sqlIn(column: string, values: readonly string[]): string {
  return `${column} in (${values.map((v) => `'${v}'`).join(', ')})`;
}

// Closed vocabularies shared by the SQL CHECK constraints, the zod validators and the web UI.
// Add a value here and every layer learns it; never spell these strings elsewhere.

export const roles = ['netizen', 'handler', 'reviewer', 'editor', 'owner', 'admin'] as const;
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

/** Timeline event types; the timeline is append-only and doubles as the audit log. */
export const timelineEventTypes = ['received', 'published', 'rejected', 'edited'] as const;
export type TimelineEventType = (typeof timelineEventTypes)[number];

/** Renders a CHECK constraint body for a closed vocabulary. */
export function sqlIn(column: string, values: readonly string[]): string {
  return `${column} in (${values.map((v) => `'${v}'`).join(', ')})`;
}

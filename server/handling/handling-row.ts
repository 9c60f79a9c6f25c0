import type { ExtensionState, HandlingState, Urgency } from '../../schema/states.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';

export type HandlingRow = {
  submissionId: string;
  campaignId: string;
  state: HandlingState;
  unitId: string | null;
  urgency: Urgency;
  round: number;
  routedAt: number | null;
  dueAt: number | null;
  transferCount: number;
  flagReason: string | null;
  extension: ExtensionState;
  extensionReason: string | null;
  extensionDays: number | null;
  escalatedAt: number | null;
  answeredAt: number | null;
};

export const handlingColumns = `h.submission_id as submissionId, h.campaign_id as campaignId, h.state,
  h.unit_id as unitId, h.urgency, h.round, h.routed_at as routedAt, h.due_at as dueAt,
  h.transfer_count as transferCount, h.flag_reason as flagReason, h.extension,
  h.extension_reason as extensionReason, h.extension_days as extensionDays,
  h.escalated_at as escalatedAt, h.answered_at as answeredAt`;

export function findHandling(s: Services, submissionId: string): HandlingRow | undefined {
  return s.sqlite
    .prepare(`select ${handlingColumns} from handlings h where h.submission_id = ?`)
    .get(submissionId) as HandlingRow | undefined;
}

export function getHandling(s: Services, submissionId: string): HandlingRow {
  const row = findHandling(s, submissionId);
  if (!row) throw new ApiError('not_found', 'This submission is not being handled by a unit');
  return row;
}

/** Changes state only if it is still what the caller saw: the loser of a race gets a 409. */
export function moveHandling(
  s: Services,
  submissionId: string,
  from: readonly HandlingState[],
  set: Partial<Record<string, string | number | null>>,
  now: number,
): void {
  const assignments = Object.keys(set).map((k) => `${k} = @${k}`);
  const states = from.map((st) => `'${st}'`).join(', ');
  const changed = s.sqlite
    .prepare(
      `update handlings set ${[...assignments, 'updated_at = @now'].join(', ')} where submission_id = @id and state in (${states})`,
    )
    .run({ ...set, now, id: submissionId }).changes;
  if (changed !== 1) {
    throw new ApiError(
      'invalid_transition',
      'This submission is not in a state that allows that now',
    );
  }
}

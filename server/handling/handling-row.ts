import type { HandlingState } from '../../schema/states.ts';
import { ApiError } from '../http/api-error.ts';
import type { HandlingChange, HandlingRow } from '../store/handling.ts';
import type { Tx } from '../store/store.ts';

export type { HandlingRow } from '../store/handling.ts';

/** The handling of a submission (read from the store, or inside a write), or a 404 for the API. */
export async function getHandling(a: Tx, submissionId: string): Promise<HandlingRow> {
  const row = await a.handling.find(submissionId);
  if (!row) throw new ApiError('not_found', 'This submission is not being handled by a unit');
  return row;
}

/** Changes state only if it is still what the caller saw: the loser of a race gets a 409. */
export async function moveHandling(
  tx: Tx,
  submissionId: string,
  from: readonly HandlingState[],
  set: HandlingChange,
  now: number,
): Promise<void> {
  if (!(await tx.handling.change(submissionId, { states: from }, set, now))) {
    throw new ApiError(
      'invalid_transition',
      'This submission is not in a state that allows that now',
    );
  }
}

// Dated progress of an adopted measure, like an accountability component: regulation issued,
// project started, completed — each with how far along it is.
import type { Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { auditEvent } from './adoption-echo.ts';
import { adoptionOr404 } from './adoption-lookups.ts';

export type MilestoneInput = {
  title: string;
  occurredOn: string;
  percent: number;
  note: string | null;
};

export type MilestoneView = {
  id: number;
  title: string;
  occurredOn: string;
  percent: number;
  note: string | null;
};

/** Adds a milestone to a standing adoption, with its audit event; returns its id. */
export async function addMilestone(
  s: Services,
  actor: Actor | null,
  adoptionId: string,
  input: MilestoneInput,
): Promise<number> {
  const now = s.clock.now();
  return s.store.write(async (tx) => {
    const adoption = await adoptionOr404(tx, adoptionId);
    const user = requireCurator(s, actor, [adoption.campaignId]);
    if (adoption.withdrawnAt !== null)
      throw new ApiError('invalid_transition', 'The link was withdrawn');
    const id = await tx.adoption.addMilestone({
      adoptionId,
      title: input.title,
      occurredOn: input.occurredOn,
      percent: input.percent,
      note: input.note,
      createdBy: user.id,
      createdAt: now,
    });
    await auditEvent(tx, now, adoptionId, user, 'milestone', { id, ...input });
    return id;
  });
}

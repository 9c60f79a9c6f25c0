// Dated progress of an adopted measure, like an accountability component: regulation issued,
// project started, completed — each with how far along it is.
import type { Actor } from '../auth/actor.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { adoptionOr404 } from './confirm-adoption.ts';
import { requireCurator } from '../auth/curators.ts';

export type MilestoneInput = {
  title: string;
  occurredOn: string;
  percent: number;
  note: string | null;
};

export async function addMilestone(
  s: Services,
  actor: Actor | null,
  adoptionId: string,
  input: MilestoneInput,
): Promise<number> {
  const adoption = adoptionOr404(s, adoptionId);
  const user = requireCurator(s, actor, [adoption.campaignId]);
  if (adoption.withdrawnAt !== null)
    throw new ApiError('invalid_transition', 'The link was withdrawn');
  const now = s.clock.now();
  return s.writer.run(() => {
    const id = Number(
      s.sqlite
        .prepare(
          `insert into adoption_milestones (adoption_id, title, occurred_on, percent, note, created_by, created_at)
           values (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(adoptionId, input.title, input.occurredOn, input.percent, input.note, user.id, now)
        .lastInsertRowid,
    );
    s.sqlite
      .prepare(
        'insert into adoption_events (adoption_id, at, actor_id, type, data) values (?, ?, ?, ?, ?)',
      )
      .run(adoptionId, now, user.id, 'milestone', JSON.stringify({ id, ...input }));
    return id;
  });
}

export type MilestoneView = {
  id: number;
  title: string;
  occurredOn: string;
  percent: number;
  note: string | null;
};

export function milestonesOf(s: Services, adoptionId: string): MilestoneView[] {
  return s.sqlite
    .prepare(
      `select id, title, occurred_on as occurredOn, percent, note from adoption_milestones
       where adoption_id = ? order by occurred_on, id`,
    )
    .all(adoptionId) as MilestoneView[];
}

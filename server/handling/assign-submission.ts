import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { notify } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { getSubmission } from '../submissions/submission-queries.ts';
import { getHandling, moveHandling } from './handling-row.ts';
import { routedHandling, serviceDays } from './start-handling.ts';

export const assignInput = z.strictObject({
  unit: z.string().max(64),
  reason: z.string().max(500).optional(),
  /** The right topic, when the reviewer corrects the classifier: it becomes a training example. */
  topic: z.string().max(64).optional(),
});

/** A reviewer assigns a unit: from triage, a flagged bounce, or to correct a routing. */
export async function assignSubmission(
  s: Services,
  actor: Actor | null,
  id: string,
  raw: unknown,
): Promise<void> {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  const parsed = assignInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const unit = s.orgs.getByCode(parsed.data.unit);
  if (!unit)
    throw new ApiError('validation_failed', 'Unknown unit', {
      fields: { unit: 'unknown organisation' },
    });
  const sub = await getSubmission(s, id);
  const campaign = s.campaigns.getById(sub.campaignId)!;
  const handling = routedHandling(campaign)!;
  const topic = parsed.data.topic;
  if (topic && !campaign.definition.topics.some((t) => t.key === topic)) {
    throw new ApiError('validation_failed', 'Unknown topic', {
      fields: { topic: 'not a topic of this campaign' },
    });
  }
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    const h = await getHandling(tx, id);
    const dueAt = h.dueAt ?? s.calendar.dueAt(now, serviceDays(handling, h.urgency, h.round));
    await moveHandling(
      tx,
      id,
      ['unrouted', 'routed', 'returned'],
      { unitId: unit.id, state: 'routed', routedAt: h.routedAt ?? now, dueAt },
      now,
    );
    await tx.handling.recordAssignment({
      submissionId: id,
      unitId: unit.id,
      fromUnitId: h.unitId,
      how: 'reviewer',
      reason: parsed.data.reason ?? null,
      actorId: reviewer.id,
      at: now,
      round: h.round,
    });
    if (topic) {
      await tx.handling.correctTopic(
        { submissionId: id, campaignId: sub.campaignId, text: `${sub.title}\n${sub.body}`, topic },
        now,
      );
    }
    await tx.timeline.append({
      submissionId: id,
      at: now,
      actorId: reviewer.id,
      actorRole: 'reviewer',
      type: 'assigned',
      reason: parsed.data.reason ?? null,
      data: { unit: unit.name, unitCode: unit.code, dueAt },
    });
    await notify(tx, now, await tx.accounts.handlersOf(unit.id), 'routed', id, {
      ref: sub.ref,
      title: sub.title,
      unit: unit.name,
      dueAt,
    });
  });
}

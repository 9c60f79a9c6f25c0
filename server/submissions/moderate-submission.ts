import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { requireWords } from './submission-input.ts';
import { getSubmission } from './submission-queries.ts';
import { notify } from '../notifications/notify.ts';
import { handlingContext, startHandling } from '../handling/start-handling.ts';

export const rejectInput = z.strictObject({ reason: z.string().max(2000) });

async function transition(
  s: Services,
  reviewer: Actor,
  id: string,
  to: 'published' | 'rejected',
  reason: string | null,
): Promise<void> {
  const sub = await getSubmission(s, id);
  const campaign = s.campaigns.getById(sub.campaignId)!;
  const now = s.clock.now();
  const model = to === 'published' ? await handlingContext(s, campaign) : null;
  await s.store.write(async (tx) => {
    // Guarded update: of two reviewers acting at once, exactly one wins; the other gets a 409.
    if (!(await tx.submissions.moderate(id, to, reason, now))) {
      throw new ApiError(
        'invalid_transition',
        'This submission is no longer waiting for moderation',
      );
    }
    await tx.timeline.append({
      submissionId: id,
      at: now,
      actorId: reviewer.id,
      actorRole: 'reviewer',
      type: to,
      fromStatus: 'received',
      toStatus: to,
      reason,
    });
    await notify(tx, now, [sub.authorId], to, id, { ref: sub.ref, title: sub.title, reason });
    if (to === 'published') {
      await startHandling(
        s,
        tx,
        campaign,
        model,
        { ...sub, custom: sub.custom ? JSON.parse(sub.custom) : {} },
        now,
      );
      // Search words and cluster assignment follow within moments, off the request (as for a
      // campaign that publishes at once: sensemaking-queue.ts).
      await tx.sensemaking.enqueue(id, 'published');
    }
  });
  s.sensemaking.kick();
}

export async function publishSubmission(
  s: Services,
  actor: Actor | null,
  id: string,
): Promise<void> {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  await transition(s, reviewer, id, 'published', null);
}

export async function rejectSubmission(
  s: Services,
  actor: Actor | null,
  id: string,
  body: unknown,
): Promise<void> {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  const parsed = rejectInput.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const reason = requireWords(
    parsed.data.reason,
    'reason',
    'A rejection needs a reason the author can read',
    2,
    500,
  );
  await transition(s, reviewer, id, 'rejected', reason);
}

import type { Actor } from '../auth/actor.ts';
import type { CampaignRecord } from '../campaigns/campaign-registry.ts';
import { currentPhase } from '../campaigns/phases.ts';
import { chinaDate, chinaYear } from '../clock.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { maskCustomFields, maskPersonalData } from '../text/mask-personal-data.ts';
import { checkAgainstForm, submissionInput } from './submission-input.ts';
import { chooseAddressee } from '../organisations/choose-addressee.ts';
import { handlingContext, startHandling } from '../handling/start-handling.ts';
import { storedPublicText, type SubmissionRow } from './submission-row.ts';
import { formatRef } from '../store/submissions.ts';
import type { TimelineEntry } from '../store/timeline.ts';

/**
 * A netizen sends a suggestion or message. Answers only after the row and its timeline event
 * are committed (group commit, synchronous=FULL), so an acknowledged reference is never lost.
 */
export async function createSubmission(
  s: Services,
  actor: Actor,
  campaign: CampaignRecord,
  body: unknown,
  clientIp: string,
): Promise<SubmissionRow> {
  const def = campaign.definition;
  const now = s.clock.now();
  const phase = currentPhase(def, chinaDate(now));
  if (!phase?.allows.includes('submit')) {
    throw new ApiError('phase_closed', 'This campaign is not collecting submissions now', {
      phase: phase?.key ?? null,
    });
  }
  const parsed = submissionInput.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const input = checkAgainstForm(def, s.regions, parsed.data);
  const addressee = chooseAddressee(s.addressees, def, parsed.data.addressee, input.regionCode);

  const hour = 3_600_000;
  // Both windows in parallel (each one statement); a refusal by either stops the submission.
  await Promise.all([
    s.limiter.hit(
      `submit:user:${actor.id}`,
      s.config.HUIYIN_SUBMIT_PER_ACCOUNT_PER_HOUR,
      hour,
      'Too many submissions from this account; please wait',
    ),
    s.limiter.hit(
      `submit:ip:${clientIp}`,
      s.config.HUIYIN_SUBMIT_PER_IP_PER_HOUR,
      hour,
      'Too many submissions from this network; please wait',
    ),
  ]);

  const title = maskPersonalData(input.title);
  const text = maskPersonalData(input.body);
  // Custom fields are public too (the 十五五 form's 具体举措): the same pass, stored only when it
  // changed something, like the title and body.
  const custom = maskCustomFields(input.custom);
  const customJson = Object.keys(input.custom).length ? JSON.stringify(input.custom) : null;
  const customPublicJson = custom.masked ? JSON.stringify(custom.custom) : null;
  const publishAtOnce = def.moderation === 'post';
  const id = newId('sub', now);
  const yearKey = `${def.refPrefix}-${chinaYear(now)}`;
  const model = publishAtOnce ? await handlingContext(s, campaign) : null;

  // The answer is built from what is inserted (no read-back on the hot path).
  const row: SubmissionRow = {
    id,
    ref: '',
    campaignId: campaign.id,
    authorId: actor.id,
    authorName: actor.displayName,
    kind: def.submissionKind,
    title: input.title,
    body: input.body,
    titlePublic: title.text,
    bodyPublic: text.text,
    hasPersonalData: title.masked || text.masked || custom.masked ? 1 : 0,
    regionCode: input.regionCode,
    addresseeId: addressee?.id ?? null,
    topic: input.topic,
    custom: customJson,
    customPublic: customPublicJson ?? customJson,
    showName: input.showName ? 1 : 0,
    status: publishAtOnce ? 'published' : 'received',
    rejectReason: null,
    supportCount: 0,
    createdAt: now,
    publishedAt: publishAtOnce ? now : null,
  };
  // Unmasked texts (most) are stored once: the public columns stay empty (see the schema).
  const stored = {
    ...row,
    titlePublic: storedPublicText(row.title, row.titlePublic),
    bodyPublic: storedPublicText(row.body, row.bodyPublic),
    customPublic: customPublicJson,
    updatedAt: now,
  };
  const received: TimelineEntry = {
    submissionId: id,
    at: now,
    actorId: actor.id,
    actorRole: 'netizen',
    type: 'received',
    toStatus: 'received',
  };

  // Waiting for moderation (the message board, most calls): the row, its timeline entry and
  // what sensemaking owes it are one write (on PostgreSQL one statement: this is the hot path).
  // Near-duplicate grouping follows within moments (sensemaking-queue.ts).
  const done = !publishAtOnce
    ? s.store.insertReceived(yearKey, stored, received).then((ref) => ({ ...row, ref }))
    : s.store.writeNumbered(yearKey, async (tx, number) => {
        row.ref = formatRef(yearKey, number);
        await tx.submissions.insert({ ...stored, ref: row.ref });
        await tx.timeline.append(received);
        await tx.sensemaking.enqueue(id, 'arrived');
        await tx.timeline.append({
          submissionId: id,
          at: now,
          actorId: null,
          actorRole: null,
          type: 'published',
          fromStatus: 'received',
          toStatus: 'published',
          reason: 'campaign publishes at once',
        });
        row.topic = await startHandling(
          s,
          tx,
          campaign,
          model,
          {
            id,
            ref: row.ref,
            title: input.title,
            body: input.body,
            topic: input.topic,
            regionCode: input.regionCode,
            addresseeId: row.addresseeId,
            custom: input.custom,
          },
          now,
        );
        // Search words and cluster assignment too, once it is public.
        await tx.sensemaking.enqueue(id, 'published');
        return row;
      });
  return done.then((created) => {
    s.sensemaking.kick();
    return created;
  });
}

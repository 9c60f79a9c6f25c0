import type { CampaignRecord } from '../campaigns/campaign-registry.ts';
import type { Services } from '../services.ts';
import type { Tx } from '../store/store.ts';
import type { Urgency } from '../../schema/states.ts';
import { notify } from '../notifications/notify.ts';
import { initialUrgency, matchRoutingRule } from './routing-rules.ts';
import { proposeTopic } from '../sensemaking/classifier/index.ts';
import type { RoutingModel } from '../sensemaking/routing-models.ts';
import type { Organisation } from '../organisations/org-tree.ts';

type Routed = Extract<CampaignRecord['definition']['handling'], { mode: 'routed' }>;

export function routedHandling(campaign: CampaignRecord): Routed | null {
  const h = campaign.definition.handling;
  return h.mode === 'routed' ? h : null;
}

/** Working days allowed for an answer, by urgency and round. */
export function serviceDays(handling: Routed, urgency: Urgency, round: number): number {
  if (round > 1) return handling.serviceLevels.secondRound;
  return handling.serviceLevels[urgency];
}

/**
 * The classifier proposes a topic (when the campaign has a trained model) and the proposal is
 * recorded for reviewers. The author's own choice stands; without one, a confident proposal is
 * taken and an unsure one sends the message to triage (undefined).
 */
async function proposeAndChooseTopic(
  tx: Tx,
  campaign: CampaignRecord,
  model: RoutingModel | null,
  sub: Published,
  now: number,
): Promise<string | null | undefined> {
  if (!model) return sub.topic;
  const threshold = campaign.definition.sensemaking.autoRouteThreshold;
  const p = proposeTopic(model.model, { title: sub.title, body: sub.body }, threshold);
  const decision = sub.topic ? null : p.automatic ? 'auto' : 'triage';
  await tx.sensemaking.recordProposal({
    submissionId: sub.id,
    modelId: model.id,
    topic: p.topic,
    confidence: p.confidence,
    evidence: JSON.stringify(p.evidence.slice(0, 8)),
    decision,
    createdAt: now,
  });
  if (sub.topic) return sub.topic;
  if (decision === 'auto') {
    await tx.submissions.setTopic(sub.id, p.topic);
    return p.topic;
  }
  return undefined;
}

/**
 * What starting a handling needs from outside the transaction: the campaign's routing model
 * (read before the write, so the transaction only awaits the database).
 */
export async function handlingContext(
  s: Services,
  campaign: CampaignRecord,
): Promise<RoutingModel | null> {
  return routedHandling(campaign) ? s.routingModels.current(campaign.id) : null;
}

type Published = {
  id: string;
  ref: string;
  title: string;
  body: string;
  topic: string | null;
  regionCode: string | null;
  /** Whom it is written to, on a leadership board: routing stays within that jurisdiction. */
  addresseeId: string | null;
  custom: Record<string, string | number>;
};

/**
 * The unit a published message goes to. Without an addressee, the campaign's most specific rule
 * (or triage). Written to an addressee, it stays within the addressee's jurisdiction: a rule's
 * unit at or below the addressee's organisation, otherwise the addressee's own handling unit
 * (never triage, and never a unit outside, which would push a leader's message sideways).
 */
function routeTo(
  s: Services,
  handling: Routed,
  topic: string | null | undefined,
  sub: Published,
): { unit: Organisation | undefined; by: 'rule' | 'addressee' } {
  const ruled = topic === undefined ? null : matchRoutingRule(handling, topic, sub.regionCode);
  const unit = ruled ? s.orgs.getByCode(ruled) : undefined;
  const addressee = sub.addresseeId ? s.addressees.get(sub.addresseeId) : undefined;
  if (!addressee || (unit && s.orgs.isWithin(unit.id, addressee.orgId)))
    return { unit, by: 'rule' };
  return { unit: s.orgs.get(addressee.unitId), by: 'addressee' };
}

/**
 * When a submission of a routed campaign is published, it enters handling: the campaign's rules
 * pick the unit (or it waits in triage), urgency sets the due date. Runs inside the publish
 * transaction, so a published message is never left without a handling record. Returns the
 * submission's topic afterwards (the classifier may have chosen it).
 */
export async function startHandling(
  s: Services,
  tx: Tx,
  campaign: CampaignRecord,
  model: RoutingModel | null,
  sub: Published,
  now: number,
): Promise<string | null> {
  const handling = routedHandling(campaign);
  if (!handling) return sub.topic;
  const urgency = initialUrgency(handling, `${sub.title}\n${sub.body}`, sub.custom);
  const topic = await proposeAndChooseTopic(tx, campaign, model, sub, now);
  const { unit, by } = routeTo(s, handling, topic, sub);
  const addressee = sub.addresseeId ? s.addressees.get(sub.addresseeId) : undefined;
  const dueAt = unit ? s.calendar.dueAt(now, serviceDays(handling, urgency, 1)) : null;
  await tx.handling.start({
    submissionId: sub.id,
    campaignId: campaign.id,
    state: unit ? 'routed' : 'unrouted',
    unitId: unit?.id ?? null,
    urgency,
    routedAt: unit ? now : null,
    dueAt,
    updatedAt: now,
  });
  if (unit) {
    await tx.handling.recordAssignment({
      submissionId: sub.id,
      unitId: unit.id,
      fromUnitId: null,
      how: 'rule',
      reason:
        `topic=${sub.topic ?? '-'} region=${sub.regionCode ?? '-'}` +
        (addressee ? ` addressee=${addressee.key}` : ''),
      actorId: null,
      at: now,
      round: 1,
    });
    await tx.timeline.append({
      submissionId: sub.id,
      at: now,
      actorId: null,
      actorRole: null,
      type: 'routed',
      reason: by === 'rule' ? 'routing rule' : "the addressee's handling unit",
      data: {
        unit: unit.name,
        unitCode: unit.code,
        urgency,
        dueAt,
        rule: { topic: sub.topic, region: sub.regionCode },
        ...(addressee ? { addressee: addressee.key } : {}),
      },
    });
    await notify(tx, now, await tx.accounts.handlersOf(unit.id), 'routed', sub.id, {
      ref: sub.ref,
      title: sub.title,
      unit: unit.name,
      dueAt,
    });
  } else {
    await tx.timeline.append({
      submissionId: sub.id,
      at: now,
      actorId: null,
      actorRole: null,
      type: 'flagged',
      reason: 'no routing rule matches; waiting for a reviewer to assign a unit',
      data: { urgency },
    });
    await notify(tx, now, await tx.accounts.reviewers(), 'flagged', sub.id, {
      ref: sub.ref,
      title: sub.title,
      reason: 'triage',
    });
  }
  return topic ?? sub.topic;
}

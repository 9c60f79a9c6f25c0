import type { CampaignRecord } from '../campaigns/campaign-registry.ts';
import type { Services } from '../services.ts';
import { recordAssignment } from './record-assignment.ts';
import type { Urgency } from '../../schema/states.ts';
import { appendEvent } from '../submissions/append-event.ts';
import { handlersOf, notify, reviewers } from '../notifications/notify.ts';
import { initialUrgency, matchRoutingRule } from './routing-rules.ts';
import { proposeTopic } from '../sensemaking/classifier/index.ts';

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
function proposeAndChooseTopic(
  s: Services,
  campaign: CampaignRecord,
  sub: Published,
  now: number,
): string | null | undefined {
  const current = s.routingModels.current(campaign.id);
  if (!current) return sub.topic;
  const threshold = campaign.definition.sensemaking.autoRouteThreshold;
  const p = proposeTopic(current.model, { title: sub.title, body: sub.body }, threshold);
  const decision = sub.topic ? null : p.automatic ? 'auto' : 'triage';
  s.sqlite
    .prepare(
      `insert or replace into routing_proposals (submission_id, model_id, topic, confidence, evidence, decision, created_at)
       values (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      sub.id,
      current.id,
      p.topic,
      p.confidence,
      JSON.stringify(p.evidence.slice(0, 8)),
      decision,
      now,
    );
  if (sub.topic) return sub.topic;
  if (decision === 'auto') {
    s.sqlite.prepare('update submissions set topic = ? where id = ?').run(p.topic, sub.id);
    return p.topic;
  }
  return undefined;
}

type Published = {
  id: string;
  ref: string;
  title: string;
  body: string;
  topic: string | null;
  regionCode: string | null;
  custom: Record<string, string | number>;
};

/**
 * When a submission of a routed campaign is published, it enters handling: the campaign's rules
 * pick the unit (or it waits in triage), urgency sets the due date. Runs inside the publish
 * transaction, so a published message is never left without a handling record. Returns the
 * submission's topic afterwards (the classifier may have chosen it).
 */
export function startHandling(
  s: Services,
  campaign: CampaignRecord,
  sub: Published,
  now: number,
): string | null {
  const handling = routedHandling(campaign);
  if (!handling) return sub.topic;
  const urgency = initialUrgency(handling, `${sub.title}\n${sub.body}`, sub.custom);
  const topic = proposeAndChooseTopic(s, campaign, sub, now);
  const unitCode = topic === undefined ? null : matchRoutingRule(handling, topic, sub.regionCode);
  const unit = unitCode ? s.orgs.getByCode(unitCode) : undefined;
  const dueAt = unit ? s.calendar.dueAt(now, serviceDays(handling, urgency, 1)) : null;
  s.sqlite
    .prepare(
      `insert into handlings (submission_id, campaign_id, state, unit_id, urgency, round, routed_at, due_at, updated_at)
       values (?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    )
    .run(
      sub.id,
      campaign.id,
      unit ? 'routed' : 'unrouted',
      unit?.id ?? null,
      urgency,
      unit ? now : null,
      dueAt,
      now,
    );
  if (unit) {
    recordAssignment(s, {
      submissionId: sub.id,
      unitId: unit.id,
      fromUnitId: null,
      how: 'rule',
      reason: `topic=${sub.topic ?? '-'} region=${sub.regionCode ?? '-'}`,
      actorId: null,
      at: now,
      round: 1,
    });
    appendEvent(s, {
      submissionId: sub.id,
      at: now,
      actorId: null,
      actorRole: null,
      type: 'routed',
      reason: 'routing rule',
      data: {
        unit: unit.name,
        unitCode: unit.code,
        urgency,
        dueAt,
        rule: { topic: sub.topic, region: sub.regionCode },
      },
    });
    notify(s, handlersOf(s, unit.id), 'routed', sub.id, {
      ref: sub.ref,
      title: sub.title,
      unit: unit.name,
      dueAt,
    });
  } else {
    appendEvent(s, {
      submissionId: sub.id,
      at: now,
      actorId: null,
      actorRole: null,
      type: 'flagged',
      reason: 'no routing rule matches; waiting for a reviewer to assign a unit',
      data: { urgency },
    });
    notify(s, reviewers(s), 'flagged', sub.id, {
      ref: sub.ref,
      title: sub.title,
      reason: 'triage',
    });
  }
  return topic ?? sub.topic;
}

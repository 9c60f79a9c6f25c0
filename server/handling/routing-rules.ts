import type { CampaignDefinition } from '../campaigns/definition.ts';
import type { Urgency } from '../../schema/states.ts';

type RoutedHandling = Extract<CampaignDefinition['handling'], { mode: 'routed' }>;

/**
 * The unit code for a message, by the campaign's rules: the most specific matching rule wins
 * (longest region prefix, then a rule with a topic over one without, then the first listed).
 * Null when no rule matches: the message waits in triage.
 */
export function matchRoutingRule(
  handling: RoutedHandling,
  topic: string | null,
  regionCode: string | null,
): string | null {
  let best: { unit: string; score: number } | null = null;
  for (const rule of handling.rules) {
    if (rule.topic && rule.topic !== topic) continue;
    if (rule.region && !(regionCode ?? '').startsWith(rule.region)) continue;
    const score = (rule.region?.length ?? 0) * 2 + (rule.topic ? 1 : 0);
    if (!best || score > best.score) best = { unit: rule.unit, score };
  }
  return best?.unit ?? null;
}

/** 轻重缓急: urgent when the author said so in the form or the text names an urgent matter. */
export function initialUrgency(
  handling: RoutedHandling,
  text: string,
  custom: Record<string, string | number>,
): Urgency {
  if (handling.urgencyField && custom[handling.urgencyField] === 'urgent') return 'urgent';
  return handling.urgentKeywords.some((k) => text.includes(k)) ? 'urgent' : 'normal';
}

import type { CampaignDefinition, PhaseDefinition } from './definition.ts';
import type { PhaseAction } from '../../schema/states.ts';

/** The phase whose dates cover `today` (YYYY-MM-DD, China time), if any. */
export function currentPhase(def: CampaignDefinition, today: string): PhaseDefinition | null {
  return (
    def.phases.find((p) => p.starts <= today && (p.ends === undefined || today <= p.ends)) ?? null
  );
}

export function nextPhase(def: CampaignDefinition, today: string): PhaseDefinition | null {
  return (
    [...def.phases]
      .sort((a, b) => a.starts.localeCompare(b.starts))
      .find((p) => p.starts > today) ?? null
  );
}

export function phaseAllows(def: CampaignDefinition, today: string, action: PhaseAction): boolean {
  return currentPhase(def, today)?.allows.includes(action) ?? false;
}

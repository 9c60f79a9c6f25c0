import type { Actor } from '../auth/actor.ts';
import { ownsCampaign } from '../auth/permissions.ts';
import { chinaDate } from '../clock.ts';
import type { Services } from '../services.ts';
import type { Store } from '../store/store.ts';
import type { CampaignRecord } from './campaign-registry.ts';
import { currentPhase, nextPhase } from './phases.ts';

type Stats = { published: number; supports: number };
let statsCache: { at: number; store: Store; byCampaign: Map<string, Stats> } | undefined;

/**
 * Published and supported counts for every campaign. Cached for a few seconds: the home page is
 * the most visited page and the counts need not be exact to the second.
 */
export async function campaignStats(s: Services): Promise<Map<string, Stats>> {
  const now = s.clock.now();
  if (
    statsCache &&
    statsCache.store === s.store &&
    now - statsCache.at < 5_000 &&
    now >= statsCache.at
  ) {
    return statsCache.byCampaign;
  }
  const rows = await s.store.campaigns.stats();
  statsCache = { at: now, store: s.store, byCampaign: new Map(rows.map((r) => [r.id, r])) };
  return statsCache.byCampaign;
}

export function invalidateCampaignStats(): void {
  statsCache = undefined;
}

export function summarizeCampaign(s: Services, record: CampaignRecord, stats: Map<string, Stats>) {
  const def = record.definition;
  const today = chinaDate(s.clock.now());
  const phase = currentPhase(def, today);
  const owner = s.orgs.get(record.ownerOrgId);
  return {
    slug: record.slug,
    title: def.title,
    summary: def.summary,
    kind: def.kind,
    submissionKind: def.submissionKind,
    handling: { mode: def.handling.mode },
    owner: {
      code: owner?.code ?? def.owner,
      name: owner?.name ?? def.owner,
      ...(owner?.nameEn ? { nameEn: owner.nameEn } : {}),
    },
    currentPhase: phase,
    nextPhase: nextPhase(def, today),
    acceptsSubmissions: phase?.allows.includes('submit') ?? false,
    closesOn: phase?.ends ?? null,
    stats: {
      published: stats.get(record.id)?.published ?? 0,
      supports: stats.get(record.id)?.supports ?? 0,
    },
  };
}

export async function describeCampaign(s: Services, actor: Actor | null, record: CampaignRecord) {
  const def = record.definition;
  return {
    ...summarizeCampaign(s, record, await campaignStats(s)),
    description: def.description,
    phases: def.phases,
    topics: def.topics,
    moderation: def.moderation,
    form: def.form,
    policyDocuments: def.policyDocuments,
    source: record.source,
    sourceFile: record.sourceFile,
    canEdit: record.source === 'console' && ownsCampaign(s, actor, record),
  };
}

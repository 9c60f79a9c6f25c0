// The figures the routes answer with: the public data page, the owner's dashboard and a snapshot
// taken on demand. Who may read what, and which campaigns a scope covers, are decided here.
import { hasRole, type Actor } from '../auth/actor.ts';
import { ownsCampaign, requireRole } from '../auth/permissions.ts';
import type { CampaignRecord } from '../campaigns/campaign-registry.ts';
import { monthRange } from '../handling/unit-figures.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { campaignOr404 } from '../submissions/submission-pages.ts';
import { readFigures, type Granularity } from './read-figures.ts';
import { refreshFiguresNow } from './refresh-figures.ts';
import { overdueMatters, unitLeague } from './unit-league.ts';

export type ScopeQuery = {
  campaign?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  granularity: Granularity;
  region?: string | undefined;
};

function regionOr404(s: Services, code: string | undefined) {
  if (code !== undefined && !s.regions.get(code)) throw new ApiError('not_found', 'No such region');
  return code ?? null;
}

function checkRange(from?: string, to?: string) {
  if (from && to && from > to)
    throw new ApiError('validation_failed', 'from is after to', { fields: { from: 'after to' } });
}

/** Campaigns whose dashboard the actor may read: an admin all, an owner their organisation's. */
function ownedCampaigns(s: Services, actor: Actor): CampaignRecord[] {
  return s.campaigns.all().filter((c) => ownsCampaign(s, actor, c));
}

/** The public data page: the platform's or a campaign's figures, small counts hidden. */
export function publicFigures(s: Services, q: ScopeQuery) {
  checkRange(q.from, q.to);
  return readFigures(s, {
    campaignIds: q.campaign ? [campaignOr404(s, q.campaign).id] : null,
    from: q.from ?? null,
    to: q.to ?? null,
    granularity: q.granularity,
    region: regionOr404(s, q.region),
    suppress: true,
  });
}

/** The owner's dashboard: their campaigns' figures, the unit league table, overdue matters. */
export async function dashboard(s: Services, actor: Actor | null, q: ScopeQuery) {
  const owner = requireRole(actor, 'owner', 'admin');
  checkRange(q.from, q.to);
  const owned = ownedCampaigns(s, owner);
  let chosen = owned;
  if (q.campaign) {
    const campaign = campaignOr404(s, q.campaign);
    if (!owned.some((o) => o.id === campaign.id))
      throw new ApiError('forbidden', 'This campaign belongs to another organisation');
    chosen = [campaign];
  }
  const ids = chosen.map((x) => x.id);
  const from = q.from ? monthRange(q.from)[0] : 0;
  const to = q.to ? monthRange(q.to)[1] : s.clock.now() + 1;
  const [figures, league, overdue] = await Promise.all([
    readFigures(s, {
      campaignIds: ids,
      from: q.from ?? null,
      to: q.to ?? null,
      granularity: q.granularity,
      region: regionOr404(s, q.region),
      suppress: false,
    }),
    ids.length ? unitLeague(s, ids, from, to) : [],
    ids.length ? overdueMatters(s, ids) : [],
  ]);
  return {
    campaigns: owned.map((x) => ({ slug: x.slug, title: x.definition.title['zh-CN'] })),
    figures,
    league,
    overdue,
  };
}

/** A new snapshot now (owner, admin): its generation and when it was taken. */
export function takeSnapshot(s: Services, actor: Actor | null) {
  requireRole(actor, 'owner', 'admin');
  return refreshFiguresNow(s);
}

/** The campaign, when the actor may produce its report (its owner, an admin). */
export function reportableCampaign(s: Services, actor: Actor, slug: string): CampaignRecord {
  const campaign = campaignOr404(s, slug);
  if (!ownsCampaign(s, actor, campaign) && !hasRole(actor, 'admin'))
    throw new ApiError('forbidden', 'Only the campaign owner produces its report');
  return campaign;
}

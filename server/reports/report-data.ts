// Everything the campaign report shows, gathered once: the figures of the current snapshot
// (small counts hidden, as the report is meant to be published), the largest clusters with a
// representative quote (none while its text is withheld after reports), adopted suggestions with their clauses, and how the units performed.
import type { CampaignRecord } from '../campaigns/campaign-registry.ts';
import { adoptedStatuses } from '../figures/definitions.ts';
import { readFigures } from '../figures/read-figures.ts';
import { unitLeague } from '../figures/unit-league.ts';
import type { Services } from '../services.ts';

const excerpt = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max)}…` : text);

export async function reportData(s: Services, campaign: CampaignRecord) {
  const now = s.clock.now();
  const figures = await readFigures(s, {
    campaignIds: [campaign.id],
    from: null,
    to: null,
    granularity: 'month',
    region: null,
    suppress: true,
  });
  const [clusters, adoptions, units] = await Promise.all([
    s.store.figures.reportClusters(figures.snapshot?.generation ?? -1, campaign.id),
    s.store.figures.reportAdoptions(campaign.id, adoptedStatuses),
    unitLeague(s, [campaign.id], 0, now + 1),
  ]);
  const owner = s.orgs.get(campaign.ownerOrgId);
  return {
    campaign: {
      slug: campaign.slug,
      title: campaign.definition.title['zh-CN'],
      owner: owner?.name ?? '',
    },
    generatedAt: now,
    figures,
    clusters: clusters.map((c) => ({ ...c, quoteBody: c.quoteBody ? excerpt(c.quoteBody) : null })),
    adoptions,
    units,
  };
}

export type ReportData = Awaited<ReturnType<typeof reportData>>;

// Everything the campaign report shows, gathered once: the figures of the current snapshot
// (small counts hidden, as the report is meant to be published), the largest clusters with a
// representative quote (none while its text is withheld after reports), adopted suggestions with their clauses, and how the units performed.
import type { CampaignRecord } from '../campaigns/campaign-registry.ts';
import { adoptedStatuses } from '../figures/definitions.ts';
import { readFigures } from '../figures/read-figures.ts';
import { unitLeague } from '../figures/unit-league.ts';
import type { Services } from '../services.ts';
import { publicStatusSql, publicText } from '../submissions/submission-row.ts';
import { shownSql } from '../trust/content-holds.ts';

const excerpt = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max)}…` : text);

export function reportData(s: Services, campaign: CampaignRecord) {
  const figures = readFigures(s, {
    campaignIds: [campaign.id],
    from: null,
    to: null,
    granularity: 'month',
    region: null,
    suppress: true,
  });
  const clusters = (
    s.sqlite
      .prepare(
        `select h.cluster_id as id, h.title, h.people, h.last_week as lastWeek, ${publicText('sub', 'title')} as quoteTitle, ${publicText('sub', 'body')} as quoteBody
         from figure_hot_topics h join clusters c on c.id = h.cluster_id
         left join submissions sub on sub.id = c.representative_id and sub.status in (${publicStatusSql})
           and ${shownSql('submission', 'sub.id')}
         where h.generation = ? and h.campaign_id = ? order by h.people desc limit 5`,
      )
      .all(figures.snapshot?.generation ?? -1, campaign.id) as {
      id: string;
      title: string;
      people: number;
      lastWeek: number;
      quoteTitle: string | null;
      quoteBody: string | null;
    }[]
  ).map((c) => ({ ...c, quoteBody: c.quoteBody ? excerpt(c.quoteBody) : null }));
  const adoptions = s.sqlite
    .prepare(
      `select a.id, a.status, a.quoted_span as quotedSpan, d.title as document, d.issuer, c.anchor, c.text as clause,
         (select count(*) from adoption_members m where m.adoption_id = a.id) as submissions,
         (select ${publicText('sub', 'title')} from adoption_members m join submissions sub on sub.id = m.submission_id
           where m.adoption_id = a.id and sub.status in (${publicStatusSql}) and ${shownSql('submission', 'sub.id')} order by sub.support_count desc limit 1) as example
       from adoptions a join policy_documents d on d.id = a.document_id join policy_clauses c on c.id = a.clause_id
       where a.campaign_id = ? and a.withdrawn_at is null and a.status in (select value from json_each(?))
       order by a.confirmed_at limit 30`,
    )
    .all(campaign.id, JSON.stringify(adoptedStatuses)) as {
    id: string;
    status: string;
    quotedSpan: string;
    document: string;
    issuer: string;
    anchor: string;
    clause: string;
    submissions: number;
    example: string | null;
  }[];
  const units = unitLeague(s, [campaign.id], 0, s.clock.now() + 1);
  const owner = s.orgs.get(campaign.ownerOrgId);
  return {
    campaign: {
      slug: campaign.slug,
      title: campaign.definition.title['zh-CN'],
      owner: owner?.name ?? '',
    },
    generatedAt: s.clock.now(),
    figures,
    clusters,
    adoptions,
    units,
  };
}

export type ReportData = ReturnType<typeof reportData>;

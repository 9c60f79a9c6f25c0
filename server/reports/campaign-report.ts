// The campaign report as the route answers it: a printable HTML page, or a PDF printed from it.
import { requireActor } from '../auth/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import { reportableCampaign } from '../figures/figure-pages.ts';
import type { Services } from '../services.ts';
import { loadCharts } from './report-charts.ts';
import { reportData } from './report-data.ts';
import { reportHtml } from './report-html.ts';
import { printPdf } from './report-pdf.ts';

export type CampaignReport =
  { format: 'pdf'; name: string; pdf: Buffer } | { format: 'html'; name: string; html: string };

/** The report of a campaign, for its owner or an admin. */
export async function campaignReport(
  s: Services,
  actor: Actor | null,
  slug: string,
  format: 'html' | 'pdf',
): Promise<CampaignReport> {
  const campaign = reportableCampaign(s, requireActor(actor), slug);
  const data = await reportData(s, campaign);
  await loadCharts();
  const name = `${campaign.slug}-report-${new Date(s.clock.now()).toISOString().slice(0, 10)}`;
  if (format === 'pdf')
    return {
      format,
      name,
      pdf: await printPdf(reportHtml(data, { inline: true }), s.config.HUIYIN_CHROMIUM),
    };
  return { format, name, html: reportHtml(data, { inline: false, href: '/api/report.css' }) };
}

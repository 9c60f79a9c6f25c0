// The annual big-data report as the route answers it: a printable HTML page, or a PDF printed
// from it. Public, like the figures it is made of; a PDF starts a browser, so each network may
// ask for a few an hour.
import { boardPeriod } from '../boards/board-figures.ts';
import type { Services } from '../services.ts';
import { annualReportData } from './annual-report-data.ts';
import { annualReportHtml } from './annual-report-html.ts';
import { loadCharts } from './report-charts.ts';
import { printPdf } from './report-pdf.ts';

export type AnnualReport =
  { format: 'pdf'; name: string; pdf: Buffer } | { format: 'html'; name: string; html: string };

/** PDFs a network may ask for per hour. */
const pdfsPerHour = 10;

export async function annualReport(
  s: Services,
  q: { region?: string; from?: string; to?: string; format: 'html' | 'pdf' },
  clientIp: string,
): Promise<AnnualReport> {
  const period = boardPeriod(s, q.from, q.to);
  const data = await annualReportData(s, q.region ?? null, period);
  const name = `huiyin-report-${q.region ?? 'national'}-${period.from}-${period.to}`;
  await loadCharts();
  if (q.format === 'pdf') {
    await s.limiter.hit(
      `annual-pdf:ip:${clientIp}`,
      pdfsPerHour,
      3_600_000,
      'Too many report PDFs from this network; please wait',
    );
    return {
      format: 'pdf',
      name,
      pdf: await printPdf(annualReportHtml(data, { inline: true }), s.config.HUIYIN_CHROMIUM),
    };
  }
  return {
    format: 'html',
    name,
    html: annualReportHtml(data, { inline: false, href: '/api/report.css' }),
  };
}

import { createRoute, z } from '@hono/zod-openapi';
import { hasRole, type Actor } from '../auth/actor.ts';
import { ownsCampaign, requireActor, requireRole } from '../auth/permissions.ts';
import type { CampaignRecord } from '../campaigns/campaign-registry.ts';
import { definitions } from '../figures/definitions.ts';
import { readFigures, type FigureScope } from '../figures/read-figures.ts';
import { refreshFigures } from '../figures/refresh-figures.ts';
import { overdueMatters, unitLeague } from '../figures/unit-league.ts';
import { monthRange } from '../handling/unit-figures.ts';
import { ApiError } from '../http/api-error.ts';
import { errorResponses, json } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { reportData } from '../reports/report-data.ts';
import { loadCharts } from '../reports/report-charts.ts';
import { reportCss, reportHtml } from '../reports/report-html.ts';
import { printPdf } from '../reports/report-pdf.ts';
import type { Services } from '../services.ts';

const tags = ['Figures'];
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

const ScopeQuery = z.object({
  campaign: z
    .string()
    .max(64)
    .optional()
    .openapi({ description: 'Campaign slug; omit for the whole platform' }),
  from: month
    .optional()
    .openapi({ description: 'First month (YYYY-MM, by day received)', example: '2026-01' }),
  to: month.optional().openapi({ description: 'Last month, inclusive', example: '2026-12' }),
  granularity: z
    .enum(['day', 'week', 'month'])
    .default('month')
    .openapi({ description: 'Periods of the trend' }),
  region: z
    .string()
    .regex(/^\d{2}(\d{2})?$/)
    .optional()
    .openapi({ description: 'Drill into a province (2 digits) or a city (4 digits)' }),
});

const Counts = {
  received: z.number(),
  published: z.number(),
  replied: z.number(),
  unitReplied: z.number(),
  onTime: z.number(),
  satisfied: z.number(),
  basically: z.number(),
  unsatisfied: z.number(),
  adopted: z.number(),
  rated: z.number(),
  replyRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  adoptionRate: z.number().nullable(),
  medianHoursToReply: z.number().nullable(),
};
const FigureValues = z.object(Counts).openapi('FigureValues', {
  description:
    'Counts and rates; each is defined in `definitions` (null rate: nothing to divide by)',
});
const Hideable = z
  .number()
  .nullable()
  .openapi({ description: 'null: fewer than 5, hidden ("<5")' });
const Breakdown = z.object({
  key: z.string(),
  name: z.string(),
  published: Hideable,
  figures: FigureValues.nullable(),
});

export const FiguresSchema = z
  .object({
    snapshot: z
      .object({
        generation: z.number(),
        takenAt: z.number().openapi({ description: 'Data as of (epoch ms)' }),
      })
      .nullable(),
    suppressed: z
      .boolean()
      .openapi({ description: 'Small region × topic counts are hidden (public figures)' }),
    headline: FigureValues,
    series: z.array(FigureValues.extend({ period: z.string() })),
    topics: z.array(Breakdown),
    units: z.array(Breakdown),
    regions: z.object({
      parent: z.object({ code: z.string(), name: z.string() }).nullable(),
      level: z.number(),
      items: z.array(Breakdown.extend({ hasChildren: z.boolean() })),
      matrix: z.object({
        topics: z.array(z.object({ key: z.string(), name: z.string() })),
        rows: z.array(
          z.object({
            key: z.string(),
            name: z.string(),
            cells: z.array(Hideable),
            total: Hideable,
          }),
        ),
        totals: z.array(Hideable),
        total: Hideable,
      }),
    }),
    hotTopics: z.array(
      z.object({
        id: z.string(),
        campaign: z.string(),
        campaignId: z.string(),
        title: z.string(),
        people: z.number(),
        lastWeek: z.number(),
        supports: z.number(),
      }),
    ),
    definitions: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })),
  })
  .openapi('Figures');

const UnitRow = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  assigned: z.number(),
  replied: z.number(),
  onTime: z.number(),
  onTimeRate: z.number().nullable(),
  overdue: z.number(),
  returned: z.number(),
  returnRate: z.number().nullable(),
  ratings: z.object({ satisfied: z.number(), basically: z.number(), unsatisfied: z.number() }),
  satisfactionRate: z.number().nullable(),
  open: z.number(),
});

function campaignOr404(s: Services, slug: string): CampaignRecord {
  const campaign = s.campaigns.get(slug);
  if (!campaign) throw new ApiError('not_found', 'No such campaign');
  return campaign;
}

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

const definitionsText = Object.entries(definitions)
  .map(([k, d]) => `- \`${k}\`: ${d.en}`)
  .join('\n');

export const figureRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/figures',
      tags,
      summary: 'Public figures of the platform or a campaign (the data page)',
      description: `From the current snapshot of pre-aggregated figures (\`snapshot.takenAt\`). Region × topic counts below 5 and the complements that would reveal them are null. Definitions:\n${definitionsText}`,
      request: { query: ScopeQuery },
      responses: { 200: json(FiguresSchema, 'Figures'), ...errorResponses(400, 404) },
    }),
    (c) => {
      const s = c.var.services;
      const q = c.req.valid('query');
      checkRange(q.from, q.to);
      const scope: FigureScope = {
        campaignIds: q.campaign ? [campaignOr404(s, q.campaign).id] : null,
        from: q.from ?? null,
        to: q.to ?? null,
        granularity: q.granularity,
        region: regionOr404(s, q.region),
        suppress: true,
      };
      c.header('Cache-Control', 'public, max-age=60');
      return c.json(readFigures(s, scope), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/dashboard',
      tags,
      summary:
        "The owner's dashboard: figures of one's campaigns, unit league table, overdue and escalated matters",
      description:
        'Owners see the campaigns of their organisation (and the units below it), admins all. Counts are not hidden here. The league table counts by event time within the months chosen (definitions as in the monthly close).',
      request: { query: ScopeQuery },
      responses: {
        200: json(
          z.object({
            campaigns: z.array(z.object({ slug: z.string(), title: z.string() })),
            figures: FiguresSchema,
            league: z.array(UnitRow),
            overdue: z.array(
              z.object({
                id: z.string(),
                ref: z.string(),
                title: z.string(),
                unit: z.object({ code: z.string(), name: z.string() }).nullable(),
                dueAt: z.number().nullable(),
                escalated: z.boolean(),
                urgency: z.string(),
              }),
            ),
          }),
          'Dashboard',
        ),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    (c) => {
      const s = c.var.services;
      const actor = requireRole(c.var.actor, 'owner', 'admin');
      const q = c.req.valid('query');
      checkRange(q.from, q.to);
      const owned = ownedCampaigns(s, actor);
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
      return c.json(
        {
          campaigns: owned.map((x) => ({ slug: x.slug, title: x.definition.title['zh-CN'] })),
          figures: readFigures(s, {
            campaignIds: ids,
            from: q.from ?? null,
            to: q.to ?? null,
            granularity: q.granularity,
            region: regionOr404(s, q.region),
            suppress: false,
          }),
          league: ids.length ? unitLeague(s, ids, from, to) : [],
          overdue: ids.length ? overdueMatters(s, ids) : [],
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/figures/refresh',
      tags,
      summary: 'Take a new snapshot of the figures now (owner, admin)',
      description: `The server also refreshes them on its own every HUIYIN_FIGURES_REFRESH_MINUTES.`,
      responses: {
        200: json(z.object({ generation: z.number(), takenAt: z.number() }), 'The new snapshot'),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const s = c.var.services;
      requireRole(c.var.actor, 'owner', 'admin');
      const generation = await refreshFigures(s);
      const takenAt = s.sqlite
        .prepare('select taken_at from figure_snapshots where generation = ?')
        .pluck()
        .get(generation) as number;
      return c.json({ generation, takenAt }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/campaigns/{slug}/report',
      tags,
      summary: 'The campaign report: printable HTML page or PDF (campaign owner, admin)',
      description:
        'Headline figures with their definitions and the snapshot time, charts, top clusters with representative quotes, adopted suggestions with their clauses, unit performance. `format=pdf` prints it with headless Chromium on the server.',
      request: {
        params: z.object({ slug: z.string().max(64) }),
        query: z.object({ format: z.enum(['html', 'pdf']).default('html') }),
      },
      responses: {
        200: {
          description: 'The report',
          content: {
            'text/html': { schema: z.string() },
            'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const actor = requireActor(c.var.actor);
      const campaign = campaignOr404(s, c.req.valid('param').slug);
      if (!ownsCampaign(s, actor, campaign) && !hasRole(actor, 'admin'))
        throw new ApiError('forbidden', 'Only the campaign owner produces its report');
      const data = reportData(s, campaign);
      await loadCharts();
      const name = `${campaign.slug}-report-${new Date(s.clock.now()).toISOString().slice(0, 10)}`;
      if (c.req.valid('query').format === 'pdf') {
        const pdf = await printPdf(reportHtml(data, { inline: true }), s.config.HUIYIN_CHROMIUM);
        return c.body(new Uint8Array(pdf), 200, {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="${name}.pdf"`,
        });
      }
      return c.html(reportHtml(data, { inline: false, href: '/api/report.css' }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/report.css',
      tags,
      summary: "The report page's print styles (a file, so the page needs no inline style)",
      responses: { 200: { description: 'CSS', content: { 'text/css': { schema: z.string() } } } },
    }),
    (c) => {
      c.header('Content-Type', 'text/css; charset=utf-8');
      c.header('Cache-Control', 'public, max-age=3600');
      return c.body(reportCss, 200);
    },
  );

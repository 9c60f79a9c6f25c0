import { createRoute, z } from '@hono/zod-openapi';
import { definitions } from '../figures/definitions.ts';
import { dashboard, publicFigures, takeSnapshot } from '../figures/figure-pages.ts';
import { errorResponses, json } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { campaignReport } from '../reports/campaign-report.ts';
import { reportCss } from '../reports/report-html.ts';

const tags = ['Figures'];
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

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
export const FigureValues = z.object(Counts).openapi('FigureValues', {
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
    async (c) => {
      const figures = await publicFigures(c.var.services, c.req.valid('query'));
      c.header('Cache-Control', 'public, max-age=60');
      return c.json(figures, 200);
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
    async (c) => c.json(await dashboard(c.var.services, c.var.actor, c.req.valid('query')), 200),
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
    async (c) => c.json(await takeSnapshot(c.var.services, c.var.actor), 200),
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
      const report = await campaignReport(
        c.var.services,
        c.var.actor,
        c.req.valid('param').slug,
        c.req.valid('query').format,
      );
      if (report.format === 'pdf')
        return c.body(new Uint8Array(report.pdf), 200, {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="${report.name}.pdf"`,
        });
      return c.html(report.html, 200);
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

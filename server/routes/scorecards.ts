import { createRoute, z } from '@hono/zod-openapi';
import { boardAlarms, monthlyScorecards, scorecardMonth } from '../boards/scorecards.ts';
import { errorResponses, json } from '../http/openapi-schemas.ts';
import { annualReport } from '../reports/annual-report.ts';
import { createRouter } from '../http/router.ts';
import { onReplica } from '../services.ts';
import { month } from './figures.ts';

const tags = ['Figures'];
const Definition = z.object({ zh: z.string(), en: z.string() });
const Scorecard = {
  received: z.number(),
  answered: z.number(),
  answerRate: z.number().nullable(),
  onTime: z.number(),
  onTimeRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  returned: z.number(),
  overdueNow: z.number(),
};
const Unit = z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() });
const Addressee = z.object({
  key: z.string(),
  title: z.object({ 'zh-CN': z.string(), en: z.string().optional() }),
});

export const scorecardRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/scorecards',
      tags,
      summary: "The message board's monthly scorecards of handling units and leaders",
      description:
        'Public. Each figure is defined in `definitions`; also as open data (dataset `scorecards`).',
      request: {
        query: z.object({
          month: month.optional().openapi({ description: 'YYYY-MM; default: last month' }),
        }),
      },
      responses: {
        200: json(
          z.object({
            month: z.string(),
            countedAt: z.number(),
            definitions: z.record(z.string(), Definition),
            units: z.array(z.object({ unit: Unit, ...Scorecard })),
            addressees: z.array(z.object({ addressee: Addressee.passthrough(), ...Scorecard })),
          }),
          'Scorecards',
        ),
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const s = onReplica(c.var.services);
      const m = scorecardMonth(s, c.req.valid('query').month);
      return c.json(await monthlyScorecards(s, m), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/annual',
      tags,
      summary: 'The big-data report (网上群众工作大数据报告) of the platform or a province',
      description:
        'Any period of months (e.g. 2026-01 to 2026-11), beside the same months a year before: messages received and answered, answer rate, top topics and their change, regions ranked, the leaders with the most answers, handling units, adoption stories; every figure with its definition. Public. `format=pdf` prints it with headless Chromium (10 an hour per network).',
      request: {
        query: z.object({
          region: z
            .string()
            .regex(/^\d{2}$/)
            .optional()
            .openapi({ description: 'A province (2 digits); omit for the platform' }),
          from: month
            .optional()
            .openapi({ description: 'First month; default: 11 months before `to`' }),
          to: month
            .optional()
            .openapi({ description: 'Last month, inclusive; default: this month' }),
          format: z.enum(['html', 'pdf']).default('html'),
        }),
      },
      responses: {
        200: {
          description: 'The report',
          content: {
            'text/html': { schema: z.string() },
            'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        ...errorResponses(400, 404, 429),
      },
    }),
    async (c) => {
      const s = onReplica(c.var.services);
      const report = await annualReport(s, c.req.valid('query'), c.var.clientIp);
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
      path: '/scorecards/alarms',
      tags,
      summary: 'Units holding messages past due, and leaders’ boards silent for two months',
      description: 'Reviewers and admins see all; an owner sees those within their organisation.',
      responses: {
        200: json(
          z.object({
            countedAt: z.number(),
            definitions: z.record(z.string(), Definition),
            overdueUnits: z.array(
              z.object({ unit: Unit, overdue: z.number(), oldestDue: z.number() }),
            ),
            silentBoards: z.array(
              z.object({
                addressee: Addressee.passthrough(),
                lastAnswerAt: z.number().nullable(),
                oldestWaiting: z.number(),
              }),
            ),
          }),
          'Alarms',
        ),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json(await boardAlarms(c.var.services, c.var.actor), 200),
  );

import { createRoute, z } from '@hono/zod-openapi';
import { boardAlarms, monthlyScorecards, scorecardMonth } from '../figures/scorecards.ts';
import { errorResponses, json } from '../http/openapi-schemas.ts';
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

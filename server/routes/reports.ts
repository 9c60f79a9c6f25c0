import { createRoute, z } from '@hono/zod-openapi';
import {
  holdStates,
  reportReasons,
  reportTargets,
  type ReportTarget,
} from '../../schema/states.ts';
import { errorResponses, json } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { decideReport, moderationActions } from '../trust/decide-report.ts';
import { reportContent } from '../trust/report-content.ts';
import { listReportQueue } from '../trust/report-queue.ts';
import { decideSupportFlag, listSupportFlags } from '../trust/support-bursts.ts';

const tags = ['Reports and abuse'];
const idParam = z.object({ id: z.string().max(64) });
const where: Record<ReportTarget, string> = {
  submission: '/submissions/{id}',
  reply: '/replies/{id}',
};

const ReportBody = z.object({
  reason: z.enum(reportReasons),
  note: z.string().max(500).optional(),
});
const DecisionBody = z.object({
  action: z.enum(moderationActions),
  reason: z.string().max(500).optional().openapi({ description: 'Required to reject' }),
});
const body = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** Report and decide routes, the same for submissions and replies. */
function targetRoutes(kind: ReportTarget) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: `${where[kind]}/report`,
        tags,
        summary: `Report (举报) a published ${kind}, once per account`,
        request: { params: idParam, body: body(ReportBody) },
        responses: {
          201: json(
            z.object({ reports: z.number(), hold: z.enum(holdStates).nullable() }),
            'Reported; `hold` tells whether the text is now withheld pending review',
          ),
          ...errorResponses(400, 401, 403, 404, 409, 429),
        },
      }),
      async (c) => {
        const id = c.req.valid('param').id;
        const result = await reportContent(
          c.var.services,
          c.var.actor,
          kind,
          id,
          c.req.valid('json'),
        );
        return c.json(result as { reports: number; hold: (typeof holdStates)[number] | null }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: `${where[kind]}/moderation`,
        tags,
        summary: `Decide on a reported ${kind}: dismiss, hide, reject (submissions), restore (reviewer, admin)`,
        request: { params: idParam, body: body(DecisionBody) },
        responses: {
          200: json(
            z.object({ hold: z.enum(holdStates).nullable(), status: z.string() }),
            'Decided',
          ),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      }),
      async (c) => {
        const id = c.req.valid('param').id;
        const result = await decideReport(
          c.var.services,
          c.var.actor,
          kind,
          id,
          c.req.valid('json'),
        );
        return c.json(result as { hold: (typeof holdStates)[number] | null; status: string }, 200);
      },
    );
}

export const reportRoutes = createRouter()
  .route('/', targetRoutes('submission'))
  .route('/', targetRoutes('reply'))
  .openapi(
    createRoute({
      method: 'get',
      path: '/moderation/reports',
      tags,
      summary: 'Open reports grouped by item, most reported first (reviewer, admin)',
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({
                kind: z.enum(reportTargets),
                id: z.string(),
                submissionId: z.string(),
                ref: z.string(),
                title: z.string().nullable(),
                body: z.string(),
                reports: z.number(),
                reasons: z.record(z.string(), z.number()),
                notes: z.array(z.string()),
                hold: z.enum(holdStates).nullable(),
                firstAt: z.number(),
                lastAt: z.number(),
              }),
            ),
          }),
          'The queue',
        ),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json({ items: await listReportQueue(c.var.services, c.var.actor) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/moderation/support-flags',
      tags,
      summary: 'Bursts of supports from one network, with figures (reviewer, admin)',
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({
                id: z.number(),
                submissionId: z.string(),
                ref: z.string(),
                title: z.string(),
                network: z.string(),
                firstAt: z.number(),
                lastAt: z.number(),
                supportCount: z.number(),
                fromNetwork: z.number(),
                addresses: z.number(),
                inWindow: z.number(),
                share: z.number().openapi({ description: 'Percent of the counted supports' }),
              }),
            ),
          }),
          'Open flags',
        ),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => c.json({ items: await listSupportFlags(c.var.services, c.var.actor) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/support-flags/{id}/decision',
      tags,
      summary: "Discount a burst's supports or clear the flag (reviewer, admin)",
      request: {
        params: z.object({
          id: z.coerce
            .number()
            .int()
            .min(1)
            .max(2 ** 31),
        }),
        body: body(z.object({ action: z.enum(['discount', 'clear']) })),
      },
      responses: {
        200: json(
          z.object({ discounted: z.number(), supportCount: z.number() }),
          'Decided; supportCount is the public figure now',
        ),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await decideSupportFlag(
          c.var.services,
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  );

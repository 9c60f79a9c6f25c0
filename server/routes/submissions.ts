import { publicListQuery } from '../submissions/submission-pages.ts';
import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../auth/permissions.ts';
import {
  errorResponses,
  json,
  PageQuerySchema,
  pageOf,
  SubmissionSchema,
  TimelineEventSchema,
  HandlingSchema,
} from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { AdoptionSchema } from '../http/adoption-schemas.ts';
import { createSubmission } from '../submissions/create-submission.ts';
import {
  authorSubmissionPage,
  campaignOr404,
  publicSubmissionPage,
  submissionDetail,
} from '../submissions/submission-pages.ts';
import { supportSubmission } from '../submissions/support-submission.ts';
import { viewSubmission } from '../submissions/submission-view.ts';

const tags = ['Submissions'];
const slugParam = z.object({ slug: z.string().max(64) });
const idParam = z.object({
  id: z.string().max(64).openapi({ example: 'sub_0mhx3k2a9f3c2b1a0d9e' }),
});
const SubmissionPage = pageOf(SubmissionSchema, 'SubmissionPage');

export const submissionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/campaigns/{slug}/submissions',
      tags,
      summary: 'Send a suggestion or message to a campaign',
      description:
        "Answers 201 only after the submission and its timeline entry are committed to disk. Lengths, region, topic and custom fields follow the campaign's form.",
      request: {
        params: slugParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                title: z.string().openapi({ example: '建议提高公积金贷款额度' }),
                body: z.string(),
                regionCode: z.string().nullish().openapi({ example: '411003' }),
                topic: z.string().nullish(),
                addressee: z
                  .string()
                  .nullish()
                  .openapi({ description: 'Key of the leader written to (GET /api/addressees)' }),
                custom: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
                showName: z.boolean().optional(),
              }),
            },
          },
        },
      },
      responses: {
        201: json(
          z.object({ submission: SubmissionSchema }),
          'Received; `ref` is the reference number',
        ),
        ...errorResponses(400, 401, 404, 409, 413, 415, 429),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const actor = requireActor(c.var.actor);
      const campaign = campaignOr404(s, c.req.valid('param').slug);
      const row = await createSubmission(s, actor, campaign, c.req.valid('json'), c.var.clientIp);
      return c.json({ submission: await viewSubmission(s, actor, row) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/campaigns/{slug}/submissions',
      tags,
      summary: "A campaign's published submissions",
      request: {
        params: slugParam,
        query: PageQuerySchema.extend({
          sort: z.enum(['newest', 'supports']).default('newest'),
          topic: z.string().max(64).optional(),
          region: z
            .string()
            .regex(/^\d{2,6}$/)
            .optional(),
          addressee: z
            .string()
            .max(64)
            .optional()
            .openapi({ description: 'Only messages written to this addressee (its key)' }),
          answered: z
            .enum(['1'])
            .optional()
            .openapi({ description: '1: only messages with a public answer' }),
        }),
      },
      responses: { 200: json(SubmissionPage, 'One page'), ...errorResponses(400, 404) },
    }),
    async (c) => {
      const s = c.var.services;
      const campaign = campaignOr404(s, c.req.valid('param').slug);
      return c.json(
        await publicSubmissionPage(
          s,
          c.var.actor,
          campaign,
          publicListQuery(s, c.req.valid('query')),
        ),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/submissions/{id}',
      tags,
      summary: 'One submission with its timeline',
      description:
        'Unpublished and rejected submissions are visible to their author and staff only.',
      request: { params: idParam },
      responses: {
        200: json(
          z.object({
            submission: SubmissionSchema,
            timeline: z.array(TimelineEventSchema),
            handling: HandlingSchema,
            adoptions: z.array(AdoptionSchema),
          }),
          'The submission',
        ),
        ...errorResponses(404),
      },
    }),
    async (c) =>
      c.json(await submissionDetail(c.var.services, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/support',
      tags,
      summary: 'Support (点赞) a published submission, once per account',
      request: { params: idParam },
      responses: {
        200: json(
          z.object({ supportCount: z.number(), supportedByMe: z.literal(true) }),
          'Supported',
        ),
        ...errorResponses(401, 403, 404, 409, 429),
      },
    }),
    async (c) => {
      const { supportCount } = await supportSubmission(
        c.var.services,
        c.var.actor,
        c.req.valid('param').id,
        c.var.clientIp,
      );
      return c.json({ supportCount, supportedByMe: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me/submissions',
      tags,
      summary: 'My submissions, in every status',
      request: { query: PageQuerySchema },
      responses: { 200: json(SubmissionPage, 'One page'), ...errorResponses(401) },
    }),
    async (c) => {
      const actor = requireActor(c.var.actor);
      return c.json(await authorSubmissionPage(c.var.services, actor, c.req.valid('query')), 200);
    },
  );

import { createRoute, z } from '@hono/zod-openapi';
import { canSeeSealed, canSeeSealedAsStaff, requireActor } from '../auth/permissions.ts';
import { ApiError } from '../http/api-error.ts';
import {
  errorResponses,
  json,
  PageQuerySchema,
  pageOf,
  SubmissionSchema,
  TimelineEventSchema,
  HandlingSchema,
} from '../http/openapi-schemas.ts';
import { viewHandling } from '../handling/handling-view.ts';
import { createRouter } from '../http/router.ts';
import { AdoptionSchema } from '../http/adoption-schemas.ts';
import { adoptionsOfSubmission } from '../tracing/adoption-views.ts';
import { createSubmission } from '../submissions/create-submission.ts';
import {
  findSubmission,
  listAuthorSubmissions,
  listPublicSubmissions,
  supportedBy,
  timelineOf,
  voiceWeights,
} from '../submissions/submission-queries.ts';
import { publicStatuses } from '../submissions/submission-row.ts';
import { supportSubmission } from '../submissions/support-submission.ts';
import { viewSubmission } from '../submissions/submission-view.ts';
import { viewTimeline } from '../submissions/timeline-view.ts';

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
      const campaign = s.campaigns.get(c.req.valid('param').slug);
      if (!campaign) throw new ApiError('not_found', 'No such campaign');
      const row = await createSubmission(s, actor, campaign, c.req.valid('json'), c.var.clientIp);
      return c.json({ submission: viewSubmission(s, actor, row) }, 201);
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
        }),
      },
      responses: { 200: json(SubmissionPage, 'One page'), ...errorResponses(400, 404) },
    }),
    (c) => {
      const s = c.var.services;
      const campaign = s.campaigns.get(c.req.valid('param').slug);
      if (!campaign) throw new ApiError('not_found', 'No such campaign');
      const q = c.req.valid('query');
      const { rows, total } = listPublicSubmissions(s, campaign.id, q);
      const mine = supportedBy(
        s,
        c.var.actor?.id,
        rows.map((r) => r.id),
      );
      const weights = voiceWeights(
        s,
        rows.map((r) => r.id),
      );
      const items = rows.map((r) =>
        viewSubmission(s, c.var.actor, r, mine.has(r.id), weights.get(r.id)),
      );
      return c.json({ items, page: q.page, pageSize: q.pageSize, total }, 200);
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
    (c) => {
      const s = c.var.services;
      const row = findSubmission(s, c.req.valid('param').id);
      const campaign = row && s.campaigns.getById(row.campaignId);
      if (!row || !campaign) throw new ApiError('not_found', 'No such submission');
      if (
        !publicStatuses.includes(row.status) &&
        !canSeeSealed(s, c.var.actor, campaign, row.authorId, row.id)
      ) {
        throw new ApiError('not_found', 'No such submission');
      }
      const supported = supportedBy(s, c.var.actor?.id, [row.id]).has(row.id);
      return c.json(
        {
          submission: viewSubmission(
            s,
            c.var.actor,
            row,
            supported,
            voiceWeights(s, [row.id]).get(row.id),
          ),
          timeline: viewTimeline(
            c.var.actor,
            timelineOf(s, row.id),
            canSeeSealedAsStaff(s, c.var.actor, campaign, row.id),
          ),
          handling: viewHandling(s, c.var.actor, row),
          adoptions: publicStatuses.includes(row.status) ? adoptionsOfSubmission(s, row.id) : [],
        },
        200,
      );
    },
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
    (c) => {
      const s = c.var.services;
      const actor = requireActor(c.var.actor);
      const q = c.req.valid('query');
      const { rows, total } = listAuthorSubmissions(s, actor.id, q);
      const items = rows.map((r) => viewSubmission(s, actor, r));
      return c.json({ items, page: q.page, pageSize: q.pageSize, total }, 200);
    },
  );

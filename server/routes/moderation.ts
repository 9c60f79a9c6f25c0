import { createRoute, z } from '@hono/zod-openapi';
import {
  errorResponses,
  json,
  PageQuerySchema,
  pageOf,
  SubmissionSchema,
} from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { publishSubmission, rejectSubmission } from '../submissions/moderate-submission.ts';
import { getSubmission } from '../submissions/submission-queries.ts';
import { moderationQueuePage } from '../submissions/submission-pages.ts';
import { viewSubmission } from '../submissions/submission-view.ts';
import { invalidateCampaignStats } from '../campaigns/campaign-view.ts';

const tags = ['Moderation'];
const idParam = z.object({ id: z.string().max(64) });
const submissionResponse = json(
  z.object({ submission: SubmissionSchema }),
  'The submission after the change',
);

export const moderationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/moderation/queue',
      tags,
      summary: 'Submissions waiting for a reviewer, oldest first (reviewer, admin)',
      request: { query: PageQuerySchema.extend({ campaign: z.string().max(64).optional() }) },
      responses: {
        200: json(pageOf(SubmissionSchema, 'ModerationPage'), 'One page, with original text'),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) =>
      c.json(await moderationQueuePage(c.var.services, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/publish',
      tags,
      summary: 'Publish a received submission (reviewer, admin)',
      request: { params: idParam },
      responses: { 200: submissionResponse, ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const s = c.var.services;
      const { id } = c.req.valid('param');
      await publishSubmission(s, c.var.actor, id);
      invalidateCampaignStats();
      const row = await getSubmission(s, id);
      return c.json({ submission: await viewSubmission(s, c.var.actor, row) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/reject',
      tags,
      summary: 'Reject a received submission with a reason the author reads (reviewer, admin)',
      request: {
        params: idParam,
        body: {
          required: true,
          content: { 'application/json': { schema: z.object({ reason: z.string() }) } },
        },
      },
      responses: { 200: submissionResponse, ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const s = c.var.services;
      const { id } = c.req.valid('param');
      await rejectSubmission(s, c.var.actor, id, c.req.valid('json'));
      const row = await getSubmission(s, id);
      return c.json({ submission: await viewSubmission(s, c.var.actor, row) }, 200);
    },
  );

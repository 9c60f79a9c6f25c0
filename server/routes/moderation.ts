import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/permissions.ts';
import { ApiError } from '../http/api-error.ts';
import {
  errorResponses,
  json,
  PageQuerySchema,
  pageOf,
  SubmissionSchema,
} from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { publishSubmission, rejectSubmission } from '../submissions/moderate-submission.ts';
import { getSubmission, listModerationQueue } from '../submissions/submission-queries.ts';
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
    (c) => {
      const s = c.var.services;
      const actor = requireRole(c.var.actor, 'reviewer', 'admin');
      const q = c.req.valid('query');
      let campaignId: string | undefined;
      if (q.campaign) {
        campaignId = s.campaigns.get(q.campaign)?.id;
        if (!campaignId) throw new ApiError('not_found', 'No such campaign');
      }
      const { rows, total } = listModerationQueue(s, { ...q, campaignId });
      return c.json(
        {
          items: rows.map((r) => viewSubmission(s, actor, r)),
          page: q.page,
          pageSize: q.pageSize,
          total,
        },
        200,
      );
    },
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
      return c.json({ submission: viewSubmission(s, c.var.actor, getSubmission(s, id)) }, 200);
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
      return c.json({ submission: viewSubmission(s, c.var.actor, getSubmission(s, id)) }, 200);
    },
  );

import { createRoute, z } from '@hono/zod-openapi';
import { hasRole } from '../auth/actor.ts';
import { ownsCampaign, requireActor } from '../auth/permissions.ts';
import { ApiError } from '../http/api-error.ts';
import { errorResponses, json } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { enqueueJob } from '../jobs/job-runner.ts';

const tags = ['Sensemaking'];
const slugParam = z.object({ slug: z.string().max(64) });
const JobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    createdAt: z.number(),
    startedAt: z.number().nullable(),
    finishedAt: z.number().nullable(),
    result: z.unknown(),
    error: z.string().nullable(),
  })
  .openapi('Job');

export const classifierRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/campaigns/{slug}/classifier',
      tags,
      summary:
        "The campaign's routing model: when it was trained, on how many examples, and its training data",
      request: { params: slugParam },
      responses: {
        200: json(
          z.object({
            model: z
              .object({
                id: z.string(),
                trainedAt: z.number(),
                examples: z.number(),
                metrics: z.unknown(),
              })
              .nullable(),
            threshold: z.number(),
            examples: z.object({ imported: z.number(), corrections: z.number() }),
          }),
          'Model state',
        ),
        ...errorResponses(401, 403, 404),
      },
    }),
    (c) => {
      const s = c.var.services;
      const actor = requireActor(c.var.actor);
      const campaign = s.campaigns.get(c.req.valid('param').slug);
      if (!campaign) throw new ApiError('not_found', 'No such campaign');
      if (!hasRole(actor, 'reviewer', 'editor', 'admin') && !ownsCampaign(s, actor, campaign))
        throw new ApiError('forbidden', 'Staff only');
      const model = s.sqlite
        .prepare(
          'select id, trained_at as trainedAt, examples, metrics from classifier_models where campaign_id = ? order by trained_at desc limit 1',
        )
        .get(campaign.id) as
        { id: string; trainedAt: number; examples: number; metrics: string | null } | undefined;
      const count = (source: string) =>
        s.sqlite
          .prepare('select count(*) from labeled_examples where campaign_id = ? and source = ?')
          .pluck()
          .get(campaign.id, source) as number;
      return c.json(
        {
          model: model
            ? { ...model, metrics: model.metrics ? (JSON.parse(model.metrics) as unknown) : null }
            : null,
          threshold: campaign.definition.sensemaking.autoRouteThreshold,
          examples: { imported: count('import'), corrections: count('correction') },
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/campaigns/{slug}/classifier/train',
      tags,
      summary:
        'Retrain the routing model from imported history and reviewers’ corrections (a recorded job)',
      request: { params: slugParam },
      responses: {
        202: json(z.object({ job: z.string() }), 'Queued'),
        ...errorResponses(401, 403, 404),
      },
    }),
    (c) => {
      const s = c.var.services;
      const actor = requireActor(c.var.actor);
      const campaign = s.campaigns.get(c.req.valid('param').slug);
      if (!campaign) throw new ApiError('not_found', 'No such campaign');
      if (!hasRole(actor, 'reviewer', 'admin') && !ownsCampaign(s, actor, campaign))
        throw new ApiError('forbidden', 'Reviewers, owners and admins only');
      return c.json({ job: enqueueJob(s, 'train-classifier', campaign.id, actor.id) }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/jobs/{id}',
      tags,
      summary: 'A recorded background job (staff)',
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: {
        200: json(z.object({ job: JobSchema }), 'The job'),
        ...errorResponses(401, 403, 404),
      },
    }),
    (c) => {
      const s = c.var.services;
      const actor = requireActor(c.var.actor);
      if (!hasRole(actor, 'reviewer', 'editor', 'owner', 'admin'))
        throw new ApiError('forbidden', 'Staff only');
      const job = s.sqlite
        .prepare(
          'select id, kind, status, created_at as createdAt, started_at as startedAt, finished_at as finishedAt, result, error from jobs where id = ?',
        )
        .get(c.req.valid('param').id) as
        | {
            id: string;
            kind: string;
            status: 'queued' | 'running' | 'done' | 'failed';
            createdAt: number;
            startedAt: number | null;
            finishedAt: number | null;
            result: string | null;
            error: string | null;
          }
        | undefined;
      if (!job) throw new ApiError('not_found', 'No such job');
      return c.json(
        { job: { ...job, result: job.result ? (JSON.parse(job.result) as unknown) : null } },
        200,
      );
    },
  );

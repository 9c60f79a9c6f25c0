import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, json } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { jobView } from '../jobs/job-view.ts';
import { classifierState } from '../sensemaking/classifier-state.ts';
import { requestTraining } from '../sensemaking/request-training.ts';

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
    async (c) =>
      c.json(await classifierState(c.var.services, c.var.actor, c.req.valid('param').slug), 200),
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
    async (c) =>
      c.json(await requestTraining(c.var.services, c.var.actor, c.req.valid('param').slug), 202),
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
    async (c) => c.json(await jobView(c.var.services, c.var.actor, c.req.valid('param').id), 200),
  );

import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, json, SubmissionSchema } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { duplicateGroup } from '../sensemaking/duplicate-group.ts';
import { similarSubmissions } from '../sensemaking/similar-submissions.ts';
import { splitDuplicate } from '../sensemaking/split-duplicate.ts';

const tags = ['Duplicates'];
const idParam = z.object({ id: z.string().max(64) });

export const duplicateRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/campaigns/{slug}/similar',
      tags,
      summary:
        'Up to 5 published submissions like the text being written (support one instead of repeating it)',
      request: {
        params: z.object({ slug: z.string().max(64) }),
        query: z.object({ text: z.string().trim().min(4).max(5000) }),
      },
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({
                submission: SubmissionSchema,
                similarity: z
                  .number()
                  .nullable()
                  .openapi({ description: 'Share of the same wording (near-duplicates only)' }),
                nearDuplicate: z.boolean(),
              }),
            ),
          }),
          'Similar submissions',
        ),
        ...errorResponses(400, 404, 429),
      },
    }),
    async (c) =>
      c.json(
        await similarSubmissions(
          c.var.services,
          c.var.actor,
          c.req.valid('param').slug,
          c.req.valid('query').text,
          c.var.clientIp,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/submissions/{id}/duplicates',
      tags,
      summary: "The submission's near-duplicate group, with originals (staff)",
      request: { params: idParam },
      responses: {
        200: json(
          z.object({ groupId: z.string().nullable(), members: z.array(SubmissionSchema) }),
          'The group',
        ),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) =>
      c.json(await duplicateGroup(c.var.services, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/split-duplicate',
      tags,
      summary:
        'Take a submission out of its near-duplicate group (reviewer); it will not rejoin it',
      request: { params: idParam },
      responses: {
        200: json(z.object({ sameText: z.number() }), 'Its weight after the split'),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) =>
      c.json(await splitDuplicate(c.var.services, c.var.actor, c.req.valid('param').id), 200),
  );

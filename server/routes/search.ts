import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, json, SubmissionSchema } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { searchPage, searchQuery } from '../search/search-submissions.ts';

const Snippet = z.object({
  text: z.string(),
  marks: z
    .array(z.tuple([z.number(), z.number()]))
    .openapi({ description: '[start, end) offsets in `text` to highlight' }),
});

export const searchRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/search',
    tags: ['Search'],
    summary: 'Full-text search over published submissions and their public replies',
    description:
      'Chinese words are matched after segmentation (Traditional and Simplified alike); all words are required. Highlight offsets refer to the returned snippet text.',
    request: { query: searchQuery },
    responses: {
      200: json(
        z.object({
          items: z.array(
            z.object({ submission: SubmissionSchema, title: Snippet, snippet: Snippet }),
          ),
          page: z.number(),
          pageSize: z.number(),
          total: z.number(),
          capped: z
            .boolean()
            .openapi({ description: 'true when there are more matches than counted (1,000)' }),
        }),
        'Matches',
      ),
      ...errorResponses(400, 429),
    },
  }),
  async (c) =>
    c.json(
      await searchPage(c.var.services, c.var.actor, c.var.clientIp, c.req.valid('query')),
      200,
    ),
);

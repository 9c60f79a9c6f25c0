import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, json, SubmissionSchema } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { highlight, searchQuery, searchSubmissions } from '../search/search-submissions.ts';
import { supportedByLegacy, voiceWeightsLegacy } from '../submissions/submission-queries.ts';
import { viewSubmissionLegacy } from '../submissions/submission-view.ts';

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
  (c) => {
    const s = c.var.services;
    const q = c.req.valid('query');
    s.limiter.hit(
      `search:ip:${c.var.clientIp}`,
      s.config.HUIYIN_SEARCH_PER_IP_PER_MINUTE,
      60_000,
      'Too many searches from this network; please wait',
    );
    const { rows, total, capped } = searchSubmissions(s, q);
    const mine = supportedByLegacy(
      s,
      c.var.actor?.id,
      rows.map((r) => r.id),
    );
    const weights = voiceWeightsLegacy(
      s,
      rows.map((r) => r.id),
    );
    const items = rows.map((r) => {
      const submission = viewSubmissionLegacy(s, c.var.actor, r, mine.has(r.id), weights.get(r.id));
      return {
        submission,
        title: highlight(r.titlePublic, q.q, 200),
        snippet: highlight(r.bodyPublic, q.q),
      };
    });
    return c.json({ items, page: q.page, pageSize: q.pageSize, total, capped }, 200);
  },
);

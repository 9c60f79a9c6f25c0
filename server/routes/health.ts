import { createRoute, z } from '@hono/zod-openapi';
import { json } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { health } from '../ops/health.ts';

export const healthRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['Operations'],
      summary: 'Liveness, database check (and which engine) and the sensemaking backlog',
      description:
        'The sensemaking queue (near-duplicates, search indexing, cluster assignment owed to new submissions) is durable; `pending` and `oldestAgeMs` show how far behind it is.',
      responses: {
        200: json(
          z.object({
            status: z.literal('ok'),
            db: z.literal('ok'),
            engine: z.enum(['sqlite', 'postgres']),
            time: z.number(),
            sensemaking: z.object({
              pending: z.number().int(),
              oldestAgeMs: z.number(),
              processed: z.number().int(),
              maxLagMs: z.number(),
            }),
          }),
          'Healthy',
        ),
      },
    }),
    async (c) => c.json(await health(c.var.services), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/ready',
      tags: ['Operations'],
      summary: 'Readiness: migrated, campaigns loaded, not shutting down',
      responses: {
        200: json(z.object({ ready: z.literal(true), campaigns: z.number() }), 'Ready for traffic'),
        503: json(z.object({ ready: z.literal(false) }), 'Shutting down'),
      },
    }),
    (c) => {
      const s = c.var.services;
      if (!s.state.ready) return c.json({ ready: false as const }, 503);
      return c.json({ ready: true as const, campaigns: s.campaigns.all().length }, 200);
    },
  );

import { createRoute, z } from '@hono/zod-openapi';
import { json } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { health, readiness } from '../ops/health.ts';

const ReadySchema = z.object({
  ready: z.boolean(),
  node: z.string(),
  engine: z.enum(['sqlite', 'postgres']),
  leading: z.boolean(),
  primary: z.enum(['writable', 'read-only', 'unreachable']),
  campaigns: z.number().int(),
  replica: z
    .object({ reachable: z.boolean(), lagMs: z.number().nullable() })
    .optional()
    .describe('Only with HUIYIN_DATABASE_READ_URL: the standby serving heavy public reads'),
});

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
      summary: 'Readiness of this node: migrated, campaigns loaded, not shutting down',
      description:
        'Also names the node, its engine, whether it leads the run-once work (sensemaking, escalation, jobs) and whether it reaches a writable primary (`writable`, `read-only` for a standby, `unreachable`). 503 while shutting down.',
      responses: {
        200: json(ReadySchema, 'Ready for traffic'),
        503: json(ReadySchema, 'Shutting down'),
      },
    }),
    async (c) => {
      const state = await readiness(c.var.services);
      return c.json(state, state.ready ? 200 : 503);
    },
  );

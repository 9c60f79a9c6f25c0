import { createRoute, z } from '@hono/zod-openapi';
import { json } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';

export const healthRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['Operations'],
    summary: 'Liveness and database check',
    responses: {
      200: json(
        z.object({ status: z.literal('ok'), db: z.literal('ok'), time: z.number() }),
        'Healthy',
      ),
    },
  }),
  (c) => {
    const s = c.var.services;
    s.sqlite.prepare('select 1').get();
    return c.json({ status: 'ok' as const, db: 'ok' as const, time: s.clock.now() }, 200);
  },
);

/**
 * The least a JSON API can do per request with this stack, for `npm run bench -- http-ceiling`:
 * Hono on @hono/node-server, no middleware, no database. `GET /api/health` answers a constant;
 * `POST /echo` reads the JSON body (a submission's title and body), checks it with zod and
 * answers 201 with it, as the submission route answers with what it stored.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { z } from 'zod';

const Body = z.object({ title: z.string().max(200), body: z.string().max(5000) }).loose();

const app = new Hono()
  .get('/api/health', (c) => c.json({ ok: true }))
  .post('/echo', async (c) => {
    const parsed = Body.safeParse(await c.req.json());
    if (!parsed.success) return c.json({ error: { code: 'invalid_input' } }, 400);
    return c.json({ submission: { id: 'sub_x', ...parsed.data } }, 201);
  });

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });

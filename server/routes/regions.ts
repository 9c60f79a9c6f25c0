import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../http/api-error.ts';
import { json, errorResponses } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';

export const regionRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/regions',
    tags: ['Regions'],
    summary: 'Administrative divisions, one level at a time',
    description:
      "Without `parent`: the provinces. With `parent`: its cities, or a city's counties.",
    request: {
      query: z.object({
        parent: z
          .string()
          .regex(/^\d{2,4}$/)
          .optional()
          .openapi({ example: '41' }),
      }),
    },
    responses: {
      200: json(
        z.object({
          items: z.array(
            z.object({ code: z.string(), name: z.string(), hasChildren: z.boolean() }),
          ),
        }),
        'Regions',
      ),
      ...errorResponses(400, 404),
    },
  }),
  (c) => {
    const { regions } = c.var.services;
    const { parent } = c.req.valid('query');
    if (parent !== undefined && !regions.get(parent))
      throw new ApiError('not_found', 'No such region');
    const items = regions
      .children(parent)
      .map((r) => ({ code: r.code, name: r.name, hasChildren: r.children.length > 0 }));
    c.header('Cache-Control', 'public, max-age=86400');
    return c.json({ items }, 200);
  },
);

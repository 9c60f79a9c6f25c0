import { createRoute, z } from '@hono/zod-openapi';
import { json } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { organisationKinds } from '../../schema/states.ts';
import { organisationList } from '../organisations/organisation-list.ts';

export const organisationRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/organisations',
    tags: ['Organisations'],
    summary: 'The organisation (handling-unit) tree, flat, parents before children',
    responses: {
      200: json(
        z.object({
          items: z.array(
            z.object({
              code: z.string(),
              name: z.string(),
              nameEn: z.string().nullable(),
              kind: z.enum(organisationKinds),
              parent: z.string().nullable(),
              regionCode: z.string().nullable(),
            }),
          ),
        }),
        'Organisations',
      ),
    },
  }),
  async (c) => c.json({ items: await organisationList(c.var.services) }, 200),
);

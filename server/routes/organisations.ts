import { createRoute, z } from '@hono/zod-openapi';
import { json } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { organisationKinds } from '../../schema/states.ts';

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
  (c) => {
    const s = c.var.services;
    const rows = s.sqlite
      .prepare(
        `with recursive tree(id, depth, path) as (
           select id, 0, name from organisations where parent_id is null
           union all select o.id, t.depth + 1, t.path || '/' || o.name from organisations o join tree t on o.parent_id = t.id)
         select o.code, o.name, o.name_en as nameEn, o.kind, p.code as parent, o.region_code as regionCode
         from tree t join organisations o on o.id = t.id left join organisations p on p.id = o.parent_id order by t.path`,
      )
      .all() as {
      code: string;
      name: string;
      nameEn: string | null;
      kind: (typeof organisationKinds)[number];
      parent: string | null;
      regionCode: string | null;
    }[];
    return c.json({ items: rows }, 200);
  },
);

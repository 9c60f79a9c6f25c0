import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../auth/permissions.ts';
import {
  errorResponses,
  json,
  NotificationSchema,
  PageQuerySchema,
} from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import type { NotificationType } from '../../schema/states.ts';

const tags = ['Notifications'];

export const notificationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      tags,
      summary: 'My in-app inbox, newest first, with the unread count',
      request: { query: PageQuerySchema.extend({ unread: z.enum(['1', 'true']).optional() }) },
      responses: {
        200: json(
          z.object({
            items: z.array(NotificationSchema),
            page: z.number(),
            pageSize: z.number(),
            total: z.number(),
            unread: z.number(),
          }),
          'One page',
        ),
        ...errorResponses(401),
      },
    }),
    (c) => {
      const s = c.var.services;
      const user = requireActor(c.var.actor);
      const q = c.req.valid('query');
      const onlyUnread = q.unread ? ' and read_at is null' : '';
      const rows = s.sqlite
        .prepare(
          `select id, type, submission_id as submissionId, data, created_at as createdAt, read_at as readAt
           from notifications where user_id = ?${onlyUnread} order by id desc limit ? offset ?`,
        )
        .all(user.id, q.pageSize, (q.page - 1) * q.pageSize) as {
        id: number;
        type: NotificationType;
        submissionId: string | null;
        data: string | null;
        createdAt: number;
        readAt: number | null;
      }[];
      const count = (where: string) =>
        s.sqlite
          .prepare(`select count(*) from notifications where user_id = ?${where}`)
          .pluck()
          .get(user.id) as number;
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            type: r.type,
            submissionId: r.submissionId,
            data: (r.data ? JSON.parse(r.data) : {}) as Record<string, string | number | null>,
            createdAt: r.createdAt,
            read: r.readAt !== null,
          })),
          page: q.page,
          pageSize: q.pageSize,
          total: count(onlyUnread),
          unread: count(' and read_at is null'),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/notifications/read',
      tags,
      summary: 'Mark some (ids) or all of my notifications read',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.union([
                z.object({ ids: z.array(z.number().int()).min(1).max(500) }),
                z.object({ all: z.literal(true) }),
              ]),
            },
          },
        },
      },
      responses: {
        200: json(z.object({ unread: z.number() }), 'Unread count after'),
        ...errorResponses(400, 401),
      },
    }),
    (c) => {
      const s = c.var.services;
      const user = requireActor(c.var.actor);
      const input = c.req.valid('json');
      const now = s.clock.now();
      if ('ids' in input) {
        s.sqlite
          .prepare(
            `update notifications set read_at = ? where user_id = ? and read_at is null and id in (${input.ids.map(() => '?').join(',')})`,
          )
          .run(now, user.id, ...input.ids);
      } else {
        s.sqlite
          .prepare('update notifications set read_at = ? where user_id = ? and read_at is null')
          .run(now, user.id);
      }
      const unread = s.sqlite
        .prepare('select count(*) from notifications where user_id = ? and read_at is null')
        .pluck()
        .get(user.id) as number;
      return c.json({ unread }, 200);
    },
  );

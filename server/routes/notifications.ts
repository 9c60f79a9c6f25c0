import { createRoute, z } from '@hono/zod-openapi';
import {
  errorResponses,
  json,
  NotificationSchema,
  PageQuerySchema,
} from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { inboxPage, markNotificationsRead } from '../notifications/inbox.ts';

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
    async (c) => c.json(await inboxPage(c.var.services, c.var.actor, c.req.valid('query')), 200),
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
    async (c) =>
      c.json(await markNotificationsRead(c.var.services, c.var.actor, c.req.valid('json')), 200),
  );

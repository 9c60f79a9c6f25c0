import { createRoute, z } from '@hono/zod-openapi';
import { changeSettings, settingsView } from '../auth/platform-settings.ts';
import { errorResponses, json } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';

const tags = ['Administration'];

const SettingsSchema = z
  .object({
    requireStaff2fa: z.boolean(),
    staffWithout2fa: z.number().openapi({ description: 'Staff accounts without 2FA, for context' }),
  })
  .openapi('PlatformSettings');

export const settingsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/admin/settings',
      tags,
      summary: 'Platform security settings (admin)',
      responses: { 200: json(SettingsSchema, 'The settings'), ...errorResponses(401, 403) },
    }),
    async (c) => c.json(await settingsView(c.var.services, c.var.actor), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/admin/settings',
      tags,
      summary: 'Change platform security settings (admin)',
      request: {
        body: {
          required: true,
          content: { 'application/json': { schema: z.object({ requireStaff2fa: z.boolean() }) } },
        },
      },
      responses: { 200: json(SettingsSchema, 'Saved'), ...errorResponses(400, 401, 403) },
    }),
    async (c) =>
      c.json(await changeSettings(c.var.services, c.var.actor, c.req.valid('json')), 200),
  );

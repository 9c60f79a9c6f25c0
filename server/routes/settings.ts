import { createRoute, z } from '@hono/zod-openapi';
import { readSettings, rememberSettings, writeSettings } from '../auth/platform-settings.ts';
import { requireRole } from '../auth/permissions.ts';
import { errorResponses, json } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import type { Services } from '../services.ts';
import { staffRoles } from '../../schema/states.ts';

const tags = ['Administration'];

const SettingsSchema = z
  .object({
    requireStaff2fa: z.boolean(),
    staffWithout2fa: z.number().openapi({ description: 'Staff accounts without 2FA, for context' }),
  })
  .openapi('PlatformSettings');

async function view(s: Services) {
  const staffWithout2fa = await s.store.accounts.staffWithoutTwoFactor(staffRoles);
  return { ...(await readSettings(s.store)), staffWithout2fa };
}

export const settingsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/admin/settings',
      tags,
      summary: 'Platform security settings (admin)',
      responses: { 200: json(SettingsSchema, 'The settings'), ...errorResponses(401, 403) },
    }),
    async (c) => {
      requireRole(c.var.actor, 'admin');
      return c.json(await view(c.var.services), 200);
    },
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
    async (c) => {
      const s = c.var.services;
      const admin = requireRole(c.var.actor, 'admin');
      const settings = c.req.valid('json');
      await s.store.write((tx) => writeSettings(tx, settings, admin.id, s.clock.now()));
      rememberSettings(s.store, settings);
      return c.json(await view(s), 200);
    },
  );

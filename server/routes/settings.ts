import { createRoute, z } from '@hono/zod-openapi';
import { readSettings, writeSettings } from '../auth/platform-settings.ts';
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

function view(s: Services) {
  const staffWithout2fa = s.sqlite
    .prepare(
      `select count(distinct r.user_id) from user_roles r
       left join user_totp t on t.user_id = r.user_id and t.enabled_at is not null
       where r.role in (${staffRoles.map(() => '?').join(', ')}) and t.user_id is null`,
    )
    .pluck()
    .get(...staffRoles) as number;
  return { ...readSettings(s.sqlite), staffWithout2fa };
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
    (c) => {
      requireRole(c.var.actor, 'admin');
      return c.json(view(c.var.services), 200);
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
    (c) => {
      const s = c.var.services;
      const admin = requireRole(c.var.actor, 'admin');
      writeSettings(s.sqlite, c.req.valid('json'), admin.id, s.clock.now());
      return c.json(view(s), 200);
    },
  );

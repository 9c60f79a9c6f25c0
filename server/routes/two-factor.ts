import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { completePendingLogin } from '../auth/pending-logins.ts';
import { requireActor } from '../auth/permissions.ts';
import {
  confirmEnrolment,
  disableTwoFactor,
  startEnrolment,
  twoFactorStatus,
} from '../auth/two-factor.ts';
import { errorResponses, json, UserSchema } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import type { AppEnv } from '../services.ts';
import { limitAuth, startSession, viewUser } from './auth.ts';

const tags = ['Accounts'];

const codeBody = {
  required: true,
  content: {
    'application/json': {
      schema: z.object({
        code: z.string().max(32).openapi({ description: '6-digit TOTP code or a recovery code' }),
      }),
    },
  },
};

/** Codes typed while signed in (confirm, disable) are limited per account: 10 per 15 minutes. */
function limitCodes(c: Context<AppEnv>, userId: string) {
  return c.var.services.limiter.hit(
    `2fa:user:${userId}`,
    10,
    15 * 60_000,
    'Too many codes tried; please wait',
  );
}

const StatusSchema = z.object({ enabled: z.boolean(), recoveryCodesLeft: z.number() });

export const twoFactorRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/login/2fa',
      tags,
      summary: 'Second sign-in step: the pending-login token and a code',
      description:
        'Five wrong codes end the pending login; a code already used (even within its 30 s step) is refused.',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({ token: z.string().max(128), code: z.string().max(32) }),
            },
          },
        },
      },
      responses: {
        200: json(z.object({ user: UserSchema }), 'Signed in; the session cookie is set'),
        ...errorResponses(400, 401, 429),
      },
    }),
    async (c) => {
      await limitAuth(c);
      const { token, code } = c.req.valid('json');
      const userId = await completePendingLogin(c.var.services, token, code);
      return c.json({ user: await viewUser(c.var.services, await startSession(c, userId)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/auth/2fa',
      tags,
      summary: 'My two-step verification status',
      responses: { 200: json(StatusSchema, 'Status'), ...errorResponses(401) },
    }),
    async (c) => {
      const actor = requireActor(c.var.actor);
      return c.json(await twoFactorStatus(c.var.services, actor.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/2fa/enrol',
      tags,
      summary: 'Start two-step verification (staff): a new secret, its otpauth URI and QR code',
      responses: {
        200: json(
          z.object({ secret: z.string(), otpauthUri: z.string(), qrCode: z.string() }),
          'Scan the QR code (an SVG data URL) or type the secret, then confirm with a code',
        ),
        ...errorResponses(401, 403, 409),
      },
    }),
    async (c) => {
      const actor = requireActor(c.var.actor);
      return c.json(await startEnrolment(c.var.services, actor), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/2fa/confirm',
      tags,
      summary: 'Confirm enrolment with a code; answers the recovery codes, shown once',
      request: { body: codeBody },
      responses: {
        200: json(z.object({ recoveryCodes: z.array(z.string()) }), 'Two-step verification is on'),
        ...errorResponses(400, 401, 403, 409, 429),
      },
    }),
    async (c) => {
      const actor = requireActor(c.var.actor);
      await limitCodes(c, actor.id);
      const recoveryCodes = await confirmEnrolment(c.var.services, actor, c.req.valid('json').code);
      return c.json({ recoveryCodes }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/2fa/disable',
      tags,
      summary: 'Turn two-step verification off with a code or a recovery code',
      request: { body: codeBody },
      responses: {
        200: json(StatusSchema, 'Two-step verification is off'),
        ...errorResponses(400, 401, 409, 429),
      },
    }),
    async (c) => {
      const actor = requireActor(c.var.actor);
      await limitCodes(c, actor.id);
      await disableTwoFactor(c.var.services, actor, c.req.valid('json').code);
      return c.json(await twoFactorStatus(c.var.services, actor.id), 200);
    },
  );

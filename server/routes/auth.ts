import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { checkCredentials, registerAccount } from '../auth/accounts.ts';
import type { Actor } from '../auth/actor.ts';
import { sessionCookie } from '../auth/sessions.ts';
import { createPendingLogin } from '../auth/pending-logins.ts';
import { hasTwoFactor } from '../auth/two-factor.ts';
import { mustEnrolTwoFactor } from '../auth/require-two-factor.ts';
import { PendingLoginSchema } from '../http/two-factor-schemas.ts';
import { errorResponses, json, UserSchema } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import type { AppEnv, Services } from '../services.ts';

const tags = ['Accounts'];

export async function viewUser(s: Services, actor: Actor) {
  const twoFactor = await hasTwoFactor(s, actor.id);
  return {
    id: actor.id,
    displayName: actor.displayName,
    phone: actor.phone,
    email: actor.email,
    roles: actor.roles.map((g) => {
      const org = g.orgId ? s.orgs.get(g.orgId) : undefined;
      const addressee = g.addresseeId ? s.addressees.get(g.addresseeId) : undefined;
      return {
        role: g.role,
        org: org ? { code: org.code, name: org.name } : null,
        // A leader's office: the leader it serves.
        ...(addressee ? { addressee: { key: addressee.key, title: addressee.title } } : {}),
      };
    }),
    twoFactor: { enabled: twoFactor, mustEnrol: await mustEnrolTwoFactor(s, actor, twoFactor) },
  };
}

/** Starts a fresh session (a new token at every login: no session fixation) and sets the cookie. */
export async function startSession(c: Context<AppEnv>, userId: string): Promise<Actor> {
  const s = c.var.services;
  const now = s.clock.now();
  const old = getCookie(c, sessionCookie);
  if (old) await s.sessions.revoke(old);
  const { token, expiresAt } = await s.sessions.create(userId, now);
  setCookie(c, sessionCookie, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: s.config.HUIYIN_SECURE_COOKIES,
    path: '/',
    expires: new Date(expiresAt),
  });
  return (await s.sessions.actorFor(token, now))!;
}

export function limitAuth(c: Context<AppEnv>) {
  const s = c.var.services;
  return s.limiter.hit(
    `auth:ip:${c.var.clientIp}`,
    s.config.HUIYIN_AUTH_PER_IP_PER_HOUR,
    3_600_000,
    'Too many sign-in attempts from this network; please wait',
  );
}

const credentials = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const authRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/register',
      tags,
      summary: 'Register with a mobile number or e-mail and a password',
      request: {
        body: credentials(
          z.object({
            login: z.string().openapi({ example: '13800000009' }),
            password: z.string().openapi({ description: '8–128 characters, letters and digits' }),
            displayName: z.string().openapi({ example: '王小明' }),
          }),
        ),
      },
      responses: {
        201: json(z.object({ user: UserSchema }), 'Registered and signed in'),
        ...errorResponses(400, 409, 429),
      },
    }),
    async (c) => {
      await limitAuth(c);
      const userId = await registerAccount(c.var.services, c.req.valid('json'));
      return c.json({ user: await viewUser(c.var.services, await startSession(c, userId)) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags,
      summary: 'Sign in',
      description:
        'Accounts with two-step verification get `twoFactor.token` instead of a session: send it with a code to POST /auth/login/2fa within 5 minutes.',
      request: { body: credentials(z.object({ login: z.string(), password: z.string() })) },
      responses: {
        200: json(
          z.union([z.object({ user: UserSchema }), PendingLoginSchema]),
          'Signed in (the session cookie is set), or the second step is due',
        ),
        ...errorResponses(400, 401, 429),
      },
    }),
    async (c) => {
      await limitAuth(c);
      const s = c.var.services;
      const userId = await checkCredentials(s, c.req.valid('json'));
      if (await hasTwoFactor(s, userId)) {
        return c.json({ twoFactor: await createPendingLogin(s, userId) }, 200);
      }
      return c.json({ user: await viewUser(s, await startSession(c, userId)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags,
      summary: 'Sign out (the session is deleted on the server)',
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      const token = getCookie(c, sessionCookie);
      if (token) await c.var.services.sessions.revoke(token);
      deleteCookie(c, sessionCookie, { path: '/' });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/auth/me',
      tags,
      summary: 'Who is signed in',
      responses: { 200: json(z.object({ user: UserSchema.nullable() }), 'The user, or null') },
    }),
    async (c) => {
      const actor = c.var.actor;
      return c.json({ user: actor ? await viewUser(c.var.services, actor) : null }, 200);
    },
  );

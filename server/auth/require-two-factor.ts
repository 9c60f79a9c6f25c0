import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv, Services } from '../services.ts';
import { isStaff, type Actor } from './actor.ts';
import { readSettings } from './platform-settings.ts';
import { hasTwoFactor } from './two-factor.ts';

/** Staff who must set up 2FA first: the admin requires it and they have not. */
export async function mustEnrolTwoFactor(
  s: Services,
  actor: Actor,
  enabled?: boolean,
): Promise<boolean> {
  if (!(await readSettings(s.store)).requireStaff2fa || !isStaff(actor)) return false;
  return !(enabled ?? (await hasTwoFactor(s, actor.id)));
}

/** What such a person may still reach: who am I, sign out, and the 2FA set-up itself. */
const allowed = [
  /^\/api\/auth\/(me|logout)$/,
  /^\/api\/auth\/2fa(\/|$)/,
  /^\/api\/(health|ready|openapi\.json)$/,
];

/**
 * When an admin requires 2FA for staff, a staff member without it is refused everything else
 * (403 two_factor_required) until they enrol: checked here, on the server, for every route.
 */
export const requireTwoFactor: MiddlewareHandler<AppEnv> = async (c, next) => {
  const actor = c.var.actor;
  if (
    actor &&
    // The setting is cached: it is off on most platforms, and this runs on every request.
    !allowed.some((re) => re.test(c.req.path)) &&
    (await mustEnrolTwoFactor(c.var.services, actor))
  ) {
    throw new ApiError('two_factor_required', 'Set up two-step verification first', {
      enrol: '/api/auth/2fa/enrol',
    });
  }
  await next();
};

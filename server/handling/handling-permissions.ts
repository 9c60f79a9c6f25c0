import { hasRole, type Actor } from '../auth/actor.ts';
import { requireActor } from '../auth/permissions.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';

/** Units the actor works for as a handler. */
export function unitsOf(actor: Actor | null): string[] {
  return actor?.roles.filter((g) => g.role === 'handler' && g.orgId).map((g) => g.orgId!) ?? [];
}

/** A handler may act only for their own unit (admins for any): no replying for another unit. */
export function requireUnitMember(s: Services, actor: Actor | null, unitId: string | null): Actor {
  const user = requireActor(actor);
  if (hasRole(user, 'admin')) return user;
  if (unitId && unitsOf(user).includes(unitId)) return user;
  throw new ApiError('forbidden', 'Only the unit handling this submission can do that');
}

/** Handlers of the unit holding a submission, or of the unit above it, may read its sealed text. */
export function handlesOrSupervises(
  s: Services,
  actor: Actor | null,
  unitId: string | null,
): boolean {
  if (!actor || !unitId) return false;
  const units = unitsOf(actor);
  if (units.includes(unitId)) return true;
  const parent = s.orgs.get(unitId)?.parentId;
  return !!parent && units.includes(parent);
}

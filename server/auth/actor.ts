import type { Role } from '../../schema/states.ts';

/** A role held; `addresseeId` scopes a leader's office (`office`) to one addressee. */
export type RoleGrant = { role: Role; orgId: string | null; addresseeId?: string | null };

/** The signed-in person making a request, with every role they hold. */
export type Actor = {
  id: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  roles: RoleGrant[];
};

export function hasRole(actor: Actor | null, ...roles: Role[]): boolean {
  return !!actor && actor.roles.some((g) => roles.includes(g.role));
}

export function isStaff(actor: Actor | null): boolean {
  return hasRole(actor, 'handler', 'reviewer', 'editor', 'owner', 'admin', 'office');
}

/** The highest role, recorded on timeline events so the audit shows in what capacity one acted. */
export function primaryRole(actor: Actor, prefer: Role[] = []): Role {
  const order: Role[] = [...prefer, 'admin', 'reviewer', 'editor', 'owner', 'handler', 'netizen'];
  return order.find((r) => actor.roles.some((g) => g.role === r)) ?? 'netizen';
}

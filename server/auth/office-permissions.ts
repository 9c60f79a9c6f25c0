import type { Actor } from './actor.ts';

/** The addressees whose office the actor works in (领导办公室). */
export function servedAddressees(actor: Actor | null): string[] {
  return (
    actor?.roles.filter((g) => g.role === 'office' && g.addresseeId).map((g) => g.addresseeId!) ??
    []
  );
}

/** Whether the actor works in the office of this addressee. */
export function servesAddressee(actor: Actor | null, addresseeId: string | null): boolean {
  return addresseeId !== null && servedAddressees(actor).includes(addresseeId);
}

import { staffRoles } from '../../schema/states.ts';
import type { Services } from '../services.ts';
import type { Store, Tx } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { requireRole } from './permissions.ts';

/** Settings an admin changes at run time; read on every request, so cached per store. */
export type PlatformSettings = { requireStaff2fa: boolean };

const defaults: PlatformSettings = { requireStaff2fa: false };
const cache = new WeakMap<Store, PlatformSettings>();

/** The settings, from memory after the first read. */
export function readSettings(store: Store): PlatformSettings | Promise<PlatformSettings> {
  return cache.get(store) ?? loadSettings(store);
}

async function loadSettings(store: Store): Promise<PlatformSettings> {
  const stored = await store.accounts.settings();
  const settings = {
    requireStaff2fa: stored.require_staff_2fa === true || defaults.requireStaff2fa,
  };
  cache.set(store, settings);
  return settings;
}

/** Writes the settings (inside the caller's transaction); `remember` after it commits. */
export async function writeSettings(
  tx: Tx,
  settings: PlatformSettings,
  actorId: string,
  now: number,
): Promise<void> {
  await tx.accounts.saveSetting('require_staff_2fa', settings.requireStaff2fa, actorId, now);
}

/** Updates the cache once the write has committed. */
export function rememberSettings(store: Store, settings: PlatformSettings): void {
  cache.set(store, { ...settings });
}

/** Drops the cached settings (another node changed them); the next request reads them again. */
export function forgetSettings(store: Store): void {
  cache.delete(store);
}

/** The settings as the admin's page shows them, with how many staff lack 2FA (admin). */
export async function settingsView(s: Services, actor: Actor | null) {
  requireRole(actor, 'admin');
  const staffWithout2fa = await s.store.accounts.staffWithoutTwoFactor(staffRoles);
  return { ...(await readSettings(s.store)), staffWithout2fa };
}

/** An admin changes the settings: one write, then every request sees them. */
export async function changeSettings(s: Services, actor: Actor | null, settings: PlatformSettings) {
  const admin = requireRole(actor, 'admin');
  await s.store.write((tx) => writeSettings(tx, settings, admin.id, s.clock.now()));
  rememberSettings(s.store, settings);
  await s.changes.publish('settings');
  return settingsView(s, admin);
}

import type { Store } from '../store/store.ts';
import type { Tx } from '../store/store.ts';

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

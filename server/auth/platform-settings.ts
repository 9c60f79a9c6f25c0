import type { Sqlite } from '../db/open-database.ts';

/** Settings an admin changes at run time; read on every request, so cached per database. */
export type PlatformSettings = { requireStaff2fa: boolean };

const defaults: PlatformSettings = { requireStaff2fa: false };
const cache = new WeakMap<Sqlite, PlatformSettings>();

export function readSettings(sqlite: Sqlite): PlatformSettings {
  let settings = cache.get(sqlite);
  if (!settings) {
    const rows = sqlite.prepare('select key, value from platform_settings').all() as {
      key: string;
      value: string;
    }[];
    const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
    settings = { requireStaff2fa: stored.require_staff_2fa === true || defaults.requireStaff2fa };
    cache.set(sqlite, settings);
  }
  return settings;
}

/** Writes the settings (inside the caller's transaction) and refreshes the cache. */
export function writeSettings(
  sqlite: Sqlite,
  settings: PlatformSettings,
  actorId: string,
  now: number,
): void {
  sqlite
    .prepare(
      `insert into platform_settings (key, value, updated_by, updated_at) values (?, ?, ?, ?)
       on conflict (key) do update set value = excluded.value, updated_by = excluded.updated_by,
       updated_at = excluded.updated_at`,
    )
    .run('require_staff_2fa', JSON.stringify(settings.requireStaff2fa), actorId, now);
  cache.set(sqlite, { ...settings });
}

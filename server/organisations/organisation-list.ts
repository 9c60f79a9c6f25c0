import type { Services } from '../services.ts';
import type { Organisation } from './org-tree.ts';

/**
 * The organisation (handling-unit) tree, flat: every organisation reachable from a root, parents
 * before children, siblings by name (ordered by the path of names from the root, as SQLite's
 * binary collation orders text: by UTF-8 bytes).
 */
export async function organisationList(s: Services) {
  const rows = await s.store.campaigns.organisations();
  const byId = new Map(rows.map((o) => [o.id, o]));
  const children = new Map<string | null, Organisation[]>();
  for (const o of rows) {
    const key = o.parentId;
    const list = children.get(key);
    if (list) list.push(o);
    else children.set(key, [o]);
  }
  const listed: { org: Organisation; path: Buffer }[] = [];
  const walk = (parentId: string | null, prefix: string) => {
    for (const o of children.get(parentId) ?? []) {
      const path = prefix ? `${prefix}/${o.name}` : o.name;
      listed.push({ org: o, path: Buffer.from(path) });
      walk(o.id, path);
    }
  };
  walk(null, '');
  listed.sort((a, b) => Buffer.compare(a.path, b.path));
  return listed.map(({ org: o }) => ({
    code: o.code,
    name: o.name,
    nameEn: o.nameEn,
    kind: o.kind,
    parent: o.parentId ? (byId.get(o.parentId)?.code ?? null) : null,
    regionCode: o.regionCode,
  }));
}

import type { Store } from '../store/store.ts';

export type { OrganisationRow as Organisation } from '../store/campaigns.ts';
import type { OrganisationRow as Organisation } from '../store/campaigns.ts';

/** The organisation tree held in memory (a few thousand rows at most); reload after changes. */
export class OrgTree {
  private byId = new Map<string, Organisation>();
  private byCode = new Map<string, Organisation>();

  constructor(private readonly store: Store) {}

  /** Reads the tree (at start-up, and again after a change). */
  async load(): Promise<void> {
    const rows = await this.store.campaigns.organisations();
    this.byId = new Map(rows.map((o) => [o.id, o]));
    this.byCode = new Map(rows.map((o) => [o.code, o]));
  }

  get(id: string): Organisation | undefined {
    return this.byId.get(id);
  }

  all(): Organisation[] {
    return [...this.byId.values()];
  }

  getByCode(code: string): Organisation | undefined {
    return this.byCode.get(code);
  }

  /** True when `orgId` is `ancestorId` or lies below it in the tree. */
  isWithin(orgId: string, ancestorId: string): boolean {
    for (let o = this.byId.get(orgId); o; o = o.parentId ? this.byId.get(o.parentId) : undefined) {
      if (o.id === ancestorId) return true;
    }
    return false;
  }
}

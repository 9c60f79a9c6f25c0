import type { Sqlite } from '../db/open-database.ts';

export type Organisation = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: string;
  parentId: string | null;
  regionCode: string | null;
};

/** The organisation tree held in memory (a few thousand rows at most); reload after changes. */
export class OrgTree {
  private byId = new Map<string, Organisation>();
  private byCode = new Map<string, Organisation>();

  constructor(private readonly sqlite: Sqlite) {
    this.reload();
  }

  reload(): void {
    const rows = this.sqlite
      .prepare(
        'select id, code, name, name_en as nameEn, kind, parent_id as parentId, region_code as regionCode from organisations',
      )
      .all() as Organisation[];
    this.byId = new Map(rows.map((o) => [o.id, o]));
    this.byCode = new Map(rows.map((o) => [o.code, o]));
  }

  get(id: string): Organisation | undefined {
    return this.byId.get(id);
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

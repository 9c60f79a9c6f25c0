// Campaigns, their reference-number counters, and the organisation tree they belong to.
import type { Queryable } from './engine/db.ts';
import { sql } from './engine/sql.ts';
import { publicStatusList } from './fragments.ts';
import type { Rows } from './rows.ts';

type Campaign = Rows['campaigns'];
type Organisation = Rows['organisations'];
export type CampaignRow = Pick<
  Campaign,
  'id' | 'slug' | 'ownerOrgId' | 'source' | 'sourceFile' | 'definition'
>;
export type OrganisationRow = Omit<Organisation, 'createdAt'>;
export type CampaignStatsRow = { id: string; published: number; supports: number };

const allCampaigns = sql<CampaignRow>(
  `select id, slug, owner_org_id as "ownerOrgId", source, source_file as "sourceFile", definition
   from campaigns`,
);
const bySlug = sql<Pick<Campaign, 'id' | 'source' | 'definitionHash'>>(
  'select id, source, definition_hash as "definitionHash" from campaigns where slug = ?',
);
const clash = sql<Pick<Campaign, 'slug' | 'refPrefix'>>(
  'select slug, ref_prefix as "refPrefix" from campaigns where slug = ? or ref_prefix = ?',
);
const prefixTakenByOther = sql<{ one: number }>(
  'select 1 as one from campaigns where ref_prefix = ? and id != ?',
);
const insertCampaign = sql(
  `insert into campaigns (id, slug, ref_prefix, owner_org_id, source, source_file, definition,
     definition_hash, created_at, updated_at)
   values (@id, @slug, @refPrefix, @ownerOrgId, @source, @sourceFile, @definition, @definitionHash,
     @createdAt, @updatedAt)`,
);
const updateCampaign = sql(
  `update campaigns set ref_prefix = @refPrefix, owner_org_id = @ownerOrgId,
     source_file = @sourceFile, definition = @definition, definition_hash = @definitionHash,
     updated_at = @updatedAt
   where id = @id`,
);
const stats = sql<CampaignStatsRow>(
  `select campaign_id as id, count(*) as published, coalesce(sum(support_count), 0) as supports
   from submissions where status in ${publicStatusList} group by campaign_id`,
);
// SQLite: a counter row, inside the caller's transaction (one writer: no gaps). PostgreSQL: a
// sequence per series (schema/migrations-pg/0004_ref_sequences.sql), which concurrent
// serializable transactions can draw from without conflicting.
const nextRef = sql<{ last: number }>((d) =>
  d.engine === 'postgres'
    ? 'select huiyin_next_ref(?) as last'
    : `insert into ref_counters (key, last) values (?, 1)
       on conflict (key) do update set last = ref_counters.last + 1 returning last`,
);

const allOrganisations = sql<OrganisationRow>(
  `select id, code, name, name_en as "nameEn", kind, parent_id as "parentId",
     region_code as "regionCode"
   from organisations`,
);
const orgIdByCode = sql<{ id: string }>('select id from organisations where code = ?');
const insertOrganisation = sql(
  `insert into organisations (id, code, name, name_en, kind, parent_id, region_code, created_at)
   values (?, ?, ?, ?, ?, null, ?, ?)`,
);
const updateOrganisation = sql(
  'update organisations set name = ?, name_en = ?, kind = ?, region_code = ? where code = ?',
);
const setParent = sql('update organisations set parent_id = ? where code = ?');

export class CampaignsStore {
  constructor(private readonly q: Queryable) {}

  all() {
    return this.q.all(allCampaigns);
  }

  bySlug(slug: string) {
    return this.q.get(bySlug, slug);
  }

  /** A campaign already using this slug or reference prefix. */
  clash(slug: string, refPrefix: string) {
    return this.q.get(clash, slug, refPrefix);
  }

  async prefixTakenByOther(refPrefix: string, campaignId: string): Promise<boolean> {
    return (await this.q.get(prefixTakenByOther, refPrefix, campaignId)) !== undefined;
  }

  insert(c: Omit<Campaign, never>) {
    return this.q.run(insertCampaign, c);
  }

  update(
    c: Pick<
      Campaign,
      | 'id'
      | 'refPrefix'
      | 'ownerOrgId'
      | 'sourceFile'
      | 'definition'
      | 'definitionHash'
      | 'updatedAt'
    >,
  ) {
    return this.q.run(updateCampaign, c);
  }

  /** Published submissions and supports per campaign. */
  stats() {
    return this.q.all(stats);
  }

  /** The next number of a reference-number series (e.g. LB-2026), inside the caller's write. */
  async nextRef(key: string): Promise<number> {
    return (await this.q.value(nextRef, key))!;
  }

  organisations() {
    return this.q.all(allOrganisations);
  }

  orgIdByCode(code: string) {
    return this.q.value(orgIdByCode, code);
  }

  insertOrganisation(o: Organisation) {
    return this.q.run(
      insertOrganisation,
      o.id,
      o.code,
      o.name,
      o.nameEn,
      o.kind,
      o.regionCode,
      o.createdAt,
    );
  }

  updateOrganisation(o: Pick<Organisation, 'code' | 'name' | 'nameEn' | 'kind' | 'regionCode'>) {
    return this.q.run(updateOrganisation, o.name, o.nameEn, o.kind, o.regionCode, o.code);
  }

  setParent(code: string, parentId: string | null) {
    return this.q.run(setParent, parentId, code);
  }
}

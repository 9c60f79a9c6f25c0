// Addressees (whom a leadership-board message is written to) and the reads of their boards.
import type { Queryable } from './engine/db.ts';
import { sql } from './engine/sql.ts';
import type { Rows } from './rows.ts';

type Addressee = Rows['addressees'];
export type AddresseeRow = Omit<Addressee, 'createdAt' | 'updatedAt'>;

const all = sql<AddresseeRow>(
  `select id, key, title, title_en as "titleEn", holder, holder_en as "holderEn",
     org_id as "orgId", unit_id as "unitId", region_code as "regionCode", retired
   from addressees order by key`,
);
const idByKey = sql<{ id: string }>('select id from addressees where key = ?');
const insert = sql(
  `insert into addressees (id, key, title, title_en, holder, holder_en, org_id, unit_id,
     region_code, retired, created_at, updated_at)
   values (@id, @key, @title, @titleEn, @holder, @holderEn, @orgId, @unitId, @regionCode,
     @retired, @at, @at)`,
);
const update = sql(
  `update addressees set title = @title, title_en = @titleEn, holder = @holder,
     holder_en = @holderEn, org_id = @orgId, unit_id = @unitId, region_code = @regionCode,
     retired = @retired, updated_at = @at
   where key = @key`,
);
const retire = sql('update addressees set retired = 1, updated_at = ? where id = ?');
const setOnSubmission = sql('update submissions set addressee_id = ?, updated_at = ? where id = ?');
const ofSubmission = sql<{ addresseeId: string | null }>(
  'select addressee_id as "addresseeId" from submissions where id = ?',
);

export type AddresseeFields = Omit<AddresseeRow, 'id'>;

export class AddresseesStore {
  constructor(private readonly q: Queryable) {}

  all() {
    return this.q.all(all);
  }

  /** Inserts the addressee, or updates the one with its key; answers its id. */
  async upsert(a: AddresseeFields, newId: () => string, at: number): Promise<string> {
    const existing = await this.q.value(idByKey, a.key);
    if (existing) {
      await this.q.run(update, { ...a, at });
      return existing;
    }
    const id = newId();
    await this.q.run(insert, { ...a, id, at });
    return id;
  }

  retire(id: string, at: number) {
    return this.q.run(retire, at, id);
  }

  /** Whom a submission is written to (null: nobody in particular, or no such submission). */
  async ofSubmission(submissionId: string): Promise<string | null> {
    return (await this.q.get(ofSubmission, submissionId))?.addresseeId ?? null;
  }

  setOnSubmission(submissionId: string, addresseeId: string, at: number) {
    return this.q.run(setOnSubmission, addresseeId, at, submissionId);
  }
}

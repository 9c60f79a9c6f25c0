import type { AddresseeRow } from '../store/addressees.ts';
import type { Store } from '../store/store.ts';

export type Addressee = AddresseeRow;

/** An addressee's office title, and holder if named, as the pages' local texts. */
export function addresseeTexts(a: Addressee) {
  return {
    title: { 'zh-CN': a.title, ...(a.titleEn ? { en: a.titleEn } : {}) },
    holder: a.holder ? { 'zh-CN': a.holder, ...(a.holderEn ? { en: a.holderEn } : {}) } : null,
  };
}

/**
 * Every addressee held in memory (a few thousand at most). They change only when the files are
 * synced at start-up, which every node does, so no node needs telling.
 */
export class AddresseeDirectory {
  private byId = new Map<string, Addressee>();
  private byKey = new Map<string, Addressee>();

  constructor(private readonly store: Store) {}

  async load(): Promise<void> {
    const rows = await this.store.addressees.all();
    this.byId = new Map(rows.map((a) => [a.id, a]));
    this.byKey = new Map(rows.map((a) => [a.key, a]));
  }

  get(id: string): Addressee | undefined {
    return this.byId.get(id);
  }

  getByKey(key: string): Addressee | undefined {
    return this.byKey.get(key);
  }

  all(): Addressee[] {
    return [...this.byId.values()];
  }
}

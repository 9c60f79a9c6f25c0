import type { Store } from '../store/store.ts';
import { campaignDefinition, type CampaignDefinition } from './definition.ts';

export type CampaignRecord = {
  id: string;
  slug: string;
  ownerOrgId: string;
  source: 'file' | 'console';
  sourceFile: string | null;
  definition: CampaignDefinition;
};

/**
 * Campaign definitions held in memory, parsed once: every submission needs its campaign's form
 * rules and phase, and reading them from JSON on each request would be wasted work.
 */
export class CampaignRegistry {
  private bySlug = new Map<string, CampaignRecord>();
  private byId = new Map<string, CampaignRecord>();

  constructor(private readonly store: Store) {}

  /** Reads and parses every campaign (at start-up, and again after a change). */
  async load(): Promise<void> {
    const rows = await this.store.campaigns.all();
    const records = rows.map((r) => ({
      ...r,
      definition: campaignDefinition.parse(JSON.parse(r.definition)),
    }));
    this.bySlug = new Map(records.map((r) => [r.slug, r]));
    this.byId = new Map(records.map((r) => [r.id, r]));
  }

  get(slug: string): CampaignRecord | undefined {
    return this.bySlug.get(slug);
  }

  getById(id: string): CampaignRecord | undefined {
    return this.byId.get(id);
  }

  all(): CampaignRecord[] {
    return [...this.bySlug.values()];
  }
}

// While a netizen types, the published submissions like their text: near-duplicates first (the
// in-memory index), then ones about the same things (the search index), so they can support one
// instead of repeating it. Batch-shaped: a fixed number of statements for the whole hint.
import type { Actor } from '../auth/actor.ts';
import type { Services } from '../services.ts';
import { relatedInCampaign } from '../search/search-submissions.ts';
import { campaignOr404 } from '../submissions/submission-pages.ts';
import { viewSubmissions, withholding } from '../submissions/submission-view.ts';
import { publicSubmissionStatuses } from '../../schema/states.ts';

export async function similarSubmissions(
  s: Services,
  actor: Actor | null,
  slug: string,
  text: string,
  clientIp: string,
) {
  const campaign = campaignOr404(s, slug);
  await s.limiter.hit(
    `search:ip:${clientIp}`,
    s.config.HUIYIN_SEARCH_PER_IP_PER_MINUTE,
    60_000,
    'Too many searches from this network; please wait',
  );
  const found: { id: string; similarity: number | null; nearDuplicate: boolean }[] = [];
  for (const m of await s.nearDuplicates.similar(campaign.id, text, 0.5, 20))
    found.push({ id: m.id, similarity: m.similarity, nearDuplicate: m.similarity >= 0.8 });
  for (const r of await relatedInCampaign(s, campaign.id, text, 10)) {
    if (!found.some((f) => f.id === r.id))
      found.push({ id: r.id, similarity: null, nearDuplicate: false });
  }
  const rows = new Map(
    (await s.store.submissions.findMany(found.map((f) => f.id)))
      .filter((r) => (publicSubmissionStatuses as readonly string[]).includes(r.status))
      .map((r) => [r.id, r]),
  );
  const [withheld, groups] = await Promise.all([
    withholding(s, actor, [...rows.values()]),
    s.nearDuplicates.groupKeys(campaign.id, [...rows.keys()]),
  ]);
  const seenGroups = new Set<string>();
  const shown = found
    .filter((f) => rows.has(f.id))
    // Text withheld after reports is not offered while typing (staff still see it).
    .filter((f) => !withheld.get(f.id)?.withheld)
    // A form letter is one voice: offered once, by the first of its group the reader may see.
    .filter((f) => {
      const group = groups.get(f.id) ?? f.id;
      if (seenGroups.has(group)) return false;
      seenGroups.add(group);
      return true;
    })
    .slice(0, 5);
  const ids = shown.map((f) => f.id);
  const [supported, weights] = await Promise.all([
    s.store.submissions.supportedBy(actor?.id, ids),
    s.store.submissions.voiceWeights(ids),
  ]);
  const views = await viewSubmissions(
    s,
    actor,
    shown.map((f) => rows.get(f.id)!),
    { supported, weights },
  );
  return {
    items: shown.map((f, i) => ({
      submission: views[i]!,
      similarity: f.similarity,
      nearDuplicate: f.nearDuplicate,
    })),
  };
}

// Stories about adoptions ("from golden idea to golden key") as readers see them: published ones
// for everyone, drafts for the curators of their campaign. A list costs the same few statements
// whatever its length (the stories, their links, and the adoptions they tell of).
import type { Actor } from '../auth/actor.ts';
import { canCurateCampaign } from '../auth/curators.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import type { StoryRow } from '../store/adoption.ts';
import type { Tx } from '../store/store.ts';
import { maskPersonalData } from '../text/mask-personal-data.ts';
import { getAdoptions } from './adoption-views.ts';

export type StoryInput = { title: string; body: string; adoptions: string[] };

/** A story, or not_found. */
export async function storyOr404(q: Tx, id: string): Promise<StoryRow> {
  const row = await q.adoption.story(id);
  if (!row) throw new ApiError('not_found', 'No such story');
  return row;
}

/** Stories with their adoptions; `asWritten(campaignId)` says who reads them unmasked. */
async function viewStories(
  s: Services,
  rows: StoryRow[],
  asWritten: (campaignId: string) => boolean,
) {
  const links = await s.store.adoption.storyLinks(rows.map((r) => r.id));
  const adoptions = new Map(
    (await getAdoptions(s, [...new Set([...links.values()].flat())])).map((a) => [a.id, a]),
  );
  return rows.map((r) => {
    const campaign = s.campaigns.getById(r.campaignId)!;
    const unmasked = asWritten(r.campaignId);
    return {
      id: r.id,
      campaign: { slug: campaign.slug, title: campaign.definition.title },
      title: unmasked ? r.title : maskPersonalData(r.title).text,
      body: unmasked ? r.body : maskPersonalData(r.body).text,
      status: r.status,
      publishedAt: r.publishedAt,
      updatedAt: r.updatedAt,
      adoptions: (links.get(r.id) ?? [])
        .map((id) => adoptions.get(id))
        .filter((a) => a !== undefined),
    };
  });
}

/**
 * Published stories (and drafts when a curator asks for them), newest first, with their
 * adoptions. The curators of a story's campaign wrote it and read it as written: everyone else
 * reads the title and text through the masking pass (a story may quote a citizen's words).
 */
export async function listStories(
  s: Services,
  actor: Actor | null,
  query: { campaignId: string | null; drafts: boolean },
) {
  const curates = (campaignId: string) => canCurateCampaign(s, actor, campaignId);
  const rows = (await s.store.adoption.stories(query.campaignId)).filter(
    (r) => r.status === 'published' || (query.drafts && curates(r.campaignId)),
  );
  return viewStories(s, rows, curates);
}

/** One story as a curator of its campaign reads it (unmasked): the answer to their own edits. */
export async function getStory(s: Services, id: string) {
  const [story] = await viewStories(s, [await storyOr404(s.store, id)], () => true);
  return story!;
}

/** Every named adoption must stand in the story's campaign. */
export async function checkStoryAdoptions(q: Tx, campaignId: string, ids: string[]): Promise<void> {
  const standing = await q.adoption.standingInCampaign(ids, campaignId);
  const missing = ids.find((id) => !standing.has(id));
  if (missing !== undefined)
    throw new ApiError('validation_failed', `No adoption ${missing} in this campaign`, {
      fields: { adoptions: missing },
    });
}

// Drafting a story about adoptions of a campaign: the story and the adoptions it tells of, in one
// transaction. An editor (or the campaign's owner) publishes it later (update-story.ts).
import type { Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import { ApiError } from '../http/api-error.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { checkStoryAdoptions, type StoryInput } from './story-views.ts';

export async function createStory(
  s: Services,
  actor: Actor | null,
  campaignSlug: string,
  input: StoryInput,
): Promise<string> {
  const campaign = s.campaigns.get(campaignSlug);
  if (!campaign) throw new ApiError('not_found', 'No such campaign');
  const user = requireCurator(s, actor, [campaign.id]);
  const now = s.clock.now();
  const id = newId('sty', now);
  await s.store.write(async (tx) => {
    await checkStoryAdoptions(tx, campaign.id, input.adoptions);
    await tx.adoption.insertStory({
      id,
      campaignId: campaign.id,
      title: input.title,
      body: input.body,
      createdBy: user.id,
      createdAt: now,
    });
    await tx.adoption.relinkStory(id, input.adoptions);
  });
  return id;
}

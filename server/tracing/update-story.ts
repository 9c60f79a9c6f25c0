// Editing a story, publishing it (published: true) or taking it back (published: false), in one
// transaction; what the change leaves out stays as it is.
import type { Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import type { Services } from '../services.ts';
import { checkStoryAdoptions, storyOr404, type StoryInput } from './story-views.ts';

export async function updateStory(
  s: Services,
  actor: Actor | null,
  id: string,
  input: Partial<StoryInput> & { published?: boolean | undefined },
): Promise<void> {
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    const story = await storyOr404(tx, id);
    requireCurator(s, actor, [story.campaignId]);
    if (input.adoptions) await checkStoryAdoptions(tx, story.campaignId, input.adoptions);
    await tx.adoption.updateStory(
      id,
      { title: input.title, body: input.body, published: input.published },
      now,
    );
    if (input.adoptions) await tx.adoption.relinkStory(id, input.adoptions);
  });
}

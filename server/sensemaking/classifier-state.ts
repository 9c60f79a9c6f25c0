// What staff see of a campaign's routing classifier: its newest model and its training data.
import { hasRole, type Actor } from '../auth/actor.ts';
import { ownsCampaign, requireActor } from '../auth/permissions.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { campaignOr404 } from '../submissions/submission-pages.ts';

/** When the model was trained, on how many examples, how well; the threshold; the examples. */
export async function classifierState(s: Services, actor: Actor | null, slug: string) {
  const user = requireActor(actor);
  const campaign = campaignOr404(s, slug);
  if (!hasRole(user, 'reviewer', 'editor', 'admin') && !ownsCampaign(s, user, campaign))
    throw new ApiError('forbidden', 'Staff only');
  const [model, counts] = await Promise.all([
    s.store.sensemaking.latestModelInfo(campaign.id),
    s.store.sensemaking.labeledExampleCounts(campaign.id),
  ]);
  return {
    model: model
      ? { ...model, metrics: model.metrics ? (JSON.parse(model.metrics) as unknown) : null }
      : null,
    threshold: campaign.definition.sensemaking.autoRouteThreshold,
    examples: { imported: counts.get('import') ?? 0, corrections: counts.get('correction') ?? 0 },
  };
}

// Who curates a campaign's sensemaking — its topic clusters and the adoptions traced from its
// suggestions: editors and admins everywhere, a campaign's owner for the campaigns they own. Work
// touching several campaigns (a policy document feeding more than one) needs them all, so nobody
// edits evidence behind another organisation's campaign.
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { hasRole, type Actor } from './actor.ts';
import { ownsCampaign, requireActor } from './permissions.ts';

export function canCurateCampaign(s: Services, actor: Actor | null, campaignId: string): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'editor', 'admin')) return true;
  const campaign = s.campaigns.getById(campaignId);
  return campaign !== undefined && ownsCampaign(s, actor, campaign);
}

export function requireCurator(s: Services, actor: Actor | null, campaignIds: string[]): Actor {
  const user = requireActor(actor);
  if (!campaignIds.every((id) => canCurateCampaign(s, user, id))) {
    throw new ApiError('forbidden', "Only editors and the campaign's owners curate it");
  }
  return user;
}

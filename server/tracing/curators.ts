// Who may trace adoptions: editors and admins everywhere; a campaign owner for the campaigns they
// own. A policy document may feed several campaigns: an owner changes it only when they own every
// one of them, so nobody edits evidence behind another organisation's campaign.
import { hasRole, type Actor } from '../auth/actor.ts';
import { ownsCampaign, requireActor } from '../auth/permissions.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';

export function canCurateCampaign(s: Services, actor: Actor | null, campaignId: string): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'editor', 'admin')) return true;
  const campaign = s.campaigns.getById(campaignId);
  return campaign !== undefined && ownsCampaign(s, actor, campaign);
}

export function requireCurator(s: Services, actor: Actor | null, campaignIds: string[]): Actor {
  const user = requireActor(actor);
  if (!campaignIds.every((id) => canCurateCampaign(s, user, id))) {
    throw new ApiError('forbidden', "Only editors and the campaigns' owners trace adoptions");
  }
  return user;
}

export function documentCampaignIds(s: Services, documentId: string): string[] {
  return s.sqlite
    .prepare('select campaign_id from policy_document_campaigns where document_id = ?')
    .pluck()
    .all(documentId) as string[];
}

/** Curators of at least one campaign see the console's adoption work (candidates, drafts). */
export function isAnyCurator(s: Services, actor: Actor | null): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'editor', 'admin')) return true;
  return hasRole(actor, 'owner');
}

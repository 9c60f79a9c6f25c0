import { ApiError } from '../http/api-error.ts';
import type { Role } from '../../schema/states.ts';
import type { CampaignRecord } from '../campaigns/campaign-registry.ts';
import type { Services } from '../services.ts';
import { hasRole, type Actor } from './actor.ts';
import { handlesOrSupervises } from '../handling/handling-permissions.ts';

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new ApiError('unauthenticated', 'Please sign in first');
  return actor;
}

export function requireRole(actor: Actor | null, ...roles: Role[]): Actor {
  const signedIn = requireActor(actor);
  if (!hasRole(signedIn, ...roles)) {
    throw new ApiError('forbidden', `This needs one of the roles: ${roles.join(', ')}`);
  }
  return signedIn;
}

/** Admins own everything; an owner owns the campaigns of their organisation and the units below it. */
export function ownsCampaign(s: Services, actor: Actor | null, campaign: CampaignRecord): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'admin')) return true;
  return actor.roles.some(
    (g) => g.role === 'owner' && g.orgId !== null && s.orgs.isWithin(campaign.ownerOrgId, g.orgId),
  );
}

/** Owners may act for an organisation when it lies within one of their own. */
export function canActForOrg(s: Services, actor: Actor, orgId: string): boolean {
  if (hasRole(actor, 'admin')) return true;
  return actor.roles.some(
    (g) => g.role === 'owner' && g.orgId !== null && s.orgs.isWithin(orgId, g.orgId),
  );
}

/**
 * Who may read a submission's sealed original (unmasked personal data, unpublished text):
 * its author, platform reviewers, editors and admins, the owners of its campaign, and the unit
 * handling it (with the unit supervising that one).
 */
export async function canSeeSealed(
  s: Services,
  actor: Actor | null,
  campaign: CampaignRecord,
  authorId: string,
  submissionId?: string,
): Promise<boolean> {
  if (!actor) return false;
  if (actor.id === authorId) return true;
  return canSeeSealedAsStaff(s, actor, campaign, submissionId);
}

/** The staff half of `canSeeSealed`, without the store when the roles already decide. */
function staffDecides(s: Services, actor: Actor, campaign: CampaignRecord): boolean | null {
  if (hasRole(actor, 'reviewer', 'editor', 'admin')) return true;
  if (ownsCampaign(s, actor, campaign)) return true;
  return hasRole(actor, 'handler') ? null : false;
}

/**
 * The staff half of `canSeeSealed`: for text about more than one citizen (a collective reply, the
 * timeline's reasons), where being the author of one submission is no reason to read it unmasked.
 */
export async function canSeeSealedAsStaff(
  s: Services,
  actor: Actor | null,
  campaign: CampaignRecord,
  submissionId?: string,
): Promise<boolean> {
  if (!actor) return false;
  const decided = staffDecides(s, actor, campaign);
  if (decided !== null) return decided;
  // The unit handling it (and the unit supervising that one) needs the contact details to act.
  if (!submissionId) return false;
  return handlesOrSupervises(s, actor, (await s.store.handling.unitOf(submissionId)) ?? null);
}

/** For a page of submissions: the ids this actor may read sealed, in at most one statement. */
export async function sealedAmong(
  s: Services,
  actor: Actor | null,
  rows: readonly { id: string; campaignId: string; authorId: string }[],
): Promise<Set<string>> {
  const sealed = new Set<string>();
  if (!actor) return sealed;
  const undecided: string[] = [];
  for (const row of rows) {
    const campaign = s.campaigns.getById(row.campaignId);
    const decided =
      row.authorId === actor.id || (campaign ? staffDecides(s, actor, campaign) : false);
    if (decided === true) sealed.add(row.id);
    else if (decided === null) undecided.push(row.id);
  }
  if (undecided.length > 0) {
    const units = await s.store.handling.unitsOf(undecided);
    for (const id of undecided)
      if (handlesOrSupervises(s, actor, units.get(id) ?? null)) sealed.add(id);
  }
  return sealed;
}

/**
 * Who may read a submission's sealed original (unmasked personal data, unpublished text):
 * its author, platform reviewers, editors and admins, and the owners of its campaign.
 */

import type { Actor } from '../auth/actor.ts';
import { canActForOrg, ownsCampaign, requireRole } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import type { CampaignRecord } from './campaign-registry.ts';
import { campaignDefinition } from './definition.ts';
import { definitionHash } from './sync-campaign-files.ts';

function parseDefinition(s: Services, actor: Actor, raw: unknown) {
  const parsed = campaignDefinition.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, 'The campaign definition is not valid');
  const def = parsed.data;
  const owner = s.orgs.getByCode(def.owner);
  if (!owner) {
    throw new ApiError('validation_failed', 'Unknown owner organisation', {
      fields: { owner: `unknown organisation '${def.owner}'` },
    });
  }
  if (!canActForOrg(s, actor, owner.id)) {
    throw new ApiError('forbidden', 'You cannot create campaigns for that organisation');
  }
  if (def.handling.mode === 'routed') {
    const fields: Record<string, string> = {};
    def.handling.rules.forEach((r, i) => {
      if (!s.orgs.getByCode(r.unit))
        fields[`handling.rules.${i}.unit`] = `unknown organisation '${r.unit}'`;
    });
    if (Object.keys(fields).length)
      throw new ApiError('validation_failed', 'Unknown handling unit', { fields });
  }
  return { def, ownerOrgId: owner.id };
}

/** An owner creates a campaign from the console; it is stored exactly like a file's. */
export async function createConsoleCampaign(
  s: Services,
  actor: Actor | null,
  raw: unknown,
): Promise<CampaignRecord> {
  const owner = requireRole(actor, 'owner', 'admin');
  const { def, ownerOrgId } = parseDefinition(s, owner, raw);
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    const clash = await tx.campaigns.clash(def.slug, def.refPrefix);
    if (clash) {
      const field = clash.slug === def.slug ? 'slug' : 'refPrefix';
      throw new ApiError('slug_taken', `That ${field} is already used by another campaign`, {
        fields: { [field]: 'already used' },
      });
    }
    await tx.campaigns.insert({
      id: newId('cmp', now),
      slug: def.slug,
      refPrefix: def.refPrefix,
      ownerOrgId,
      source: 'console',
      sourceFile: null,
      definition: JSON.stringify(def),
      definitionHash: definitionHash(def),
      createdAt: now,
      updatedAt: now,
    });
  });
  await s.campaigns.load();
  await s.changes.publish('campaigns');
  return s.campaigns.get(def.slug)!;
}

/** Edits a console campaign; file campaigns are edited in their file (the file would win at restart). */
export async function updateConsoleCampaign(
  s: Services,
  actor: Actor | null,
  slug: string,
  raw: unknown,
): Promise<CampaignRecord> {
  const owner = requireRole(actor, 'owner', 'admin');
  const record = s.campaigns.get(slug);
  if (!record) throw new ApiError('not_found', 'No such campaign');
  if (!ownsCampaign(s, owner, record)) throw new ApiError('forbidden', 'This is not your campaign');
  if (record.source === 'file') {
    throw new ApiError(
      'managed_by_file',
      `This campaign is defined in campaigns/${record.sourceFile}; edit that file`,
    );
  }
  const { def, ownerOrgId } = parseDefinition(s, owner, raw);
  if (def.slug !== slug) {
    throw new ApiError('validation_failed', 'The slug of a campaign cannot change', {
      fields: { slug: 'cannot change' },
    });
  }
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    if (await tx.campaigns.prefixTakenByOther(def.refPrefix, record.id)) {
      throw new ApiError('slug_taken', 'That refPrefix is already used by another campaign', {
        fields: { refPrefix: 'already used' },
      });
    }
    await tx.campaigns.update({
      id: record.id,
      refPrefix: def.refPrefix,
      ownerOrgId,
      sourceFile: null,
      definition: JSON.stringify(def),
      definitionHash: definitionHash(def),
      updatedAt: now,
    });
  });
  await s.campaigns.load();
  await s.changes.publish('campaigns');
  return s.campaigns.get(slug)!;
}

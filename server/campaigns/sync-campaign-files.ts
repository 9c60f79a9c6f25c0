import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { Store, Tx } from '../store/store.ts';
import { newId } from '../ids.ts';
import {
  campaignDefinition,
  organisationsFile,
  type CampaignDefinition,
  type OrganisationDefinition,
} from './definition.ts';

/** A campaign or organisation file that cannot be used; start-up stops and prints this. */
export class CampaignFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(
      `Invalid definition in ${file}:\n` +
        problems.map((p) => `  ${p.path || '(file)'}: ${p.message}`).join('\n'),
    );
  }
}

function readYaml(file: string): unknown {
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CampaignFileError(file, [{ path: '', message: (error as Error).message }]);
  }
}

function check<T>(file: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new CampaignFileError(
    file,
    parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
}

/** Addressee keys are unique across the file, and each names a unit of the tree. */
function checkAddressees(
  file: string,
  organisations: OrganisationDefinition[],
  codes: Set<string>,
) {
  const keys = new Set<string>();
  const problems: { path: string; message: string }[] = [];
  organisations.forEach((o, i) =>
    o.addressees.forEach((a, j) => {
      const path = `organisations.${i}.addressees.${j}`;
      if (keys.has(a.key))
        problems.push({ path: `${path}.key`, message: `duplicate key '${a.key}'` });
      keys.add(a.key);
      if (!codes.has(a.unit))
        problems.push({
          path: `${path}.unit`,
          message: `addressee '${a.key}' names unknown organisation '${a.unit}'`,
        });
    }),
  );
  if (problems.length) throw new CampaignFileError(file, problems);
}

export function definitionHash(def: CampaignDefinition): string {
  return createHash('sha256').update(JSON.stringify(def)).digest('hex');
}

export type CampaignFiles = {
  organisations: OrganisationDefinition[];
  campaigns: { file: string; definition: CampaignDefinition }[];
};

/** Reads and validates campaigns/organisations.yaml and every campaigns/*.campaign.yaml. */
export function readCampaignFiles(dir: string): CampaignFiles {
  const orgFile = join(dir, 'organisations.yaml');
  const { organisations } = check(orgFile, organisationsFile, readYaml(orgFile));
  const codes = new Set<string>();
  organisations.forEach((o, i) => {
    if (codes.has(o.code)) {
      throw new CampaignFileError(orgFile, [
        { path: `organisations.${i}.code`, message: `duplicate code '${o.code}'` },
      ]);
    }
    codes.add(o.code);
  });
  organisations.forEach((o, i) => {
    if (o.parent && !codes.has(o.parent)) {
      throw new CampaignFileError(orgFile, [
        { path: `organisations.${i}.parent`, message: `unknown organisation '${o.parent}'` },
      ]);
    }
  });
  checkAddressees(orgFile, organisations, codes);

  const campaigns = readdirSync(dir)
    .filter((f) => f.endsWith('.campaign.yaml'))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      const definition = check(file, campaignDefinition, readYaml(file));
      const problems: { path: string; message: string }[] = [];
      if (!codes.has(definition.owner)) {
        problems.push({ path: 'owner', message: `unknown organisation '${definition.owner}'` });
      }
      if (definition.handling.mode === 'routed') {
        definition.handling.rules.forEach((r, i) => {
          if (!codes.has(r.unit)) {
            problems.push({
              path: `handling.rules.${i}.unit`,
              message: `unknown organisation '${r.unit}'`,
            });
          }
        });
      }
      if (problems.length) throw new CampaignFileError(file, problems);
      return { file: name, definition };
    });

  const seen = new Map<string, string>();
  for (const { file, definition } of campaigns) {
    for (const key of [`slug ${definition.slug}`, `refPrefix ${definition.refPrefix}`]) {
      const other = seen.get(key);
      if (other)
        throw new CampaignFileError(join(dir, file), [
          { path: key.split(' ')[0]!, message: `'${key.split(' ')[1]}' is also used by ${other}` },
        ]);
      seen.set(key, file);
    }
  }
  return { organisations, campaigns };
}

/**
 * Upserts every addressee by key; one no longer in the file is retired, not deleted, since its
 * messages and board refer to it.
 */
async function syncAddressees(tx: Tx, organisations: OrganisationDefinition[], now: number) {
  const listed = new Set<string>();
  for (const o of organisations) {
    const orgId = (await tx.campaigns.orgIdByCode(o.code))!;
    for (const a of o.addressees) {
      const id = await tx.addressees.upsert(
        {
          key: a.key,
          title: a.title['zh-CN'],
          titleEn: a.title.en ?? null,
          holder: a.holder?.['zh-CN'] ?? null,
          holderEn: a.holder?.en ?? null,
          orgId,
          unitId: (await tx.campaigns.orgIdByCode(a.unit))!,
          regionCode: o.region ?? null,
          retired: a.retired ? 1 : 0,
        },
        () => newId('adr', now),
        now,
      );
      listed.add(id);
    }
  }
  for (const a of await tx.addressees.all())
    if (!listed.has(a.id) && !a.retired) await tx.addressees.retire(a.id, now);
}

/**
 * Writes the files' organisations and campaigns into the database in one transaction. Campaigns
 * are matched by slug, so an edited file updates its campaign and keeps every submission.
 */
export async function syncCampaignFiles(
  store: Store,
  files: CampaignFiles,
  now: number,
): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  await store.write(async (tx) => {
    // A re-run (PostgreSQL retries a transaction that lost a race) counts afresh.
    created = 0;
    updated = 0;
    for (const o of files.organisations) {
      const fields = {
        code: o.code,
        name: o.name,
        nameEn: o.nameEn ?? null,
        kind: o.kind,
        regionCode: o.region ?? null,
      };
      if (await tx.campaigns.orgIdByCode(o.code)) await tx.campaigns.updateOrganisation(fields);
      else
        await tx.campaigns.insertOrganisation({
          ...fields,
          id: newId('org', now),
          parentId: null,
          createdAt: now,
        });
    }
    for (const o of files.organisations) {
      await tx.campaigns.setParent(
        o.code,
        o.parent ? ((await tx.campaigns.orgIdByCode(o.parent)) ?? null) : null,
      );
    }
    await syncAddressees(tx, files.organisations, now);

    for (const { file, definition } of files.campaigns) {
      const ownerOrgId = (await tx.campaigns.orgIdByCode(definition.owner))!;
      const hash = definitionHash(definition);
      const existing = await tx.campaigns.bySlug(definition.slug);
      if (existing && existing.source !== 'file') {
        throw new CampaignFileError(file, [
          {
            path: 'slug',
            message: `'${definition.slug}' belongs to a campaign created in the console`,
          },
        ]);
      }
      if (!existing) {
        await tx.campaigns.insert({
          id: newId('cmp', now),
          slug: definition.slug,
          refPrefix: definition.refPrefix,
          ownerOrgId,
          source: 'file',
          sourceFile: file,
          definition: JSON.stringify(definition),
          definitionHash: hash,
          createdAt: now,
          updatedAt: now,
        });
        created += 1;
      } else if (existing.definitionHash !== hash) {
        await tx.campaigns.update({
          id: existing.id,
          refPrefix: definition.refPrefix,
          ownerOrgId,
          sourceFile: file,
          definition: JSON.stringify(definition),
          definitionHash: hash,
          updatedAt: now,
        });
        updated += 1;
      }
    }
  });
  return { created, updated };
}

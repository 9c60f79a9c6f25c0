import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { Sqlite } from '../db/open-database.ts';
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
 * Writes the files' organisations and campaigns into the database in one transaction. Campaigns
 * are matched by slug, so an edited file updates its campaign and keeps every submission.
 */
export function syncCampaignFiles(
  sqlite: Sqlite,
  files: CampaignFiles,
  now: number,
): { created: number; updated: number } {
  let created = 0;
  let updated = 0;
  sqlite.transaction(() => {
    const findOrg = sqlite.prepare('select id from organisations where code = ?').pluck();
    const insertOrg = sqlite.prepare(
      'insert into organisations (id, code, name, name_en, kind, parent_id, region_code, created_at) values (?, ?, ?, ?, ?, null, ?, ?)',
    );
    const updateOrg = sqlite.prepare(
      'update organisations set name = ?, name_en = ?, kind = ?, region_code = ? where code = ?',
    );
    for (const o of files.organisations) {
      if (findOrg.get(o.code))
        updateOrg.run(o.name, o.nameEn ?? null, o.kind, o.region ?? null, o.code);
      else
        insertOrg.run(
          newId('org', now),
          o.code,
          o.name,
          o.nameEn ?? null,
          o.kind,
          o.region ?? null,
          now,
        );
    }
    const setParent = sqlite.prepare('update organisations set parent_id = ? where code = ?');
    for (const o of files.organisations) {
      setParent.run(o.parent ? (findOrg.get(o.parent) as string) : null, o.code);
    }

    const findCampaign = sqlite.prepare(
      'select id, source, definition_hash as hash from campaigns where slug = ?',
    );
    for (const { file, definition } of files.campaigns) {
      const ownerOrgId = findOrg.get(definition.owner) as string;
      const hash = definitionHash(definition);
      const existing = findCampaign.get(definition.slug) as
        { id: string; source: string; hash: string } | undefined;
      if (existing && existing.source !== 'file') {
        throw new CampaignFileError(file, [
          {
            path: 'slug',
            message: `'${definition.slug}' belongs to a campaign created in the console`,
          },
        ]);
      }
      if (!existing) {
        sqlite
          .prepare(
            `insert into campaigns (id, slug, ref_prefix, owner_org_id, source, source_file, definition, definition_hash, created_at, updated_at)
             values (?, ?, ?, ?, 'file', ?, ?, ?, ?, ?)`,
          )
          .run(
            newId('cmp', now),
            definition.slug,
            definition.refPrefix,
            ownerOrgId,
            file,
            JSON.stringify(definition),
            hash,
            now,
            now,
          );
        created += 1;
      } else if (existing.hash !== hash) {
        sqlite
          .prepare(
            `update campaigns set ref_prefix = ?, owner_org_id = ?, source_file = ?, definition = ?, definition_hash = ?, updated_at = ? where id = ?`,
          )
          .run(
            definition.refPrefix,
            ownerOrgId,
            file,
            JSON.stringify(definition),
            hash,
            now,
            existing.id,
          );
        updated += 1;
      }
    }
  })();
  return { created, updated };
}

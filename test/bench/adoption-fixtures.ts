/**
 * Data for the adoption benchmarks, written straight into a real database (either engine):
 * published submissions, topic clusters, a policy document (through the same verb an editor
 * uses) and confirmed adoptions. Rows go in through the bulk writer (bench-database.ts): the
 * benchmarks measure matching and the page, not the set-up. Call `w.finish()` before the
 * services read what was written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../../server/auth/actor.ts';
import { newId } from '../../server/ids.ts';
import { storedPublicText } from '../../server/submissions/submission-row.ts';
import { maskPersonalData } from '../../server/text/mask-personal-data.ts';
import type { Services } from '../../server/services.ts';
import { addDocument } from '../../server/tracing/add-document.ts';
import type { BulkWriter } from './bench-database.ts';
import { repoRoot } from './server-process.ts';

export { openBulkWriter, openServices } from './bench-database.ts';

export const reportFile = join(repoRoot, 'server/demo/policy/gov-work-report-2024.txt');

/** An editor account, written straight in (it never signs in). */
export async function editorActor(w: BulkWriter): Promise<Actor> {
  const id = newId('usr');
  await w.insert(
    'users',
    ['id', 'phone', 'email', 'password_hash', 'display_name', 'created_at'],
    [id, null, `${id}@bench.huiyin.cn`, '!no-login', '编辑', Date.now()],
  );
  await w.insert('user_roles', ['user_id', 'role', 'org_id'], [id, 'editor', '']);
  return {
    id,
    displayName: '编辑',
    phone: null,
    email: null,
    roles: [{ role: 'editor', orgId: null }],
  };
}

/** Inserts published submissions (one author each) and returns their ids, in order. */
export async function insertPublished(
  w: BulkWriter,
  s: Services,
  campaignSlug: string,
  texts: { title: string; body: string; topic?: string }[],
): Promise<string[]> {
  const campaign = s.campaigns.get(campaignSlug)!;
  const prefix = campaign.definition.refPrefix;
  const now = Date.now();
  const ids: string[] = [];
  for (const [i, x] of texts.entries()) {
    const author = newId('usr', now + i);
    await w.insert(
      'users',
      ['id', 'phone', 'email', 'password_hash', 'display_name', 'created_at'],
      [author, null, `${author}@bench.huiyin.cn`, '!no-login', '网友', now],
    );
    const id = newId('sub', now + i);
    const title = maskPersonalData(x.title);
    const body = maskPersonalData(x.body);
    await w.insert(
      'submissions',
      [
        'id',
        'ref',
        'campaign_id',
        'author_id',
        'kind',
        'title',
        'body',
        'title_public',
        'body_public',
        'has_personal_data',
        'topic',
        'show_name',
        'status',
        'support_count',
        'created_at',
        'published_at',
        'updated_at',
      ],
      [
        id,
        `${prefix}-2026-${String(900_000 + ids.length).padStart(6, '0')}`,
        campaign.id,
        author,
        'suggestion',
        x.title,
        x.body,
        storedPublicText(x.title, title.text),
        storedPublicText(x.body, body.text),
        title.masked || body.masked ? 1 : 0,
        x.topic ?? null,
        1,
        'published',
        i % 50,
        now,
        now,
        now,
      ],
    );
    ids.push(id);
  }
  return ids;
}

/** Groups consecutive submissions into clusters of `size`, the first one representative. */
export async function insertClusters(
  w: BulkWriter,
  s: Services,
  campaignSlug: string,
  ids: string[],
  size: number,
): Promise<number> {
  const campaign = s.campaigns.get(campaignSlug)!;
  const now = Date.now();
  let count = 0;
  for (let i = 0; i + size <= ids.length; i += size) {
    const id = newId('clu', now + i);
    await w.insert(
      'clusters',
      ['id', 'campaign_id', 'phrases', 'representative_id', 'created_at', 'updated_at'],
      [id, campaign.id, '[]', ids[i]!, now, now],
    );
    for (const m of ids.slice(i, i + size))
      await w.insert(
        'cluster_members',
        ['submission_id', 'cluster_id', 'pinned', 'assigned_at'],
        [m, id, 0, now],
      );
    count++;
  }
  return count;
}

export async function addReport(s: Services, editor: Actor, campaignSlug: string, text: string) {
  return addDocument(s, editor, {
    title: '2024年政府工作报告',
    issuer: '国务院',
    issuedOn: '2024-03-05',
    sourceUrl: null,
    campaigns: [campaignSlug],
    text,
  });
}

export const readReport = () => readFileSync(reportFile, 'utf8');

/**
 * Data for the adoption benchmarks, written straight into a real database file: published
 * submissions, topic clusters, a policy document (through the same verb an editor uses) and
 * confirmed adoptions. Rows go in with prepared statements in one transaction: the benchmarks
 * measure matching and the page, not the set-up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../../server/auth/actor.ts';
import { newId } from '../../server/ids.ts';
import type { Services } from '../../server/services.ts';
import { addDocument } from '../../server/tracing/import-document.ts';
import { repoRoot } from './server-process.ts';

export { openServices } from './bench-database.ts';

export const reportFile = join(repoRoot, 'server/demo/policy/gov-work-report-2024.txt');

export function editorActor(s: Services): Actor {
  const id = newId('usr');
  s.sqlite
    .prepare(
      "insert into users (id, phone, email, password_hash, display_name, created_at) values (?, null, ?, '!no-login', '编辑', ?)",
    )
    .run(id, `${id}@bench.huiyin.cn`, Date.now());
  s.sqlite
    .prepare("insert into user_roles (user_id, role, org_id) values (?, 'editor', '')")
    .run(id);
  return {
    id,
    displayName: '编辑',
    phone: null,
    email: null,
    roles: [{ role: 'editor', orgId: null }],
  };
}

/** Inserts published submissions (one author each) and returns their ids, in order. */
export function insertPublished(
  s: Services,
  campaignSlug: string,
  texts: { title: string; body: string; topic?: string }[],
): string[] {
  const campaign = s.campaigns.get(campaignSlug)!;
  const prefix = campaign.definition.refPrefix;
  const now = Date.now();
  const user = s.sqlite.prepare(
    "insert into users (id, phone, email, password_hash, display_name, created_at) values (?, null, ?, '!no-login', '网友', ?)",
  );
  const sub = s.sqlite.prepare(
    `insert into submissions (id, ref, campaign_id, author_id, kind, title, body, title_public, body_public,
       has_personal_data, region_code, topic, custom, show_name, status, support_count, created_at, published_at, updated_at)
     values (?, ?, ?, ?, 'suggestion', ?, ?, ?, ?, 0, null, ?, null, 1, 'published', ?, ?, ?, ?)`,
  );
  const ids: string[] = [];
  s.sqlite.transaction(() => {
    texts.forEach((x, i) => {
      const author = newId('usr', now + i);
      user.run(author, `${author}@bench.huiyin.cn`, now);
      const id = newId('sub', now + i);
      const ref = `${prefix}-2026-${String(900_000 + ids.length).padStart(6, '0')}`;
      sub.run(
        id,
        ref,
        campaign.id,
        author,
        x.title,
        x.body,
        x.title,
        x.body,
        x.topic ?? null,
        i % 50,
        now,
        now,
        now,
      );
      ids.push(id);
    });
  })();
  return ids;
}

/** Groups consecutive submissions into clusters of `size`, the first one representative. */
export function insertClusters(
  s: Services,
  campaignSlug: string,
  ids: string[],
  size: number,
): number {
  const campaign = s.campaigns.get(campaignSlug)!;
  const now = Date.now();
  const cluster = s.sqlite.prepare(
    "insert into clusters (id, campaign_id, phrases, representative_id, created_at, updated_at) values (?, ?, '[]', ?, ?, ?)",
  );
  const member = s.sqlite.prepare(
    'insert into cluster_members (submission_id, cluster_id, pinned, assigned_at) values (?, ?, 0, ?)',
  );
  let count = 0;
  s.sqlite.transaction(() => {
    for (let i = 0; i + size <= ids.length; i += size) {
      const id = newId('clu', now + i);
      cluster.run(id, campaign.id, ids[i], now, now);
      for (const m of ids.slice(i, i + size)) member.run(m, id, now);
      count++;
    }
  })();
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

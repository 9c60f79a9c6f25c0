// Demo data for `npm run demo`: accounts for every role and realistic submissions, loaded once.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { registerAccount } from '../auth/accounts.ts';
import { chinaYear } from '../clock.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { maskPersonalData } from '../text/mask-personal-data.ts';
import { roles } from '../../schema/states.ts';

export const demoPassword = 'huiyin-demo-2026';

const accountsFile = z.object({
  accounts: z.array(
    z.object({
      login: z.string(),
      displayName: z.string(),
      roles: z.array(z.object({ role: z.enum(roles), org: z.string().optional() })),
    }),
  ),
});

const submissionsFile = z.object({
  submissions: z.array(
    z.object({
      campaign: z.string(),
      author: z.string(),
      title: z.string(),
      body: z.string(),
      region: z.string().optional(),
      topic: z.string().optional(),
      custom: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      showName: z.boolean().default(false),
      status: z.enum(['received', 'published', 'rejected']),
      rejectReason: z.string().optional(),
      daysAgo: z.number().min(0),
      supporters: z.number().int().min(0).default(0),
    }),
  ),
});

function readDemo<T>(name: string, schema: z.ZodType<T>): T {
  return schema.parse(parseYaml(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')));
}

/** Seeds accounts and submissions unless the first demo account already exists. */
export async function seedDemo(
  s: Services,
): Promise<{ accounts: number; submissions: number } | null> {
  const { accounts } = readDemo('accounts.yaml', accountsFile);
  const first = accounts[0]!.login;
  if (s.sqlite.prepare('select 1 from users where phone = ? or email = ?').get(first, first))
    return null;

  const ids = new Map<string, string>();
  for (const a of accounts) {
    const extra = a.roles
      .filter((r) => r.role !== 'netizen')
      .map((r) => ({ role: r.role, orgId: r.org ? (s.orgs.getByCode(r.org)?.id ?? null) : null }));
    ids.set(
      a.login,
      await registerAccount(
        s,
        { login: a.login, password: demoPassword, displayName: a.displayName },
        extra,
      ),
    );
  }

  const { submissions } = readDemo('submissions.yaml', submissionsFile);
  const reviewerId =
    [...ids.entries()].find(([login]) => login.startsWith('reviewer@'))?.[1] ?? null;
  const now = s.clock.now();
  const maxSupporters = Math.max(0, ...submissions.map((x) => x.supporters));
  const st = {
    user: s.sqlite.prepare(
      "insert into users (id, phone, email, password_hash, display_name, created_at) values (?, null, ?, '!no-login', ?, ?)",
    ),
    counter: s.sqlite
      .prepare(
        'insert into ref_counters (key, last) values (?, 1) on conflict(key) do update set last = last + 1 returning last',
      )
      .pluck(),
    insert: s.sqlite.prepare(
      `insert into submissions (id, ref, campaign_id, author_id, kind, title, body, title_public, body_public, has_personal_data,
        region_code, topic, custom, show_name, status, reject_reason, support_count, created_at, published_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    event: s.sqlite.prepare(
      `insert into timeline_events (submission_id, at, actor_id, actor_role, type, from_status, to_status, reason)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    support: s.sqlite.prepare(
      'insert or ignore into supports (submission_id, user_id, created_at) values (?, ?, ?)',
    ),
  };

  s.sqlite.transaction(() => {
    // Supporters who cannot sign in ('!no-login' is no password hash): they only carry demo supports.
    const supporters = [...ids.values()];
    for (let i = supporters.length; i < maxSupporters + 1; i++) {
      const id = newId('usr', now - i);
      st.user.run(id, `supporter-${i}@demo.huiyin.cn`, `网友${1000 + i}`, now);
      supporters.push(id);
    }
    // Oldest first, so reference numbers rise with time as they would have.
    const ordered = [...submissions].sort((a, b) => b.daysAgo - a.daysAgo);
    for (const x of ordered) {
      const campaign = s.campaigns.get(x.campaign);
      const authorId = ids.get(x.author);
      if (!campaign || !authorId)
        throw new Error(`demo submission '${x.title}': unknown campaign or author`);
      const at = Math.round(now - x.daysAgo * 86_400_000);
      const key = `${campaign.definition.refPrefix}-${chinaYear(at)}`;
      const ref = `${key}-${String(st.counter.get(key) as number).padStart(6, '0')}`;
      const title = maskPersonalData(x.title.trim());
      const body = maskPersonalData(x.body.trim());
      const publishedAt = x.status === 'published' ? at + 3 * 3_600_000 : null;
      const backers =
        x.status === 'published'
          ? supporters.filter((u) => u !== authorId).slice(0, x.supporters)
          : [];
      const id = newId('sub', at);
      st.insert.run(
        id,
        ref,
        campaign.id,
        authorId,
        campaign.definition.submissionKind,
        x.title.trim(),
        x.body.trim(),
        title.text,
        body.text,
        title.masked || body.masked ? 1 : 0,
        x.region ?? null,
        x.topic ?? null,
        x.custom ? JSON.stringify(x.custom) : null,
        x.showName ? 1 : 0,
        x.status,
        x.rejectReason ?? null,
        backers.length,
        at,
        publishedAt,
        publishedAt ?? at,
      );
      st.event.run(id, at, authorId, 'netizen', 'received', null, 'received', null);
      if (x.status === 'published') {
        const auto = campaign.definition.moderation === 'post';
        st.event.run(
          id,
          publishedAt,
          auto ? null : reviewerId,
          auto ? null : 'reviewer',
          'published',
          'received',
          'published',
          auto ? 'campaign publishes at once' : null,
        );
      } else if (x.status === 'rejected') {
        st.event.run(
          id,
          at + 5 * 3_600_000,
          reviewerId,
          'reviewer',
          'rejected',
          'received',
          'rejected',
          x.rejectReason ?? null,
        );
      }
      for (const u of backers) st.support.run(id, u, at + 6 * 3_600_000);
    }
  })();
  return { accounts: accounts.length, submissions: submissions.length };
}

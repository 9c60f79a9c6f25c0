import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { makeUser, publishedSubmission } from '../../support/factories.ts';
import { query } from '../../support/sql.ts';
import type { TestApp } from '../../support/test-app.ts';

let n = 0;

/** A console campaign owned by 许昌市 (inside the platform owner's tree, outside 生态环境部's). */
export function consoleCampaign(suffix: string) {
  n += 1;
  const def = parse(
    readFileSync('campaigns/rural-environment-2026.campaign.yaml', 'utf8'),
  ) as Record<string, unknown>;
  return {
    ...def,
    slug: `matrix-${suffix.toLowerCase()}-${n}`,
    refPrefix: `M${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + (Math.floor(n / 26) % 26))}`,
    owner: 'henan-xuchang',
    title: { 'zh-CN': '老旧小区改造问计于民' },
  };
}

/** A published submission held after three reports. */
export async function reportedThrice(t: TestApp): Promise<string> {
  const sub = await publishedSubmission(t, makeUser(t));
  for (let i = 0; i < 3; i++) {
    await t.request('POST', `/api/submissions/${sub.id}/report`, {
      cookie: makeUser(t).cookie,
      body: { reason: 'abuse' },
    });
  }
  return sub.id;
}

/** An open support-burst flag (written directly: the app under test sees one local address). */
export async function supportFlag(t: TestApp): Promise<number> {
  const sub = await publishedSubmission(t, makeUser(t));
  await query(t).run(
    "insert into support_flags (submission_id, network, state, first_at, last_at) values (?, '203.0.113.0/24', 'open', ?, ?)",
    sub.id,
    t.clock.now(),
    t.clock.now(),
  );
  return query(t).value<number>(
    "select id from support_flags where submission_id = ? and network = '203.0.113.0/24'",
    sub.id,
  );
}

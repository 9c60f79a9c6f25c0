// Work that must run once runs on the leading node: the sensemaking queue (so a form letter sent
// to two nodes at once forms one group) and recorded jobs. When the leader dies another node takes
// over, works what was left queued and runs again the job the leader was cut off in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackgroundJobs } from '../../../server/background-jobs.ts';
import { queueJob } from '../../../server/jobs/job-runner.ts';
import { makeUser, messageInput, publishedSubmission } from '../../support/factories.ts';
import { otherNode } from '../../support/other-node.ts';
import { query } from '../../support/sql.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { testEngine } from '../../support/test-database.ts';

let t: TestApp;
let b: Awaited<ReturnType<typeof otherNode>>;
let jobs: { stop(): void } | null = null;
beforeEach(async () => {
  t = await createTestApp();
  b = await otherNode(t);
});
afterEach(async () => {
  jobs?.stop();
  jobs = null;
  await b.close();
  await t.close();
});

const path = '/api/campaigns/leadership-board/submissions';
const letter =
  '建议取消公务员和事业单位招聘中的35岁年龄限制，让有经验的大龄求职者也有公平竞争的机会，这对稳定就业非常重要。';

async function until(ask: () => Promise<boolean>, ms: number): Promise<number> {
  const start = Date.now();
  while (!(await ask())) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - start;
}

describe.skipIf(testEngine === 'sqlite')('one leading node among several', () => {
  it('groups a form letter sent to two nodes at once, whichever node received each copy', async () => {
    // Each node says on /api/ready whether it leads (a balancer or an operator reads it).
    expect((await t.request('GET', '/api/ready')).json).toMatchObject({ leading: true });
    expect((await b.request('GET', '/api/ready')).json).toMatchObject({
      leading: false,
      primary: 'writable',
      engine: 'postgres',
    });
    const [one, two] = [makeUser(t), makeUser(t)];
    const answers = await Promise.all([
      t.request('POST', path, { cookie: one.cookie, body: messageInput({ body: letter }) }),
      b.request('POST', path, {
        cookie: two.cookie,
        body: messageInput({ body: letter.replace('非常重要', '十分重要') }),
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    const q = query(t);
    await until(
      async () => (await q.value<number>('select count(*) from text_signatures')) === 2,
      5_000,
    );
    expect(await q.value<number>('select count(distinct group_id) from text_signatures')).toBe(1);
  });

  it("keeps a follower's typing hint up with what the leader indexes", async () => {
    const similar = `/api/campaigns/leadership-board/similar?text=${encodeURIComponent(letter)}`;
    // The follower has the campaign's index in memory before the letter arrives.
    expect((await b.request('GET', similar)).status).toBe(200);
    const sub = await publishedSubmission(t, makeUser(t), { body: letter });
    const q = query(t);
    await until(
      async () =>
        (await q.value<number>(
          'select count(*) from text_signatures where submission_id = ?',
          sub.id,
        )) === 1,
      5_000,
    );
    // Told through the change feed, the follower finds it in its index (a similarity), not only
    // by words through the search index (which every node reads from the database).
    await until(async () => {
      const items = (await b.request('GET', similar)).json.items as {
        submission: { id: string };
        similarity: number | null;
      }[];
      return items.some((i) => i.submission.id === sub.id && i.similarity !== null);
    }, 3_000);
  });

  it('hands the lead to another node when the leader dies: its queue and its cut-off job', async () => {
    jobs = startBackgroundJobs(b.services);
    // The leader took a job and then died before finishing it.
    await queueJob(
      t.services,
      'cluster-run',
      t.services.campaigns.get('leadership-board')!.id,
      null,
    );
    await t.store.write((tx) => tx.jobs.claimNext(t.clock.now()), { readCommitted: true });
    await t.services.sensemaking.stop();
    const author = makeUser(t);
    await t.settle();
    expect(
      (await b.request('POST', path, { cookie: author.cookie, body: messageInput() })).status,
    ).toBe(201);

    await t.services.leadership.stop(); // its connection closes, as a killed process's does
    const q = query(t);
    const tookOver = await until(async () => b.services.leadership.leading, 5_000);
    expect(tookOver).toBeLessThan(3_000);
    await until(
      async () => (await q.value<number>('select count(*) from sensemaking_queue')) === 0,
      5_000,
    );
    await until(
      async () => (await q.value<string>('select status from jobs')) !== 'running',
      10_000,
    );
    expect(await q.all('select status, finished_at is not null as finished from jobs')).toEqual([
      { status: expect.stringMatching(/^(done|failed)$/), finished: true },
    ]);
  });
});

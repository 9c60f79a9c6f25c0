import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { openDatabase } from '../../../server/db/open-database.ts';
import { makeUser, submit } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
afterEach(() => t.close());

const letter =
  '建议在老旧小区加装电梯时由政府补贴一部分费用，低楼层住户的顾虑也要有人出面协调，不然多年都装不成。';
const slug = 'fifteenth-five-year-plan'; // publishes at once: search and clusters are owed too
const plan = { topic: 'livelihoods', custom: {}, regionCode: null };

const count = (sql: string, ...args: unknown[]) =>
  t.services.sqlite
    .prepare(sql)
    .pluck()
    .get(...args) as number;

describe('the sensemaking queue', () => {
  it('owes each new submission its sensemaking on disk until the work is done, across a restart', async () => {
    t = await createTestApp();
    await t.services.sensemaking.stop(); // a server that dies right after answering 201
    const a = await submit(
      t,
      makeUser(t),
      { title: '老旧小区加装电梯', body: letter, ...plan },
      slug,
    );
    const b = await submit(
      t,
      makeUser(t),
      { title: '老旧小区加装电梯', body: letter.replace('多年', '好几年'), ...plan },
      slug,
    );
    expect(count('select count(*) from sensemaking_queue')).toBe(4); // arrived + published, twice
    expect(count('select count(*) from text_signatures')).toBe(0);
    expect(count('select count(*) from submission_search')).toBe(0);

    // The next start (another app on the same file) finds the queue and works through it.
    const database = openDatabase(t.services.config.HUIYIN_DB);
    const restarted = createApp({ database, clock: t.clock, config: t.services.config });
    const health = async () =>
      (await (await restarted.app.request('/api/health')).json()) as {
        sensemaking: { pending: number; processed: number };
      };
    expect((await health()).sensemaking.pending).toBe(4);
    restarted.services.sensemaking.kick();
    await restarted.services.sensemaking.settled();
    expect((await health()).sensemaking).toMatchObject({ pending: 0, processed: 4 });

    const group = database.sqlite
      .prepare('select group_id from text_signatures where submission_id = ?')
      .pluck();
    expect(group.get(b.id)).toBe(a.id); // one voice: the edited copy joined the first
    const found = (await (
      await restarted.app.request(`/api/search?q=${encodeURIComponent('加装电梯')}`)
    ).json()) as { total: number };
    expect(found.total).toBe(2);
    await restarted.services.sensemaking.stop();
    database.sqlite.close();

    // Once more: the next start rebuilds the stored group and a third copy joins it.
    const again = openDatabase(t.services.config.HUIYIN_DB);
    const third = createApp({ database: again, clock: t.clock, config: t.services.config });
    const user = makeUser({ ...t, services: third.services, app: third.app } as TestApp);
    const sent = await third.app.request(`/api/campaigns/${slug}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: user.cookie },
      body: JSON.stringify({
        title: '老旧小区加装电梯',
        body: letter.replace('协调', '沟通'),
        ...plan,
      }),
    });
    const c = ((await sent.json()) as { submission: { id: string } }).submission;
    await third.services.sensemaking.settled();
    expect(
      again.sqlite
        .prepare('select group_id from text_signatures where submission_id = ?')
        .pluck()
        .get(c.id),
    ).toBe(a.id);
    await third.services.sensemaking.stop();
    again.sqlite.close();
  });

  it('keeps the order of arrival, so the first of a form letter stays its group key', async () => {
    t = await createTestApp();
    const users = Array.from({ length: 12 }, () => makeUser(t));
    // Sent together: all land in one batch, and the oldest must still be the key.
    const sent = await Promise.all(
      users.map((u, i) =>
        t.request('POST', `/api/campaigns/${slug}/submissions`, {
          cookie: u.cookie,
          body: {
            title: '老旧小区加装电梯',
            body: i % 2 ? letter : letter.replace('政府', '财政'),
            ...plan,
          },
        }),
      ),
    );
    expect(sent.map((r) => r.status)).toEqual(users.map(() => 201));
    await t.services.sensemaking.settled();
    const first = t.services.sqlite
      .prepare('select id from submissions order by ref limit 1')
      .pluck()
      .get();
    expect(count('select count(distinct group_id) from text_signatures')).toBe(1);
    expect(count('select count(*) from text_signatures where group_id = ?', first)).toBe(12);
    expect(count('select count(*) from sensemaking_queue')).toBe(0);
  });

  it('works through a backlog of several batches in order, full batches split over both threads', async () => {
    t = await createTestApp({
      config: { HUIYIN_SUBMIT_PER_ACCOUNT_PER_HOUR: '1000', HUIYIN_SUBMIT_PER_IP_PER_HOUR: '1000' },
    });
    await t.services.sensemaking.stop(); // the backlog a restart finds: 300 × 2 queue rows
    const user = makeUser(t);
    const sent = [];
    for (let i = 0; i < 300; i++) {
      // Every third one is the form letter (with one word changed now and then); the rest differ.
      const body =
        i % 3 === 0
          ? i % 2
            ? letter
            : letter.replace('政府', '财政')
          : `第${i}号建议：${letter.slice(i % 20)}另外请在第${i}个路口增设${i}处公交站台。`;
      sent.push(
        t.request('POST', `/api/campaigns/${slug}/submissions`, {
          cookie: user.cookie,
          body: { title: `建议第${i}号`, body, ...plan },
        }),
      );
    }
    expect((await Promise.all(sent)).every((r) => r.status === 201)).toBe(true);
    expect(count('select count(*) from sensemaking_queue')).toBe(600); // more than one batch

    const database = openDatabase(t.services.config.HUIYIN_DB);
    const restarted = createApp({ database, clock: t.clock, config: t.services.config });
    restarted.services.sensemaking.kick();
    await restarted.services.sensemaking.settled();
    const read = (sql: string) => database.sqlite.prepare(sql).pluck();
    expect(read('select count(*) from sensemaking_queue').get()).toBe(0);
    expect(read('select count(*) from text_signatures').get()).toBe(300);
    expect(read('select count(*) from submission_search_rows').get()).toBe(300);
    // Each wording's oldest copy is still the key of all its 50 copies, sent over 600 rows.
    for (const wording of [letter, letter.replace('政府', '财政')]) {
      const copies = `from submissions where body = '${wording}'`;
      const oldest = read(`select id ${copies} order by ref limit 1`).get();
      expect(
        read(
          `select count(*) from text_signatures where group_id = ? and submission_id in (select id ${copies})`,
        ).get(oldest),
      ).toBe(50);
    }
    await restarted.services.sensemaking.stop();
    database.sqlite.close();
  });
});

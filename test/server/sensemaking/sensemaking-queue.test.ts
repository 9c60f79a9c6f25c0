import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { openStore } from '../../../server/store/open-store.ts';
import { makeUser, submit } from '../../support/factories.ts';
import { query } from '../../support/sql.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
afterEach(() => t.close());

const letter =
  '建议在老旧小区加装电梯时由政府补贴一部分费用，低楼层住户的顾虑也要有人出面协调，不然多年都装不成。';
const slug = 'fifteenth-five-year-plan'; // publishes at once: search and clusters are owed too
const plan = { topic: 'livelihoods', custom: {}, regionCode: null };

const count = (sql: string, ...args: string[]) => query(t).value<number>(sql, ...args);

/** The server stops working its queue, as one that died would (and lets another node lead). */
async function die(node: { services: TestApp['services'] }) {
  await node.services.sensemaking.stop();
  await node.services.leadership.stop();
}

/** Another start of the server on the same database, once it leads (the last one has died). */
async function restart() {
  const store = await openStore(t.services.config);
  const started = await createApp({ store, clock: t.clock, config: t.services.config });
  for (let waited = 0; !started.services.leadership.leading && waited < 3_000; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return { ...started, store, q: query({ store: started.services.store }) };
}

describe('the sensemaking queue', () => {
  it('owes each new submission its sensemaking on disk until the work is done, across a restart', async () => {
    t = await createTestApp();
    await die(t); // a server that dies right after answering 201
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
    expect(await count('select count(*) from sensemaking_queue')).toBe(4); // arrived + published, twice
    expect(await count('select count(*) from text_signatures')).toBe(0);
    expect(await count('select count(*) from submission_search')).toBe(0);

    // The next start (another app on the same database) finds the queue and works through it.
    const restarted = await restart();
    const health = async () =>
      (await (await restarted.app.request('/api/health')).json()) as {
        sensemaking: { pending: number; processed: number };
      };
    expect((await health()).sensemaking.pending).toBe(4);
    restarted.services.sensemaking.kick();
    await restarted.services.sensemaking.settled();
    expect((await health()).sensemaking).toMatchObject({ pending: 0, processed: 4 });

    const group = (id: string) =>
      restarted.q.value('select group_id from text_signatures where submission_id = ?', id);
    expect(await group(b.id)).toBe(a.id); // one voice: the edited copy joined the first
    const found = (await (
      await restarted.app.request(`/api/search?q=${encodeURIComponent('加装电梯')}`)
    ).json()) as { total: number };
    expect(found.total).toBe(2);
    await die(restarted);
    await restarted.store.close();

    // Once more: the next start rebuilds the stored group and a third copy joins it.
    const third = await restart();
    const user = makeUser({ ...t, services: third.services, app: third.app } as TestApp);
    await t.settle();
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
      await third.q.value('select group_id from text_signatures where submission_id = ?', c.id),
    ).toBe(a.id);
    await die(third);
    await third.store.close();
  });

  it('keeps the order of arrival, so the first of a form letter stays its group key', async () => {
    t = await createTestApp();
    await die(t); // the queue as a restart finds it, all in one batch
    const users = Array.from({ length: 12 }, () => makeUser(t));
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
    // The order of arrival is the queue's. (On SQLite it is also the order of reference
    // numbers, drawn in the same transaction; PostgreSQL draws them first, on their own.)
    const arrival = await query(t).column<string>(
      "select submission_id from sensemaking_queue where task = 'arrived' order by seq",
    );
    expect(arrival).toHaveLength(12);
    if (t.store.engine === 'sqlite')
      expect(arrival[0]).toBe(
        await query(t).value<string>('select id from submissions order by ref limit 1'),
      );
    const restarted = await restart();
    restarted.services.sensemaking.kick();
    await restarted.services.sensemaking.settled();
    expect(await count('select count(distinct group_id) from text_signatures')).toBe(1);
    expect(
      await count('select count(*) from text_signatures where group_id = ?', arrival[0]!),
    ).toBe(12);
    expect(await count('select count(*) from sensemaking_queue')).toBe(0);
    await die(restarted);
    await restarted.store.close();
  });

  it('works through a backlog of several batches in order, full batches split over both threads', async () => {
    t = await createTestApp({
      config: { HUIYIN_SUBMIT_PER_ACCOUNT_PER_HOUR: '1000', HUIYIN_SUBMIT_PER_IP_PER_HOUR: '1000' },
    });
    await die(t); // the backlog a restart finds: 300 × 2 queue rows
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
    expect(await count('select count(*) from sensemaking_queue')).toBe(600); // more than one batch
    const wordings = [letter, letter.replace('政府', '财政')];
    // The first of each wording to arrive (queued first).
    const firsts = await Promise.all(
      wordings.map((wording) =>
        query(t).value<string>(
          `select q.submission_id from sensemaking_queue q join submissions s on s.id = q.submission_id
           where q.task = 'arrived' and s.body = ? order by q.seq limit 1`,
          wording,
        ),
      ),
    );

    const restarted = await restart();
    restarted.services.sensemaking.kick();
    await restarted.services.sensemaking.settled();
    const read = (sql: string, ...args: string[]) => restarted.q.value<number>(sql, ...args);
    expect(await read('select count(*) from sensemaking_queue')).toBe(0);
    expect(await read('select count(*) from text_signatures')).toBe(300);
    expect(await read('select count(*) from submission_search')).toBe(300);
    // Each wording's first copy is still the key of all its 50 copies, sent over 600 rows.
    for (const [i, wording] of wordings.entries()) {
      const oldest = firsts[i]!;
      expect(
        await read(
          `select count(*) from text_signatures where group_id = ?
           and submission_id in (select id from submissions where body = ?)`,
          oldest,
          wording,
        ),
      ).toBe(50);
    }
    await die(restarted);
    await restarted.store.close();
  });
});

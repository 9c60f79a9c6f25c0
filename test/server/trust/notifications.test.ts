// The in-app inbox and the e-mail outbox, on either engine. The inbox pages, counts and marks
// only its owner's notices. Every queued e-mail is sent exactly once, also when two app nodes
// (two stores on one database) deliver at the same moment; a failure is recorded and retried; a
// claim left by a node that died mid-send lapses after the lease.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  deliverOutbox,
  outboxLeaseMs,
  type EmailSender,
} from '../../../server/notifications/email-sender.ts';
import { openDb } from '../../../server/store/engine/open-db.ts';
import { Store } from '../../../server/store/store.ts';
import { query } from '../../support/sql.ts';
import { makeUser } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function queue(n: number) {
  await t.store.write(async (tx) => {
    for (let i = 0; i < n; i++)
      await tx.notifications.queueEmail(`u${i}@example.test`, `subject ${i}`, 'body', i);
  });
}

/** A sender that takes a moment per e-mail (as SMTP does) and records what it sent. */
function recordingSender(sent: string[], fail?: (to: string) => boolean): EmailSender {
  return {
    kind: 'log',
    async send(mail) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (fail?.(mail.to)) throw new Error('relay refused');
      sent.push(mail.to);
    },
  };
}

describe('in-app inbox', () => {
  it('pages my notices newest first, counts the unread ones, and marks only mine read', async () => {
    const me = makeUser(t);
    const other = makeUser(t);
    await t.settle();
    await t.store.write(async (tx) => {
      for (let i = 0; i < 5; i++)
        await tx.notifications.add(me.id, 'published', null, JSON.stringify({ ref: `R${i}` }), i);
      await tx.notifications.add(other.id, 'published', null, '{}', 9);
    });
    const inbox = (query = '') =>
      t.request('GET', `/api/notifications${query}`, { cookie: me.cookie });
    const first = await inbox('?pageSize=2');
    expect(first.json).toMatchObject({ page: 1, pageSize: 2, total: 5, unread: 5 });
    expect(first.json.items.map((n: { data: { ref: string } }) => n.data.ref)).toEqual([
      'R4',
      'R3',
    ]);
    const [newest, next] = first.json.items as { id: number }[];
    const theirs = await query(t).value<number>(
      'select id from notifications where user_id = ?',
      other.id,
    );
    const marked = await t.request('POST', '/api/notifications/read', {
      cookie: me.cookie,
      body: { ids: [newest!.id, next!.id, theirs] },
    });
    expect(marked.json).toEqual({ unread: 3 });
    const unread = await inbox('?unread=1');
    expect(unread.json).toMatchObject({ total: 3, unread: 3 });
    expect(unread.json.items.every((n: { read: boolean }) => !n.read)).toBe(true);
    expect((await inbox('?page=3&pageSize=2')).json.items).toHaveLength(1);
    expect(
      await query(t).value(
        'select count(*) as n from notifications where read_at is null and user_id = ?',
        other.id,
      ),
    ).toBe(1);
    expect(
      (
        await t.request('POST', '/api/notifications/read', {
          cookie: me.cookie,
          body: { all: true },
        })
      ).json,
    ).toEqual({ unread: 0 });
  });
});

describe('e-mail outbox', () => {
  it('sends each e-mail once when two nodes deliver at the same moment', async () => {
    await queue(40);
    const other = new Store(await openDb({ ...t.config, HUIYIN_DATABASE_POOL: 4 }));
    try {
      const sent: string[] = [];
      const now = () => t.clock.now();
      const passes = await Promise.all([
        deliverOutbox(t.store, recordingSender(sent), now, 10),
        deliverOutbox(other, recordingSender(sent), now, 10),
        deliverOutbox(t.store, recordingSender(sent), now, 10),
        deliverOutbox(other, recordingSender(sent), now, 10),
        deliverOutbox(other, recordingSender(sent), now, 10),
      ]);
      // Each pass took at most its limit; together they left the rest for the next passes.
      for (const n of passes) expect(n).toBeLessThanOrEqual(10);
      while ((await deliverOutbox(other, recordingSender(sent), now, 10)) > 0);
      expect(sent).toHaveLength(40);
      expect(new Set(sent).size).toBe(40);
      expect(
        await query(t).all(
          'select count(*) as n, min(attempts) as lo, max(attempts) as hi from email_outbox where sent_at is not null and claimed_at is null',
        ),
      ).toEqual([{ n: 40, lo: 1, hi: 1 }]);
    } finally {
      await other.close();
    }
  });

  it('records a failure and tries again on a later pass, five times at most', async () => {
    await queue(2);
    const sent: string[] = [];
    const refuse = (to: string) => to === 'u1@example.test';
    for (let pass = 0; pass < 7; pass++)
      await deliverOutbox(t.store, recordingSender(sent, refuse), () => t.clock.now());
    expect(sent).toEqual(['u0@example.test']);
    expect(
      await query(t).get(
        'select attempts, last_error as "lastError", sent_at as "sentAt", claimed_at as "claimedAt" from email_outbox where "to" = ?',
        'u1@example.test',
      ),
    ).toEqual({ attempts: 5, lastError: 'Error: relay refused', sentAt: null, claimedAt: null });
  });

  it('takes over a claim left by a node that died mid-send, once the lease has passed', async () => {
    await queue(1);
    // A node claimed it and died before sending.
    await query(t).run('update email_outbox set attempts = 1, claimed_at = ?', t.clock.now());
    const sent: string[] = [];
    expect(await deliverOutbox(t.store, recordingSender(sent), () => t.clock.now())).toBe(0);
    t.clock.current += outboxLeaseMs + 1;
    expect(await deliverOutbox(t.store, recordingSender(sent), () => t.clock.now())).toBe(1);
    expect(sent).toEqual(['u0@example.test']);
  });
});

// PostgreSQL going away while the platform serves: requests get 503 `unavailable` (never a 500,
// never half a write), and once the database is back the app reconnects by itself.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUser, messageInput } from '../../support/factories.ts';
import { query } from '../../support/sql.ts';
import { adminQuery, testEngine } from '../../support/test-database.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const databaseName = () => new URL(t.config.HUIYIN_DATABASE_URL).pathname.slice(1);

describe.runIf(testEngine === 'postgres')('PostgreSQL unreachable while serving', () => {
  it('answers 503 unavailable, writes nothing half, and reconnects when the database is back', async () => {
    const author = makeUser(t);
    const before = await t.request('POST', '/api/campaigns/leadership-board/submissions', {
      cookie: author.cookie,
      body: messageInput(),
    });
    expect(before.status).toBe(201);

    // The database refuses new connections and every open one is cut, as in a failover.
    const name = databaseName();
    await adminQuery(`alter database ${name} allow_connections false`);
    await adminQuery(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`,
    );
    try {
      const during = await t.request('POST', '/api/campaigns/leadership-board/submissions', {
        cookie: author.cookie,
        body: messageInput(),
      });
      expect(during.status).toBe(503);
      expect(during.json.error.code).toBe('unavailable');
      expect(during.headers.get('retry-after')).toBe('5');
      const reading = await t.request('GET', '/api/campaigns/leadership-board/submissions');
      expect([reading.status, reading.json.error.code]).toEqual([503, 'unavailable']);
    } finally {
      await adminQuery(`alter database ${name} allow_connections true`);
    }

    // Back: the same app serves again, on new connections, without a restart.
    const after = await t.request('POST', '/api/campaigns/leadership-board/submissions', {
      cookie: author.cookie,
      body: messageInput(),
    });
    expect(after.status).toBe(201);
    // Exactly the two acknowledged submissions, each with its timeline: nothing half-written.
    expect(
      await query(t).all(
        `select s.ref, (select count(*) from timeline_events e where e.submission_id = s.id) as events
         from submissions s order by s.ref`,
      ),
    ).toEqual([
      { ref: before.json.submission.ref, events: 1 },
      { ref: after.json.submission.ref, events: 1 },
    ]);
  });

  it('answers writes 503 while only a read-only database answers, as a standby in a failover; reads and search keep working', async () => {
    const author = makeUser(t);
    await t.settle();
    const name = databaseName();
    // Every new session is read-only, and the open ones are cut: what the app meets when the
    // primary is gone and only a standby answers (or a primary is being demoted).
    await adminQuery(`alter database ${name} set default_transaction_read_only = on`);
    const cut = `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`;
    await adminQuery(cut);
    try {
      const during = await t.request('POST', '/api/campaigns/leadership-board/submissions', {
        cookie: author.cookie,
        body: messageInput(),
      });
      expect([during.status, during.json.error.code]).toEqual([503, 'unavailable']);
      expect(during.headers.get('retry-after')).toBe('5');
      expect((await t.request('GET', '/api/campaigns/leadership-board/submissions')).status).toBe(
        200,
      );
      // Search counts a rate-limit window, which cannot be written now: it lets the search through.
      expect((await t.request('GET', `/api/search?q=${encodeURIComponent('暖气')}`)).status).toBe(
        200,
      );
    } finally {
      await adminQuery(`alter database ${name} reset default_transaction_read_only`);
      await adminQuery(cut);
    }
    const after = await t.request('POST', '/api/campaigns/leadership-board/submissions', {
      cookie: author.cookie,
      body: messageInput(),
    });
    expect(after.status).toBe(201);
    expect(await query(t).value<number>('select count(*) from submissions')).toBe(1);
  });
});

// Losing the primary: a primary with a synchronous standby (PostgreSQL's own streaming
// replication), the app given both hosts with target_session_attrs=read-write. Submissions flow,
// the primary is stopped with -m immediate and the standby promoted: the app answers 503 in
// between, then writes to the new primary without a restart, and every submission it answered
// 201 is there. Also: heavy public reads served by the standby (HUIYIN_DATABASE_READ_URL) keep
// working while the primary is gone.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../../server/config.ts';
import { prepareApp } from '../../../server/start.ts';
import { messageInput } from '../../support/factories.ts';
import {
  postgresBin,
  startReplicatedCluster,
  type ReplicatedCluster,
} from '../../../deploy/local-cluster/replicated-postgres.ts';
import { defaultNow } from '../../support/test-app.ts';
import { testEngine } from '../../support/test-database.ts';

let cluster: ReplicatedCluster | null = null;
afterEach(() => {
  cluster?.stop();
  cluster = null;
});

/** The app on the cluster, with an account signed in. */
async function appOn(urls: { write: string; read?: string }) {
  const config = testConfig({
    HUIYIN_DATABASE_URL: urls.write,
    HUIYIN_DATABASE_READ_URL: urls.read ?? '',
    HUIYIN_DB: '',
    HUIYIN_REQUEST_LOG: '0',
    HUIYIN_SUBMIT_PER_ACCOUNT_PER_HOUR: '0',
    HUIYIN_SUBMIT_PER_IP_PER_HOUR: '0',
  });
  const { app, services } = await prepareApp(config, { now: () => defaultNow });
  const request = async (method: string, path: string, body?: unknown, cookie = '') => {
    const res = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    return {
      status: res.status,
      headers: res.headers,
      text,
      json: (isJson ? JSON.parse(text) : null) as any, // eslint-disable-line @typescript-eslint/no-explicit-any
    };
  };
  const reg = await request('POST', '/api/auth/register', {
    login: '13911119999',
    password: 'secret-pass-1',
    displayName: '丙',
  });
  const cookie = reg.headers.get('set-cookie')!.split(';')[0]!;
  return {
    request,
    cookie,
    services,
    async close() {
      await services.sensemaking.stop();
      await services.store.close();
    },
  };
}

const runs = testEngine === 'postgres' && postgresBin !== '';

describe.runIf(runs)('a primary lost with a synchronous standby', () => {
  it('keeps every acknowledged submission and writes to the promoted standby without a restart', async () => {
    cluster = await startReplicatedCluster();
    const node = await appOn({ write: cluster.bothUrl });
    const submission = (i: number) =>
      messageInput({
        title: `小区暖气不热 ${i}`,
        body: `入冬以来暖气一直不热，屋里只有十三度，第${i}次反映，恳请有关部门督促热力公司排查管网。`,
      });
    const acknowledged: string[] = [];
    const unexpected: unknown[] = [];
    let refused = 0;
    let stoppedAt = 0;
    let firstAfter = 0;
    let sent = 0;
    const worker = async () => {
      while (sent < 400 && !(firstAfter && sent > 300)) {
        const i = sent++;
        const res = await node.request(
          'POST',
          '/api/campaigns/leadership-board/submissions',
          submission(i),
          node.cookie,
        );
        if (res.status === 201) {
          acknowledged.push(res.json.submission.ref);
          if (stoppedAt && !firstAfter) firstAfter = Date.now();
        } else if (res.status === 503 && res.json.error.code === 'unavailable') {
          refused++;
          await new Promise((r) => setTimeout(r, 100));
        } else unexpected.push([res.status, res.json]);
      }
    };
    const load = Promise.all([worker(), worker(), worker(), worker()]);
    for (let waited = 0; acknowledged.length < 60; waited += 10) {
      if (waited > 30_000) throw new Error(`only ${acknowledged.length} accepted before the loss`);
      await new Promise((r) => setTimeout(r, 10));
    }
    // The primary is lost; the standby is promoted (what Patroni does, by hand).
    cluster.losePrimary();
    stoppedAt = Date.now();
    cluster.promoteStandby();
    await load;

    expect(unexpected).toEqual([]);
    expect(firstAfter).toBeGreaterThan(0);
    expect(firstAfter - stoppedAt).toBeLessThan(10_000);
    const check = new pg.Client(cluster.standbyUrl);
    await check.connect();
    const { rows } = await check.query<{ ref: string }>('select ref from submissions');
    await check.end();
    const stored = new Set(rows.map((r) => r.ref));
    expect(acknowledged.filter((ref) => !stored.has(ref))).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(60);
    console.log(
      JSON.stringify({
        acknowledged: acknowledged.length,
        refusedDuringFailover: refused,
        firstAcceptedAfterLossMs: firstAfter - stoppedAt,
      }),
    );
    await node.close();
  }, 120_000);

  it('serves search, the data page and exports from the standby, even while the primary is lost', async () => {
    cluster = await startReplicatedCluster();
    const node = await appOn({ write: cluster.primaryUrl, read: cluster.standbyUrl });
    const slug = 'fifteenth-five-year-plan'; // publishes at once: searchable right away
    for (let i = 0; i < 3; i++) {
      const res = await node.request(
        'POST',
        `/api/campaigns/${slug}/submissions`,
        messageInput({
          title: `加装电梯补贴 ${i}`,
          body: `建议老旧小区加装电梯由政府补贴一部分费用，第${i}条。`,
          topic: 'livelihoods',
          custom: {},
          regionCode: null,
        }),
        node.cookie,
      );
      expect(res.status).toBe(201);
    }
    await node.services.sensemaking.settled();
    const search = () => node.request('GET', `/api/search?q=${encodeURIComponent('加装电梯')}`);
    for (let waited = 0; (await search()).json.total !== 3; waited += 50) {
      if (waited > 10_000) throw new Error('the standby never caught up');
      await new Promise((r) => setTimeout(r, 50));
    }
    const ready = await node.request('GET', '/api/ready');
    expect(ready.json.replica).toMatchObject({ reachable: true, lagMs: expect.any(Number) });

    cluster.losePrimary();
    // Reads the standby serves keep working; a write has no primary and says so.
    const found = await search();
    expect([found.status, found.json.total]).toEqual([200, 3]);
    expect((await node.request('GET', '/api/figures')).status).toBe(200);
    const csv = await node.request('GET', `/api/campaigns/${slug}/exports/submissions?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.text.match(/加装电梯补贴/g)).toHaveLength(3);
    const write = await node.request(
      'POST',
      `/api/campaigns/${slug}/submissions`,
      messageInput({ topic: 'livelihoods', custom: {}, regionCode: null }),
      node.cookie,
    );
    expect([write.status, write.json.error.code]).toEqual([503, 'unavailable']);
    await node.close();
  }, 120_000);
});

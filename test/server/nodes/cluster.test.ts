// The cluster with real processes (issue #16): a PostgreSQL primary and synchronous standby, two
// app node processes (server/main.ts) given both hosts with target_session_attrs=read-write, and
// HAProxy in front, all started by deploy/local-cluster/ as `npm run cluster` starts them.
// Submissions flow to both nodes; the leading node is killed with SIGKILL during the load, with a
// recorded job it had claimed; then the primary is lost (-m immediate) and the standby promoted.
// Nothing acknowledged is lost, the survivor takes the lead, finishes the job and reconnects
// without a restart; limits and near-duplicate groups hold across both nodes, and at no moment do
// both nodes lead. Then stopping the cluster leaves no process and no folder behind. PostgreSQL
// runs only (skipped on SQLite), as root (as CI runs).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  repoRoot,
  startLocalCluster,
  type AppNode,
  type LocalCluster,
} from '../../../deploy/local-cluster/local-cluster.ts';
import { postgresBin } from '../../../deploy/local-cluster/replicated-postgres.ts';
import { messageInput } from '../../support/factories.ts';
import { testEngine } from '../../support/test-database.ts';

const runs = testEngine === 'postgres' && postgresBin !== '' && process.getuid?.() === 0;
const limit = 100;
const path = '/api/campaigns/leadership-board/submissions';
const letter =
  '建议取消公务员和事业单位招聘中的35岁年龄限制，让有经验的大龄求职者也有公平竞争的机会，这对稳定就业非常重要。';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Answer = { status: number; json: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One request to a node; status 0 when the node cannot be reached (killed). */
async function call(node: AppNode, method: string, url: string, body?: unknown, cookie = '') {
  try {
    const res = await fetch(`${node.url}${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    return {
      status: res.status,
      json: text.startsWith('{') ? JSON.parse(text) : null,
      cookie: res.headers
        .getSetCookie()
        .find((c) => c.startsWith('hy_session='))
        ?.split(';')[0],
    };
  } catch {
    return { status: 0, json: null, cookie: undefined };
  }
}

async function register(node: AppNode, i: number): Promise<string> {
  const login = `1391234${String(i).padStart(4, '0')}`;
  const res = await call(node, 'POST', '/api/auth/register', {
    login,
    password: 'secret-pass-1',
    displayName: `网民${i}`,
  });
  if (res.status !== 201 || !res.cookie) throw new Error(`register ${login}: ${res.status}`);
  return res.cookie;
}

async function until<T>(what: string, ask: () => Promise<T | null | false>, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = await ask();
    if (answer) return answer;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(100);
  }
}

/** A process that exists and is not a zombie (an ended postmaster nobody reaped). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

let cluster: LocalCluster | null = null;
const started = new Set<number>();
let watching = false;
afterAll(async () => {
  watching = false;
  await cluster?.stop(2_000);
}, 30_000);

describe.runIf(runs)('two app node processes over a primary and a synchronous standby', () => {
  it('loses a node and then the primary, and keeps every acknowledged submission, limit, group and job', async () => {
    cluster = await startLocalCluster({
      nodes: 2,
      balancerPort: 0,
      env: {
        HUIYIN_REQUEST_LOG: '0',
        HUIYIN_SUBMIT_PER_ACCOUNT_PER_HOUR: String(limit),
        HUIYIN_SUBMIT_PER_IP_PER_HOUR: '0',
        HUIYIN_AUTH_PER_IP_PER_HOUR: '0',
      },
    });
    for (const pid of cluster.pids()) started.add(pid);
    const [a, b] = cluster.nodes as [AppNode, AppNode];
    const db = cluster.database;
    // The first node leads; HAProxy passes requests to both.
    expect((await call(a, 'GET', '/api/ready')).json).toMatchObject({
      node: 'app1',
      leading: true,
    });
    expect((await call(b, 'GET', '/api/ready')).json).toMatchObject({
      node: 'app2',
      leading: false,
    });
    const viaBalancer = new Set<string>();
    for (let i = 0; i < 4; i++)
      viaBalancer.add(((await (await fetch(`${cluster.url}/api/ready`)).json()) as any).node); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect([...viaBalancer].sort()).toEqual(['app1', 'app2']);

    // Which nodes lead, asked every 100 ms until the end: never two at once.
    const bothLed: string[] = [];
    watching = true;
    const watch = (async () => {
      while (watching) {
        const [ra, rb] = await Promise.all([
          call(a, 'GET', '/api/ready'),
          call(b, 'GET', '/api/ready'),
        ]);
        if (ra.json?.leading && rb.json?.leading) bothLed.push(new Date().toISOString());
        await sleep(100);
      }
    })();

    const accounts = await Promise.all(
      Array.from({ length: 19 }, (_, i) => register(i % 2 ? b : a, i)),
    );
    const [limited, letterOne, letterTwo] = accounts as [string, string, string];
    const loadAccounts = accounts.slice(3);

    // One author sends twice the per-account limit, half to each node, at once.
    const burst = await Promise.all(
      Array.from({ length: 2 * limit }, (_, i) =>
        call(i % 2 ? b : a, 'POST', path, messageInput(), limited),
      ),
    );
    expect(burst.filter((r) => r.status === 201)).toHaveLength(limit);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(limit);
    // A form letter, one copy to each node at the same moment.
    const letters = await Promise.all([
      call(a, 'POST', path, messageInput({ body: letter }), letterOne),
      call(
        b,
        'POST',
        path,
        messageInput({ body: letter.replace('非常重要', '十分重要') }),
        letterTwo,
      ),
    ]);
    expect(letters.map((r) => r.status)).toEqual([201, 201]);
    const acknowledged: string[] = [
      ...burst.filter((r) => r.status === 201).map((r) => r.json.submission.ref as string),
      ...letters.map((r) => r.json.submission.ref as string),
    ];

    // The load: workers, each with accounts of its own, alternating between the nodes (a node
    // that cannot be reached is left for the other, as the balancer would).
    const unexpected: Answer[] = [];
    let lostAt = 0;
    let firstAfterLoss = 0;
    let refusedDuringLoss = 0;
    let stopLoad = false;
    const worker = async (w: number) => {
      const mine = loadAccounts.filter((_, i) => i % 4 === w);
      for (let n = 0; !stopLoad && mine.length; n++) {
        const cookie = mine[n % mine.length]!;
        const first = n % 2 ? b : a;
        let res = await call(first, 'POST', path, messageInput(), cookie);
        if (res.status === 0)
          res = await call(first === a ? b : a, 'POST', path, messageInput(), cookie);
        if (res.status === 201) {
          acknowledged.push(res.json.submission.ref);
          if (lostAt && !firstAfterLoss) firstAfterLoss = Date.now();
        } else if (res.status === 503 && res.json?.error?.code === 'unavailable') {
          refusedDuringLoss++;
          await sleep(100);
        } else if (res.status === 429) mine.splice(mine.indexOf(cookie), 1);
        else if (res.status !== 0) unexpected.push({ status: res.status, json: res.json });
        await sleep(20); // a steady load, not the most the machine can take
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(worker));
    const primary = new pg.Client(db.primaryUrl);
    await primary.connect();
    try {
      await until('60 accepted', async () => acknowledged.length >= 60, 30_000);
      // Recorded jobs, queued as another process would queue them (the leader's runner looks
      // every 5 s). The first is claimed by the leader, which is killed while it runs it: the
      // run's first read waits on a lock this test holds, so the kill comes mid-job.
      const locker = new pg.Client(db.primaryUrl);
      locker.on('error', () => undefined); // ended with the cluster if an expectation fails
      await locker.connect();
      await locker.query('begin');
      await locker.query('lock table clusters in access exclusive mode');
      await primary.query(
        `insert into jobs (id, kind, campaign_id, status, created_at)
         select 'job-' || n, 'cluster-run', c.id, 'queued', $1::bigint + n
         from campaigns c, generate_series(1, 4) n where slug = 'leadership-board'`,
        [Date.now()],
      );
      const statusOfFirst = async () =>
        (await primary.query<{ status: string }>("select status from jobs where id = 'job-1'"))
          .rows[0]!.status;
      await until('app1 claims job-1', async () => (await statusOfFirst()) === 'running', 10_000);
      await a.kill('SIGKILL');
      expect(await statusOfFirst()).toBe('running');
      await locker.query('commit');
      await locker.end();
      const killedAt = acknowledged.length;
      await until(
        'app2 leads',
        async () => (await call(b, 'GET', '/api/ready')).json?.leading,
        10_000,
      );
      await until(
        'the cut-off job finished by app2',
        async () => (await statusOfFirst()) !== 'running',
        20_000,
      );
      await until(
        'accepted by app2 alone',
        async () => acknowledged.length >= killedAt + 30,
        30_000,
      );
    } finally {
      await primary.end().catch(() => undefined);
    }

    // The primary is lost; the standby is promoted (what Patroni does, by hand).
    db.losePrimary();
    lostAt = Date.now();
    db.promoteStandby();
    const afterLoss = await until(
      'accepted on the promoted standby',
      async () => firstAfterLoss && acknowledged.length,
      30_000,
    );
    await until('more accepted', async () => acknowledged.length >= afterLoss + 20, 30_000);
    stopLoad = true;
    await load;

    const promoted = new pg.Client(db.standbyUrl);
    await promoted.connect();
    try {
      // Sensemaking owed to every submission is done (by the surviving leader).
      await until(
        'the sensemaking queue drained',
        async () =>
          Number(
            (await promoted.query('select count(*) as n from sensemaking_queue')).rows[0].n,
          ) === 0,
        20_000,
      );
      const { rows } = await promoted.query<{ ref: string }>('select ref from submissions');
      const stored = new Set(rows.map((r) => r.ref));
      expect(unexpected).toEqual([]);
      expect(acknowledged.filter((ref) => !stored.has(ref))).toEqual([]);
      expect(firstAfterLoss - lostAt).toBeLessThan(10_000);
      // The two copies of the form letter form one group.
      const groups = await promoted.query(
        `select distinct t.group_id from text_signatures t join submissions s on s.id = t.submission_id
         where s.ref = any($1::text[])`,
        [letters.map((r) => r.json.submission.ref)],
      );
      expect(groups.rows).toEqual([{ group_id: expect.any(String) }]);
      // The limited author has exactly `limit` submissions, whichever node took them.
      const byLimited = await promoted.query(
        "select count(*)::int as n from submissions s join users u on u.id = s.author_id where u.phone = '13912340000'",
      );
      expect(byLimited.rows[0].n).toBe(limit);
      // Every recorded job ended once: none left running or queued, each with one finish.
      const jobs = await promoted.query<{ id: string; status: string; finished: boolean }>(
        `select id, status, finished_at >= started_at as finished from jobs
         where id like 'job-%' order by id`,
      );
      expect(jobs.rows).toEqual(
        ['job-1', 'job-2', 'job-3', 'job-4'].map((id) => ({
          id,
          status: expect.stringMatching(/^(done|failed)$/),
          finished: true,
        })),
      );
      expect(
        (
          await promoted.query(
            "select count(*)::int as n from jobs where status in ('queued', 'running')",
          )
        ).rows[0].n,
      ).toBe(0);
    } finally {
      await promoted.end().catch(() => undefined);
      watching = false;
      await watch;
    }
    expect(bothLed).toEqual([]);
    expect(await call(b, 'GET', '/api/ready')).toMatchObject({
      status: 200,
      json: { node: 'app2', leading: true, primary: 'writable' },
    });
    console.log(
      JSON.stringify({
        acknowledged: acknowledged.length,
        refusedDuringLoss,
        firstAcceptedAfterPrimaryLossMs: firstAfterLoss - lostAt,
      }),
    );
  }, 150_000);

  it('stops every process it started and removes its folder', async () => {
    expect(cluster).not.toBeNull();
    const { dir } = cluster!;
    for (const pid of cluster!.pids()) started.add(pid);
    expect(started.size).toBeGreaterThanOrEqual(5); // two nodes, HAProxy, two postmasters
    await cluster!.stop();
    expect([...started].filter(alive)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  }, 30_000);

  it('npm run cluster stops everything it started on SIGTERM and exits 0', async () => {
    // The script itself (without the web build), as `npm run cluster -- --no-build --port=0`.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'deploy/local-cluster/main.ts', '--no-build', '--port=0'],
      { cwd: repoRoot, env: { ...process.env, HUIYIN_REQUEST_LOG: '0' }, stdio: 'pipe' },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await until('the cluster printed its parts', async () => out.includes('Ctrl-C'), 60_000);
      const pids = [...out.matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));
      const dir = /logs and data in (\S+)/.exec(out)![1]!;
      expect(pids).toHaveLength(5); // two nodes, HAProxy, two postmasters
      expect(pids.filter(alive)).toEqual(pids);
      expect(existsSync(dir)).toBe(true);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(pids.filter(alive)).toEqual([]);
      expect(existsSync(dir)).toBe(false);
    } finally {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    }
  }, 90_000);
});

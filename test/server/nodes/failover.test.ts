// Losing the primary: a primary with a synchronous standby (PostgreSQL's own streaming
// replication), the app given both hosts with target_session_attrs=read-write. Submissions flow,
// the primary is stopped with -m immediate and the standby promoted: the app answers 503 in
// between, then writes to the new primary without a restart, and every submission it answered
// 201 is there. Needs Debian's PostgreSQL binaries and root (run as the postgres user), as CI has.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../server/config.ts';
import { prepareApp } from '../../../server/start.ts';
import { testEngine } from '../../support/test-database.ts';
import { defaultNow } from '../../support/test-app.ts';
import { messageInput } from '../../support/factories.ts';

const bin = (() => {
  try {
    const v = readdirSync('/usr/lib/postgresql').sort().at(-1);
    return v ? `/usr/lib/postgresql/${v}/bin` : '';
  } catch {
    return '';
  }
})();
const asPostgres = (cmd: string, ...args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const dir = testEngine === 'postgres' && bin ? mkdtempSync(join(tmpdir(), 'huiyin-failover-')) : '';
const started: string[] = [];
afterAll(() => {
  for (const data of started)
    try {
      asPostgres('pg_ctl', '-D', data, '-m', 'immediate', 'stop');
    } catch {
      // already stopped
    }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function start(data: string, port: number, extra: string[] = []) {
  asPostgres(
    'pg_ctl',
    '-D',
    data,
    '-w',
    '-l',
    `${data}.log`,
    '-o',
    [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c fsync=on', ...extra].join(' '),
    'start',
  );
  started.push(data);
}

describe.runIf(dir)('a primary lost with a synchronous standby', () => {
  it('keeps every acknowledged submission and writes to the promoted standby without a restart', async () => {
    execFileSync('chown', ['postgres', dir]);
    const [p1, p2] = [await freePort(), await freePort()];
    const primary = join(dir, 'primary');
    const standby = join(dir, 'standby');
    asPostgres('initdb', '-D', primary, '--locale=C.UTF-8', '-E', 'UTF8', '-A', 'trust');
    start(primary, p1, [
      '-c synchronous_commit=on',
      "-c synchronous_standby_names='standby1'",
      '-c wal_level=replica',
      '-c max_wal_senders=5',
    ]);
    asPostgres(
      'pg_basebackup',
      '-h',
      '127.0.0.1',
      '-p',
      String(p1),
      '-U',
      'postgres',
      '-D',
      standby,
      '-R',
    );
    appendFileSync(
      join(standby, 'postgresql.auto.conf'),
      `primary_conninfo = 'host=127.0.0.1 port=${p1} user=postgres application_name=standby1'\n`,
    );
    start(standby, p2);
    const admin = new pg.Client(`postgres://postgres@127.0.0.1:${p1}/postgres`);
    await admin.connect();
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query(
        "select 1 from pg_stat_replication where sync_state = 'sync'",
      );
      if (rows.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin.query("create database huiyin locale 'C.UTF-8' template template0");
    await admin.end();

    const url = `postgres://postgres@127.0.0.1:${p1},127.0.0.1:${p2}/huiyin?target_session_attrs=read-write`;
    const config = testConfig({
      HUIYIN_DATABASE_URL: url,
      HUIYIN_DB: '',
      HUIYIN_REQUEST_LOG: '0',
      HUIYIN_SUBMIT_PER_ACCOUNT_PER_HOUR: '0',
      HUIYIN_SUBMIT_PER_IP_PER_HOUR: '0',
    });
    const clock = { now: () => defaultNow };
    const { app, services } = await prepareApp(config, clock);
    const post = async (path: string, body: unknown, cookie = '') => {
      const res = await app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const reg = await app.request('/api/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: '13911119999', password: 'secret-pass-1', displayName: '丙' }),
    });
    const cookie = reg.headers.get('set-cookie')!.split(';')[0]!;
    const submission = (i: number) =>
      messageInput({
        title: `小区暖气不热 ${i}`,
        body: `入冬以来暖气一直不热，屋里只有十三度，第${i}次反映，恳请有关部门督促热力公司排查管网。`,
      });

    const acknowledged: string[] = [];
    let refused = 0;
    let stoppedAt = 0;
    let firstAfter = 0;
    let sent = 0;
    const worker = async () => {
      while (sent < 400 && !(firstAfter && acknowledged.length > 0 && sent > 300)) {
        const i = sent++;
        const res = await post(
          '/api/campaigns/leadership-board/submissions',
          submission(i),
          cookie,
        );
        if (res.status === 201) {
          acknowledged.push(res.json.submission.ref);
          if (stoppedAt && !firstAfter) firstAfter = Date.now();
        } else {
          expect([res.status, res.json.error.code]).toEqual([503, 'unavailable']);
          refused++;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const load = Promise.all([worker(), worker(), worker(), worker()]);
    for (let waited = 0; acknowledged.length < 60; waited += 10) {
      if (waited > 30_000) throw new Error(`only ${acknowledged.length} accepted before the loss`);
      await new Promise((r) => setTimeout(r, 10));
    }
    // The primary is lost; the standby is promoted (what Patroni does, by hand).
    asPostgres('pg_ctl', '-D', primary, '-m', 'immediate', 'stop');
    stoppedAt = Date.now();
    asPostgres('pg_ctl', '-D', standby, '-w', 'promote');
    await load;

    expect(firstAfter).toBeGreaterThan(0);
    expect(firstAfter - stoppedAt).toBeLessThan(10_000);
    const check = new pg.Client(`postgres://postgres@127.0.0.1:${p2}/huiyin`);
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
    await services.sensemaking.stop();
    await services.store.close();
  }, 120_000);
});

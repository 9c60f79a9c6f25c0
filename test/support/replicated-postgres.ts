// A PostgreSQL primary with a synchronous standby on local ports (PostgreSQL's own streaming
// replication), for the failover and read-replica tests. Needs Debian's binaries and root (the
// clusters run as the postgres user), as CI has.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const postgresBin = (() => {
  try {
    const v = readdirSync('/usr/lib/postgresql').sort().at(-1);
    return v ? `/usr/lib/postgresql/${v}/bin` : '';
  } catch {
    return '';
  }
})();

const asPostgres = (cmd: string, ...args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', join(postgresBin, cmd), ...args], {
    stdio: 'pipe',
  });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export type ReplicatedCluster = Awaited<ReturnType<typeof startReplicatedCluster>>;

/** Starts both, waits until the standby is synchronous, and creates `database` (C.UTF-8). */
export async function startReplicatedCluster(database = 'huiyin') {
  const dir = mkdtempSync(join(tmpdir(), 'huiyin-replicated-'));
  execFileSync('chown', ['postgres', dir]);
  const [p1, p2] = [await freePort(), await freePort()];
  const primary = join(dir, 'primary');
  const standby = join(dir, 'standby');
  const running: string[] = [];
  const start = (data: string, port: number, extra: string[] = []) => {
    asPostgres(
      'pg_ctl',
      '-D',
      data,
      '-w',
      '-l',
      `${data}.log`,
      '-o',
      [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c fsync=on', ...extra].join(
        ' ',
      ),
      'start',
    );
    running.push(data);
  };
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
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query(
        "select 1 from pg_stat_replication where sync_state = 'sync'",
      );
      if (rows.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin.query(`create database ${database} locale 'C.UTF-8' template template0`);
  } finally {
    await admin.end();
  }
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${p1}/${database}`,
    standbyUrl: `postgres://postgres@127.0.0.1:${p2}/${database}`,
    /** Both hosts, following the writable one. */
    bothUrl: `postgres://postgres@127.0.0.1:${p1},127.0.0.1:${p2}/${database}?target_session_attrs=read-write`,
    /** The primary is lost at once, as a crash or a pulled cable would lose it. */
    losePrimary: () => asPostgres('pg_ctl', '-D', primary, '-m', 'immediate', 'stop'),
    promoteStandby: () => asPostgres('pg_ctl', '-D', standby, '-w', 'promote'),
    stop() {
      for (const data of running)
        try {
          asPostgres('pg_ctl', '-D', data, '-m', 'immediate', 'stop');
        } catch {
          // already stopped
        }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

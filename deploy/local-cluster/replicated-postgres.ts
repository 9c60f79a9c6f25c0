// A PostgreSQL primary with a synchronous standby on local ports (PostgreSQL's own streaming
// replication), for `npm run cluster`, the cluster, failover and read-replica tests and the
// cluster benchmark. Needs Debian's binaries (/usr/lib/postgresql/*/bin) and root: the servers
// run as the postgres user (runuser), as CI's do. Everything lives in one temp folder that
// `stop()` removes; a start that fails stops what it started and removes the folder too.
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const postgresBin = (() => {
  try {
    const v = readdirSync('/usr/lib/postgresql')
      .filter((d) => existsSync(join('/usr/lib/postgresql', d, 'bin', 'initdb')))
      .sort((a, b) => Number(a) - Number(b))
      .at(-1);
    return v ? `/usr/lib/postgresql/${v}/bin` : '';
  } catch {
    return '';
  }
})();

const asPostgres = (cmd: string, ...args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', join(postgresBin, cmd), ...args], {
    stdio: 'pipe',
  });

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The process id in a data directory's postmaster.pid, or null when it is not running. */
function postmasterPid(data: string): number | null {
  try {
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** What a failed PostgreSQL tool said, for an error message. */
const said = (error: unknown) =>
  String((error as { stderr?: Buffer }).stderr ?? '').trim() || String(error);

export type ReplicatedCluster = Awaited<ReturnType<typeof startReplicatedCluster>>;

/** Starts both, waits until the standby is synchronous, and creates `database` (C.UTF-8). */
export async function startReplicatedCluster(database = 'huiyin') {
  if (!postgresBin) throw new Error('PostgreSQL is not installed: apt-get install postgresql');
  if (process.getuid?.() !== 0)
    throw new Error('the PostgreSQL servers run as the postgres user: run this as root');
  const dir = mkdtempSync(join(tmpdir(), 'huiyin-replicated-'));
  const primary = join(dir, 'primary');
  const standby = join(dir, 'standby');
  const running: string[] = [];
  const stop = () => {
    for (const data of running)
      try {
        asPostgres('pg_ctl', '-D', data, '-m', 'immediate', '-w', 'stop');
      } catch {
        // already stopped
      }
    rmSync(dir, { recursive: true, force: true });
  };
  const start = (data: string, port: number, extra: string[] = []) => {
    running.push(data);
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
  };
  const [p1, p2] = [await freePort(), await freePort()];
  try {
    execFileSync('chown', ['postgres', dir]);
    asPostgres('initdb', '-D', primary, '--locale=C.UTF-8', '-E', 'UTF8', '-A', 'trust');
    start(primary, p1, [
      '-c synchronous_commit=on',
      "-c synchronous_standby_names='standby1'",
      '-c wal_level=replica',
      '-c max_wal_senders=5',
      '-c max_connections=200',
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
    start(standby, p2, ['-c max_connections=200']);
    const admin = new pg.Client(`postgres://postgres@127.0.0.1:${p1}/postgres`);
    await admin.connect();
    try {
      let sync = false;
      for (let i = 0; i < 100 && !sync; i++) {
        const { rows } = await admin.query(
          "select 1 from pg_stat_replication where sync_state = 'sync'",
        );
        sync = rows.length > 0;
        if (!sync) await new Promise((r) => setTimeout(r, 100));
      }
      if (!sync) throw new Error('the standby did not become synchronous within 10 s');
      await admin.query(`create database ${database} locale 'C.UTF-8' template template0`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    const log = [primary, standby]
      .map((d) => `${d}.log`)
      .filter(existsSync)
      .map((f) => readFileSync(f, 'utf8').slice(-1000))
      .join('\n');
    stop();
    throw new Error(`PostgreSQL primary and standby did not start: ${said(error)}\n${log}`, {
      cause: error,
    });
  }
  return {
    /** The temp folder holding both data directories and their logs (removed by `stop`). */
    dir,
    ports: { primary: p1, standby: p2 },
    primaryUrl: `postgres://postgres@127.0.0.1:${p1}/${database}`,
    standbyUrl: `postgres://postgres@127.0.0.1:${p2}/${database}`,
    /** Both hosts, following the writable one. */
    bothUrl: `postgres://postgres@127.0.0.1:${p1},127.0.0.1:${p2}/${database}?target_session_attrs=read-write`,
    /** The postmasters' process ids (null for one not running). */
    pids: () => ({ primary: postmasterPid(primary), standby: postmasterPid(standby) }),
    /** The primary is lost at once, as a crash or a pulled cable would lose it. */
    losePrimary: () => asPostgres('pg_ctl', '-D', primary, '-m', 'immediate', 'stop'),
    promoteStandby: () => asPostgres('pg_ctl', '-D', standby, '-w', 'promote'),
    /** Stops both servers (immediately: nothing in them is kept) and removes the folder. */
    stop,
  };
}

/**
 * What the PostgreSQL of the day does with durable one-row inserts alone, for reading the ingest
 * figures on PostgreSQL: `pgbench` (the same binaries as the cluster), `--clients` connections
 * each inserting one row per transaction (commit waits for the WAL flush, synchronous_commit=on)
 * into a scratch table of a scratch database, for `--seconds`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  adminQuery,
  createBenchDatabase,
  postgresBin,
  toolConnection,
} from './postgres-cluster.ts';

const run = promisify(execFile);

export type PgbenchResult = {
  tps: number;
  latencyMs: number;
  transactions: number;
  clients: number;
  seconds: number;
  /** pgbench's own summary, for the JSON record. */
  output: string;
};

/** A row about the size of a submission (title, body, ids, times): 300 characters of Chinese. */
const script = `insert into ingest_rows (body, created_at) values (repeat('回音建议', 75), :client_id);\n`;

export async function runPgbench(
  adminUrl: string,
  { clients = 64, seconds = 10 }: { clients?: number; seconds?: number } = {},
): Promise<PgbenchResult> {
  const db = await createBenchDatabase(adminUrl, 'huiyin_pgbench');
  const dir = mkdtempSync(join(tmpdir(), 'huiyin-pgbench-'));
  try {
    await adminQuery(
      db.url,
      'create table ingest_rows (id bigserial primary key, body text not null, created_at bigint not null)',
    );
    const file = join(dir, 'insert.sql');
    writeFileSync(file, script);
    const { args, env } = toolConnection(db.url);
    const { stdout } = await run(
      join(postgresBin(), 'pgbench'),
      [
        '-n', // no vacuum of the standard pgbench tables (there are none)
        '-M',
        'prepared',
        '-c',
        String(clients),
        '-j',
        String(Math.min(clients, 2)),
        '-T',
        String(seconds),
        '-f',
        file,
        ...args,
      ],
      { env: { ...process.env, ...env }, maxBuffer: 1 << 24, timeout: (seconds + 60) * 1000 },
    );
    const num = (re: RegExp) => Number(re.exec(stdout)?.[1] ?? NaN);
    return {
      tps: num(/tps = ([\d.]+) \(without initial connection time\)/),
      latencyMs: num(/latency average = ([\d.]+) ms/),
      transactions: num(/number of transactions actually processed: (\d+)/),
      clients,
      seconds,
      output: stdout.trim(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
}

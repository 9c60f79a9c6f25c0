/**
 * The data set of the figures and boards benchmarks: a year of submissions (1M published in the
 * leadership message board by default, and a mix over every campaign), with handlings, replies and
 * ratings, and optionally addressees (whom board messages are written to) spread over the places
 * the messages come from. Generated in a fresh database, copied from a kept one (--db), or kept
 * (--keep). See figures.bench.ts and boards.bench.ts.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { storedPublicText } from '../../server/submissions/submission-row.ts';
import { maskPersonalData } from '../../server/text/mask-personal-data.ts';
import {
  freshTarget,
  openBulkWriter,
  prepareSchema,
  type BenchTarget,
  type FreshTarget,
} from './bench-database.ts';
import {
  adminQuery,
  benchPostgres,
  createBenchDatabase,
  databaseExists,
  postmasterPid,
} from './postgres-cluster.ts';
import { repoRoot } from './server-process.ts';

export const exportSlug = 'leadership-board';

/**
 * Submissions over a year, with handlings, replies and ratings:
 * `exportRows` published ones in the exported campaign and `otherRows` spread over every
 * campaign in every status, interleaved. They are inserted in the order received, as the server
 * writes them (created_at is the time of the insert), so a campaign's rows in received order lie
 * in table order; the same export over rows inserted in random time order reads the table at
 * random and its query alone took about twice as long here. One body in a hundred holds an ASCII
 * comma and double quotes, so the CSV writer's quoting path is exercised too. Public copies are
 * stored as the server stores them (empty where masking changes nothing); there are no search
 * words (neither the page nor the export reads them). Returns the published rows of the exported
 * campaign (what its export must contain).
 */
async function generate(
  target: BenchTarget,
  exportRows: number,
  otherRows: number,
  log: (message: string) => void,
  addresseeCount: number,
): Promise<number> {
  const w = await openBulkWriter(target);
  try {
    const campaigns = await w.rows<{ id: string; slug: string; definition: string }>(
      'select id, slug, definition from campaigns order by id',
    );
    const topics = campaigns.map((c) =>
      (JSON.parse(c.definition) as { topics: { key: string }[] }).topics.map((t) => t.key),
    );
    const units = (
      await w.rows<{ id: string }>(
        "select id from organisations where kind in ('department', 'county', 'city') order by id",
      )
    ).map((r) => r.id);
    const provinces = (
      JSON.parse(readFileSync(join(repoRoot, 'server/regions/pca-code.json'), 'utf8')) as {
        code: string;
        children?: { code: string; children?: { code: string }[] }[];
      }[]
    ).slice(0, 8);
    const counties = provinces.flatMap((p) =>
      (p.children ?? []).flatMap((c) => (c.children ?? []).map((x) => x.code)),
    );
    // Addressees round-robin over every county, city and province the messages come from; a
    // board message goes to one whose jurisdiction holds its county.
    const places = [
      ...counties,
      ...provinces.flatMap((p) => (p.children ?? []).map((c) => c.code)),
      ...provinces.map((p) => p.code),
    ];
    const addresseesOf = new Map<string, string[]>();
    for (let i = 0; i < addresseeCount; i++) {
      const region = places[i % places.length]!;
      const id = `adr_bench${String(i).padStart(5, '0')}`;
      await w.insert(
        'addressees',
        [
          'id',
          'key',
          'title',
          'title_en',
          'holder',
          'holder_en',
          'org_id',
          'unit_id',
          'region_code',
          'retired',
          'created_at',
          'updated_at',
        ],
        [id, `bench-${i}`, `领导${i}`, null, null, null, 'org_bench', 'org_bench', region, 0, 0, 0],
      );
      addresseesOf.set(region, [...(addresseesOf.get(region) ?? []), id]);
    }
    const candidates = new Map(
      counties.map((code) => [
        code,
        [code, code.slice(0, 4), code.slice(0, 2)].flatMap((r) => addresseesOf.get(r) ?? []),
      ]),
    );
    const author = 'usr_bench';
    await w.insert(
      'users',
      ['id', 'phone', 'email', 'password_hash', 'display_name', 'created_at'],
      [author, null, 'figures-bench@huiyin.cn', '!no-login', '网友', Date.now()],
    );
    const subColumns = [
      'id',
      'ref',
      'campaign_id',
      'author_id',
      'kind',
      'title',
      'body',
      'title_public',
      'body_public',
      'has_personal_data',
      'region_code',
      'addressee_id',
      'topic',
      'show_name',
      'status',
      'support_count',
      'created_at',
      'published_at',
      'updated_at',
    ];
    // Past-due open matters were escalated long ago (escalated_at set), so start-up has no backlog.
    const handlingColumns = [
      'submission_id',
      'campaign_id',
      'state',
      'unit_id',
      'urgency',
      'routed_at',
      'due_at',
      'answered_at',
      'escalated_at',
      'updated_at',
    ];
    const replyColumns = [
      'id',
      'submission_id',
      'unit_id',
      'author_id',
      'round',
      'version',
      'body',
      'state',
      'submitted_at',
      'due_at',
      'reviewer_id',
      'reviewed_at',
    ];
    const ratingColumns = ['submission_id', 'round', 'value', 'unit_id', 'at'];
    const replyText = '已转相关部门办理，预计本月底前完成整改。';
    const end = Date.now() - 86_400_000;
    const start = end - 365 * 86_400_000;
    let seed = 42;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const values = ['satisfied', 'basically', 'unsatisfied'];
    const exportIndex = campaigns.findIndex((c) => c.slug === exportSlug);
    let published = 0;
    const total = exportRows + otherRows;
    const times = Float64Array.from({ length: total }, () =>
      Math.floor(start + rand() * (end - start)),
    ).sort();
    // Which rows belong to the export: exactly `exportRows` of them, shuffled among the others.
    const inExportSet = new Uint8Array(total).fill(1, 0, exportRows);
    for (let i = total - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [inExportSet[i], inExportSet[j]] = [inExportSet[j]!, inExportSet[i]!];
    }
    const t0 = performance.now();
    for (let i = 0; i < total; i++) {
      const inExport = inExportSet[i] === 1;
      const c = inExport ? exportIndex : Math.floor(rand() * campaigns.length);
      const campaign = campaigns[c]!;
      const id = `sub_bench${String(i).padStart(8, '0')}`;
      const at = times[i]!;
      const r = inExport ? 0.1 + rand() * 0.9 : rand();
      const status =
        r < 0.05 ? 'received' : r < 0.1 ? 'rejected' : r < 0.55 ? 'published' : 'answered';
      const title = `建议${i}`;
      const text =
        i % 100 === 7
          ? `关于"小区供暖"和道路维修的建议第${i}条, 希望有关部门尽快解决，谢谢。`
          : `关于小区供暖和道路维修的建议第${i}条：希望有关部门尽快解决，谢谢。`;
      const titlePublic = maskPersonalData(title);
      const textPublic = maskPersonalData(text);
      const publishedAt = status === 'received' || status === 'rejected' ? null : at + 3_600_000;
      const county = pick(counties);
      // Drawn only when there are addressees, so the figures benchmark's data stays the same.
      const addressee =
        inExport && addresseeCount > 0 ? (pick(candidates.get(county)!) ?? null) : null;
      await w.insert('submissions', subColumns, [
        id,
        `BN-${i}`,
        campaign.id,
        author,
        'message',
        title,
        text,
        storedPublicText(title, titlePublic.text),
        storedPublicText(text, textPublic.text),
        titlePublic.masked || textPublic.masked ? 1 : 0,
        county,
        addressee,
        pick(topics[c]!),
        0,
        status,
        Math.floor(rand() * 20),
        at,
        publishedAt,
        at,
      ]);
      if (i > 0 && i % 200_000 === 0) {
        log(
          `${i.toLocaleString('en-US')} submissions (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
        );
      }
      if (publishedAt === null) continue;
      if (c === exportIndex) published += 1;
      const unit = pick(units);
      const due = publishedAt + 15 * 86_400_000;
      if (status === 'answered') {
        const answered = publishedAt + Math.floor(rand() * 30 * 86_400_000);
        await w.insert('handlings', handlingColumns, [
          id,
          campaign.id,
          'approved',
          unit,
          'normal',
          publishedAt,
          due,
          answered,
          null,
          answered,
        ]);
        await w.insert('replies', replyColumns, [
          `rep_bench${i}`,
          id,
          unit,
          author,
          1,
          1,
          replyText,
          'approved',
          answered - 3_600_000,
          due,
          author,
          answered,
        ]);
        if (rand() < 0.5)
          await w.insert('ratings', ratingColumns, [
            id,
            1,
            pick(values),
            unit,
            answered + 86_400_000,
          ]);
      } else
        await w.insert('handlings', handlingColumns, [
          id,
          campaign.id,
          'routed',
          unit,
          'normal',
          publishedAt,
          due,
          null,
          due,
          publishedAt,
        ]);
    }
    log(
      `rows written in ${((performance.now() - t0) / 1000).toFixed(1)} s; indexes and statistics…`,
    );
    await w.finish();
    return published;
  } finally {
    await w.close();
  }
}

/** Published rows of the exported campaign in an existing database (for --db). */
async function countExportRows(target: BenchTarget): Promise<number> {
  const w = await openBulkWriter(target);
  try {
    const [row] = await w.rows<{ n: number | string }>(
      `select count(*) as n from submissions s join campaigns c on c.id = s.campaign_id
       where c.slug = ? and s.status in ('published', 'answered', 'closed')`,
      exportSlug,
    );
    return Number(row?.n ?? 0);
  } finally {
    await w.close();
  }
}

/**
 * This run's database: a copy of a kept one (--db: a SQLite file, or a PostgreSQL database's
 * name), or a fresh one filled by `generate` (--keep: a copy goes to that file, or to a
 * PostgreSQL database of that name, before the server touches it).
 */
export async function dataSet(
  engine: 'sqlite' | 'postgres',
  flags: Record<string, string>,
  exportRows: number,
  otherRows: number,
  log: (message: string) => void,
  addressees = 0,
): Promise<{ target: FreshTarget; expected: number }> {
  let target: FreshTarget;
  for (const key of ['db', 'keep'] as const) {
    if (engine === 'postgres' && flags[key] && !/^[a-z_][a-z0-9_]*$/.test(flags[key]))
      throw new Error(`--${key}=${flags[key]}: on PostgreSQL, a database name ([a-z0-9_])`);
  }
  if (flags.db && engine === 'postgres') {
    const adminUrl = await benchPostgres(log);
    if (!(await databaseExists(adminUrl, flags.db)))
      throw new Error(`--db=${flags.db}: no such PostgreSQL database`);
    const db = await createBenchDatabase(adminUrl, 'huiyin_figures', flags.db);
    target = {
      engine,
      url: db.url,
      databasePid: await postmasterPid(adminUrl),
      label: `PostgreSQL database ${db.name}, a copy of ${flags.db}`,
      drop: db.drop,
    };
  } else target = await freshTarget(engine, log, 'figures');
  try {
    if (flags.db) {
      if (target.engine === 'sqlite') {
        if (!existsSync(flags.db)) throw new Error(`--db=${flags.db}: no such file`);
        copyFileSync(flags.db, target.dbFile);
      }
      const expected = await countExportRows(target);
      log(`reusing ${flags.db}: ${expected.toLocaleString('en-US')} rows to export`);
      return { target, expected };
    }
    log(
      `generating ${exportRows.toLocaleString('en-US')} published submissions in ${exportSlug} and ${otherRows.toLocaleString('en-US')} others…`,
    );
    // What the server's first start does (migrations, campaigns), then the rows while it is down.
    await prepareSchema(target);
    const expected = await generate(target, exportRows, otherRows, log, addressees);
    if (flags.keep && flags.keep !== 'true') {
      if (target.engine === 'sqlite') copyFileSync(target.dbFile, flags.keep);
      else {
        const adminUrl = await benchPostgres(log);
        const name = new URL(target.url).pathname.slice(1);
        await adminQuery(adminUrl, `drop database if exists ${flags.keep} with (force)`);
        await adminQuery(adminUrl, `create database ${flags.keep} template ${name}`);
      }
      log(`kept a copy as ${flags.keep}`);
    }
    return { target, expected };
  } catch (error) {
    await target.drop();
    throw error;
  }
}

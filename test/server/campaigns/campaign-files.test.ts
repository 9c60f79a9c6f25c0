import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CampaignFileError,
  readCampaignFiles,
} from '../../../server/campaigns/sync-campaign-files.ts';
import { systemClock } from '../../../server/clock.ts';
import { testConfig } from '../../../server/config.ts';
import { prepareApp } from '../../../server/start.ts';
import { makeUser, submit } from '../../support/factories.ts';
import { query } from '../../support/sql.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'huiyin-campaigns-'));
  cpSync('campaigns', join(dir, 'campaigns'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const campaignFile = (name: string) => join(dir, 'campaigns', `${name}.campaign.yaml`);
const edit = (name: string, from: string | RegExp, to: string) => {
  const file = campaignFile(name);
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(file, next);
};
const config = () =>
  testConfig({
    HUIYIN_DB: join(dir, 'huiyin.db'),
    HUIYIN_CAMPAIGNS_DIR: join(dir, 'campaigns'),
    HUIYIN_WEB_DIST: join(dir, 'none'),
  });

function problemsOf(fn: () => unknown): { file: string; paths: string[]; message: string } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CampaignFileError);
    const e = error as CampaignFileError;
    return { file: e.file, paths: e.problems.map((p) => p.path), message: e.message };
  }
  throw new Error('expected the campaign files to be refused');
}

describe('campaign files', () => {
  it('all four seeded definitions are valid', () => {
    const files = readCampaignFiles('campaigns');
    expect(files.campaigns.map((c) => c.definition.slug).sort()).toEqual([
      'fifteenth-five-year-plan',
      'leadership-board',
      'rural-environment-2026',
      'two-sessions-2027',
    ]);
  });

  it('a broken definition names the file, the field and the problem', () => {
    edit('two-sessions-2027', /ends: '?2027-02-28'?/, "ends: '2026-01-01'");
    const p = problemsOf(() => readCampaignFiles(join(dir, 'campaigns')));
    expect(p.file).toBe(campaignFile('two-sessions-2027'));
    expect(p.paths).toContain('phases.0.ends');
    expect(p.message).toContain('a phase must not end before it starts');
  });

  it('an unknown key, an unknown owner and bad YAML are refused', () => {
    edit('rural-environment-2026', /^slug:/m, 'colour: red\nslug:');
    expect(problemsOf(() => readCampaignFiles(join(dir, 'campaigns'))).message).toMatch(/colour/);
    cpSync('campaigns', join(dir, 'campaigns'), { recursive: true });
    edit('rural-environment-2026', /^owner: .*$/m, 'owner: no-such-ministry');
    expect(problemsOf(() => readCampaignFiles(join(dir, 'campaigns'))).paths).toEqual(['owner']);
    cpSync('campaigns', join(dir, 'campaigns'), { recursive: true });
    writeFileSync(campaignFile('broken'), 'slug: [unclosed');
    expect(problemsOf(() => readCampaignFiles(join(dir, 'campaigns'))).file).toBe(
      campaignFile('broken'),
    );
  });

  it('an addressee naming a missing unit stops start-up, naming the file and the entry', async () => {
    const file = join(dir, 'campaigns', 'organisations.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      text.replace(/(key: xuchang-mayor\n.*\n\s+unit:) henan-xuchang/, '$1 no-such-office'),
    );
    const p = problemsOf(() => readCampaignFiles(join(dir, 'campaigns')));
    expect(p.file).toBe(file);
    expect(p.message).toMatch(
      /addressees\.\d+\.unit: addressee 'xuchang-mayor' names unknown organisation 'no-such-office'/,
    );
    await expect(prepareApp(config(), systemClock)).rejects.toThrow(
      /organisations\.yaml[\s\S]*xuchang-mayor/,
    );
  });

  it('editing the addressees and restarting renames them and retires the removed', async () => {
    const first = await prepareApp(config(), systemClock);
    await first.services.sensemaking.stop();
    await first.services.store.close();
    const file = join(dir, 'campaigns', 'organisations.yaml');
    const text = readFileSync(file, 'utf8');
    const edited = text
      .replace('zh-CN: 许昌市市长', 'zh-CN: 许昌市人民政府市长')
      .replace(/\n {6}- key: xuchang-secretary\n.*\n.*unit: henan-xuchang/, '');
    expect(edited).not.toContain('xuchang-secretary');
    writeFileSync(file, edited);
    const second = await prepareApp(config(), systemClock);
    const json = async (path: string) => (await second.app.request(path)).json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const xuchang = await json('/api/addressees?region=4110');
    expect(xuchang.items.map((a: { title: { 'zh-CN': string } }) => a.title['zh-CN'])).toEqual([
      '许昌市人民政府市长',
    ]);
    // Its board stays (messages refer to it); it takes no new messages.
    expect((await json('/api/boards/addressees/xuchang-secretary')).addressee.retired).toBe(true);
    await second.services.sensemaking.stop();
    await second.services.store.close();
  });

  it('start-up stops on a broken file before it touches the database', async () => {
    edit('leadership-board', /^refPrefix: .*$/m, 'refPrefix: lb');
    await expect(prepareApp(config(), systemClock)).rejects.toThrow(
      /leadership-board\.campaign\.yaml[\s\S]*refPrefix/,
    );
  });

  it('editing a file and restarting updates the campaign and keeps its submissions', async () => {
    const first = await prepareApp(config(), systemClock);
    const pending: Promise<unknown>[] = [];
    const t = {
      services: first.services,
      clock: systemClock,
      defer: (work: Promise<unknown>) => pending.push(work),
      request: async (method: string, path: string, init: { body?: unknown; cookie?: string }) => {
        await Promise.all(pending);
        const res = await first.app.request(path, {
          method,
          headers: { 'content-type': 'application/json', cookie: init.cookie ?? '' },
          body: JSON.stringify(init.body),
        });
        return { status: res.status, json: await res.json() };
      },
    };
    const author = makeUser(t as never);
    const sub = await submit(t as never, author);
    await first.services.sensemaking.stop();
    await first.services.store.close();

    edit('leadership-board', /^title:\n {2}zh-CN: .*$/m, 'title:\n  zh-CN: 领导留言板（新版）');
    const second = await prepareApp(config(), systemClock);
    expect(second.synced).toEqual({ created: 0, updated: 1 });
    const campaign = await second.app.request('/api/campaigns/leadership-board');
    expect(
      ((await campaign.json()) as { campaign: { title: { 'zh-CN': string } } }).campaign.title[
        'zh-CN'
      ],
    ).toBe('领导留言板（新版）');
    const count = await query(second).value(
      'select count(*) from submissions where id = ?',
      sub.id,
    );
    expect(count).toBe(1);
    await second.services.sensemaking.stop();
    await second.services.store.close();
  });
});

// Personal data written in every way the security test found slipping through (the corpus), put
// into every kind of public text, then read back from every public surface as the public reads
// it: nothing may leak. The author and staff who may see it sealed still read the original.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUser, roleUser, type TestUser } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { evasionText, evasions, leaks } from './personal-data-corpus.ts';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.close());

const fyp = 'fifteenth-five-year-plan';

/** A 十五五 suggestion (published at once) with the corpus in its title, body and 具体举措. */
async function suggestionWithPersonalData(author: TestUser) {
  const res = await t.request('POST', `/api/campaigns/${fyp}/submissions`, {
    cookie: author.cookie,
    body: {
      title: '建议加强养老服务，请回电１３９１２３４５６７８',
      body: `建议在县城普遍建设社区养老服务中心，提高护理补贴。${evasionText}`,
      topic: 'domestic-demand',
      custom: { level: 'grassroots', measures: `具体举措请联系我。${evasionText}` },
    },
  });
  expect(res.status).toBe(201);
  return res.json.submission as { id: string; ref: string };
}

describe('personal data on the public surfaces', () => {
  it('masks custom fields for the public and shows the original to the author and staff', async () => {
    const author = makeUser(t);
    const sub = await suggestionWithPersonalData(author);

    const anonymous = (await t.request('GET', `/api/submissions/${sub.id}`)).json.submission;
    const otherNetizen = (
      await t.request('GET', `/api/submissions/${sub.id}`, { cookie: makeUser(t).cookie })
    ).json.submission;
    for (const view of [anonymous, otherNetizen]) {
      expect(leaks(JSON.stringify(view))).toEqual([]);
      expect(view.masked).toBe(true);
      expect(view.custom.level).toBe('grassroots');
      expect(view.custom.measures).toBe(
        `具体举措请联系我。${evasions.map((e) => e.masked).join('')}`,
      );
      expect(view.body).toBe(
        `建议在县城普遍建设社区养老服务中心，提高护理补贴。${evasions.map((e) => e.masked).join('')}`,
      );
    }
    const listed = (await t.request('GET', `/api/campaigns/${fyp}/submissions`)).json.items;
    const item = listed.find((s: { id: string }) => s.id === sub.id);
    expect(item.custom.measures).toBe(anonymous.custom.measures);
    expect(leaks(JSON.stringify(listed))).toEqual([]);

    for (const viewer of [author, roleUser(t, 'reviewer'), roleUser(t, 'editor')]) {
      const view = (await t.request('GET', `/api/submissions/${sub.id}`, { cookie: viewer.cookie }))
        .json.submission;
      expect(view.custom.measures).toBe(`具体举措请联系我。${evasionText}`);
      expect(view.title).toBe('建议加强养老服务，请回电１３９１２３４５６７８');
      expect(view.masked).toBe(false);
    }
  });

  it('says masked when only a custom field held personal data', async () => {
    const author = makeUser(t);
    const res = await t.request('POST', `/api/campaigns/${fyp}/submissions`, {
      cookie: author.cookie,
      body: {
        title: '建议加强养老服务',
        body: '建议在县城普遍建设社区养老服务中心，提高护理补贴。',
        topic: 'domestic-demand',
        custom: { measures: '请联系我：13912345678，身份证11010519491231002X' },
      },
    });
    expect(res.status).toBe(201);
    const view = (await t.request('GET', `/api/submissions/${res.json.submission.id}`)).json
      .submission;
    expect(view).toMatchObject({
      title: '建议加强养老服务',
      body: '建议在县城普遍建设社区养老服务中心，提高护理补贴。',
      custom: { measures: '请联系我：139****5678，身份证110*************2X' },
      masked: true,
    });
    // Nothing to mask in the title and body: they are stored once, as before.
    const stored = t.services.sqlite
      .prepare('select title_public as t, body_public as b from submissions where id = ?')
      .get(res.json.submission.id);
    expect(stored).toEqual({ t: '', b: '' });
  });

  it('refuses a bad custom field with a stable code and writes nothing', async () => {
    const author = makeUser(t);
    const count = () => t.services.sqlite.prepare('select count(*) from submissions').pluck().get();
    const before = count();
    const res = await t.request('POST', `/api/campaigns/${fyp}/submissions`, {
      cookie: author.cookie,
      body: {
        title: '建议加强养老服务',
        body: '建议在县城普遍建设社区养老服务中心，提高护理补贴。',
        topic: 'domestic-demand',
        custom: { measures: `电话13912345678${'很'.repeat(1000)}` },
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    expect(res.json.error.details.fields['custom.measures']).toBe('at most 1000 characters');
    expect(count()).toBe(before);
  });
});

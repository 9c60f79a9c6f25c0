import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshFigures } from '../../../server/figures/refresh-figures.ts';
import { makeUser, publishedSubmission, roleUser } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp(); // Saturday 2026-11-21, 10:00 China time
});
afterEach(async () => {
  await t.close();
});

async function answer(id: string, unit: string) {
  await t.request('POST', `/api/submissions/${id}/replies`, {
    cookie: roleUser(t, 'handler', unit).cookie,
    body: {
      body: '您好，经核查，相关部门已于本周内完成排查整改，预计月底前处理完毕，请您留意后续通知。',
      office: '办公室',
      contactPhone: '0374-1234567',
    },
  });
  const reviewer = roleUser(t, 'reviewer');
  const queue = await t.request('GET', '/api/handling/replies', { cookie: reviewer.cookie });
  const replyId = queue.json.items.find(
    (i: { submission: { id: string } }) => i.submission.id === id,
  ).reply.id;
  await t.request('POST', `/api/replies/${replyId}/approve`, { cookie: reviewer.cookie });
}

/** The cells of the table row whose first cell is `first`, as text. */
function row(html: string, first: string): string[] {
  const found = [...html.matchAll(/<tr><td>(.*?)<\/td>(.*?)<\/tr>/g)].find((m) => m[1] === first);
  if (!found) throw new Error(`no row ${first}`);
  return [first, ...[...found[2]!.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]!)];
}

describe('the annual big-data report', () => {
  it('counts the period beside the same months a year before, for the platform and a province', async () => {
    t.clock.current = Date.parse('2025-05-10T10:00:00+08:00');
    await publishedSubmission(t, makeUser(t), { regionCode: '411002' });
    t.clock.current = Date.parse('2026-11-21T10:00:00+08:00');
    const answered = await publishedSubmission(t, makeUser(t), {
      regionCode: '411002',
      addressee: 'xuchang-mayor',
    });
    await publishedSubmission(t, makeUser(t), { regionCode: '411002' });
    await publishedSubmission(t, makeUser(t), {
      regionCode: '410902',
      topic: 'health',
      addressee: 'puyang-mayor',
    });
    await answer(answered.id, 'henan-xuchang-housing');
    await refreshFigures(t.services);

    const platform = await t.request('GET', '/api/reports/annual?from=2026-01&to=2026-11');
    expect(platform.status).toBe(200);
    const html = platform.text;
    expect(html).toContain('全平台网上群众工作大数据报告');
    expect(html).toContain('2026 年 01 月至 2026 年 11 月');
    expect(html).toContain('答复率 = 已答复 ÷ 公开');
    // Urban construction: 2 now, 1 in the same months of 2025.
    expect(row(html, '城乡建设')).toEqual(['城乡建设', '2', '1', '+100.0%', '50.0%']);
    expect(row(html, '卫生计生')).toEqual(['卫生计生', '1', '0', '新增', '0.0%']);
    expect(row(html, '河南省').slice(0, 4)).toEqual(['河南省', '3', '1', '33.3%']);
    expect(row(html, '许昌市市长').slice(0, 4)).toEqual(['许昌市市长', '1', '1', '100.0%']);
    expect(row(html, '许昌市住房和城乡建设局').slice(0, 3)).toEqual([
      '许昌市住房和城乡建设局',
      '2',
      '1',
    ]);
    expect(html).toMatch(
      /<img class="chart" alt="按月收到、公开、答复的留言" src="data:image\/svg\+xml;base64,/,
    );

    // A province's report hides small topic counts, as the data page does for region × topic.
    const henan = await t.request('GET', '/api/reports/annual?region=41&from=2026-01&to=2026-11');
    expect(henan.text).toContain('河南省网上群众工作大数据报告');
    expect(row(henan.text, '城乡建设').slice(0, 3)).toEqual(['城乡建设', '&lt;5', '&lt;5']);
    expect(row(henan.text, '许昌市').slice(0, 3)).toEqual(['许昌市', '2', '1']);

    const pdf = await t.app.request(
      '/api/reports/annual?region=41&from=2026-01&to=2026-11&format=pdf',
    );
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    expect((await t.request('GET', '/api/reports/annual?region=99')).status).toBe(404);
    expect((await t.request('GET', '/api/reports/annual?from=2026-13')).status).toBe(400);
    expect((await t.request('GET', '/api/reports/annual?from=2026-11&to=2026-01')).status).toBe(
      400,
    );
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, desktop, newVisitor, phone, signIn, useDemoPlatform } from './browser.ts';

const demoPassword = 'huiyin-demo-2026';
// The unit that answers Xuchang's urban-construction messages (handler@demo.huiyin.cn's).
const housing = 'henan-xuchang-housing';

const platform = useDemoPlatform();

/** A netizen writes to 许昌市市长 about a Xuchang street and a reviewer publishes it. */
async function messageToMayor(netizen: Page, reviewer: Page, title: string): Promise<string> {
  const created = await api<{ submission: { id: string } }>(
    netizen,
    'POST',
    '/campaigns/leadership-board/submissions',
    {
      title,
      body: `${title}：入冬以来情况一直没有改善，附近居民出行很不方便，恳请市里督促有关部门尽快处理。`,
      regionCode: '411002',
      topic: 'urban-construction',
      addressee: 'xuchang-mayor',
      custom: { 'request-type': 'help' },
    },
  );
  await api(reviewer, 'POST', `/submissions/${created.submission.id}/publish`, {});
  return created.submission.id;
}

const noSideScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** This month in China time (YYYY-MM). */
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

describe("a leader's office, the monthly scorecards and the alarms", () => {
  it('the mayor’s office instructs on a message with 急办 on a phone; the unit reads the note', async () => {
    const title = '魏都区老旧小区雨污管道堵塞';
    const netizen = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(netizen.page, '13800000002', demoPassword);
    const reviewer = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(reviewer.page, 'reviewer@demo.huiyin.cn', demoPassword);
    const id = await messageToMayor(netizen.page, reviewer.page, title);

    // The office's only console tab is the default one: the mayor's messages, soonest due first.
    const office = await newVisitor(platform.browser, platform.server.url, phone);
    await signIn(office.page, 'office@demo.huiyin.cn', demoPassword);
    await office.page.getByTestId('nav-console').click();
    await office.page.waitForURL('**/console/office');
    expect(await office.page.getByTestId('office-intro').textContent()).toContain('许昌市市长');
    const item = office.page.getByTestId('office-item').filter({ hasText: title });
    await item.waitFor();
    expect(await item.getByTestId('office-unit').textContent()).toContain('许昌市住房和城乡建设局');
    expect(await item.getByTestId('office-state').textContent()).toContain('办理中');
    expect(await item.getByTestId('office-due').textContent()).toContain('办理时限');
    expect(await noSideScroll(office.page)).toBe(true);

    // The message: 急办 and a note.
    await item.getByTestId('office-link').click();
    await office.page.getByTestId('instruction-form').waitFor();
    expect(await office.page.getByTestId('handling-urgency').getAttribute('data-urgency')).toBe(
      'normal',
    );
    await office.page.getByTestId('instruction-send').click();
    await office.page.getByRole('alert').filter({ hasText: '至少需要' }).waitFor();
    await office.page.getByTestId('instruction-urgent').check();
    const note = '请市住建局三日内到现场核查，疏通管道后答复群众，并举一反三排查同类小区。';
    await office.page.getByTestId('instruction-note').fill(note);
    await office.page.getByTestId('instruction-send').click();
    await expect
      .poll(() => office.page.getByTestId('handling-notice').textContent())
      .toContain('批示已提交');
    const event = office.page.locator('[data-testid="timeline-event"][data-type="instructed"]');
    await event.waitFor();
    expect(await event.getByTestId('timeline-text').textContent()).toContain('急办');
    expect(await event.textContent()).toContain(note);
    expect(await event.textContent()).toContain('领导办公室');
    expect(await office.page.getByTestId('handling-urgency').getAttribute('data-urgency')).toBe(
      'urgent',
    );
    expect(await office.page.getByTestId('handling-urgency').textContent()).toContain('紧急');
    expect(await noSideScroll(office.page)).toBe(true);

    // Back in the office tab the message is marked urgent.
    await office.page.goto('/console/office');
    const urgent = office.page.getByTestId('office-item').filter({ hasText: title });
    await urgent.getByTestId('office-urgent').waitFor();

    // The holding unit's handler: told, and reads the instruction on the timeline.
    const handler = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(handler.page, 'handler@demo.huiyin.cn', demoPassword);
    await handler.page.goto('/notifications');
    const notice = handler.page
      .getByTestId('notification')
      .filter({ hasText: title })
      .filter({ hasText: '批示' });
    expect(await notice.getByTestId('notification-text').textContent()).toContain(
      '许昌市市长批示急办',
    );
    await handler.page.goto(`/s/${id}`);
    const seen = handler.page.locator('[data-testid="timeline-event"][data-type="instructed"]');
    await seen.waitFor();
    expect(await seen.textContent()).toContain(`批示：${note}`);
    expect(await handler.page.getByTestId('instruction').count()).toBe(0);

    // The public sees that the mayor instructed, not the words.
    const visitor = await newVisitor(platform.browser, platform.server.url, phone);
    await visitor.page.goto(`/s/${id}`);
    const told = visitor.page.locator('[data-testid="timeline-event"][data-type="instructed"]');
    await told.waitFor();
    expect(await told.textContent()).not.toContain(note);

    expect([
      ...netizen.dialogs,
      ...reviewer.dialogs,
      ...office.dialogs,
      ...handler.dialogs,
      ...visitor.dialogs,
    ]).toEqual([]);
    await Promise.all([netizen, reviewer, office, handler, visitor].map((v) => v.context.close()));
  });

  it('the scorecards count an answered message for its unit and leader; reviewers see the alarms', async () => {
    const month = thisMonth();
    const visitor = await newVisitor(platform.browser, platform.server.url, desktop);
    await visitor.page.goto('/boards');
    await visitor.page.getByTestId('boards-scorecards').click();
    await visitor.page.waitForURL('**/data/scorecards');
    await visitor.page.getByTestId('scorecards-month').fill(month);
    await visitor.page.waitForURL(`**/data/scorecards?month=${month}`);
    await expect
      .poll(() => visitor.page.getByTestId('scorecards-frame').textContent())
      .toContain(month);
    const row = (kind: string, key: string) =>
      visitor.page.getByTestId(kind).locator(`[data-testid="scorecard-row"][data-key="${key}"]`);
    const count = async (kind: string, key: string, figure: string) =>
      (await row(kind, key).count()) === 0
        ? 0
        : Number(
            ((await row(kind, key).getByTestId(`scorecard-${figure}`).textContent()) ?? '').replace(
              /\D/g,
              '',
            ),
          );
    const before = {
      unitReceived: await count('scorecards-units', housing, 'received'),
      unitAnswered: await count('scorecards-units', housing, 'answered'),
      mayorAnswered: await count('scorecards-leaders', 'xuchang-mayor', 'answered'),
    };

    // One more message to the mayor, answered by the housing bureau and approved.
    const title = '许昌市区人行道破损多处';
    const netizen = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(netizen.page, '13800000002', demoPassword);
    const reviewer = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(reviewer.page, 'reviewer@demo.huiyin.cn', demoPassword);
    const id = await messageToMayor(netizen.page, reviewer.page, title);
    const handler = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(handler.page, 'handler@demo.huiyin.cn', demoPassword);
    await api(handler.page, 'POST', `/submissions/${id}/replies`, {
      body: '经现场核查，该路段人行道砖块松动破损，已安排施工队于本周内完成修补，并纳入日常巡查。',
      office: '许昌市住房和城乡建设局市政科',
      contactPhone: '0374-2960001',
    });
    const queue = await api<{ items: { reply: { id: string }; submission: { id: string } }[] }>(
      reviewer.page,
      'GET',
      '/handling/replies?page=1',
    );
    const reply = queue.items.find((i) => i.submission.id === id)!.reply;
    await api(reviewer.page, 'POST', `/replies/${reply.id}/approve`, {});

    // Counted live: the unit received and answered one more, and so did the mayor.
    await visitor.page.reload();
    await expect
      .poll(() => count('scorecards-units', housing, 'answered'))
      .toBe(before.unitAnswered + 1);
    expect(await count('scorecards-units', housing, 'received')).toBe(before.unitReceived + 1);
    expect(await count('scorecards-leaders', 'xuchang-mayor', 'answered')).toBe(
      before.mayorAnswered + 1,
    );
    expect(await row('scorecards-leaders', 'xuchang-mayor').locator('a').getAttribute('href')).toBe(
      '/boards/a/xuchang-mayor',
    );
    expect(await visitor.page.getByTestId('scorecards-csv').first().getAttribute('href')).toContain(
      `/exports/scorecards?format=csv&from=${month}-01`,
    );
    await visitor.page.getByTestId('lang-en').click();
    await expect
      .poll(() => visitor.page.getByTestId('scorecards-units').locator('h2').textContent())
      .toContain('Handling units');
    expect(
      await row('scorecards-units', housing).getByTestId('scorecard-name').textContent(),
    ).toContain('Xuchang Municipal Bureau of Housing');

    // The reviewer's alarms: the same lists as the API, each leader linking to their board.
    await reviewer.page.goto('/console/alarms');
    await reviewer.page.getByTestId('alarms-overdue').waitFor();
    const alarms = await api<{
      overdueUnits: { unit: { code: string }; overdue: number }[];
      silentBoards: { addressee: { key: string } }[];
    }>(reviewer.page, 'GET', '/scorecards/alarms');
    // The demo holds both cases: units past due and a board silent for two months.
    expect(alarms.overdueUnits.length).toBeGreaterThan(0);
    expect(alarms.silentBoards.length).toBeGreaterThan(0);
    const units = reviewer.page.getByTestId('alarm-unit');
    await units.first().waitFor();
    expect(await units.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(
      alarms.overdueUnits.map((u) => u.unit.code),
    );
    expect(await units.first().getByTestId('alarm-unit-overdue').textContent()).toContain(
      `超期 ${alarms.overdueUnits[0]!.overdue} 条`,
    );
    const board = reviewer.page.getByTestId('alarm-board').first();
    expect(await board.locator('a').getAttribute('href')).toBe(
      `/boards/a/${alarms.silentBoards[0]!.addressee.key}`,
    );
    expect(await reviewer.page.getByTestId('definitions').textContent()).toContain('当前超期');

    expect([
      ...visitor.dialogs,
      ...netizen.dialogs,
      ...reviewer.dialogs,
      ...handler.dialogs,
    ]).toEqual([]);
    await Promise.all([visitor, netizen, reviewer, handler].map((v) => v.context.close()));
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, desktop, newVisitor, phone, register, signIn, useDemoPlatform } from './browser.ts';

const demoPassword = 'huiyin-demo-2026';
const title = '许昌市区主干道路灯夜间不亮';

const platform = useDemoPlatform();

const figure = (page: Page, key: string) =>
  page.getByTestId(`board-figure-${key}`).locator('.value');
const count = async (page: Page, key: string) =>
  Number(((await figure(page, key).textContent()) ?? '').replace(/\D/g, ''));

describe('writing to a leader, and the leader’s board', () => {
  it('a netizen writes to 许昌市市长 by place; once answered, the mayor’s board shows it and its reply rate moves', async () => {
    // Before: the mayor's figures as the demo left them.
    const visitor = await newVisitor(platform.browser, platform.server.url, phone);
    await visitor.page.goto('/boards/a/xuchang-mayor');
    await expect
      .poll(() => visitor.page.getByTestId('leader-title').textContent())
      .toContain('许昌市市长');
    const before = {
      published: await count(visitor.page, 'published'),
      replied: await count(visitor.page, 'replied'),
      rate: (await figure(visitor.page, 'replyRate').textContent())?.trim(),
    };
    // One more published message, answered: the rate the board must show afterwards.
    const after = `${(((before.replied + 1) / (before.published + 1)) * 100).toFixed(1)}%`;
    expect(after).not.toBe(before.rate);

    // The netizen chooses the place, then the mayor among the leaders whose jurisdiction holds it.
    const author = await newVisitor(platform.browser, platform.server.url, phone);
    await register(author.page, '路灯网友甲', '13700000091', 'lamp-pass-2026');
    await author.page.goto('/c/leadership-board/submit');
    expect(await author.page.getByTestId('addressee-none').isChecked()).toBe(true);
    await author.page.getByTestId('region-city').selectOption('4110');
    await author.page.getByTestId('region-county').selectOption('411002');
    // 魏都区 has no leaders of its own: 许昌市's and 河南省's are offered, the nearest first.
    await author.page.getByTestId('addressee-option-xuchang-mayor').waitFor();
    const groups = await author.page
      .getByTestId('addressee-group')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-region')));
    expect(groups).toEqual(['4110', '41']);
    await author.page.getByTestId('addressee-option-xuchang-mayor').check();
    await expect
      .poll(() => author.page.getByTestId('submit-summary-addressee').textContent())
      .toContain('许昌市市长');
    expect(await author.page.getByTestId('submit-summary-region').textContent()).toContain(
      '魏都区',
    );
    await author.page.getByTestId('submit-title').fill(title);
    await author.page
      .getByTestId('submit-body')
      .fill('许昌市区主干道的路灯入冬以来每晚都不亮，行人和电动车通行很危险，请尽快安排检修。');
    await author.page.getByTestId('submit-topic').selectOption('urban-construction');
    await author.page.getByTestId('submit-custom-request-type').selectOption('help');
    // No horizontal scroll on the phone with the leader list open.
    expect(
      await author.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await author.page.getByTestId('submit-send').click();
    expect(await author.page.getByTestId('submit-success-addressee').textContent()).toContain(
      '写给：许昌市市长',
    );
    const href = (await author.page.getByTestId('submit-view').getAttribute('href'))!;
    const id = href.replace(/^\/s\//, '');

    // Staff: a reviewer publishes; 许昌市住建局 (the unit of a Xuchang urban-construction
    // message) answers; the reviewer approves; the owner counts the figures again.
    const reviewer = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(reviewer.page, 'reviewer@demo.huiyin.cn', demoPassword);
    await api(reviewer.page, 'POST', `/submissions/${id}/publish`, {});
    const handler = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(handler.page, 'handler@demo.huiyin.cn', demoPassword);
    await api(handler.page, 'POST', `/submissions/${id}/replies`, {
      body: '经现场核查，该路段路灯线路老化，已于本周更换线缆并恢复照明，后续纳入每月巡检。',
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
    const owner = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(owner.page, 'owner@demo.huiyin.cn', demoPassword);
    await api(owner.page, 'POST', '/figures/refresh', {});

    // The mayor's board: the message among the latest answers, the reply rate moved to 100%.
    await visitor.page.reload();
    await expect
      .poll(async () => (await figure(visitor.page, 'replyRate').textContent())?.trim())
      .toBe(after);
    expect(await count(visitor.page, 'published')).toBe(before.published + 1);
    expect(await count(visitor.page, 'replied')).toBe(before.replied + 1);
    const answered = visitor.page
      .getByTestId('leader-answered')
      .getByTestId('submission-item')
      .filter({ hasText: title });
    await answered.waitFor();
    expect(await answered.getByTestId('reply-status').textContent()).toContain('已答复');
    expect(await answered.getByTestId('submission-item-addressee').textContent()).toContain(
      '写给：许昌市市长',
    );
    expect(await visitor.page.getByTestId('leader-unit').textContent()).toContain('许昌市');
    expect(await visitor.page.getByTestId('board-write').textContent()).toContain('给TA留言');
    expect(await visitor.page.getByTestId('board-write').getAttribute('href')).toBe(
      '/c/leadership-board/submit?to=xuchang-mayor',
    );
    expect(await visitor.page.getByTestId('board-taken-at').textContent()).toContain('数据截至');
    expect(
      await visitor.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);

    // The same board in English.
    await visitor.page.getByTestId('lang-en').click();
    await expect
      .poll(() => visitor.page.getByTestId('leader-title').textContent())
      .toContain('Mayor of Xuchang');
    expect(await visitor.page.getByTestId('board-write').textContent()).toContain(
      'Write to this leader',
    );
    expect(await answered.getByTestId('reply-status').textContent()).toContain('Answered');
    expect(await visitor.page.getByTestId('board-figure-replyRate').textContent()).toContain(
      'Reply rate',
    );
    expect(await visitor.page.getByTestId('board-taken-at').textContent()).toContain(
      'Figures as of',
    );

    // Xuchang's board lists the mayor with the same rate; the submission page names the mayor.
    await visitor.page.goto('/boards/r/4110');
    const mayor = visitor.page.getByTestId('leader-card').filter({ hasText: 'Mayor of Xuchang' });
    await expect
      .poll(async () => (await mayor.getByTestId('leader-reply-rate').textContent())?.trim())
      .toBe(after);
    // The overview links the printable big-data report.
    await visitor.page.goto('/boards');
    const report = await visitor.page.getByTestId('boards-report').getAttribute('href');
    const printed = await visitor.page.request.get(report!);
    expect(printed.status()).toBe(200);
    expect(await printed.text()).toContain('全平台网上群众工作大数据报告');
    await visitor.page.goto(href);
    await expect
      .poll(() => visitor.page.getByTestId('submission-addressee').textContent())
      .toContain('To: Mayor of Xuchang');

    expect([
      ...visitor.dialogs,
      ...author.dialogs,
      ...reviewer.dialogs,
      ...handler.dialogs,
      ...owner.dialogs,
    ]).toEqual([]);
    await Promise.all([visitor, author, reviewer, handler, owner].map((v) => v.context.close()));
  });

  it('starts from a leader’s board: ?to= chooses the leader and their place', async () => {
    const v = await newVisitor(platform.browser, platform.server.url, phone);
    await signIn(v.page, '13800000003', demoPassword);
    await v.page.goto('/boards/a/jian-an-district-head');
    await v.page.getByTestId('board-write').click();
    await expect
      .poll(() => v.page.getByTestId('submit-summary-addressee').textContent())
      .toContain('许昌市建安区区长');
    await expect.poll(() => v.page.getByTestId('region-county').inputValue()).toBe('411003');
    expect(await v.page.getByTestId('region-city').inputValue()).toBe('4110');
    expect(await v.page.getByTestId('addressee-option-jian-an-district-head').isChecked()).toBe(
      true,
    );
    // Another city: the district head no longer holds the place and is let go.
    await v.page.getByTestId('region-city').selectOption('4109');
    await expect
      .poll(() => v.page.getByTestId('submit-summary-addressee').textContent())
      .toContain('不指定');
    // A leader outside this board's regions, from a link: said on the field, in Chinese.
    await v.page.goto('/c/leadership-board/submit?to=mee-minister');
    await expect
      .poll(() => v.page.getByTestId('error-addressee').textContent())
      .toContain('不在受理范围内');
    await v.context.close();
  });

  it('lets a reviewer correct whom a message is written to, with a reason', async () => {
    // A 建安区 matter written to the mayor; the reviewer gives it to the district head.
    const author = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(author.page, '13800000004', demoPassword);
    const sent = await api<{ submission: { id: string } }>(
      author.page,
      'POST',
      '/campaigns/leadership-board/submissions',
      {
        title: '建安区某路口红绿灯损坏',
        body: '建安区某路口红绿灯损坏已经一周，早晚高峰车辆拥堵，行人过街很危险，请尽快修复。',
        regionCode: '411003',
        addressee: 'xuchang-mayor',
        custom: { 'request-type': 'help' },
      },
    );
    const reviewer = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(reviewer.page, 'reviewer@demo.huiyin.cn', demoPassword);
    await api(reviewer.page, 'POST', `/submissions/${sent.submission.id}/publish`);
    await reviewer.page.goto(`/s/${sent.submission.id}`);
    await reviewer.page.getByTestId('addressee-toggle').locator('summary').click();
    await reviewer.page.getByTestId('addressee-send').click();
    await expect
      .poll(() =>
        reviewer.page.getByTestId('addressee-form').getByTestId('error-addressee').textContent(),
      )
      .toContain('请选择留言对象');
    await reviewer.page.getByTestId('addressee-option-jian-an-district-head').check();
    await reviewer.page.getByTestId('addressee-reason').fill('属区级事项，由区长受理');
    await reviewer.page.getByTestId('addressee-send').click();
    await expect
      .poll(() => reviewer.page.getByTestId('submission-addressee').textContent())
      .toContain('许昌市建安区区长');
    const timeline = await api<{ timeline: { type: string; reason: string | null }[] }>(
      reviewer.page,
      'GET',
      `/submissions/${sent.submission.id}`,
    );
    expect(timeline.timeline.at(-1)).toMatchObject({
      type: 'addressee-changed',
      reason: '属区级事项，由区长受理',
    });
    expect([...author.dialogs, ...reviewer.dialogs]).toEqual([]);
    await Promise.all([author, reviewer].map((v) => v.context.close()));
  });
});

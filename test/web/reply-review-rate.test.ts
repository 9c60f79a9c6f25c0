import { describe, expect, it } from 'vitest';
import { desktop, newVisitor, phone, register, signIn, useDemoPlatform } from './browser.ts';

const probe = '<script>alert("reply")</script>';
const demoPassword = 'huiyin-demo-2026';

const platform = useDemoPlatform();

describe('the echo: from a message to an approved reply and a rating', () => {
  it('a unit replies, a reviewer returns then approves, the author sees the answer and rates it', async () => {
    // The citizen writes about heating in 魏都区: the rules route it to 许昌市住建局.
    const author = await newVisitor(platform.browser, platform.server.url, phone);
    await register(author.page, '供暖网友', '13700000002', 'heat-pass-2026');
    await author.page.goto('/c/leadership-board/submit');
    await author.page.getByTestId('submit-title').fill('小区暖气不热已经一个月');
    await author.page
      .getByTestId('submit-body')
      .fill(
        '魏都区某小区入冬以来暖气一直不热，屋里只有十三度，老人孩子受不了，请督促热力公司处理。',
      );
    await author.page.getByTestId('region-city').selectOption('4110');
    await author.page.getByTestId('region-county').selectOption('411002');
    await author.page.getByTestId('submit-topic').selectOption('urban-construction');
    await author.page.getByTestId('submit-custom-request-type').selectOption('complaint');
    await author.page.getByTestId('submit-send').click();
    const href = await author.page.getByTestId('submit-view').getAttribute('href');
    expect(href).toMatch(/^\/s\/sub_/);

    const reviewer = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(reviewer.page, 'reviewer@demo.huiyin.cn', demoPassword);
    await reviewer.page.goto('/console');
    await reviewer.page
      .getByTestId('moderation-item')
      .filter({ hasText: '小区暖气不热已经一个月' })
      .getByTestId('moderation-publish')
      .click();
    await expect
      .poll(() =>
        reviewer.page
          .getByTestId('moderation-item')
          .filter({ hasText: '小区暖气不热已经一个月' })
          .count(),
      )
      .toBe(0);

    // The housing bureau finds it in its inbox and replies — first perfunctorily.
    const handler = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(handler.page, 'handler@demo.huiyin.cn', demoPassword);
    await handler.page.goto('/console');
    await handler.page.getByTestId('console-tab-inbox').click();
    await handler.page
      .getByTestId('inbox-item')
      .filter({ hasText: '小区暖气不热已经一个月' })
      .getByTestId('inbox-link')
      .click();
    await handler.page.getByTestId('reply-body').fill('该问题请咨询热力公司有关部门。谢谢。');
    await handler.page.getByTestId('reply-send').click();
    await handler.page.getByTestId('handling-waiting').waitFor();

    await reviewer.page.goto(href!);
    await reviewer.page.getByTestId('review-return').click();
    await reviewer.page.getByTestId('return-reason-perfunctory').check();
    await reviewer.page.getByTestId('return-note').fill('未回应群众诉求，请核实后答复');
    await reviewer.page.getByTestId('return-confirm').click();
    await expect.poll(() => reviewer.page.getByTestId('review-approve').count()).toBe(0);

    await handler.page.reload();
    await expect
      .poll(() => handler.page.getByTestId('draft-return-reason').first().textContent())
      .toBeTruthy();
    await handler.page
      .getByTestId('reply-body')
      .fill(`经现场测温，热力公司已加装循环泵，室温已达18度以上，12月1日前完成全部整改。${probe}`);
    await handler.page.getByTestId('reply-office').fill('许昌市住房和城乡建设局供热科');
    await handler.page.getByTestId('reply-phone').fill('0374-2960000');
    await handler.page.getByTestId('reply-send').click();
    await handler.page.getByTestId('handling-waiting').waitFor();

    await reviewer.page.reload();
    await reviewer.page.getByTestId('review-approve').click();
    await expect.poll(() => reviewer.page.getByTestId('review-approve').count()).toBe(0);

    // The citizen hears back: the answer, from whom, and can rate it.
    await author.page.goto(href!);
    await expect
      .poll(() => author.page.getByTestId('answer-body').first().textContent())
      .toContain('循环泵');
    expect(await author.page.getByTestId('answer-body').first().textContent()).toContain(probe);
    expect(await author.page.getByTestId('answer-office').first().textContent()).toContain(
      '供热科',
    );
    await author.page.getByTestId('rating-satisfied').check();
    await author.page.getByTestId('rating-comment').fill('暖气热了，谢谢！');
    await author.page.getByTestId('rating-send').click();
    await expect
      .poll(() => author.page.getByTestId('status-badge').first().getAttribute('data-status'))
      .toBe('closed');
    expect(await author.page.getByTestId('rating-form').count()).toBe(0);

    // The public page tells the whole story: routed, replied, rated.
    const visitor = await newVisitor(platform.browser, platform.server.url, phone);
    await visitor.page.goto(href!);
    await visitor.page.getByTestId('timeline-event').last().waitFor();
    const events = await visitor.page
      .getByTestId('timeline-event')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(events).toEqual(
      expect.arrayContaining([
        'received',
        'published',
        'routed',
        'reply-approved',
        'rated',
        'closed',
      ]),
    );
    expect(await visitor.page.getByTestId('handling-unit').textContent()).toContain(
      '许昌市住房和城乡建设局',
    );
    expect([
      ...author.dialogs,
      ...reviewer.dialogs,
      ...handler.dialogs,
      ...visitor.dialogs,
    ]).toEqual([]);
    await Promise.all([author, reviewer, handler, visitor].map((v) => v.context.close()));
  });
});

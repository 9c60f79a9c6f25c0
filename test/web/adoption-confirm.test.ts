import { describe, expect, it } from 'vitest';
import { desktop, newVisitor, phone, signIn, useDemoPlatform } from './browser.ts';

const probe = '<script>alert("xss")</script>';

const platform = useDemoPlatform();

/** What the platform stored about one submission's adoption: timeline entries, notices, membership. */
async function echoOf(ref: string) {
  const [row] = await platform.query<{ timeline: number; notices: number; members: number }>(
    `select
       (select count(*) from timeline_events e where e.submission_id = s.id and e.type = 'adopted') as timeline,
       (select count(*) from notifications n where n.submission_id = s.id and n.type = 'adopted') as notices,
       (select count(*) from adoption_members m where m.submission_id = s.id) as members
     from submissions s where s.ref = ?`,
    ref,
  );
  return row;
}

describe('from a candidate to the adopted page', () => {
  it('an editor confirms a cluster candidate for the ticked members only; the public page shows suggestion and clause side by side, searchable', async () => {
    const editor = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(editor.page, 'editor@demo.huiyin.cn', 'huiyin-demo-2026');
    await editor.page.goto('/console/adoption');
    await editor.page.getByTestId('tracing-doc').first().click();

    // Matching runs as a background job after start-up: wait for its candidates.
    await expect
      .poll(
        async () => {
          await editor.page.reload();
          await editor.page.getByTestId('clause-search').waitFor();
          return editor.page.getByTestId('candidate').count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBeGreaterThan(0);

    // A topic cluster: several people's suggestions behind one candidate.
    const candidate = editor.page.locator('[data-testid=candidate][data-kind=cluster]').first();
    // The quote field starts as the whole clause.
    const clause = (await candidate.getByTestId('candidate-span').inputValue()).trim();
    // Quote only the first sentence part of the clause: evidence is the exact words.
    const quote = clause.split(/[，。；]/)[0]!;
    await candidate.getByTestId('candidate-status').selectOption('implemented');
    await candidate.getByTestId('candidate-span').fill(quote);
    await candidate.getByTestId('candidate-confirm').click();

    // The dialog lists every member before anything is sent: a short list starts ticked.
    const dialog = editor.page.getByTestId('members-dialog');
    const members = dialog.getByTestId('member');
    await members.first().waitFor();
    const n = await members.count();
    expect(n).toBeGreaterThan(1);
    for (let i = 0; i < n; i++)
      expect(await members.nth(i).getByTestId('member-tick').isChecked()).toBe(true);
    const told = async () =>
      Number((await dialog.getByTestId('members-notify').textContent())!.match(/\d+/)![0]);
    expect(await told()).toBeGreaterThan(1);

    // The editor unticks the last one: the clause did not adopt it.
    const left = members.nth(n - 1);
    const leftRef = (await left.getAttribute('data-ref'))!;
    const leftTitle = (await left.getByTestId('member-title').textContent())!.trim();
    // Whom the rest will tell (one author may have written several of them), as the API counts.
    const listed = (await (
      await editor.page.request.get(
        `/api/adoption-candidates/${await candidate.getAttribute('data-candidate')}/members`,
      )
    ).json()) as { groups: { ref: string; authors: number[] }[] };
    expect(listed.groups.map((g) => g.ref)).toHaveLength(n);
    const toTell = new Set(listed.groups.filter((g) => g.ref !== leftRef).flatMap((g) => g.authors))
      .size;
    await left.getByTestId('member-tick').uncheck();
    await expect.poll(told).toBe(toTell);
    const keptTitles: string[] = [];
    let ticked = 0;
    for (let i = 0; i < n - 1; i++) {
      keptTitles.push((await members.nth(i).getByTestId('member-title').textContent())!.trim());
      ticked += Number(await members.nth(i).getAttribute('data-count'));
    }

    // The 2024 report predates the demo's suggestions: confirming needs a reason.
    await expect.poll(() => dialog.getByTestId('members-date-warning').count()).toBe(1);
    await dialog.getByTestId('members-confirm').click();
    await expect
      .poll(() => dialog.getByTestId('members-problem').textContent())
      .toContain('写明原因');
    await dialog.getByTestId('members-date-ack').check();
    await dialog
      .getByTestId('members-date-note')
      .fill('报告的这项部署与这些建议一致（编辑核实）。');
    await dialog.getByTestId('members-confirm').click();
    await expect
      .poll(() => editor.page.getByTestId('tracing-message').textContent())
      .toContain(`已确认，已通知 ${toTell} 位建议人`);

    // The unticked suggestion is linked to nothing: no adoption, no timeline entry, no notice.
    expect(await echoOf(leftRef)).toEqual({
      timeline: 0,
      notices: 0,
      members: 0,
    });

    // The editor also publishes a story (its title carries the probe, which must stay text).
    await editor.page.goto('/console/adoption');
    const form = editor.page.getByTestId('story-form');
    await form.locator('select[name=campaign]').selectOption({ index: 0 });
    await form.locator('input[name=title]').fill(`建议落地记${probe}`);
    await form
      .locator('textarea[name=body]')
      .fill('网民的建议写进了政府工作报告，这里记下它的来龙去脉。');
    await form.getByRole('button', { name: '发布', exact: true }).click();
    await expect
      .poll(() => editor.page.getByTestId('story-list').textContent())
      .toContain('建议落地记');

    // A visitor on a phone sees suggestion and clause side by side, and searches instantly.
    const visitor = await newVisitor(platform.browser, platform.server.url, phone);
    await visitor.page.goto('/adopted');
    const card = visitor.page.getByTestId('adoption-card').filter({ hasText: quote });
    await expect.poll(() => card.count()).toBe(1);
    // Only the ticked people are counted, and a ticked suggestion speaks for them.
    expect(await card.getByTestId('adoption-people').textContent()).toContain(`${ticked} 人提出`);
    const title = (await card.locator('h3').textContent())!.trim();
    expect(keptTitles).toContain(title);
    expect(title).not.toBe(leftTitle);
    expect(await card.getByTestId('adoption-clause').textContent()).toContain('2024年政府工作报告');
    expect(await card.getByTestId('adoption-status').textContent()).toContain('已落实');
    expect(await card.locator('mark').first().textContent()).toBe(quote);
    expect(await visitor.page.getByTestId('story-card').first().textContent()).toContain(
      `建议落地记${probe}`,
    );

    const search = visitor.page.getByTestId('adopted-search');
    await search.fill(title.slice(0, 4));
    await expect.poll(() => card.count()).toBe(1);
    await search.fill('完全无关的词语组合');
    await expect
      .poll(() => visitor.page.getByTestId('adopted-count').textContent())
      .toContain('共 0 条');
    await search.fill('');
    await visitor.page.getByTestId('adopted-status').selectOption('implemented');
    await expect.poll(() => visitor.page.getByTestId('adoption-card').count()).toBe(1);

    expect(editor.dialogs).toEqual([]);
    expect(visitor.dialogs).toEqual([]);
  }, 120_000); // waits for background jobs (matching, clustering) after a cold start
});

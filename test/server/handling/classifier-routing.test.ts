import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startJobRunner } from '../../../server/jobs/job-runner.ts';
import { registerJobs } from '../../../server/jobs/register-jobs.ts';
import { importLabeled } from '../../../server/ops/import-labeled.ts';
import { trainCampaignClassifier } from '../../../server/sensemaking/routing-models.ts';
import { makeUser, publishedSubmission, roleUser } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  const csv = readFileSync('test/fixtures/routing/labeled-excerpt.csv', 'utf8');
  expect(await importLabeled(t.services, 'leadership-board', csv)).toEqual({
    imported: 84,
    unknown: [],
  });
  await trainCampaignClassifier(t.services, t.services.campaigns.get('leadership-board')!.id);
});
afterEach(() => t.close());

describe('routing classifier', () => {
  it('routes a message without a topic on its own when confident, and shows reviewers why', async () => {
    // A model trained on 84 examples is modest about its confidence; the campaign sets the bar.
    const campaign = t.services.campaigns.get('leadership-board')!;
    (campaign.definition.sensemaking as { autoRouteThreshold: number }).autoRouteThreshold = 0.3;
    const sub = await publishedSubmission(t, makeUser(t), {
      title: '工地老板拖欠农民工工资',
      body: '我们在项城市某工地干了一年，老板一直拖欠工资不发，劳动监察部门请帮我们讨回工资。',
      topic: null,
      regionCode: '411681',
    });
    const reviewer = roleUser(t, 'reviewer');
    const d = (await t.request('GET', `/api/submissions/${sub.id}`, { cookie: reviewer.cookie }))
      .json;
    expect(d.handling.proposal).toMatchObject({
      topic: 'labour-social-security',
      decision: 'auto',
    });
    expect(d.handling.proposal.evidence.map((e: { word: string }) => e.word).join(' ')).toMatch(
      /工资/,
    );
    expect(d.submission.topic.key).toBe('labour-social-security');
    expect(d.handling.handling.unit.code).toBe('henan-zhoukou-xiangcheng-hrss');
    // The public does not see the model's workings.
    expect(
      (await t.request('GET', `/api/submissions/${sub.id}`)).json.handling.proposal,
    ).toBeNull();
  });

  it('sends an unsure proposal to triage; the reviewer’s correction becomes training data for the next job', async () => {
    const campaign = t.services.campaigns.get('leadership-board')!;
    (campaign.definition.sensemaking as { autoRouteThreshold: number }).autoRouteThreshold = 0.999;
    const sub = await publishedSubmission(t, makeUser(t), {
      title: '关于小区的一些情况',
      body: '最近小区里有些事情让人很困扰，希望有关部门能够重视一下，尽快处理。',
      topic: null,
    });
    const reviewer = roleUser(t, 'reviewer');
    const triage = await t.request('GET', '/api/handling/triage', { cookie: reviewer.cookie });
    expect(triage.json.items.map((i: { submission: { id: string } }) => i.submission.id)).toEqual([
      sub.id,
    ]);
    const assigned = await t.request('POST', `/api/submissions/${sub.id}/assign`, {
      cookie: reviewer.cookie,
      body: { unit: 'henan-xuchang-housing', topic: 'urban-construction', reason: '物业管理问题' },
    });
    expect(assigned.status).toBe(200);
    const info = await t.request('GET', '/api/campaigns/leadership-board/classifier', {
      cookie: reviewer.cookie,
    });
    expect(info.json.examples).toEqual({ imported: 84, corrections: 1 });

    registerJobs();
    const runner = startJobRunner(t.services);
    const queued = await t.request('POST', '/api/campaigns/leadership-board/classifier/train', {
      cookie: reviewer.cookie,
    });
    expect(queued.status).toBe(202);
    await runner.drain();
    const job = await t.request('GET', `/api/jobs/${queued.json.job}`, { cookie: reviewer.cookie });
    expect(job.json.job).toMatchObject({ status: 'done', result: { corrections: 1 } });
    expect(
      (
        await t.request('POST', '/api/campaigns/leadership-board/classifier/train', {
          cookie: makeUser(t).cookie,
        })
      ).status,
    ).toBe(403);
    runner.stop();
  });
});

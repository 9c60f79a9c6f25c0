// Demo adoption tracing: the 2024 government work report feeding two campaigns, two confirmed
// links made through the same verbs an editor uses (so every author is told), a milestone and a
// published story. Matching for the rest runs as the recorded job the document queues.
import { readFileSync } from 'node:fs';
import type { Actor } from '../auth/actor.ts';
import type { Services } from '../services.ts';
import { addDocument } from '../tracing/add-document.ts';
import { confirmAdoption } from '../tracing/confirm-adoption.ts';
import { createStory } from '../tracing/create-story.ts';
import { getDocument } from '../tracing/document-views.ts';
import { addMilestone } from '../tracing/milestones.ts';
import { updateStory } from '../tracing/update-story.ts';

const reportFile = new URL('./policy/gov-work-report-2024.txt', import.meta.url);

type Link = {
  title: string;
  clauseWords: string;
  status: 'partially_adopted' | 'adopted';
  milestone?: { title: string; occurredOn: string; percent: number };
};

const links: Link[] = [
  {
    title: '建议多建普惠托育机构，降低托育费用',
    clauseWords: '多渠道增加托育服务供给',
    status: 'partially_adopted',
  },
  {
    title: '建议切实清理拖欠民营企业账款',
    clauseWords: '开展清理拖欠企业账款专项行动',
    status: 'adopted',
    milestone: { title: '专项行动部署（演示数据）', occurredOn: '2024-03-05', percent: 30 },
  },
];

const demoDateNote =
  '演示数据：建议的提交日期晚于2024年政府工作报告，这里示意建议与现行政策条文的对应关系。';

/** The demo account acting (the verbs read only its id and roles). */
async function actorOf(s: Services, login: string): Promise<Actor> {
  const user = await s.store.accounts.credentials(null, login);
  if (!user) throw new Error(`No demo account ${login}`);
  const roles = (await s.sessions.rolesOf(user.id)).filter((g) => g.role !== 'netizen');
  return { id: user.id, displayName: login, phone: null, email: login, roles };
}

export async function seedDemoAdoption(s: Services): Promise<void> {
  const editor = await actorOf(s, 'editor@demo.huiyin.cn');
  const { id } = await addDocument(s, editor, {
    title: '2024年政府工作报告',
    issuer: '国务院',
    issuedOn: '2024-03-05',
    sourceUrl: null,
    campaigns: ['two-sessions-2027', 'fifteenth-five-year-plan'],
    text: readFileSync(reportFile, 'utf8'),
  });
  const { clauses } = await getDocument(s, id);
  const adoptionIds: string[] = [];
  for (const link of links) {
    const clauseId = clauses.find((c) => c.leaf && c.text.includes(link.clauseWords))!.id;
    const submissionId = (await s.store.adoption.submissionIdByTitle(link.title))!;
    const adoption = await confirmAdoption(s, editor, {
      clauseId,
      target: { kind: 'submission', id: submissionId },
      status: link.status,
      quotedSpan: link.clauseWords,
      // The demo's suggestions are written after the 2024 report: the editor says why.
      acknowledgeDate: true,
      note: demoDateNote,
    });
    adoptionIds.push(adoption.id);
    if (link.milestone)
      await addMilestone(s, editor, adoption.id, { ...link.milestone, note: null });
  }
  const story = await createStory(s, editor, 'two-sessions-2027', {
    title: '从“金点子”到“金钥匙”：托育建议写进政府工作报告',
    body: '一位双职工家长在“我给两会捎句话”中建议多建普惠托育机构、降低托育费用。\n2024年政府工作报告提出“多渠道增加托育服务供给，减轻家庭生育、养育、教育负担”。这是演示数据中的一则采纳故事。',
    adoptions: adoptionIds.slice(0, 1),
  });
  await updateStory(s, editor, story, { published: true });
}

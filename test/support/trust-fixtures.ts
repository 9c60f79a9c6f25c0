import { roleUser } from './factories.ts';
import type { TestApp } from './test-app.ts';

/** An approved (public) reply to a published leadership-board message routed to 住建局. */
export async function approvedReply(t: TestApp, submissionId: string): Promise<string> {
  const handler = roleUser(t, 'handler', 'henan-xuchang-housing');
  const sent = await t.request('POST', `/api/submissions/${submissionId}/replies`, {
    cookie: handler.cookie,
    body: {
      body: '您好，经核查，热力公司已于本周内完成管网排查，预计12月1日前恢复正常供暖。联系人：王科长。',
    },
  });
  if (sent.status !== 201)
    throw new Error(`reply failed: ${sent.status} ${JSON.stringify(sent.json)}`);
  const reviewer = roleUser(t, 'reviewer');
  const queue = await t.request('GET', '/api/handling/replies', { cookie: reviewer.cookie });
  const id = queue.json.items[0].reply.id as string;
  const ok = await t.request('POST', `/api/replies/${id}/approve`, { cookie: reviewer.cookie });
  if (ok.status !== 200) throw new Error(`approve failed: ${ok.status}`);
  return id;
}

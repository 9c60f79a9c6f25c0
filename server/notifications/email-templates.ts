import type { NotificationType } from '../../schema/states.ts';
import { maskTextFields } from '../text/mask-personal-data.ts';
import type { NotificationData } from './notify.ts';

const subjects: Record<NotificationType, (d: NotificationData) => string> = {
  routed: (d) => `【回音】新交办留言 ${d.ref}：${d.title}`,
  replied: (d) => `【回音】您的留言 ${d.ref} 已有回复`,
  returned: (d) => `【回音】回复被退回，请重新办理 ${d.ref}`,
  rated: (d) => `【回音】留言 ${d.ref} 已收到群众评价`,
  escalated: (d) => `【回音】督办：留言 ${d.ref} 已超期`,
  flagged: (d) => `【回音】请指定承办单位：留言 ${d.ref} 多次转办`,
  'extension-requested': (d) => `【回音】延期申请 ${d.ref}`,
  'extension-decided': (d) => `【回音】延期申请已处理 ${d.ref}`,
  published: (d) => `【回音】您的留言 ${d.ref} 已公开`,
  rejected: (d) => `【回音】您的留言 ${d.ref} 未通过审核`,
  adopted: (d) => `【回音】您的建议 ${d.ref} ${adoptionNews[String(d.status)] ?? '已被采纳'}`,
  instructed: (d) => `【回音】领导批示：留言 ${d.ref}：${d.title}`,
};

/** What an adoption notice says happened: a withdrawal or a consideration is no adoption. */
const adoptionNews: Record<string, string> = {
  under_consideration: '正在研究吸纳',
  partially_adopted: '已被部分采纳',
  adopted: '已被采纳',
  implemented: '已被采纳并落实',
  withdrawn: '的采纳关联已撤销',
};

/**
 * Plain-text e-mail for a notification; the web inbox shows the same news in the reader's language.
 * An e-mail leaves the platform (SMTP relays, mailboxes, the log sink), so titles and other words
 * in it are masked like public text; the recipient reads the original on the platform.
 */
export function emailFor(
  type: NotificationType,
  raw: NotificationData,
): { subject: string; body: string } {
  const data = maskTextFields(raw);
  const lines = Object.entries(data)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k}: ${v}`);
  return {
    subject: subjects[type](data),
    body: `${subjects[type](data)}\n\n${lines.join('\n')}\n\n请登录回音平台查看详情。`,
  };
}

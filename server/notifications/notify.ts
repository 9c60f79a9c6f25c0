import type { NotificationType } from '../../schema/states.ts';
import type { Tx } from '../store/store.ts';
import { emailFor } from './email-templates.ts';

export type NotificationData = Record<string, string | number | null>;

/**
 * Writes in-app notifications, and e-mails to the outbox for users with an address, inside the
 * caller's transaction: the change and the news of it commit together or not at all. One
 * statement finds every address (an adoption echoed to a large cluster notifies thousands).
 */
export async function notify(
  tx: Tx,
  now: number,
  userIds: Iterable<string>,
  type: NotificationType,
  submissionId: string | null,
  data: NotificationData,
): Promise<void> {
  const users = [...new Set(userIds)];
  await notifyEach(
    tx,
    now,
    type,
    users.map((userId) => ({ userId, submissionId, data })),
  );
}

/** One notice per recipient, each with its own submission and words (an adoption's echo). */
export type Notice = { userId: string; submissionId: string | null; data: NotificationData };

/** Like `notify`, for notices that differ by recipient; still one statement for every address. */
export async function notifyEach(
  tx: Tx,
  now: number,
  type: NotificationType,
  notices: readonly Notice[],
): Promise<void> {
  if (notices.length === 0) return;
  const emails = await tx.accounts.emailsOf([...new Set(notices.map((n) => n.userId))]);
  for (const n of notices) {
    await tx.notifications.add(n.userId, type, n.submissionId, JSON.stringify(n.data), now);
    const email = emails.get(n.userId);
    if (email) {
      const mail = emailFor(type, n.data);
      await tx.notifications.queueEmail(email, mail.subject, mail.body, now);
    }
  }
}

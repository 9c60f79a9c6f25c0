import type { NotificationType } from '../../schema/states.ts';
import { cachedStatement } from '../db/statement-cache.ts';
import type { Services } from '../services.ts';
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
  if (users.length === 0) return;
  const json = JSON.stringify(data);
  const emails = await tx.accounts.emailsOf(users);
  const mail = emails.size > 0 ? emailFor(type, data) : null;
  for (const userId of users) {
    await tx.notifications.add(userId, type, submissionId, json, now);
    const email = emails.get(userId);
    if (email && mail) await tx.notifications.queueEmail(email, mail.subject, mail.body, now);
  }
}

/** @deprecated Transitional: use `notify(tx, …)` inside `s.store.write()`. */
export function notifyLegacy(
  s: Services,
  userIds: Iterable<string>,
  type: NotificationType,
  submissionId: string | null,
  data: NotificationData,
): void {
  const now = s.clock.now();
  // Prepared once: an adoption echoed to a large cluster notifies thousands, one call each.
  const insert = cachedStatement(
    s.sqlite,
    'insert into notifications (user_id, type, submission_id, data, created_at) values (?, ?, ?, ?, ?)',
  );
  const emailOf = cachedStatement(s.sqlite, 'select email from users where id = ?');
  const outbox = cachedStatement(
    s.sqlite,
    'insert into email_outbox ("to", subject, body, created_at) values (?, ?, ?, ?)',
  );
  const json = JSON.stringify(data);
  for (const userId of new Set(userIds)) {
    insert.run(userId, type, submissionId, json, now);
    const email = (emailOf.get(userId) as { email: string | null } | undefined)?.email;
    if (email) {
      const mail = emailFor(type, data);
      outbox.run(email, mail.subject, mail.body, now);
    }
  }
}

/** @deprecated Transitional: use `tx.accounts.handlersOf(unitId)`. */
export function handlersOfLegacy(s: Services, unitId: string): string[] {
  return s.sqlite
    .prepare("select user_id from user_roles where role = 'handler' and org_id = ?")
    .pluck()
    .all(unitId) as string[];
}

/** @deprecated Transitional: use `tx.accounts.reviewers()`. */
export function reviewersLegacy(s: Services): string[] {
  return s.sqlite
    .prepare("select distinct user_id from user_roles where role = 'reviewer'")
    .pluck()
    .all() as string[];
}

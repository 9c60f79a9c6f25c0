import type { NotificationType } from '../../schema/states.ts';
import { cachedStatement } from '../db/statement-cache.ts';
import type { Services } from '../services.ts';
import { emailFor } from './email-templates.ts';

export type NotificationData = Record<string, string | number | null>;

/**
 * Writes in-app notifications, and e-mails to the outbox for users with an address, inside the
 * caller's transaction: the change and the news of it commit together or not at all.
 */
export function notify(
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

/** Members of a handling unit: users holding the handler role scoped to it. */
export function handlersOf(s: Services, unitId: string): string[] {
  return s.sqlite
    .prepare("select user_id from user_roles where role = 'handler' and org_id = ?")
    .pluck()
    .all(unitId) as string[];
}

export function reviewers(s: Services): string[] {
  return s.sqlite
    .prepare("select distinct user_id from user_roles where role = 'reviewer'")
    .pluck()
    .all() as string[];
}

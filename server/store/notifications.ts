// The in-app inbox and the e-mail outbox. Both are written in the transaction of the change they
// announce, so the change and the news of it commit together or not at all.
import type { NotificationType } from '../../schema/states.ts';
import type { Queryable } from './engine/db.ts';
import { sql } from './engine/sql.ts';

const insertNotification = sql(
  'insert into notifications (user_id, type, submission_id, data, created_at) values (?, ?, ?, ?, ?)',
);
const queueEmail = sql(
  'insert into email_outbox ("to", subject, body, created_at) values (?, ?, ?, ?)',
);

export class NotificationsStore {
  constructor(private readonly q: Queryable) {}

  add(
    userId: string,
    type: NotificationType,
    submissionId: string | null,
    data: string,
    now: number,
  ) {
    return this.q.run(insertNotification, userId, type, submissionId, data, now);
  }

  queueEmail(to: string, subject: string, body: string, now: number) {
    return this.q.run(queueEmail, to, subject, body, now);
  }
}

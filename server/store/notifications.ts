// The in-app inbox and the e-mail outbox. Both are written in the transaction of the change they
// announce, so the change and the news of it commit together or not at all.
import type { NotificationType } from '../../schema/states.ts';
import type { Queryable } from './engine/db.ts';
import { sql } from './engine/sql.ts';
import type { Rows } from './rows.ts';

type Notification = Rows['notifications'];
type Email = Rows['emailOutbox'];

export type InboxRow = Pick<
  Notification,
  'id' | 'type' | 'submissionId' | 'data' | 'createdAt' | 'readAt'
>;
export type OutboxRow = Pick<Email, 'id' | 'to' | 'subject' | 'body'>;

const insertNotification = sql(
  'insert into notifications (user_id, type, submission_id, data, created_at) values (?, ?, ?, ?, ?)',
);
const queueEmail = sql(
  'insert into email_outbox ("to", subject, body, created_at) values (?, ?, ?, ?)',
);

const inboxColumns = `id, type, submission_id as "submissionId", data, created_at as "createdAt",
  read_at as "readAt"`;
const inbox = sql<InboxRow>(
  `select ${inboxColumns} from notifications where user_id = ?
   order by id desc limit ? offset ?`,
);
const unreadInbox = sql<InboxRow>(
  `select ${inboxColumns} from notifications where user_id = ? and read_at is null
   order by id desc limit ? offset ?`,
);
const countAll = sql<{ n: number }>('select count(*) as n from notifications where user_id = ?');
const countUnread = sql<{ n: number }>(
  'select count(*) as n from notifications where user_id = ? and read_at is null',
);
const markRead = sql(
  (d) => `update notifications set read_at = ?
   where user_id = ? and read_at is null and id in ${d.list('bigint')}`,
);
const markAllRead = sql(
  'update notifications set read_at = ? where user_id = ? and read_at is null',
);

// Two app nodes on one PostgreSQL must not send the same e-mail: a pass claims its rows in one
// statement (rows another node is claiming are skipped, not waited for) and counts the attempt.
// A claim older than the lease (a node that died mid-send) may be taken again. SQLite has one
// writer and one node, so the claim needs no row locks there.
const claimOutbox = sql<OutboxRow>(
  (d) => `update email_outbox set attempts = attempts + 1, claimed_at = @now
   where id in (
     select id from email_outbox
     where sent_at is null and attempts < @maxAttempts
       and (claimed_at is null or claimed_at < @staleBefore)
     order by id limit @limit${d.engine === 'postgres' ? ' for update skip locked' : ''})
   returning id, "to", subject, body`,
);
const markSent = sql('update email_outbox set sent_at = ?, claimed_at = null where id = ?');
const markFailed = sql('update email_outbox set last_error = ?, claimed_at = null where id = ?');

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

  /** One page of a user's inbox (or of its unread part), newest first. */
  inbox(userId: string, onlyUnread: boolean, page: { page: number; pageSize: number }) {
    return this.q.all(
      onlyUnread ? unreadInbox : inbox,
      userId,
      page.pageSize,
      (page.page - 1) * page.pageSize,
    );
  }

  async countAll(userId: string): Promise<number> {
    return (await this.q.value(countAll, userId)) ?? 0;
  }

  async countUnread(userId: string): Promise<number> {
    return (await this.q.value(countUnread, userId)) ?? 0;
  }

  /** Marks some of the user's notifications read (ids of someone else's are ignored). */
  markRead(userId: string, ids: number[], now: number) {
    return this.q.run(markRead, now, userId, ids);
  }

  markAllRead(userId: string, now: number) {
    return this.q.run(markAllRead, now, userId);
  }

  /**
   * Claims up to `limit` unsent e-mails for one delivery pass, oldest first, counting the
   * attempt; a claim made before `staleBefore` has lapsed and may be taken again.
   */
  async claimOutbox(
    now: number,
    staleBefore: number,
    limit: number,
    maxAttempts: number,
  ): Promise<OutboxRow[]> {
    const rows = await this.q.all(claimOutbox, { now, staleBefore, limit, maxAttempts });
    return rows.sort((a, b) => a.id - b.id);
  }

  markSent(id: number, now: number) {
    return this.q.run(markSent, now, id);
  }

  markFailed(id: number, error: string) {
    return this.q.run(markFailed, error, id);
  }
}

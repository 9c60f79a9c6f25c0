import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { notificationTypes, sqlIn } from './states.ts';

/** The in-app inbox every user has. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id').notNull(),
    type: text('type', { enum: notificationTypes }).notNull(),
    submissionId: text('submission_id'),
    /** Text parameters for the message (ref, title, unit, reason…), rendered by the client. */
    data: text('data'),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [
    index('notifications_user_created').on(t.userId, t.id),
    index('notifications_user_unread').on(t.userId, t.readAt),
    check('notifications_type', sql.raw(sqlIn('type', notificationTypes))),
  ],
);

/** E-mails waiting to be sent: written in the same transaction as the change they report. */
export const emailOutbox = sqliteTable(
  'email_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /**
     * When a delivery pass took the row (null when none holds it): two app nodes never send one
     * e-mail twice, and a claim older than the lease (a node died mid-send) lapses.
     */
    claimedAt: integer('claimed_at'),
  },
  (t) => [index('email_outbox_pending').on(t.sentAt, t.id)],
);

// Trust and safety tables: two-factor sign-in, platform settings, reports (举报), content holds
// and support-burst flags. Kept in one file so this domain merges without touching the others.
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { users } from './accounts.ts';
import {
  holdStates,
  reportReasons,
  reportStates,
  reportTargets,
  sqlIn,
  supportFlagStates,
} from './states.ts';

/**
 * A staff member's TOTP secret. `enabledAt` is null while enrolment waits for the first code.
 * `lastStep` is the 30-second step of the last accepted code: a code is never accepted twice.
 */
export const userTotp = sqliteTable('user_totp', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Base32 secret: the server must compute codes from it, so it cannot be hashed. */
  secret: text('secret').notNull(),
  enabledAt: integer('enabled_at'),
  lastStep: integer('last_step').notNull().default(0),
  createdAt: integer('created_at').notNull(),
});

/** One-time recovery codes, stored as SHA-256 (they are long random strings, not passwords). */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('recovery_codes_user').on(t.userId)],
);

/**
 * Password checked, second factor still due: a short-lived token that is not a session (it opens
 * nothing but the second step), kept as a hash like session tokens.
 */
export const pendingLogins = sqliteTable(
  'pending_logins',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [index('pending_logins_user').on(t.userId)],
);

/** Platform settings an admin changes at run time (e.g. `require_staff_2fa`). */
export const platformSettings = sqliteTable('platform_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: integer('updated_at').notNull(),
});

/** 举报: one per account per item; reviewers work them from a queue. */
export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    targetKind: text('target_kind', { enum: reportTargets }).notNull(),
    targetId: text('target_id').notNull(),
    /** The submission the target belongs to (itself, or the reply's): its timeline records decisions. */
    submissionId: text('submission_id').notNull(),
    reporterId: text('reporter_id').notNull(),
    reason: text('reason', { enum: reportReasons }).notNull(),
    note: text('note'),
    state: text('state', { enum: reportStates }).notNull().default('open'),
    createdAt: integer('created_at').notNull(),
    resolvedBy: text('resolved_by'),
    resolvedAt: integer('resolved_at'),
  },
  (t) => [
    uniqueIndex('reports_once_per_account').on(t.targetKind, t.targetId, t.reporterId),
    index('reports_state_created').on(t.state, t.createdAt),
    check('reports_target_kind', sql.raw(sqlIn('target_kind', reportTargets))),
    check('reports_reason', sql.raw(sqlIn('reason', reportReasons))),
    check('reports_state', sql.raw(sqlIn('state', reportStates))),
  ],
);

/** A published text withheld from the public (its row stays; the text is sent to staff only). */
export const contentHolds = sqliteTable(
  'content_holds',
  {
    targetKind: text('target_kind', { enum: reportTargets }).notNull(),
    targetId: text('target_id').notNull(),
    submissionId: text('submission_id').notNull(),
    state: text('state', { enum: holdStates }).notNull(),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
  },
  (t) => [
    primaryKey({ columns: [t.targetKind, t.targetId] }),
    index('content_holds_submission').on(t.submissionId),
    check('content_holds_target_kind', sql.raw(sqlIn('target_kind', reportTargets))),
    check('content_holds_state', sql.raw(sqlIn('state', holdStates))),
  ],
);

/**
 * Where each support came from, for burst detection: the network (IPv4 /24, IPv6 /64) and the
 * address. `discounted` supports no longer count in the submission's support count.
 */
export const supportOrigins = sqliteTable(
  'support_origins',
  {
    submissionId: text('submission_id').notNull(),
    userId: text('user_id').notNull(),
    ip: text('ip').notNull(),
    network: text('network').notNull(),
    createdAt: integer('created_at').notNull(),
    discounted: integer('discounted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.submissionId, t.userId] }),
    index('support_origins_network').on(t.submissionId, t.network, t.createdAt),
  ],
);

/** A burst of supports for one submission from one network, shown to moderators with figures. */
export const supportFlags = sqliteTable(
  'support_flags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: text('submission_id').notNull(),
    network: text('network').notNull(),
    state: text('state', { enum: supportFlagStates }).notNull().default('open'),
    firstAt: integer('first_at').notNull(),
    lastAt: integer('last_at').notNull(),
    resolvedBy: text('resolved_by'),
    resolvedAt: integer('resolved_at'),
  },
  (t) => [
    uniqueIndex('support_flags_submission_network').on(t.submissionId, t.network),
    index('support_flags_state').on(t.state, t.lastAt),
    check('support_flags_state', sql.raw(sqlIn('state', supportFlagStates))),
  ],
);

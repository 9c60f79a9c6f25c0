import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { roles, sqlIn } from './states.ts';

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    phone: text('phone'),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    locale: text('locale').notNull().default('zh-CN'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_phone_unique').on(t.phone),
    uniqueIndex('users_email_unique').on(t.email),
    check('users_has_login', sql`${t.phone} is not null or ${t.email} is not null`),
  ],
);

/** A role held by a user, optionally scoped to an organisation (handler and owner roles are). */
export const userRoles = sqliteTable(
  'user_roles',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: roles }).notNull(),
    /** Organisation id the role is scoped to, '' when the role is platform-wide. */
    orgId: text('org_id').notNull().default(''),
    /** Addressee id an `office` role is scoped to, '' for every other role. */
    addresseeId: text('addressee_id').notNull().default(''),
  },
  (t) => [
    uniqueIndex('user_roles_unique').on(t.userId, t.role, t.orgId, t.addresseeId),
    check('user_roles_role', sql.raw(sqlIn('role', roles))),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a leaked database does not leak live sessions. */
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/**
 * Fixed-window counters for rate limits, sign-in lockouts and code attempts, one row per key
 * (`submit:ip:…`, `login-failures:…`). In the database, not in memory, so a limit holds across
 * every app node and a restart. On PostgreSQL the table is UNLOGGED (migrations-pg): a counter
 * needs no WAL flush, and a crash of the database resets the windows, which only forgives.
 */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    windowStart: integer('window_start').notNull(),
    /** When the window ends; rows past it are swept. */
    expiresAt: integer('expires_at').notNull(),
    /** Hits counted in the window; never more than the limit plus one (refused hits do not add). */
    hits: integer('hits').notNull(),
  },
  (t) => [index('rate_limits_expires').on(t.expiresAt)],
);

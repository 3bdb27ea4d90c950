// Console accounts, their sessions, and the attempt log that throttles logins and
// public reports. Passwords and session tokens are never stored, only their hashes.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { streets } from './sites';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** A city administrator (all streets) or a street-office editor (the streets in account_streets). */
export const accounts = sqliteTable(
  'accounts',
  {
    username: text('username').primaryKey(),
    display_name: text('display_name').notNull(),
    role: text('role', { enum: ['admin', 'editor'] }).notNull(),
    /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` (worker/auth/password.ts). */
    password_hash: text('password_hash').notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    created_at: text('created_at').notNull().default(now),
    updated_at: text('updated_at').notNull().default(now),
  },
  () => [
    check('accounts_role', sql`role IN ('admin', 'editor')`),
    check('accounts_username', sql`length(username) BETWEEN 2 AND 64`),
  ],
);

/** The streets an editor may change. */
export const accountStreets = sqliteTable(
  'account_streets',
  {
    username: text('username')
      .notNull()
      .references(() => accounts.username, { onDelete: 'cascade' }),
    street_code: text('street_code')
      .notNull()
      .references(() => streets.code),
  },
  (t) => [primaryKey({ columns: [t.username, t.street_code] })],
);

/** A logged-in session; the cookie holds the token, the table its SHA-256. */
export const sessions = sqliteTable(
  'sessions',
  {
    token_hash: text('token_hash').primaryKey(),
    username: text('username')
      .notNull()
      .references(() => accounts.username, { onDelete: 'cascade' }),
    created_at: text('created_at').notNull().default(now),
    expires_at: text('expires_at').notNull(),
  },
  (t) => [index('sessions_username_idx').on(t.username)],
);

/**
 * Attempts counted by the throttles: failed logins per account and per client IP,
 * public reports per client IP. `bucket` is e.g. `login:user:admin`, `report:ip:1.2.3.4`.
 */
export const attempts = sqliteTable(
  'attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bucket: text('bucket').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('attempts_bucket_at_idx').on(t.bucket, t.at)],
);

export type AccountRow = typeof accounts.$inferSelect;

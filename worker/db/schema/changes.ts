// The history of every site: one row per change, written in the same D1 batch as
// the change itself, holding the whole record before and after.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sites } from './sites';

export const CHANGE_ACTIONS = ['create', 'update', 'retire', 'restore', 'verify', 'import'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export const siteChanges = sqliteTable(
  'site_changes',
  {
    /** No AUTOINCREMENT (it costs a sqlite_sequence write per row); rows are never deleted, so ids are never reused. */
    id: integer('id').primaryKey(),
    site_id: integer('site_id')
      .notNull()
      .references(() => sites.id),
    at: text('at').notNull(),
    /** The username that made the change (accounts may later be renamed or removed). */
    actor: text('actor').notNull(),
    action: text('action', { enum: CHANGE_ACTIONS }).notNull(),
    /** The API Site JSON before the change; NULL for a creation. */
    before: text('before'),
    after: text('after').notNull(),
    /** The public report this change answered, set when the report is resolved. */
    report_id: integer('report_id'),
  },
  (t) => [
    check('site_changes_action', sql.raw(`action IN (${CHANGE_ACTIONS.map((a) => `'${a}'`).join(', ')})`)),
    check('site_changes_json', sql`json_valid(${t.after}) AND (${t.before} IS NULL OR json_valid(${t.before}))`),
    index('site_changes_site_idx').on(t.site_id, t.id),
  ],
);

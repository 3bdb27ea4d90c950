// Public reports about a site ("closed", "wrong place" …), queued for the street
// office responsible for it.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { siteChanges } from './changes';
import { sites } from './sites';

export const REPORT_CATEGORIES = ['closed', 'wrong_place', 'wrong_hours', 'other'] as const;
export const REPORT_STATUSES = ['open', 'resolved'] as const;

export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    site_id: integer('site_id')
      .notNull()
      .references(() => sites.id),
    category: text('category', { enum: REPORT_CATEGORIES }).notNull(),
    note: text('note'),
    created_at: text('created_at').notNull(),
    /** How many identical reports (same category and note) this open report stands for. */
    count: integer('count').notNull().default(1),
    /** When the newest of them came in; the queue is ordered by it. */
    last_reported_at: text('last_reported_at').notNull().default(''),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('open'),
    resolved_change_id: integer('resolved_change_id').references(() => siteChanges.id),
    resolved_by: text('resolved_by'),
    resolved_at: text('resolved_at'),
    resolution_note: text('resolution_note'),
  },
  (t) => [
    check('reports_category', sql.raw(`category IN (${REPORT_CATEGORIES.map((c) => `'${c}'`).join(', ')})`)),
    check('reports_status', sql.raw(`status IN (${REPORT_STATUSES.map((c) => `'${c}'`).join(', ')})`)),
    check('reports_note', sql`${t.note} IS NULL OR length(${t.note}) <= 500`),
    index('reports_site_idx').on(t.site_id, t.status),
    index('reports_status_idx').on(t.status, t.created_at),
    index('reports_queue_idx').on(t.status, t.last_reported_at, t.id),
  ],
);

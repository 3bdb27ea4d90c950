// The State Council's holiday arrangements entered by administrators (days off and
// make-up working days of a year), over the seed in worker/core/calendar/china-holidays.json,
// and their history: one row per change with the whole arrangement before and after.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { HolidayPeriod } from '../../core/calendar/holiday-year';

export const holidayYears = sqliteTable(
  'holiday_years',
  {
    year: integer('year').primaryKey(),
    /** The notice the dates come from. */
    source: text('source').notNull(),
    periods: text('periods', { mode: 'json' }).$type<HolidayPeriod[]>().notNull(),
    version: integer('version').notNull().default(1),
    updated_at: text('updated_at').notNull(),
    updated_by: text('updated_by').notNull(),
  },
  (t) => [
    check('holiday_years_year', sql`${t.year} BETWEEN 2000 AND 2200`),
    check('holiday_years_json', sql`json_valid(${t.periods})`),
  ],
);

export const holidayYearChanges = sqliteTable(
  'holiday_year_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    /** The arrangement before ({ source, periods }); NULL when the year was first entered. */
    before: text('before'),
    after: text('after').notNull(),
  },
  (t) => [
    check(
      'holiday_year_changes_json',
      sql`json_valid(${t.after}) AND (${t.before} IS NULL OR json_valid(${t.before}))`,
    ),
    index('holiday_year_changes_year_idx').on(t.year, t.id),
  ],
);

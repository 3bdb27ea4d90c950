// The holiday arrangements administrators enter (D1 holiday_years), with their
// history, and the calendar the worker evaluates opening hours with.
import type { HolidayYear } from '../core/calendar/holiday-year';
import { activeCalendar, type HolidayCalendar, useEnteredYears } from '../core/calendar/holidays';

export interface EnteredYear extends HolidayYear {
  readonly year: number;
  readonly version: number;
  readonly updated_at: string;
  readonly updated_by: string;
}

interface Row {
  year: number;
  source: string;
  periods: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

const toEntered = (r: Row): EnteredYear => ({ ...r, periods: JSON.parse(r.periods) as EnteredYear['periods'] });

async function enteredYears(d1: D1Database): Promise<EnteredYear[]> {
  const { results } = await d1
    .prepare('SELECT year, source, periods, version, updated_at, updated_by FROM holiday_years ORDER BY year')
    .all<Row>();
  return results.map(toEntered);
}

export async function enteredYear(d1: D1Database, year: number): Promise<EnteredYear | null> {
  const row = await d1
    .prepare('SELECT year, source, periods, version, updated_at, updated_by FROM holiday_years WHERE year = ?')
    .bind(year)
    .first<Row>();
  return row ? toEntered(row) : null;
}

/** How long an isolate keeps the entered years before reading them again (writes in the same isolate apply at once). */
const CALENDAR_TTL_MS = 60_000;
let loadedAt = -Infinity;

/** Installs the entered years as the active calendar, reading D1 at most once a minute per isolate. */
export async function loadCalendar(d1: D1Database, now = Date.now()): Promise<HolidayCalendar> {
  if (now - loadedAt < CALENDAR_TTL_MS) return activeCalendar();
  const years = await enteredYears(d1);
  loadedAt = now;
  return useEnteredYears(
    Object.fromEntries(years.map((y) => [String(y.year), { source: y.source, periods: y.periods }])),
  );
}

/** Forgets the loaded years, so the next request reads them (after a write, and in tests). */
export function forgetCalendar(): void {
  loadedAt = -Infinity;
}

export class StaleYear extends Error {
  constructor(readonly current: EnteredYear | null) {
    super('the arrangement changed since it was read');
  }
}

/**
 * Enters (or replaces) a year's arrangement and its history row in one batch.
 * `version` is the version the change starts from (absent for a first entry).
 */
export async function saveYear(
  d1: D1Database,
  year: number,
  arrangement: HolidayYear,
  actor: string,
  version: number | undefined,
): Promise<EnteredYear> {
  const current = await enteredYear(d1, year);
  if ((current?.version ?? undefined) !== version) throw new StaleYear(current);
  const at = new Date().toISOString();
  const after = JSON.stringify({ source: arrangement.source, periods: arrangement.periods });
  const before = current ? JSON.stringify({ source: current.source, periods: current.periods }) : null;
  const next = (current?.version ?? 0) + 1;
  const write = current
    ? d1
        .prepare(
          'UPDATE holiday_years SET source = ?, periods = ?, version = ?, updated_at = ?, updated_by = ? WHERE year = ? AND version = ?',
        )
        .bind(arrangement.source, JSON.stringify(arrangement.periods), next, at, actor, year, current.version)
    : d1
        .prepare(
          'INSERT INTO holiday_years (year, source, periods, version, updated_at, updated_by) VALUES (?, ?, ?, 1, ?, ?)',
        )
        .bind(year, arrangement.source, JSON.stringify(arrangement.periods), at, actor);
  const [result] = await d1.batch([
    write,
    d1
      .prepare(
        'INSERT INTO holiday_year_changes (year, at, actor, before, after) SELECT ?, ?, ?, ?, ? WHERE changes() = 1',
      )
      .bind(year, at, actor, before, after),
  ]);
  if (result?.meta.changes !== 1) throw new StaleYear(await enteredYear(d1, year));
  forgetCalendar();
  return { year, ...arrangement, version: next, updated_at: at, updated_by: actor };
}

export interface YearChange {
  id: number;
  year: number;
  at: string;
  actor: string;
  before: HolidayYear | null;
  after: HolidayYear;
}

export async function yearHistory(d1: D1Database, year: number): Promise<YearChange[]> {
  const { results } = await d1
    .prepare('SELECT id, year, at, actor, before, after FROM holiday_year_changes WHERE year = ? ORDER BY id DESC')
    .bind(year)
    .all<{ id: number; year: number; at: string; actor: string; before: string | null; after: string }>();
  return results.map((r) => ({
    ...r,
    before: r.before === null ? null : JSON.parse(r.before),
    after: JSON.parse(r.after),
  }));
}

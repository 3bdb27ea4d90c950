// An administrator entering a year's State Council holiday arrangement: checked, previewed
// (a dry run) or saved with its history at the version it was based on. Answers the
// calendar to show the year from, or a refusal; routes/holiday-calendar.ts speaks HTTP.
import { type ArrangementProblem, arrangementProblems, type HolidayYear } from '../core/calendar/holiday-year';
import { HOLIDAY_YEARS, HolidayCalendar } from '../core/calendar/holidays';
import { type EnteredYear, enteredYear, loadCalendar, StaleYear, saveYear } from '../db/holiday-years';

export type EntryOutcome =
  /** The calendar with the year in it (a preview on a dry run), and the year as entered now. */
  | { ok: true; calendar: HolidayCalendar; entered: EnteredYear | null }
  | { ok: false; refusal: 'invalid'; problems: ArrangementProblem[] }
  /** The year changed since `version` was read; `current` is what is entered now. */
  | { ok: false; refusal: 'stale'; current: EnteredYear | null };

export async function enterYear(
  d1: D1Database,
  actor: string,
  year: number,
  arrangement: HolidayYear,
  version: number | undefined,
  dryRun: boolean,
): Promise<EntryOutcome> {
  const problems = arrangementProblems(year, arrangement);
  if (problems.length) return { ok: false, refusal: 'invalid', problems };
  if (dryRun) {
    const preview = new HolidayCalendar({ ...HOLIDAY_YEARS, [String(year)]: arrangement });
    return { ok: true, calendar: preview, entered: await enteredYear(d1, year) };
  }
  try {
    const saved = await saveYear(d1, year, arrangement, actor, version);
    return { ok: true, calendar: await loadCalendar(d1), entered: saved };
  } catch (e) {
    if (e instanceof StaleYear) return { ok: false, refusal: 'stale', current: e.current };
    throw e;
  }
}

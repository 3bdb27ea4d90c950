// China's public holidays and make-up working days (调休上班日), as published each
// year by the State Council. The dates live in china-holidays.json so that a new
// year's arrangement is a data change only: add `"2027": { source, periods }`.
// Dates are calendar dates in Beijing, written YYYY-MM-DD. A year missing from the
// data has no holidays or make-up days: opening hours then follow the weekdays.
import data from './china-holidays.json';

export interface HolidayPeriod {
  /** Chinese name, as in the notice (e.g. 春节). */
  readonly name: string;
  readonly en: string;
  /** First and last day off, inclusive. Every day in between is off. */
  readonly from: string;
  readonly to: string;
  /** Saturdays/Sundays that become working days for this holiday. */
  readonly workdays: readonly string[];
}

export interface HolidayYear {
  /** The State Council notice the dates come from. */
  readonly source: string;
  readonly periods: readonly HolidayPeriod[];
}

export const HOLIDAY_YEARS: Readonly<Record<string, HolidayYear>> = data;

const DAY_MS = 86_400_000;
const holidayNames = new Map<string, string>();
const makeUpWorkdays = new Set<string>();

for (const year of Object.values(HOLIDAY_YEARS)) {
  for (const period of year.periods) {
    const last = Date.parse(`${period.to}T00:00:00Z`);
    for (let t = Date.parse(`${period.from}T00:00:00Z`); t <= last; t += DAY_MS) {
      holidayNames.set(new Date(t).toISOString().slice(0, 10), period.name);
    }
    for (const day of period.workdays) makeUpWorkdays.add(day);
  }
}

/** True when `ymd` (YYYY-MM-DD, Beijing date) is a day off of a public-holiday period. */
export function isPublicHoliday(ymd: string): boolean {
  return holidayNames.has(ymd);
}

/** True when `ymd` is a weekend day that the State Council made a working day. */
export function isMakeUpWorkday(ymd: string): boolean {
  return makeUpWorkdays.has(ymd);
}

/** The holiday's Chinese name (e.g. 春节) on a day off, otherwise null. */
export function holidayName(ymd: string): string | null {
  return holidayNames.get(ymd) ?? null;
}

// China's holiday calendar as opening hours see it: for each Beijing date, whether
// it is a day off of a public holiday, a make-up working day (调休上班), and how sure
// linli is of that.
//
// A year's days come, in this order, from: the arrangement an administrator entered
// in the console (D1 `holiday_years`, installed here with `useEnteredYears`); the
// State Council arrangements shipped in china-holidays.json (the seed); or, for a
// year with neither, the statutory days computed from the law (statutory-holidays.ts),
// marked `statutory`. So the calendar never silently runs out.
import data from './china-holidays.json';
import { type CalendarKind, type HolidayPeriod, type HolidayYear, periodDays } from './holiday-year';
import { STATUTORY_FROM_YEAR, statutoryYear } from './statutory-holidays';

export type { CalendarKind, HolidayPeriod, HolidayYear } from './holiday-year';

/** The State Council arrangements shipped with linli (the seed). */
export const HOLIDAY_YEARS: Readonly<Record<string, HolidayYear>> = data;

export interface CalendarDay {
  readonly date: string;
  /** The holiday's Chinese name on a day off (e.g. 春节), otherwise null. */
  readonly holiday: string | null;
  readonly holiday_en: string | null;
  /** A weekend day made a working day. */
  readonly makeup_workday: boolean;
  /** Where the day's facts come from; null for a year linli knows nothing of (before 2025 without data). */
  readonly calendar: CalendarKind | null;
}

/** How well a year is known: an official arrangement, only the statutory days, or nothing. */
export type Coverage = CalendarKind | 'none';

interface YearDays {
  readonly calendar: CalendarKind;
  readonly arrangement: HolidayYear;
  readonly off: ReadonlyMap<string, HolidayPeriod>;
  readonly work: ReadonlySet<string>;
}

function indexYear(calendar: CalendarKind, arrangement: HolidayYear): YearDays {
  const off = new Map<string, HolidayPeriod>();
  const work = new Set<string>();
  for (const period of arrangement.periods) {
    for (const day of periodDays(period)) off.set(day, period);
    for (const day of period.workdays) work.add(day);
  }
  return { calendar, arrangement, off, work };
}

/** A holiday calendar over official arrangements by year, statutory for the rest. */
export class HolidayCalendar {
  private readonly years = new Map<number, YearDays | null>();

  constructor(private readonly official: Readonly<Record<string, HolidayYear>>) {}

  private yearOf(year: number): YearDays | null {
    let y = this.years.get(year);
    if (y === undefined) {
      const arrangement = this.official[String(year)];
      y = arrangement
        ? indexYear('official', arrangement)
        : year >= STATUTORY_FROM_YEAR
          ? indexYear('statutory', statutoryYear(year))
          : null;
      this.years.set(year, y);
    }
    return y;
  }

  /** The year's arrangement and where it comes from; null before 2025 without data. */
  arrangement(year: number): { calendar: CalendarKind; arrangement: HolidayYear } | null {
    const y = this.yearOf(year);
    return y && { calendar: y.calendar, arrangement: y.arrangement };
  }

  coverage(year: number): Coverage {
    return this.yearOf(year)?.calendar ?? 'none';
  }

  day(ymd: string): CalendarDay {
    const year = Number(ymd.slice(0, 4));
    // A period may spill into the next year (and make-up days into the previous one):
    // look at the neighbours' arrangements too.
    for (const y of [year, year - 1, year + 1]) {
      const days = this.yearOf(y);
      const period = days?.off.get(ymd);
      if (days && (period || days.work.has(ymd))) {
        return {
          date: ymd,
          holiday: period?.name ?? null,
          holiday_en: period?.en ?? null,
          makeup_workday: !period && days.work.has(ymd),
          calendar: days.calendar,
        };
      }
    }
    return {
      date: ymd,
      holiday: null,
      holiday_en: null,
      makeup_workday: false,
      calendar: this.yearOf(year)?.calendar ?? null,
    };
  }
}

/** The seed calendar: the shipped arrangements, statutory beyond them. */
export const SEED_CALENDAR = new HolidayCalendar(HOLIDAY_YEARS);

let active = SEED_CALENDAR;

/** The calendar opening hours are evaluated with (the seed until `useEnteredYears`). */
export function activeCalendar(): HolidayCalendar {
  return active;
}

/** Installs the arrangements entered by administrators over the seed (they win, year by year). */
export function useEnteredYears(entered: Readonly<Record<string, HolidayYear>>): HolidayCalendar {
  active = Object.keys(entered).length ? new HolidayCalendar({ ...HOLIDAY_YEARS, ...entered }) : SEED_CALENDAR;
  return active;
}

/** True when `ymd` (YYYY-MM-DD, Beijing date) is a day off of a public-holiday period. */
export function isPublicHoliday(ymd: string): boolean {
  return active.day(ymd).holiday !== null;
}

/** True when `ymd` is a weekend day that the State Council made a working day. */
export function isMakeUpWorkday(ymd: string): boolean {
  return active.day(ymd).makeup_workday;
}

/** The holiday's Chinese name (e.g. 春节) on a day off, otherwise null. */
export function holidayName(ymd: string): string | null {
  return active.day(ymd).holiday;
}

export interface CoverageReport {
  /** This year's and next year's coverage, in Beijing time. */
  readonly years: readonly { year: number; status: Coverage }[];
  /** From 1 November, next year's official arrangement is due: true while it is missing. */
  readonly next_year_due: boolean;
}

/** How well this year and next are known at an instant (Beijing calendar). */
export function coverageReport(calendar: HolidayCalendar, at: Date): CoverageReport {
  const beijing = new Date(at.getTime() + 8 * 3_600_000);
  const year = beijing.getUTCFullYear();
  const years = [year, year + 1].map((y) => ({ year: y, status: calendar.coverage(y) }));
  return { years, next_year_due: beijing.getUTCMonth() >= 10 && years[1]!.status !== 'official' };
}

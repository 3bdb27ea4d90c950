// Differential comparison of linli's opening hours with opening_hours.js, the
// reference implementation, used as an oracle by the tests and the bench.
//
// opening_hours.js evaluates in the runtime's local time zone; workerd's (and the
// bench's, run with TZ=UTC) is UTC, so Beijing wall-clock times are handed to it as
// UTC dates. Its Chinese holidays are not China's real calendar (no Spring Festival,
// Qingming, Dragon Boat or Mid-Autumn; 1 June counted; no make-up days), so every
// day that is a holiday or make-up day in either calendar, and the day after (for
// spans past midnight), is left out of the comparison: there linli is right by
// construction (its calendar is the State Council's, tests/core/holidays.test.ts).
import OpeningHoursJs from 'opening_hours';
import { SEED_CALENDAR } from '../../../worker/core/calendar/holidays';
import { intervalsBetween, parseOpeningHours } from '../../../worker/core/hours/opening-hours';

const BEIJING_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const NOMINATIM = { lat: 39.9042, lon: 116.4074, address: { country_code: 'cn', state: 'Beijing' } };

export interface Verdict {
  /** opening_hours.js accepts the value without warnings. */
  readonly oracleAccepts: boolean;
  readonly linliAccepts: boolean;
  /** Minutes of the compared window where the two disagree (open/unknown/closed). */
  readonly disagreeMinutes: number;
  readonly comparedMinutes: number;
  /** First instant of disagreement, Beijing wall-clock, for the failure message. */
  readonly firstDisagreement: string | null;
  readonly linliError?: string;
}

type State = 0 | 1 | 2; // closed, open, unknown

/** Wall-clock (Beijing-as-UTC) ms of change points and states from opening_hours.js. */
function oracleTimeline(oh: OpeningHoursJs, from: number, to: number): [number, number, State][] {
  return oh
    .getOpenIntervals(new Date(from), new Date(to))
    .map(([a, b, unknown]) => [a.getTime(), b.getTime(), unknown ? 2 : 1]);
}

/** Reads a timeline at increasing instants. */
function reader(timeline: readonly [number, number, State][]): (t: number) => State {
  let i = 0;
  return (t) => {
    while (i < timeline.length && timeline[i]![1] <= t) i++;
    const hit = timeline[i];
    return hit && hit[0] <= t ? hit[2] : 0;
  };
}

let oracleHolidays: Set<number> | undefined;
/** Beijing day numbers opening_hours.js takes for public holidays in China, 2024-2028. */
function oracleHolidayDays(): Set<number> {
  if (oracleHolidays) return oracleHolidays;
  const ph = new OpeningHoursJs('PH', NOMINATIM);
  oracleHolidays = new Set();
  for (const [a, b] of oracleTimeline(ph, Date.UTC(2024, 0, 1), Date.UTC(2029, 0, 1))) {
    for (let d = Math.floor(a / DAY_MS); d * DAY_MS < b; d++) oracleHolidays.add(d);
  }
  return oracleHolidays;
}

/** Whether a Beijing day is compared: neither calendar has a holiday or make-up day on it or the day before. */
export function comparable(day: number): boolean {
  const ours = (d: number) => {
    const info = SEED_CALENDAR.day(new Date(d * DAY_MS).toISOString().slice(0, 10));
    return info.holiday !== null || info.makeup_workday;
  };
  const theirs = oracleHolidayDays();
  return ![day, day - 1].some((d) => ours(d) || theirs.has(d));
}

export function oracleAccepts(value: string): boolean {
  // It reports some failures (SH without school holidays for China) on the console too.
  const error = console.error;
  console.error = () => {};
  try {
    return new OpeningHoursJs(value, NOMINATIM, 0).getWarnings().length === 0;
  } catch {
    return false;
  } finally {
    console.error = error;
  }
}

/**
 * Compares both at every `stepMinutes` instant of [fromYmd, fromYmd + days) Beijing
 * time, on comparable days only.
 */
export function compare(value: string, fromYmd: string, days: number, stepMinutes = 30): Verdict {
  const parsed = parseOpeningHours(value);
  const accepted = oracleAccepts(value);
  if (!parsed.ok || !accepted) {
    return {
      oracleAccepts: accepted,
      linliAccepts: parsed.ok,
      disagreeMinutes: 0,
      comparedMinutes: 0,
      firstDisagreement: null,
      ...(parsed.ok ? {} : { linliError: parsed.error.reason }),
    };
  }
  const wallFrom = Date.parse(`${fromYmd}T00:00:00Z`);
  const wallTo = wallFrom + days * DAY_MS;
  const theirs = oracleTimeline(new OpeningHoursJs(value, NOMINATIM, 0), wallFrom, wallTo);
  const ours: [number, number, State][] = intervalsBetween(
    parsed.hours,
    new Date(wallFrom - BEIJING_MS),
    new Date(wallTo - BEIJING_MS),
    { calendar: SEED_CALENDAR },
  ).map((i) => [i.from + BEIJING_MS, i.to + BEIJING_MS, i.state === 'open' ? 1 : 2]);
  const ourState = reader(ours);
  const theirState = reader(theirs);
  let disagree = 0;
  let compared = 0;
  let first: string | null = null;
  for (let t = wallFrom; t < wallTo; t += stepMinutes * 60_000) {
    if (!comparable(Math.floor(t / DAY_MS))) continue;
    compared += stepMinutes;
    if (ourState(t) !== theirState(t)) {
      disagree += stepMinutes;
      first ??= new Date(t).toISOString().slice(0, 16).replace('T', ' ');
    }
  }
  return {
    oracleAccepts: true,
    linliAccepts: true,
    disagreeMinutes: disagree,
    comparedMinutes: compared,
    firstDisagreement: first,
  };
}

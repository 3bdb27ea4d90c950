// The few facts of the Chinese lunisolar calendar that China's statutory holidays
// need: the Gregorian date (in Beijing) of a lunar month's day, and the day of the
// Qingming solar term. Pure; no tables, so it never runs out.
//
// Month numbering (which new moon starts 正月, leap months) comes from the runtime's
// ICU Chinese calendar (`Intl.DateTimeFormat` with `-u-ca-chinese`, present in
// workerd and Node). ICU's new-moon instants are not exact to the minute, though:
// for 2027 it puts 正月初一 on 7 February, while the new moon falls at 23:56 Beijing
// time on 6 February (so 春节 is the 6th, as the Purple Mountain Observatory's
// tables say). The day a month starts is therefore taken from Meeus' new-moon
// series (Astronomical Algorithms, ch. 49, accurate to well under a minute) and
// only the numbering from ICU.

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;
const RAD = Math.PI / 180;
/** TT − UT, about 69 s in the 2020s and drifting slowly; a minute's error is harmless here. */
const DELTA_T_MS = 70_000;

/** YYYY-MM-DD of a Beijing day number (days since 1970-01-01). */
export const ymdOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** Beijing day number of a YYYY-MM-DD date. */
export const dayOfYmd = (ymd: string) => Math.round(Date.parse(`${ymd}T00:00:00Z`) / DAY_MS);
const beijingDayOf = (ms: number) => Math.floor((ms + BEIJING_MS) / DAY_MS);
const jdeToMs = (jde: number) => (jde - 2440587.5) * DAY_MS - DELTA_T_MS;

/** Instant (ms, UT) of the k-th new moon after 2000-01-06 (Meeus 49.1 with the main periodic terms). */
function newMoonMs(k: number): number {
  const T = k / 1236.85;
  const E = 1 - 0.002516 * T - 0.0000074 * T * T;
  const M = (2.5534 + 29.1053567 * k - 0.0000014 * T * T) * RAD;
  const Mp = (201.5643 + 385.81693528 * k + 0.0107582 * T * T + 0.00001238 * T ** 3) * RAD;
  const F = (160.7108 + 390.67050284 * k - 0.0016118 * T * T - 0.00000227 * T ** 3) * RAD;
  const Om = (124.7746 - 1.56375588 * k + 0.0020672 * T * T) * RAD;
  const s = Math.sin;
  let jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T * T - 0.00000015 * T ** 3;
  jde +=
    -0.4072 * s(Mp) +
    0.17241 * E * s(M) +
    0.01608 * s(2 * Mp) +
    0.01039 * s(2 * F) +
    0.00739 * E * s(Mp - M) -
    0.00514 * E * s(Mp + M) +
    0.00208 * E * E * s(2 * M) -
    0.00111 * s(Mp - 2 * F) -
    0.00057 * s(Mp + 2 * F) +
    0.00056 * E * s(2 * Mp + M) -
    0.00042 * s(3 * Mp) +
    0.00042 * E * s(M + 2 * F) +
    0.00038 * E * s(M - 2 * F) -
    0.00024 * E * s(2 * Mp - M) -
    0.00017 * s(Om) -
    0.00007 * s(Mp + 2 * M) +
    0.00004 * s(2 * Mp - 2 * F) +
    0.00004 * s(3 * M) +
    0.00003 * s(Mp + M - 2 * F) +
    0.00003 * s(2 * Mp + 2 * F) -
    0.00003 * s(Mp + M + 2 * F) +
    0.00003 * s(Mp - M + 2 * F) -
    0.00002 * s(Mp - M - 2 * F) -
    0.00002 * s(3 * Mp + M) +
    0.00002 * s(4 * Mp);
  const planetary: [number, number, number][] = [
    [299.77, 0.107408, 0.000325],
    [251.88, 0.016321, 0.000165],
    [251.83, 26.651886, 0.000164],
    [349.42, 36.412478, 0.000126],
    [84.66, 18.206239, 0.00011],
    [141.74, 53.303771, 0.000062],
    [207.14, 2.453732, 0.00006],
    [154.84, 7.30686, 0.000056],
    [34.52, 27.261239, 0.000047],
    [207.19, 0.121824, 0.000042],
    [291.34, 1.844379, 0.00004],
    [161.72, 24.198154, 0.000037],
    [239.56, 25.513099, 0.000035],
    [331.55, 3.592518, 0.000023],
  ];
  for (const [a, b, c] of planetary) jde += c * s((a + b * k - (a === 299.77 ? 0.009173 * T * T : 0)) * RAD);
  return jdeToMs(jde);
}

/** The Beijing day of the new moon nearest to a Beijing day. */
function newMoonDayNear(day: number): number {
  const k = Math.round((day * DAY_MS - Date.UTC(2000, 0, 6, 18, 14)) / (29.530588861 * DAY_MS));
  let best = k;
  for (const c of [k - 1, k + 1]) {
    if (Math.abs(newMoonMs(c) - day * DAY_MS) < Math.abs(newMoonMs(best) - day * DAY_MS)) best = c;
  }
  return beijingDayOf(newMoonMs(best));
}

let chineseFormat: Intl.DateTimeFormat | undefined;
/** ICU's Chinese month and day of a Beijing day; `leap` for a leap month (ICU writes "4bis"). */
function icuLunarDate(day: number): { month: number; leap: boolean; day: number } {
  chineseFormat ??= new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
  const parts = chineseFormat.formatToParts(new Date(day * DAY_MS));
  const month = parts.find((p) => p.type === 'month')?.value ?? '';
  const d = parts.find((p) => p.type === 'day')?.value ?? '';
  return { month: Number.parseInt(month, 10), leap: /bis|\D$/.test(month), day: Number.parseInt(d, 10) };
}

/** Whether this runtime has a working Chinese calendar (the statutory holidays need it). */
export function hasChineseCalendar(): boolean {
  try {
    const d = icuLunarDate(dayOfYmd('2025-01-29'));
    return d.month === 1 && d.day === 1;
  } catch {
    return false;
  }
}

const lunarCache = new Map<string, string>();

/**
 * The Beijing date (YYYY-MM-DD) of day `lunarDay` of the (non-leap) lunar month
 * `month` that falls in Gregorian year `year`'s lunar year, e.g. (2027, 1, 1) → 春节.
 */
export function lunarToGregorian(year: number, month: number, lunarDay: number): string {
  const key = `${year}-${month}-${lunarDay}`;
  const hit = lunarCache.get(key);
  if (hit) return hit;
  // Lunar month m of lunar year Y starts between about 21 Jan + 29.5(m-1) − 2 days and 30 days later.
  const first = dayOfYmd(`${year}-01-19`) + Math.floor(29.5 * (month - 1));
  let start: number | undefined;
  for (let d = first; d < first + 62; d++) {
    const l = icuLunarDate(d);
    if (l.month === month && !l.leap) {
      start = d - (l.day - 1);
      break;
    }
  }
  if (start === undefined) throw new RangeError(`no lunar month ${month} found for ${year}`);
  const ymd = ymdOfDay(newMoonDayNear(start) + lunarDay - 1);
  lunarCache.set(key, ymd);
  return ymd;
}

/** The sun's apparent ecliptic longitude in degrees at an instant (Meeus ch. 25, low accuracy: 0.01°). */
function sunLongitude(ms: number): number {
  const T = ((ms + DELTA_T_MS) / DAY_MS + 2440587.5 - 2451545) / 36525;
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
  const M = (357.52911 + 35999.05029 * T - 0.0001537 * T * T) * RAD;
  const C =
    (1.914602 - 0.004817 * T - 0.000014 * T * T) * Math.sin(M) +
    (0.019993 - 0.000101 * T) * Math.sin(2 * M) +
    0.000289 * Math.sin(3 * M);
  const omega = (125.04 - 1934.136 * T) * RAD;
  const apparent = L0 + C - 0.00569 - 0.00478 * Math.sin(omega);
  return ((apparent % 360) + 360) % 360;
}

/** The Beijing date of 清明 (the sun at 15° longitude) in a year: 4 or 5 April in this era. */
export function qingmingDate(year: number): string {
  // Bisection between 1 and 10 April: the longitude grows by about 1° a day there.
  let lo = Date.UTC(year, 3, 1);
  let hi = Date.UTC(year, 3, 10);
  while (hi - lo > 60_000) {
    const mid = (lo + hi) / 2;
    if (sunLongitude(mid) < 15) lo = mid;
    else hi = mid;
  }
  return ymdOfDay(beijingDayOf(hi));
}

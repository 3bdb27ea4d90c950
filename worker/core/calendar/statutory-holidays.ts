// The statutory days off of 《全国年节及纪念日放假办法》 as amended in 2024 (in force
// from 2025), computed for any year: what linli falls back to for a year whose
// State Council arrangement (调休, the days actually off) is not yet known. Only the
// statutory days themselves are off; no make-up working days are known.
import type { HolidayYear } from './holiday-year';
import { dayOfYmd, lunarToGregorian, qingmingDate, ymdOfDay } from './lunisolar';

/** The first year the 2024 amendment's rules apply to; earlier years are not computed. */
export const STATUTORY_FROM_YEAR = 2025;

export const STATUTORY_SOURCE =
  '《全国年节及纪念日放假办法》（2024年修订）法定假日，按农历与节气推算；国务院当年安排公布前为临时';

/** The statutory days off of a year (2025 or later). */
export function statutoryYear(year: number): HolidayYear {
  if (!Number.isInteger(year) || year < STATUTORY_FROM_YEAR)
    throw new RangeError(`statutory holidays are computed from ${STATUTORY_FROM_YEAR}`);
  const y = String(year);
  const springFestival = lunarToGregorian(year, 1, 1);
  const eve = ymdOfDay(dayOfYmd(springFestival) - 1); // 除夕, the last day of the old year
  const one = (name: string, en: string, day: string) => ({ name, en, from: day, to: day, workdays: [] });
  return {
    source: STATUTORY_SOURCE,
    periods: [
      one('元旦', "New Year's Day", `${y}-01-01`),
      { name: '春节', en: 'Spring Festival', from: eve, to: ymdOfDay(dayOfYmd(springFestival) + 2), workdays: [] },
      one('清明节', 'Qingming Festival', qingmingDate(year)),
      { name: '劳动节', en: 'Labour Day', from: `${y}-05-01`, to: `${y}-05-02`, workdays: [] },
      one('端午节', 'Dragon Boat Festival', lunarToGregorian(year, 5, 5)),
      one('中秋节', 'Mid-Autumn Festival', lunarToGregorian(year, 8, 15)),
      { name: '国庆节', en: 'National Day', from: `${y}-10-01`, to: `${y}-10-03`, workdays: [] },
    ],
  };
}

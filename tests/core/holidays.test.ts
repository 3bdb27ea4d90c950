// China's holiday calendar: official arrangements where known, the statutory days
// computed from the law for other years, and how far the calendar reaches.
import { describe, expect, it } from 'vitest';
import { arrangementProblems } from '../../worker/core/calendar/holiday-year';
import { coverageReport, HOLIDAY_YEARS, HolidayCalendar, SEED_CALENDAR } from '../../worker/core/calendar/holidays';
import { hasChineseCalendar, lunarToGregorian, qingmingDate } from '../../worker/core/calendar/lunisolar';
import { statutoryYear } from '../../worker/core/calendar/statutory-holidays';
import { openState, parseOpeningHours } from '../../worker/core/hours/opening-hours';

const office = (() => {
  const p = parseOpeningHours('Mo-Fr 08:00-18:00; PH off');
  if (!p.ok) throw new Error(p.error.reason);
  return p.hours;
})();

describe('the current year', () => {
  it("has the State Council's arrangement in the shipped data (this fails on 1 January when nobody added the new year)", () => {
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect(Object.keys(HOLIDAY_YEARS)).toContain(String(year));
    expect(SEED_CALENDAR.coverage(year)).toBe('official');
  });
});

describe('the lunisolar calendar in workerd', () => {
  it('has a Chinese calendar through Intl', () => {
    expect(hasChineseCalendar()).toBe(true);
  });

  it.each([
    [2023, '2023-01-22', '2023-04-05', '2023-06-22', '2023-09-29'],
    [2024, '2024-02-10', '2024-04-04', '2024-06-10', '2024-09-17'],
    [2025, '2025-01-29', '2025-04-04', '2025-05-31', '2025-10-06'],
    [2026, '2026-02-17', '2026-04-05', '2026-06-19', '2026-09-25'],
    // ICU's Chinese calendar says 7 February; the new moon is at 23:56 on the 6th, Beijing time.
    [2027, '2027-02-06', '2027-04-05', '2027-06-09', '2027-09-15'],
    [2028, '2028-01-26', '2028-04-04', '2028-05-28', '2028-10-03'],
  ])(
    'puts %i Spring Festival, Qingming, Dragon Boat and Mid-Autumn on the published dates',
    (year, spring, qingming, dragon, moon) => {
      expect(lunarToGregorian(year, 1, 1)).toBe(spring);
      expect(qingmingDate(year)).toBe(qingming);
      expect(lunarToGregorian(year, 5, 5)).toBe(dragon);
      expect(lunarToGregorian(year, 8, 15)).toBe(moon);
    },
  );
});

describe('a year without the official arrangement (2027)', () => {
  it('has the statutory days off of the 2024 rules, marked statutory, with no make-up days', () => {
    const days = statutoryYear(2027).periods.map((p) => [p.name, p.from, p.to]);
    expect(days).toEqual([
      ['元旦', '2027-01-01', '2027-01-01'],
      ['春节', '2027-02-05', '2027-02-08'],
      ['清明节', '2027-04-05', '2027-04-05'],
      ['劳动节', '2027-05-01', '2027-05-02'],
      ['端午节', '2027-06-09', '2027-06-09'],
      ['中秋节', '2027-09-15', '2027-09-15'],
      ['国庆节', '2027-10-01', '2027-10-03'],
    ]);
    expect(SEED_CALENDAR.day('2027-02-05')).toMatchObject({
      holiday: '春节',
      calendar: 'statutory',
      makeup_workday: false,
    });
    expect(SEED_CALENDAR.day('2027-03-10')).toMatchObject({ holiday: null, calendar: 'statutory' });
    expect(SEED_CALENDAR.coverage(2027)).toBe('statutory');
  });

  it('keeps a Mo-Fr 08:00-18:00; PH off office closed on New Year 2027, Spring Festival and National Day', () => {
    // 2026-12-31 19:00 Beijing: the next opening is Monday 4 January, not New Year's Day.
    expect(openState(office, new Date('2026-12-31T11:00:00Z'))).toMatchObject({
      open: false,
      next_change: '2027-01-04T08:00:00+08:00',
    });
    expect(openState(office, new Date('2027-01-01T02:00:00Z')).open).toBe(false);
    expect(openState(office, new Date('2027-02-08T02:00:00Z')).open).toBe(false); // Monday, 初三
    expect(openState(office, new Date('2027-02-09T02:00:00Z')).open).toBe(true);
    expect(openState(office, new Date('2027-10-01T02:00:00Z')).open).toBe(false);
  });

  it('is replaced by an entered arrangement, make-up days included', () => {
    const entered = new HolidayCalendar({
      ...HOLIDAY_YEARS,
      2027: {
        source: '国务院办公厅关于2027年部分节假日安排的通知',
        periods: [
          { name: '春节', en: 'Spring Festival', from: '2027-02-05', to: '2027-02-12', workdays: ['2027-02-20'] },
        ],
      },
    });
    expect(entered.coverage(2027)).toBe('official');
    expect(entered.day('2027-02-11')).toMatchObject({ holiday: '春节', calendar: 'official' });
    expect(entered.day('2027-01-01')).toMatchObject({ holiday: null, calendar: 'official' });
    expect(openState(office, new Date('2027-02-11T02:00:00Z'), { calendar: entered }).open).toBe(false);
    // Saturday 20 February is a make-up working day: the office follows the workday calendar.
    expect(openState(office, new Date('2027-02-20T02:00:00Z'), { calendar: entered, makeupWorkdays: true }).open).toBe(
      true,
    );
    expect(openState(office, new Date('2027-02-20T02:00:00Z'), { calendar: entered }).open).toBe(false);
  });
});

describe('coverageReport', () => {
  it("says from 1 November that next year's arrangement is due while it is only statutory", () => {
    expect(coverageReport(SEED_CALENDAR, new Date('2026-10-31T15:59:00Z'))).toEqual({
      years: [
        { year: 2026, status: 'official' },
        { year: 2027, status: 'statutory' },
      ],
      next_year_due: false,
    });
    expect(coverageReport(SEED_CALENDAR, new Date('2026-10-31T16:00:00Z')).next_year_due).toBe(true); // 1 Nov 00:00 Beijing
    expect(coverageReport(SEED_CALENDAR, new Date('2025-11-20T00:00:00Z')).next_year_due).toBe(false); // 2026 is shipped
  });
});

describe('arrangementProblems', () => {
  const ok = {
    source: '国务院办公厅通知',
    periods: [{ name: '春节', en: '', from: '2027-02-05', to: '2027-02-12', workdays: ['2027-02-20'] }],
  };

  it('accepts a sound arrangement', () => {
    expect(arrangementProblems(2027, ok)).toEqual([]);
  });

  it('names dates outside the year, contradictions and weekday make-up days', () => {
    const bad = {
      source: 'x',
      periods: [
        { name: '春节', en: '', from: '2028-02-05', to: '2028-02-06', workdays: [] },
        { name: '国庆', en: '', from: '2027-10-01', to: '2027-10-07', workdays: ['2027-10-02', '2027-09-29'] },
        { name: '中秋', en: '', from: '2027-10-05', to: '2027-10-04', workdays: [] },
      ],
    };
    const names = arrangementProblems(2027, bad).map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'periods[0].from',
        'periods[0].to',
        'periods[1].workdays[1]',
        'periods[1].workdays',
        'periods[2].to',
      ]),
    );
  });
});

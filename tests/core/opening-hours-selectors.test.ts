// The selectors and rule order of the OSM specification, as Beijing sites use them,
// and the plain reading and warnings the console shows.
import { describe, expect, it } from 'vitest';
import { type OpeningHours, openState, parseOpeningHours } from '../../worker/core/hours/opening-hours';
import { readingOf } from '../../worker/core/hours/opening-hours-reading';
import { hoursWarnings } from '../../worker/core/hours/opening-hours-warnings';

function hours(text: string): OpeningHours {
  const parsed = parseOpeningHours(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.reason}`);
  return parsed.hours;
}
const at = (text: string, iso: string) => openState(hours(text), new Date(iso));

describe('selectors', () => {
  const park = 'Apr-Oct 06:00-21:00; Nov-Mar 06:30-20:00';

  it("keeps a park's summer and winter hours by month", () => {
    expect(at(park, '2026-06-10T12:30:00Z')).toMatchObject({ open: true, today: '06:00-21:00' }); // 20:30 in June
    expect(at(park, '2026-12-10T12:30:00Z')).toMatchObject({ open: false, today: '06:30-20:00' }); // 20:30 in December
    // The switch on 1 November: 31 October closes at 21:00, 1 November opens at 06:30.
    expect(at(park, '2026-10-31T13:30:00Z').next_change).toBe('2026-11-01T06:30:00+08:00');
  });

  it('reads date ranges with days, and the error an early linli gave for them is gone', () => {
    expect(at('Apr 01-Oct 31 06:00-21:00; Nov 01-Mar 31 06:30-20:00', '2026-04-01T00:00:00Z').today).toBe(
      '06:00-21:00',
    );
  });

  it('opens on the nth weekday of the month only', () => {
    expect(at('Sa[1] 09:00-12:00', '2026-12-05T02:00:00Z').open).toBe(true); // first Saturday
    expect(at('Sa[1] 09:00-12:00', '2026-12-12T02:00:00Z').open).toBe(false);
    expect(at('Fr[-1] 09:00-12:00', '2026-12-25T02:00:00Z').open).toBe(true); // last Friday
  });

  it('reads open ends and comments as unknown, not open', () => {
    expect(at('Mo-Su 09:00+', '2026-12-10T04:00:00Z')).toMatchObject({ open: false, unknown: true });
    expect(at('Mo-Fr 08:00-18:00 "午休请电话预约"', '2026-12-10T04:00:00Z')).toMatchObject({
      open: false,
      unknown: true,
      comment: '午休请电话预约',
    });
  });

  it('adds an additional rule to the day and fills gaps with a fallback', () => {
    expect(at('Mo-Fr 08:00-12:00, We 14:00-16:00', '2026-12-09T07:00:00Z').open).toBe(true); // Wednesday 15:00
    expect(at('Mo-Fr 09:00-17:00 || "需电话预约"', '2026-12-12T02:00:00Z')).toMatchObject({
      open: false,
      unknown: true,
    });
  });

  it('lets a later rule for the next day cut an overnight span at midnight, as the specification orders rules', () => {
    // Monday night 22:00-02:00; a Tuesday rule replaces all of Tuesday, 00:00-02:00 included.
    expect(at('Mo 22:00-02:00; Tu 10:00-12:00', '2026-12-07T17:00:00Z').open).toBe(false); // Tuesday 01:00
    expect(at('Mo 22:00-02:00, Tu 10:00-12:00', '2026-12-07T17:00:00Z').open).toBe(true);
  });
});

describe('readingOf', () => {
  it.each([
    [
      'Mo-Fr 08:00-20:00; PH off',
      '周一至周五 8:00–20:00；法定节假日休息',
      'Mon–Fri 8:00–20:00; public holidays closed',
    ],
    ['24/7', '全天24小时开放', 'open 24 hours, every day'],
    [
      'Apr-Oct 06:00-21:00; Nov-Mar 06:30-20:00',
      '4月至10月 6:00–21:00；11月至3月 6:30–20:00',
      'Apr–Oct 6:00–21:00; Nov–Mar 6:30–20:00',
    ],
    ['Tu-Su 09:00-17:00; Mo off', '周二至周日 9:00–17:00；周一休息', 'Tue–Sun 9:00–17:00; Mon closed'],
    ['Mo-Su 18:00-02:00', '周一至周日 18:00–次日2:00', 'Mon–Sun 18:00–2:00 next day'],
    ['Sa[1] 09:00-12:00', '每月第1个周六 9:00–12:00', '1st Sat of the month 9:00–12:00'],
  ])('reads %j in plain words', (text, zh, en) => {
    expect(readingOf(hours(text))).toEqual({ zh, en });
  });
});

describe('hoursWarnings', () => {
  it('flags PH off written first, with the rules reordered as the fix', () => {
    const [w] = hoursWarnings(hours('PH off; Mo-Fr 08:00-18:00'));
    expect(w).toMatchObject({ code: 'ph_overridden', fix: 'Mo-Fr 08:00-18:00; PH off' });
    expect(hoursWarnings(hours(w!.fix))).toEqual([]);
  });

  it('flags two rules for the same days, with their hours merged as the fix', () => {
    const [w] = hoursWarnings(hours('Mo-Fr 08:00-12:00; Mo-Fr 14:00-18:00'));
    expect(w).toMatchObject({ code: 'same_days_overridden', position: 19, fix: 'Mo-Fr 08:00-12:00,14:00-18:00' });
  });

  it('flags a next-day rule cutting an overnight span, with an additional rule as the fix', () => {
    const [w] = hoursWarnings(hours('Mo 22:00-02:00; Tu 10:00-12:00'));
    expect(w).toMatchObject({ code: 'overnight_cut', fix: 'Mo 22:00-02:00, Tu 10:00-12:00' });
  });

  it('says nothing about an exception for fewer days, the usual way to write one', () => {
    expect(hoursWarnings(hours('Mo-Fr 08:00-18:00; We 08:00-12:00; PH off'))).toEqual([]);
  });
});

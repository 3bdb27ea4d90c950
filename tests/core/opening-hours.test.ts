// Opening hours evaluated in Beijing time. These run in workerd, whose clock is UTC,
// as in production: every instant below is written in UTC with its Beijing reading.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_YEARS, holidayName, isMakeUpWorkday, isPublicHoliday } from '../../worker/core/calendar/holidays';
import { type OpeningHours, openState, openStateOf, parseOpeningHours } from '../../worker/core/hours/opening-hours';

function hours(text: string): OpeningHours {
  const parsed = parseOpeningHours(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.reason}`);
  return parsed.hours;
}

const stateAt = (text: string, iso: string) => openState(hours(text), new Date(iso));
/** A site that follows the official workday calendar (an office, an elder-care centre). */
const followerAt = (text: string, iso: string) => openState(hours(text), new Date(iso), { makeupWorkdays: true });

describe('parseOpeningHours', () => {
  it.each([
    ['Mo-Fr 08:00-18:00 Jan', /write months before weekdays/, 18],
    ['Mo-Fr sunrise-sunset', /sunrise/, 6],
    ['Mo-Fr 08:00-49:00', /'49:00' is not a time of day/, 12],
    ['Mo-Fr 10:00-16:00/01:30', /repeating points in time/, 17],
    ['Mo-Fr', /needs hours or 'off'/, 5],
    ['Mo-Fr 8-18', /write hours with minutes, e.g. 8:00-18:00/, 6],
    ['Mo-Fr 08', /expected a time as HH:MM, found '08'/, 6],
    ['Mo-Fr 08:00-49:30', /'49:30' is not a time of day/, 12],
    ['SH off', /school holidays/, 0],
    ['周一至周五 08:00-18:00', /write days as Mo Tu We Th Fr Sa Su/, 0],
    ['Mo-Fr 08:00-18:00 | "by appointment"', /fallback rule with '\|\|'/, 18],
    ['  ;  ', /no opening hours/, 0],
    ['Mo-Fr 08:00-18:00 Sa 09:00-12:00', /separate rules with ';'/, 18],
    ['Apr 01-Oct 31 06:00-21:00 "unclosed', /comment opened with " is not closed/, 26],
    ['Mo-Fr 24/7', /must stand alone/, 6],
  ])('rejects %j saying why and where', (text, reason, position) => {
    const parsed = parseOpeningHours(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.reason).toMatch(reason);
    expect(parsed.error.position).toBe(position);
  });

  it('accepts full-width colons, dashes and commas typed with a Chinese input method', () => {
    const parsed = parseOpeningHours('Mo-Fr 08：00－12：00，14：00－18：00；PH off');
    expect(parsed.ok && parsed.hours.text).toBe('Mo-Fr 08:00-12:00,14:00-18:00; PH off');
    expect(stateAt('08：00－18：00', '2026-03-10T02:00:00Z')).toEqual(stateAt('08:00-18:00', '2026-03-10T02:00:00Z'));
  });

  it('tolerates extra spaces, lower case and a trailing semicolon', () => {
    const parsed = parseOpeningHours('  mo-fr   08:00 - 18:00 ;  ph  closed ; ');
    expect(parsed.ok && parsed.hours.text).toBe('Mo-Fr 08:00-18:00; PH off');
  });

  it('writes wrap-around day ranges and times past midnight canonically', () => {
    const parsed = parseOpeningHours('Fr-Mo 22:00-06:00; Tu,Th 09:00-24:00');
    expect(parsed.ok && parsed.hours.text).toBe('Mo,Fr-Su 22:00-06:00; Tu,Th 09:00-24:00');
  });
});

describe('openState around the clock', () => {
  it('is open 24/7 with no change ahead and shows the whole day', () => {
    for (const iso of ['2026-03-10T15:59:59Z', '2026-02-16T04:00:00Z', '2026-10-01T00:00:00Z']) {
      expect(stateAt('24/7', iso)).toEqual({ open: true, next_change: null, today: '00:00-24:00' });
      expect(stateAt('Mo-Su 00:00-24:00', iso)).toEqual({ open: true, next_change: null, today: '00:00-24:00' });
    }
  });

  it('is never open when every day is off', () => {
    expect(stateAt('off', '2026-03-10T02:00:00Z')).toEqual({ open: false, next_change: null, today: 'off' });
  });

  it('turns the day at Beijing midnight, not UTC midnight', () => {
    // 15:59:59Z is Tuesday 23:59:59 in Beijing; 16:00:00Z is already Wednesday.
    expect(stateAt('Mo-Fr 08:00-18:00', '2026-03-10T15:59:59Z')).toEqual({
      open: false,
      next_change: '2026-03-11T08:00:00+08:00',
      today: '08:00-18:00',
    });
    expect(stateAt('Mo-Fr 08:00-18:00', '2026-03-11T00:00:00Z')).toEqual({
      open: true,
      next_change: '2026-03-11T18:00:00+08:00',
      today: '08:00-18:00',
    });
    // Friday 16:30Z is Saturday 00:30 in Beijing: the weekend has begun.
    expect(stateAt('Mo-Fr 08:00-18:00', '2026-03-13T16:30:00Z')).toMatchObject({ open: false, today: 'off' });
  });

  it('keeps an overnight range open past midnight into the next day', () => {
    expect(stateAt('Tu 22:00-06:00', '2026-03-10T15:59:59Z')).toEqual({
      open: true,
      next_change: '2026-03-11T06:00:00+08:00',
      today: '22:00-06:00',
    });
    // Wednesday 00:00 Beijing: still Tuesday night's opening; Wednesday's own hours are off.
    expect(stateAt('Tu 22:00-06:00', '2026-03-10T16:00:00Z')).toEqual({
      open: true,
      next_change: '2026-03-11T06:00:00+08:00',
      today: 'off',
    });
    expect(stateAt('Tu 22:00-06:00', '2026-03-10T22:00:00Z')).toEqual({
      open: false,
      next_change: '2026-03-17T22:00:00+08:00',
      today: 'off',
    });
  });

  it('closes between the morning and afternoon ranges', () => {
    expect(stateAt('08:00-12:00,14:00-18:00', '2026-03-10T04:30:00Z')).toEqual({
      open: false,
      next_change: '2026-03-10T14:00:00+08:00',
      today: '08:00-12:00,14:00-18:00',
    });
  });

  it('finds the next opening across a weekend', () => {
    // Friday 18:00 Beijing: closed until Monday 08:00.
    expect(stateAt('Mo-Fr 08:00-18:00', '2026-03-13T10:00:00Z')).toEqual({
      open: false,
      next_change: '2026-03-16T08:00:00+08:00',
      today: '08:00-18:00',
    });
  });

  it('opens only on the listed days of a day list', () => {
    expect(stateAt('Mo,We,Fr 09:00-17:00', '2026-03-10T03:00:00Z')).toEqual({
      open: false,
      next_change: '2026-03-11T09:00:00+08:00',
      today: 'off',
    });
  });

  it('closes at midnight for an evening range ending at 24:00', () => {
    expect(stateAt('18:00-24:00', '2026-03-10T15:00:00Z')).toEqual({
      open: true,
      next_change: '2026-03-11T00:00:00+08:00',
      today: '18:00-24:00',
    });
  });

  it('wraps a day range over the end of the week', () => {
    expect(stateAt('Fr-Mo 10:00-16:00', '2026-03-15T03:00:00Z').open).toBe(true); // Sunday 11:00
    expect(stateAt('Fr-Mo 10:00-16:00', '2026-03-16T03:00:00Z').open).toBe(true); // Monday 11:00
    expect(stateAt('Fr-Mo 10:00-16:00', '2026-03-11T03:00:00Z')).toEqual({
      open: false,
      next_change: '2026-03-13T10:00:00+08:00',
      today: 'off',
    });
  });

  it('lets a later rule replace earlier ones on the days it names', () => {
    expect(stateAt('Mo-Su 08:00-20:00; We 10:00-12:00', '2026-03-11T01:00:00Z')).toEqual({
      open: false,
      next_change: '2026-03-11T10:00:00+08:00',
      today: '10:00-12:00',
    });
    expect(stateAt('Mo-Su 08:00-20:00; We 10:00-12:00', '2026-03-12T01:00:00Z').open).toBe(true);
    expect(stateAt('Mo-Fr 08:00-18:00; We off', '2026-03-11T03:00:00Z')).toMatchObject({ open: false, today: 'off' });
  });
});

describe('openState on public holidays and make-up working days', () => {
  it('stays closed through Spring Festival 2026 and reopens on the first working day', () => {
    // Monday 2026-02-16 10:00 Beijing, inside the Feb 15–23 holiday.
    expect(stateAt('Mo-Fr 08:00-18:00; PH off', '2026-02-16T02:00:00Z')).toEqual({
      open: false,
      next_change: '2026-02-24T08:00:00+08:00',
      today: 'off',
    });
  });

  it('follows the weekday rules on a holiday when the text has no PH rule', () => {
    expect(stateAt('Mo-Fr 08:00-18:00', '2026-02-16T02:00:00Z').open).toBe(true);
  });

  it('opens on make-up working Saturdays for a site that follows the workday calendar', () => {
    for (const day of ['2026-02-14', '2026-02-28']) {
      expect(followerAt('Mo-Fr 08:00-18:00; Sa-Su off', `${day}T02:00:00Z`)).toEqual({
        open: true,
        next_change: `${day}T18:00:00+08:00`,
        today: '08:00-18:00',
      });
    }
    // Friday evening before the make-up Saturday: the next opening is the next morning.
    expect(followerAt('Mo-Fr 08:00-18:00; PH off', '2026-02-13T12:00:00Z').next_change).toBe(
      '2026-02-14T08:00:00+08:00',
    );
  });

  it('keeps a make-up Saturday a Saturday for a site that does not follow the workday calendar', () => {
    expect(stateAt('Mo-Fr 08:00-18:00; Sa-Su off', '2026-02-14T02:00:00Z')).toMatchObject({
      open: false,
      today: 'off',
    });
    // A park with its own Saturday hours keeps them on a make-up Saturday.
    expect(stateAt('Mo-Fr 06:00-21:00; Sa 05:30-22:00', '2026-02-28T13:30:00Z')).toMatchObject({
      open: true,
      today: '05:30-22:00',
    });
  });

  it("gives a make-up working day Friday's hours at a site that follows the workday calendar", () => {
    expect(followerAt('Mo-Th 08:00-18:00; Fr 08:00-12:00', '2026-02-28T05:00:00Z')).toMatchObject({
      open: false,
      today: '08:00-12:00',
    });
    expect(followerAt('Sa 09:00-12:00', '2026-02-28T02:00:00Z')).toMatchObject({ open: false, today: 'off' });
  });

  it('uses PH hours on holidays and normal hours after them', () => {
    const text = 'Mo-Su 08:00-20:00; PH 09:00-12:00';
    expect(stateAt(text, '2026-10-01T02:00:00Z')).toEqual({
      open: true,
      next_change: '2026-10-01T12:00:00+08:00',
      today: '09:00-12:00',
    });
    expect(stateAt(text, '2026-10-01T05:00:00Z').next_change).toBe('2026-10-02T09:00:00+08:00');
    // Oct 7 is the last day off; Oct 8 has normal hours.
    expect(stateAt(text, '2026-10-07T05:00:00Z').next_change).toBe('2026-10-08T08:00:00+08:00');
    expect(stateAt(text, '2026-10-08T05:00:00Z')).toMatchObject({ open: true, today: '08:00-20:00' });
  });

  it('lets weekday rules written after PH off win on a holiday, as the specification orders rules', () => {
    expect(stateAt('PH off; Mo-Fr 08:00-18:00', '2026-02-16T02:00:00Z').open).toBe(true);
    expect(stateAt('08:00-20:00; PH off', '2026-01-01T02:00:00Z').open).toBe(false);
  });
});

describe('openStateOf', () => {
  it('is null for unknown or invalid hours and a state for valid text', () => {
    const at = new Date('2026-03-10T02:00:00Z');
    expect(openStateOf(null, at)).toBeNull();
    expect(openStateOf('sunrise-sunset', at)).toBeNull();
    expect(openStateOf('Mo-Fr 08:00-18:00', at)).toEqual({
      open: true,
      next_change: '2026-03-10T18:00:00+08:00',
      today: '08:00-18:00',
    });
  });
});

describe('China holiday data', () => {
  it("holds the State Council's 2025 and 2026 arrangements with their notices", () => {
    expect(Object.keys(HOLIDAY_YEARS)).toEqual(expect.arrayContaining(['2025', '2026']));
    for (const [year, data] of Object.entries(HOLIDAY_YEARS)) {
      expect(data.source).toContain(`国务院办公厅关于${year}年部分节假日安排的通知`);
    }
    expect(holidayName('2025-01-28')).toBe('春节');
    expect(isPublicHoliday('2025-02-04') && isPublicHoliday('2025-10-08')).toBe(true);
    expect(isPublicHoliday('2025-02-05')).toBe(false);
    expect(
      ['2025-01-26', '2025-02-08', '2025-09-28', '2025-10-11', '2026-02-14', '2026-02-28'].every(isMakeUpWorkday),
    ).toBe(true);
    expect(isMakeUpWorkday('2026-02-21')).toBe(false);
  });

  it('makes only weekend days into working days, never a day off, and keeps each year to its own dates', () => {
    for (const [year, data] of Object.entries(HOLIDAY_YEARS)) {
      for (const period of data.periods) {
        expect(period.from <= period.to).toBe(true);
        expect(period.from.startsWith(year) && period.to.startsWith(year)).toBe(true);
        for (const day of period.workdays) {
          expect([0, 6]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
          expect(isPublicHoliday(day)).toBe(false);
        }
      }
    }
  });
});

// ---------- properties over generated opening hours ----------

const DAY_CODES = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const dayItem = fc.oneof(
  fc.constant('PH'),
  fc.constantFrom(...DAY_CODES),
  fc.tuple(fc.constantFrom(...DAY_CODES), fc.constantFrom(...DAY_CODES)).map(([a, b]) => `${a}-${b}`),
);
const range = fc
  .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1440 }))
  .filter(([from, to]) => from !== to && !(from === 0 && to === 0))
  .map(([from, to]) => `${clock(from)}-${clock(to)}`);
const rule = fc.oneof(
  { weight: 1, arbitrary: fc.constant('24/7') },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.option(fc.array(dayItem, { minLength: 1, maxLength: 3 }), { nil: undefined }),
        fc.oneof(
          fc.constant('off'),
          fc.array(range, { minLength: 1, maxLength: 3 }).map((r) => r.join(',')),
        ),
      )
      .map(([days, times]) => (days ? `${days.join(',')} ${times}` : times)),
  },
);
const openingText = fc.array(rule, { minLength: 1, maxLength: 4 }).map((rules) => rules.join('; '));
// Instants from just before 2025 to just after 2026, on whole seconds as callers pass them.
const instant = fc
  .integer({ min: Date.parse('2024-12-20T00:00:00Z') / 1000, max: Date.parse('2027-01-10T00:00:00Z') / 1000 })
  .map((s) => new Date(s * 1000));

describe('opening-hours properties', () => {
  it('generated texts parse, and their canonical text means the same', () => {
    fc.assert(
      fc.property(openingText, instant, (text, at) => {
        const parsed = hours(text);
        expect(hours(parsed.text).text).toBe(parsed.text);
        expect(openState(hours(parsed.text), at)).toEqual(openState(parsed, at));
      }),
    );
  });

  it('keeps its state until next_change and flips exactly there', () => {
    fc.assert(
      fc.property(openingText, instant, fc.double({ min: 0, max: 1, noNaN: true }), (text, at, fraction) => {
        const h = hours(text);
        const state = openState(h, at);
        if (state.next_change === null) {
          // No change within 8 days: any instant in that window has the same state.
          const later = new Date(at.getTime() + Math.floor(fraction * 8 * 86_400_000));
          expect(openState(h, later).open).toBe(state.open);
          return;
        }
        expect(state.next_change).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00$/);
        const change = Date.parse(state.next_change);
        expect(change).toBeGreaterThan(at.getTime());
        expect(change).toBeLessThanOrEqual(at.getTime() + 8 * 86_400_000);
        const between = new Date(at.getTime() + Math.floor(fraction * (change - 1 - at.getTime())));
        expect(openState(h, between).open).toBe(state.open);
        expect(openState(h, new Date(change - 1)).open).toBe(state.open);
        expect(openState(h, new Date(change)).open).toBe(!state.open);
      }),
      { numRuns: 300 },
    );
  });
});

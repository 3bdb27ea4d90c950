// opening_hours.js, the reference implementation of OSM `opening_hours`, as the
// oracle: linli accepts what it accepts without warnings (except the selectors linli
// decides not to support, listed below with why) and gives the same state at every
// half hour, away from the days where China's real calendar and the oracle's differ
// (tests/worker/oracle/compare.ts says which and why).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOpeningHours } from '../../worker/core/hours/opening-hours';
import china from './fixtures/opening-hours-china.json';
import suite from './fixtures/opening-hours-js-values.json';
import { compare, oracleAccepts } from './oracle/compare';

/** Selectors linli does not support, and why (the README says the same). */
const NOT_SUPPORTED: [RegExp, string][] = [
  [
    /sunrise|sunset|dawn|dusk/i,
    'solar times: they need a solar model per site position; no linli site keeps such hours',
  ],
  [/easter/i, 'movable feasts of the Christian calendar: not Chinese usage'],
  [/[+-]\s*\d+\s*days?\b/i, 'date offsets (Sa[-1] +3 days): not Chinese usage'],
  [/\d\/\d+\s*:?\s*\d\d:/, 'day-of-month steps (Jan 01-31/8)'],
  [/[A-Z][a-z]{2} [A-Z][a-z][[-]/, 'dates given by a weekday of a month (Jan Su[-2]-Jan Su[-1])'],
  [/; (We )?"[^"]*"( We)? \d/, 'a comment written before the hours it belongs to'],
];
const reasonNotSupported = (value: string) => NOT_SUPPORTED.find(([re]) => re.test(value))?.[1];

// Two windows: spring 2025 and summer 2026 (with the holidays cut out by compare()).
const WINDOWS: [string, number][] = [
  ['2025-03-03', 28],
  ['2026-06-01', 35],
];

function checkValues(values: readonly string[]) {
  const counts = { values: values.length, oracle: 0, linli: 0, both: 0, agree: 0, instants: 0, disagreeing: 0 };
  const missing: string[] = [];
  const disagreements: string[] = [];
  for (const value of values) {
    const accepted = oracleAccepts(value);
    const ours = parseOpeningHours(value).ok;
    if (accepted) counts.oracle++;
    if (ours) counts.linli++;
    if (accepted && !ours && !reasonNotSupported(value)) missing.push(value);
    if (!accepted || !ours) continue;
    counts.both++;
    let agree = true;
    for (const [from, days] of WINDOWS) {
      const v = compare(value, from, days, 30);
      counts.instants += v.comparedMinutes / 30;
      counts.disagreeing += v.disagreeMinutes / 30;
      if (v.disagreeMinutes > 0) {
        agree = false;
        disagreements.push(`${value} (from ${v.firstDisagreement})`);
      }
    }
    if (agree) counts.agree++;
  }
  return { counts, missing, disagreements };
}

describe('linli against opening_hours.js', { timeout: 60_000 }, () => {
  it("accepts every value of opening_hours.js's own test suite that it accepts without warnings, and agrees on each at every half hour", () => {
    const { counts, missing, disagreements } = checkValues(suite.values);
    console.info('opening_hours.js test-suite values', counts);
    expect(missing).toEqual([]);
    expect(disagreements).toEqual([]);
    expect(counts.both).toBeGreaterThan(180);
  });

  it('accepts and agrees on the hours Beijing sites post', () => {
    const { counts, missing, disagreements } = checkValues(china.values);
    console.info('hours typical of Chinese sites', counts);
    expect(missing).toEqual([]);
    expect(disagreements).toEqual([]);
    expect(counts.linli).toBe(china.values.length);
  });

  it('agrees on generated values', () => {
    const day = fc.constantFrom('Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su');
    const days = fc.oneof(
      day,
      fc.tuple(day, day).map(([a, b]) => `${a}-${b}`),
      fc.tuple(day, fc.integer({ min: 1, max: 4 })).map(([d, n]) => `${d}[${n}]`),
      fc.constant('Sa,Su'),
      fc.tuple(day, day).map(([a, b]) => `${a},${b}`),
    );
    const month = fc.constantFrom('Jan', 'Mar', 'Apr', 'Jun', 'Jul', 'Oct', 'Nov', 'Dec');
    const months = fc.oneof(
      month,
      fc.tuple(month, month).map(([a, b]) => `${a}-${b}`),
      fc
        .tuple(month, fc.integer({ min: 1, max: 28 }), month, fc.integer({ min: 1, max: 28 }))
        .map(([a, d, b, e]) => `${a} ${String(d).padStart(2, '0')}-${b} ${String(e).padStart(2, '0')}`),
    );
    const clock = fc
      .integer({ min: 0, max: 47 })
      .map((h) => `${String(Math.floor(h / 2)).padStart(2, '0')}:${h % 2 ? '30' : '00'}`);
    const range = fc
      .tuple(clock, clock)
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => `${a}-${b}`);
    const times = fc.array(range, { minLength: 1, maxLength: 2 }).map((r) => r.join(','));
    // Closed hours are breaks within a day (12:00-13:00 off), as writers use them.
    const sameDay = fc
      .tuple(clock, clock)
      .filter(([a, b]) => a < b)
      .map(([a, b]) => `${a}-${b}`);
    const body = fc.oneof(
      times,
      fc.constant('off'),
      sameDay.map((t) => `${t} off`),
      times.map((t) => `${t} unknown`),
    );
    const rule = fc
      .tuple(fc.option(months, { nil: undefined }), fc.option(days, { nil: undefined }), body)
      .map(([m, d, t]) => [m && `${m}:`, d, t].filter(Boolean).join(' '));
    const several = fc
      .tuple(rule, fc.array(fc.tuple(fc.constantFrom('; ', ', '), rule), { maxLength: 2 }))
      .map(([first, rest]) => first + rest.map(([sep, r]) => sep + r).join(''));
    // Open ends in a rule of their own: where another rule's times meet a guessed
    // closing, opening_hours.js ends the guess at whatever time any rule states, which
    // no writer means (README: the known differences).
    const openEnd = fc
      .tuple(
        fc.option(days, { nil: undefined }),
        fc.oneof(
          sameDay.map((r) => `${r}+`),
          clock.filter((c) => c !== '00:00').map((c) => `${c}+`),
        ),
      )
      .map(([d, t]) => [d, t].filter(Boolean).join(' '));
    const value = fc.oneof({ weight: 4, arbitrary: several }, { weight: 1, arbitrary: openEnd });
    const values = fc.sample(value, { numRuns: 200, seed: 20261201 });
    const { counts, missing, disagreements } = checkValues(values);
    console.info('generated values', counts);
    expect(missing).toEqual([]);
    expect(disagreements).toEqual([]);
  });
});

// Opening hours in OpenStreetMap's `opening_hours` syntax (opening-hours-syntax.ts),
// evaluated in Beijing time (Asia/Shanghai, UTC+8, no DST) with China's holiday
// calendar (holidays.ts), following the specification's rule order: a later normal
// rule replaces what earlier rules said for the whole of each day it matches, an
// additional rule (`,`) adds to it, a fallback rule (`||`) fills what is still
// closed, a span past midnight belongs to the day it starts on.
//
// Not the `opening_hours` npm package, which is the test suite's oracle instead
// (tests/core/opening-hours-oracle.test.ts): it evaluates in the runtime's local
// time zone (Workers run in UTC), knows only China's fixed-date holidays (and counts
// 1 June, Children's Day, as a public holiday), not the make-up working days, and
// adds about 0.5 MB to the worker (figures: `npm run bench:hours`).

import { BEIJING_OFFSET_MS } from '../calendar/beijing-time';
import { activeCalendar, type HolidayCalendar } from '../calendar/holidays';
import {
  DAY_MIN,
  formatSpans,
  type HoursError,
  hhmm,
  type Modifier,
  type ParsedHours,
  parseRules,
  type Rule,
  type Span,
} from './opening-hours-syntax';

export type { HoursError, Rule, Span } from './opening-hours-syntax';
export type OpeningHours = ParsedHours;

export interface OpenState {
  open: boolean; // open at `at`
  /** ISO 8601 instant with +08:00 offset of the next change (opens/closes), or null if never within 8 days (e.g. 24/7 or always off) */
  next_change: string | null;
  /** today's hours in Beijing as OSM-like text for display, e.g. "08:00-18:00", "00:00-24:00", "off" */
  today: string;
  /** The hours say the state at `at` is not known (`unknown`, a comment alone, an open end); `open` is then false. */
  unknown?: boolean;
  /** The comment of the rule in force at `at`, if any. */
  comment?: string;
}

export interface EvaluationOptions {
  /** The holiday calendar; the active one (seed + entered arrangements) by default. */
  readonly calendar?: HolidayCalendar;
  /**
   * Whether the site follows the official workday calendar: then a make-up working
   * day (调休上班) has the hours of a Friday, a working day. Otherwise (parks, 24-hour
   * stations, the OSM reading) a make-up Saturday is just a Saturday.
   */
  readonly makeupWorkdays?: boolean;
}

/** A stretch of one state: [from, to) in ms since the epoch. */
export interface Interval {
  readonly from: number;
  readonly to: number;
  readonly state: 'open' | 'unknown';
  readonly comment: string | null;
}

const FRIDAY = 4;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** How far ahead next_change looks. */
const HORIZON_DAYS = 8;
const OPEN_END_COMMENT = 'Specified as open end. Closing time was guessed.';

export function parseOpeningHours(text: string): { ok: true; hours: OpeningHours } | { ok: false; error: HoursError } {
  return parseRules(text);
}

// ---------- the facts of a Beijing day ----------

interface DayFacts {
  readonly year: number;
  readonly month: number; // 1-12
  readonly date: number; // 1-31
  readonly weekday: number; // Monday 0, as written (a make-up day's own weekday)
  readonly daysInMonth: number;
  readonly isoWeek: number;
  readonly holiday: boolean;
  readonly makeup: boolean;
}

/** Beijing calendar day number (days since 1970-01-01 in UTC+8). */
const beijingDay = (ms: number) => Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS);
/** 1970-01-01 was a Thursday; Monday is 0. */
const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;

function isoWeekOf(day: number): number {
  const thursday = day - weekdayOf(day) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  return Math.floor((thursday - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
}

// Cached per calendar: openState runs once per site in a query, on the same few days.
const factCache = new WeakMap<HolidayCalendar, Map<number, DayFacts>>();
function factsOf(day: number, calendar: HolidayCalendar): DayFacts {
  let cache = factCache.get(calendar);
  if (!cache) {
    cache = new Map();
    factCache.set(calendar, cache);
  }
  let facts = cache.get(day);
  if (!facts) {
    const d = new Date(day * DAY_MS);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    const info = calendar.day(d.toISOString().slice(0, 10));
    facts = {
      year,
      month,
      date: d.getUTCDate(),
      weekday: weekdayOf(day),
      daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
      isoWeek: isoWeekOf(day),
      holiday: info.holiday !== null,
      makeup: info.makeup_workday,
    };
    if (cache.size >= 4096) cache.clear();
    cache.set(day, facts);
  }
  return facts;
}

const ordinal = (month: number, date: number) => month * 100 + date;

function inMonths(rule: Rule, f: DayFacts): boolean {
  const here = ordinal(f.month, f.date);
  return rule.months.some(([a, b]) => {
    const from = ordinal(a.month, a.day ?? 1);
    const to = ordinal(b.month, b.day ?? 31);
    return from <= to ? from <= here && here <= to : here >= from || here <= to; // Nov-Mar wraps the year
  });
}

function onWeekday(rule: Rule, f: DayFacts, weekday: number): boolean {
  if (!rule.weekdays[weekday]) return false;
  const nth = rule.nth[weekday] ?? [];
  if (nth.length === 0) return true;
  const fromStart = Math.floor((f.date - 1) / 7) + 1;
  const fromEnd = -(Math.floor((f.daysInMonth - f.date) / 7) + 1);
  return nth.includes(fromStart) || nth.includes(fromEnd);
}

/** Whether a rule's date selectors match a day. */
function matches(rule: Rule, f: DayFacts, makeupWorkdays: boolean): boolean {
  if (rule.years.length && !rule.years.some(([a, b]) => a <= f.year && f.year <= b)) return false;
  if (rule.months.length && !inMonths(rule, f)) return false;
  if (
    rule.weeks.length &&
    !rule.weeks.some(
      ([a, b, s]) =>
        (a <= b ? a <= f.isoWeek && f.isoWeek <= b : f.isoWeek >= a || f.isoWeek <= b) && (f.isoWeek - a) % s === 0,
    )
  )
    return false;
  if (!rule.hasDaySelector) return true;
  if (rule.ph && f.holiday) return true;
  const weekday = makeupWorkdays && f.makeup ? FRIDAY : f.weekday;
  return onWeekday(rule, f, weekday);
}

// ---------- one day's states ----------

interface Segment {
  from: number; // minutes of the day, 0..1440
  to: number;
  state: 'open' | 'unknown';
  comment: string | null;
  /** Painted by the previous day's span running past midnight. */
  spill: boolean;
  /** Painted by a rule without any date selector. */
  everyDay: boolean;
  /** The guessed part of an open end. */
  guess?: boolean;
}

/** Paints [from, to) with a state (or closes it), cutting what was there. */
function paint(
  segs: Segment[],
  from: number,
  to: number,
  state: Modifier,
  comment: string | null,
  spill: boolean,
  everyDay: boolean,
  onlyGaps = false,
  guess = false,
): Segment[] {
  if (to <= from) return segs;
  if (onlyGaps) {
    // Fallback: fills the closed gaps only.
    let out = segs;
    let cursor = from;
    for (const s of [...segs].sort((a, b) => a.from - b.from)) {
      if (s.to <= cursor || s.from >= to) continue;
      if (s.from > cursor) out = paint(out, cursor, s.from, state, comment, spill, everyDay);
      cursor = Math.max(cursor, s.to);
    }
    return cursor < to ? paint(out, cursor, to, state, comment, spill, everyDay) : out;
  }
  const out: Segment[] = [];
  for (const s of segs) {
    if (s.to <= from || s.from >= to) out.push(s);
    else {
      if (s.from < from) out.push({ ...s, to: from });
      if (s.to > to) out.push({ ...s, from: to });
    }
  }
  if (state !== 'closed') out.push({ from, to, state, comment, spill, everyDay, ...(guess ? { guess } : {}) });
  return out.sort((a, b) => a.from - b.from);
}

/**
 * Where an open end (`10:00+`) is guessed to close, as opening_hours.js guesses: the
 * day's end before 17:00, 10 hours later before 22:00, else 8 hours later (minutes
 * past midnight count on: `22:00-04:00+` ends its guess at 12:00).
 */
function openEndStop(at: number): number {
  return at < 17 * 60 ? DAY_MIN : at < 22 * 60 ? at + 10 * 60 : at + 8 * 60;
}

/** The parts of a rule's spans, in minutes from the day's midnight (may pass 1440). */
interface Part {
  from: number;
  to: number;
  state: Modifier;
  comment: string | null;
  guess?: boolean;
}

function ruleParts(rule: Rule): Part[] {
  const state = rule.modifier;
  const spans: readonly Span[] = rule.hasTime ? rule.spans : [{ from: 0, to: DAY_MIN }];
  const parts: Part[] = [];
  for (const s of spans) {
    if (s.to > s.from) parts.push({ from: s.from, to: s.to, state, comment: rule.comment });
    if (s.openEnd && state !== 'closed') {
      // The guess ends where another range of the rule begins (`07:00+,12:00-16:00`).
      const cut = Math.min(openEndStop(s.to), ...spans.filter((o) => o.from >= s.to && o !== s).map((o) => o.from));
      if (cut > s.to)
        parts.push({ from: s.to, to: cut, state: 'unknown', comment: rule.comment ?? OPEN_END_COMMENT, guess: true });
    }
  }
  return parts;
}

/** The segments of a Beijing day, by the specification's rule order. */
function daySegments(hours: OpeningHours, day: number, calendar: HolidayCalendar, makeupWorkdays: boolean): Segment[] {
  const today = factsOf(day, calendar);
  const yesterday = factsOf(day - 1, calendar);
  let segs: Segment[] = [];
  for (const rule of hours.rules) {
    const parts = ruleParts(rule);
    const everyDay = !rule.hasDaySelector && !rule.years.length && !rule.months.length && !rule.weeks.length;
    const fallback = rule.kind === 'fallback';
    if (matches(rule, today, makeupWorkdays)) {
      // A normal rule speaks for the whole day, unless it only closes some hours. One
      // without any date selector replaces only what other such rules said (as
      // opening_hours.js reads `Mo-Su 08:00-12:00; 14:00-18:00`: both ranges).
      if (rule.kind === 'normal' && !(rule.modifier === 'closed' && rule.hasTime))
        segs = everyDay ? segs.filter((s) => !s.everyDay) : [];
      // An additional rule's range cuts the guess of an open end it meets (`Sa 10:00+, 12:00-16:00`).
      if (rule.kind === 'additional') {
        for (const p of parts)
          segs = segs.flatMap((s) =>
            s.guess && s.from < p.to && s.to > p.from ? (s.from < p.from ? [{ ...s, to: p.from }] : []) : [s],
          );
      }
      for (const p of parts)
        segs = paint(segs, p.from, Math.min(p.to, DAY_MIN), p.state, p.comment, false, everyDay, fallback, p.guess);
    }
    // Yesterday's spans past midnight, in the rule's own place in the order.
    if (parts.some((p) => p.to > DAY_MIN) && matches(rule, yesterday, makeupWorkdays)) {
      for (const p of parts)
        if (p.to > DAY_MIN)
          segs = paint(
            segs,
            Math.max(0, p.from - DAY_MIN),
            p.to - DAY_MIN,
            p.state,
            p.comment,
            true,
            everyDay,
            fallback,
            p.guess,
          );
    }
  }
  return segs;
}

// ---------- public evaluation ----------

/** Midnight of a Beijing day number, in ms since the epoch. */
const midnightOf = (day: number) => day * DAY_MS - BEIJING_OFFSET_MS;

/**
 * The open and unknown intervals between two instants, merged where they touch
 * with the same state and comment.
 */
export function intervalsBetween(
  hours: OpeningHours,
  from: Date,
  to: Date,
  options: EvaluationOptions = {},
): Interval[] {
  const calendar = options.calendar ?? activeCalendar();
  const makeup = options.makeupWorkdays ?? false;
  const out: Interval[] = [];
  for (let day = beijingDay(from.getTime()); midnightOf(day) < to.getTime(); day++) {
    const midnight = midnightOf(day);
    for (const s of daySegments(hours, day, calendar, makeup)) {
      const a = Math.max(midnight + s.from * MINUTE_MS, from.getTime());
      const b = Math.min(midnight + s.to * MINUTE_MS, to.getTime());
      if (b <= a) continue;
      const last = out[out.length - 1];
      if (last && last.to === a && last.state === s.state && last.comment === s.comment)
        out[out.length - 1] = { ...last, to: b };
      else out.push({ from: a, to: b, state: s.state, comment: s.comment });
    }
  }
  return out;
}

/** ISO 8601 in Beijing time with its +08:00 offset. */
export function beijingIso(ms: number): string {
  return `${new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** A day's own hours as text ("08:00-12:00,14:00-18:00", "22:00-06:00", "off"): what starts that day. */
function dayText(hours: OpeningHours, day: number, calendar: HolidayCalendar, makeup: boolean): string {
  const own = daySegments(hours, day, calendar, makeup).filter((s) => !s.spill);
  if (own.length === 0) return 'off';
  const next = daySegments(hours, day + 1, calendar, makeup);
  const spans: Span[] = [];
  for (const s of own) {
    const last = spans[spans.length - 1];
    if (last && last.to === s.from) spans[spans.length - 1] = { from: last.from, to: s.to };
    else spans.push({ from: s.from, to: s.to });
  }
  const tail = spans[spans.length - 1]!;
  const carried = next.find((s) => s.spill && s.from === 0);
  if (tail.to === DAY_MIN && carried && carried.to < tail.from)
    spans[spans.length - 1] = { from: tail.from, to: DAY_MIN + carried.to };
  return formatSpans(spans);
}

export function openState(hours: OpeningHours, at: Date, options: EvaluationOptions = {}): OpenState {
  const now = at.getTime();
  if (Number.isNaN(now)) throw new RangeError('openState needs a valid date');
  const calendar = options.calendar ?? activeCalendar();
  const makeup = options.makeupWorkdays ?? false;
  const today = beijingDay(now);
  const horizon = now + HORIZON_DAYS * DAY_MS;
  const intervals = intervalsBetween(hours, new Date(now), new Date(horizon + MINUTE_MS), options);
  const first = intervals[0];
  const current = first && first.from <= now ? first : undefined;
  let change: number | undefined;
  if (current) change = current.to;
  else change = first?.from;
  const withinHorizon = change !== undefined && change <= horizon;
  const state: OpenState = {
    open: current?.state === 'open',
    next_change: withinHorizon ? beijingIso(change!) : null,
    today: dayText(hours, today, calendar, makeup),
  };
  if (current?.state === 'unknown') state.unknown = true;
  if (current?.comment) state.comment = current.comment;
  return state;
}

/** Convenience for callers holding raw text; null when text is null/invalid (unknown hours). */
export function openStateOf(text: string | null, at: Date, options: EvaluationOptions = {}): OpenState | null {
  if (text === null) return null;
  const parsed = parseOpeningHours(text);
  return parsed.ok ? openState(parsed.hours, at, options) : null;
}

export { hhmm };

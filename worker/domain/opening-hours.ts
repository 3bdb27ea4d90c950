// Opening hours: the subset of OpenStreetMap's `opening_hours` syntax that street
// offices actually write, evaluated in Beijing time (Asia/Shanghai, UTC+8, no DST)
// with China's public holidays and make-up working days.
//
// Not the `opening_hours` npm package: it evaluates in the runtime's local time
// zone (Workers run in UTC) and knows only China's fixed-date holidays, not Spring
// Festival, Qingming, Dragon Boat, Mid-Autumn nor the make-up working days.
//
// Supported: `24/7`; day selectors `Mo-Fr`, `Mo,We,Fr`, `Sa-Su`, wrap-around `Fr-Mo`,
// `PH`, combined `Sa,Su,PH`; time ranges `08:00-18:00`, lists `08:00-12:00,14:00-18:00`,
// over midnight `22:00-06:00`, `24:00` as an end; `off`/`closed`; rules separated by
// `;`, a later rule replacing earlier ones on the days it matches; a rule without a
// day selector applies to every day. Full-width `：－～；，` and spaces are tolerated.
import { isMakeUpWorkday, isPublicHoliday } from './holidays';

export type HoursError = { reason: string; position?: number }; // why the text is not valid

/** A time span in minutes after the day's midnight; `to` > 1440 runs past midnight. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

export interface Rule {
  /** Weekdays matched, Monday first; all true for a rule without day selector. */
  readonly weekdays: readonly boolean[];
  /** Whether the selector names PH (public holidays). */
  readonly ph: boolean;
  /** Empty when the rule says `off`. */
  readonly spans: readonly Span[];
}

export interface OpeningHours {
  readonly rules: readonly Rule[];
  /** Canonical text (ASCII, one space after `;`), fit to store or show. */
  readonly text: string;
}

export interface OpenState {
  open: boolean; // open at `at`
  /** ISO 8601 instant with +08:00 offset of the next change (opens/closes), or null if never within 8 days (e.g. 24/7 or always off) */
  next_change: string | null;
  /** today's hours in Beijing as OSM-like text for display, e.g. "08:00-18:00", "00:00-24:00", "off" */
  today: string;
}

const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
const FRIDAY = 4;
const DAY_MIN = 1440;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** How far ahead next_change looks. */
const HORIZON_DAYS = 8;

// ---------- parsing ----------

type Token =
  | { kind: 'always'; pos: number }
  | { kind: 'time'; minutes: number; pos: number; text: string }
  | { kind: 'word'; word: string; pos: number }
  | { kind: 'punct'; char: '-' | ',' | ';'; pos: number };

class HoursSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(reason);
  }
}

// Full-width and typographic variants typed with Chinese input methods. Each maps
// one UTF-16 unit to one, so error positions still point into the original text.
const NORMALISE: Record<string, string> = {
  '：': ':', '－': '-', '–': '-', '—': '-', '−': '-', '~': '-', '～': '-',
  '；': ';', '，': ',', '、': ',', '\u3000': ' ',
};

const UNSUPPORTED_WORDS: [RegExp, string][] = [
  [/^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)$/, 'month selectors (e.g. Jan-Mar) are not supported'],
  [/^(sunrise|sunset|dawn|dusk)$/, 'solar times (sunrise, sunset, dawn, dusk) are not supported'],
  [/^sh$/, 'school holidays (SH) are not supported'],
  [/^week$/, 'week-number selectors are not supported'],
  [/^(open|unknown)$/, `'open'/'unknown' are not supported; give hours such as 08:00-18:00`],
  [/^(easter)$/, 'movable-feast selectors are not supported'],
];

const UNSUPPORTED_CHARS: Record<string, string> = {
  '+': "open-ended times ('+') are not supported",
  '|': "fallback rules ('||') are not supported",
  '"': 'comments in quotes are not supported',
  '[': "nth-weekday selectors (e.g. Mo[1]) are not supported",
  '(': 'variable times are not supported',
  ':': 'expected a time as HH:MM',
};

function tokenize(text: string): Token[] {
  const src = Array.from(text, (c) => NORMALISE[c] ?? c).join('');
  const re = /(\s+)|(24\/7)|(\d{1,2}):(\d{2})(?!\d)|([A-Za-z]+)|([-,;])|(\d+)|([^])/y;
  const tokens: Token[] = [];
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const pos = m.index;
    const [all, space, always, hh, mm, word, punct, digits, other] = m;
    if (space) continue;
    if (always) tokens.push({ kind: 'always', pos });
    else if (hh !== undefined && mm !== undefined) {
      const h = Number(hh);
      const min = Number(mm);
      if (min > 59 || h > 24 || (h === 24 && min !== 0)) throw new HoursSyntaxError(`'${all}' is not a time of day`, pos);
      tokens.push({ kind: 'time', minutes: h * 60 + min, pos, text: all });
    } else if (word) tokens.push({ kind: 'word', word: word.toLowerCase(), pos });
    else if (punct === '-' || punct === ',' || punct === ';') tokens.push({ kind: 'punct', char: punct, pos });
    else if (digits) throw new HoursSyntaxError(`expected a time as HH:MM, found '${digits}'`, pos);
    else if (other !== undefined) {
      const cjk = /[\u3400-\u9fff]/.test(other);
      const reason = cjk
        ? `write days as Mo Tu We Th Fr Sa Su PH and hours as 08:00-18:00, not '${other}'`
        : (UNSUPPORTED_CHARS[other] ?? `unexpected character '${other}'`);
      throw new HoursSyntaxError(reason, pos);
    }
  }
  return tokens;
}

function unknownWord(t: { word: string; pos: number }): HoursSyntaxError {
  const hit = UNSUPPORTED_WORDS.find(([re]) => re.test(t.word));
  return new HoursSyntaxError(hit ? hit[1] : `unknown word '${t.word}'`, t.pos);
}

const dayIndex = (word: string) => DAYS.findIndex((d) => d.toLowerCase() === word);

/** Parses one `;`-separated rule (tokens without the `;`). */
function parseRule(tokens: Token[], end: number): Rule {
  let i = 0;
  const peek = () => tokens[i];
  const fail = (reason: string, t = peek()): never => {
    throw new HoursSyntaxError(reason, t?.pos ?? end);
  };
  const first = tokens[0];
  if (first?.kind === 'always') {
    if (tokens.length > 1) fail(`'24/7' must stand alone in its rule`, tokens[1]);
    return { weekdays: DAYS.map(() => true), ph: false, spans: [{ from: 0, to: DAY_MIN }] };
  }

  // Day selector: items separated by commas, each a weekday, a range, or PH.
  const weekdays = DAYS.map(() => false);
  let ph = false;
  let hasSelector = false;
  for (let t = peek(); t?.kind === 'word' && (dayIndex(t.word) >= 0 || t.word === 'ph'); t = peek()) {
    hasSelector = true;
    i++;
    if (t.word === 'ph') ph = true;
    else {
      const from = dayIndex(t.word);
      let to = from;
      const dash = peek();
      if (dash?.kind === 'punct' && dash.char === '-') {
        i++;
        const last = peek();
        to = last?.kind === 'word' ? dayIndex(last.word) : -1;
        if (to < 0) fail('expected a weekday after -');
        i++;
      }
      // Ranges may wrap over the week's end (Fr-Mo).
      for (let d = from; ; d = (d + 1) % 7) {
        weekdays[d] = true;
        if (d === to) break;
      }
    }
    const comma = peek();
    const next = tokens[i + 1];
    if (comma?.kind === 'punct' && comma.char === ',' && next?.kind === 'word') i++;
    else break;
  }
  if (!hasSelector) weekdays.fill(true);

  const t = peek();
  if (!t) return fail("a day selector needs hours or 'off' after it");
  if (t.kind === 'word' && (t.word === 'off' || t.word === 'closed')) {
    i++;
    if (peek()) fail(`nothing may follow '${t.word}' in a rule`);
    return { weekdays, ph, spans: [] };
  }
  if (t.kind === 'word') throw dayIndex(t.word) >= 0 || t.word === 'ph' ? new HoursSyntaxError('expected a time range', t.pos) : unknownWord(t);
  if (t.kind === 'always') fail(`'24/7' must stand alone in its rule`);

  const spans: Span[] = [];
  while (peek()) {
    const start = peek();
    if (start?.kind === 'word' && (dayIndex(start.word) >= 0 || start.word === 'ph')) {
      fail("separate rules with ';', e.g. Mo-Fr 08:00-18:00; Sa 09:00-12:00");
    }
    if (start?.kind === 'word') throw unknownWord(start);
    if (start?.kind !== 'time') return fail('expected a time range such as 08:00-18:00');
    i++;
    const dash = peek();
    if (dash?.kind !== 'punct' || dash.char !== '-') return fail(`expected '-' after ${start.text}`, dash);
    i++;
    const stop = peek();
    if (stop?.kind === 'word') throw unknownWord(stop);
    if (stop?.kind !== 'time') return fail(`expected an end time after '${start.text}-'`, stop);
    i++;
    if (start.minutes >= DAY_MIN) fail('a time range cannot start at 24:00', start);
    if (stop.minutes === start.minutes) fail(`'${start.text}-${stop.text}' is empty; use 00:00-24:00 for all day`, start);
    // An end before the start runs past midnight into the next day.
    spans.push({ from: start.minutes, to: stop.minutes > start.minutes ? stop.minutes : stop.minutes + DAY_MIN });
    // Ranges are separated by commas; a plain space is tolerated.
    const sep = peek();
    if (sep?.kind === 'punct' && sep.char === ',') {
      i++;
      if (!peek()) fail('expected a time range after ,');
    }
  }
  return { weekdays, ph, spans };
}

export function parseOpeningHours(text: string): { ok: true; hours: OpeningHours } | { ok: false; error: HoursError } {
  try {
    const tokens = tokenize(text);
    const rules: Rule[] = [];
    let start = 0;
    for (let i = 0; i <= tokens.length; i++) {
      const t = tokens[i];
      if (t && !(t.kind === 'punct' && t.char === ';')) continue;
      // Empty rules (`;;`, a trailing `;`) are harmless and skipped.
      if (i > start) rules.push(parseRule(tokens.slice(start, i), t?.pos ?? text.length));
      start = i + 1;
    }
    if (rules.length === 0) return { ok: false, error: { reason: 'no opening hours given', position: 0 } };
    return { ok: true, hours: { rules, text: rules.map(formatRule).join('; ') } };
  } catch (e) {
    if (e instanceof HoursSyntaxError) return { ok: false, error: { reason: e.reason, position: e.position } };
    throw e;
  }
}

// ---------- formatting ----------

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** "08:00-18:00,22:00-06:00" or "off". */
function formatSpans(spans: readonly Span[]): string {
  if (spans.length === 0) return 'off';
  return spans.map((s) => `${hhmm(s.from)}-${hhmm(s.to > DAY_MIN ? s.to - DAY_MIN : s.to)}`).join(',');
}

function formatRule(rule: Rule): string {
  const days: string[] = [];
  for (let d = 0; d < 7; d++) {
    if (!rule.weekdays[d] || (d > 0 && rule.weekdays[d - 1])) continue;
    let last = d;
    while (last < 6 && rule.weekdays[last + 1]) last++;
    days.push(last === d ? DAYS[d]! : `${DAYS[d]}-${DAYS[last]}`);
  }
  const everyDay = days.length === 1 && days[0] === 'Mo-Su';
  const selector = everyDay && !rule.ph ? [] : [...(rule.weekdays.some(Boolean) ? days : []), ...(rule.ph ? ['PH'] : [])];
  if (everyDay && !rule.ph && rule.spans.length === 1 && rule.spans[0]!.from === 0 && rule.spans[0]!.to === DAY_MIN) return '24/7';
  return [selector.join(','), formatSpans(rule.spans)].filter(Boolean).join(' ');
}

// ---------- evaluation ----------

/** Beijing calendar day number (days since 1970-01-01 in UTC+8). */
const beijingDay = (ms: number) => Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS);
const ymdOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 1970-01-01 was a Thursday; Monday is 0. */
const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;

// The calendar facts of a Beijing day, cached because openState runs once per site
// in a query and every site looks at the same few days.
const dayKinds = new Map<number, { weekday: number; holiday: boolean }>();
function dayKind(day: number): { weekday: number; holiday: boolean } {
  let kind = dayKinds.get(day);
  if (!kind) {
    const ymd = ymdOf(day);
    // A make-up working day (a weekend day offices work) is evaluated as a Friday,
    // so `Mo-Fr 08:00-18:00; Sa-Su off` is open on it, as the offices are.
    kind = { weekday: isMakeUpWorkday(ymd) ? FRIDAY : weekdayOf(day), holiday: isPublicHoliday(ymd) };
    if (dayKinds.size >= 4096) dayKinds.clear();
    dayKinds.set(day, kind);
  }
  return kind;
}

/**
 * The rule in force on a Beijing day. On a public holiday the last PH rule wins if
 * there is one (even if weekday rules come after it), otherwise the day's weekday
 * rules apply; among those, the last matching rule wins.
 */
function ruleOn(hours: OpeningHours, day: number): Rule | undefined {
  const { weekday, holiday } = dayKind(day);
  let byDay: Rule | undefined;
  let byHoliday: Rule | undefined;
  for (const rule of hours.rules) {
    if (rule.weekdays[weekday]) byDay = rule;
    if (holiday && rule.ph) byHoliday = rule;
  }
  return byHoliday ?? byDay;
}

/** ISO 8601 in Beijing time with its +08:00 offset. */
function beijingIso(ms: number): string {
  return `${new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

export function openState(hours: OpeningHours, at: Date): OpenState {
  const now = at.getTime();
  if (Number.isNaN(now)) throw new RangeError('openState needs a valid date');
  const today = beijingDay(now);
  // rules[i] is in force on day today - 1 + i: from yesterday (whose overnight
  // spans reach into today) to one day past the horizon.
  const rules = Array.from({ length: HORIZON_DAYS + 3 }, (_, i) => ruleOn(hours, today - 1 + i));
  // Absolute open intervals [start, end) in ms. A span past midnight belongs to the
  // rule that started it, so `Fr 22:00-03:00; Sa off` is open until 03:00 on Saturday.
  const raw: [number, number][] = [];
  for (let i = 0; i < rules.length; i++) {
    const midnight = (today - 1 + i) * DAY_MS - BEIJING_OFFSET_MS;
    for (const s of rules[i]?.spans ?? []) raw.push([midnight + s.from * MINUTE_MS, midnight + s.to * MINUTE_MS]);
  }
  raw.sort((a, b) => a[0] - b[0]);
  // Merged where they touch, so that midnight inside 00:00-24:00 days is no change.
  const merged: [number, number][] = [];
  for (const [from, to] of raw) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }

  const current = merged.find(([from, to]) => from <= now && now < to);
  const change = current ? current[1] : merged.find(([from]) => from > now)?.[0];
  const withinHorizon = change !== undefined && change <= now + HORIZON_DAYS * DAY_MS;
  return {
    open: current !== undefined,
    next_change: withinHorizon ? beijingIso(change) : null,
    today: formatSpans(rules[1]?.spans ?? []),
  };
}

/** Convenience for callers holding raw text; null when text is null/invalid (unknown hours). */
export function openStateOf(text: string | null, at: Date): OpenState | null {
  if (text === null) return null;
  const parsed = parseOpeningHours(text);
  return parsed.ok ? openState(parsed.hours, at) : null;
}

// The syntax of OpenStreetMap's `opening_hours` (https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification):
// text → rules, and rules → canonical text. Pure.
//
// Supported: `24/7`; years (`2026`, `2025-2027`); month and date ranges (`Apr-Oct`,
// `Apr 01-Oct 31`, `Dec 25`, `Jun 02-08`, wrapping `Nov-Mar`), with an optional `:`
// after them; ISO week numbers (`week 01-26/2`); weekdays, ranges and lists with
// nth-of-month (`Mo-Fr`, `Fr-Mo`, `Mo,We`, `Mo[1]`, `Su[-1]`, `Tu[1,3]`); `PH`; time
// ranges with minutes, past midnight (`22:00-02:00`, `10:00-26:00`) and open ends
// (`10:00+`, `14:00-17:00+`); modifiers `open`, `closed`/`off`, `unknown`; quoted
// comments; rules separated by `;` (normal), `,` (additional) and `||` (fallback).
//
// Not supported, each with its own message: solar times (sunrise, sunset, dawn,
// dusk: they need each site's position and a solar model, and no linli site keeps
// such hours), school holidays `SH` (China has no common school calendar;
// opening_hours.js itself has none for China and fails on it), `easter` and date
// offsets (`Dec 25 -Su`, `PH +1 day`: not Chinese usage), points in time and
// repeats (`12:00`, `10:00-16:00/01:30`: not opening hours of a place), and hours
// without minutes (`10-12`, which opening_hours.js warns about too).

export type Modifier = 'open' | 'closed' | 'unknown';
export type RuleKind = 'normal' | 'additional' | 'fallback';

/** A time span in minutes after the day's midnight; `to` > 1440 runs past midnight. */
export interface Span {
  readonly from: number;
  readonly to: number;
  /** Written with `+`: open for an unknown while after `to`. */
  readonly openEnd?: boolean;
}

/** A month-day point: `day` absent for a whole-month bound. */
export interface MonthDay {
  readonly month: number; // 1-12
  readonly day?: number; // 1-31
}

export interface Rule {
  /** Weekdays matched, Monday first; all true for a rule without weekday selector. */
  readonly weekdays: readonly boolean[];
  /** nth weekday of the month per weekday (1..5, -1..-5); empty list: every one. */
  readonly nth: readonly (readonly number[])[];
  /** Whether the selector names PH (public holidays). */
  readonly ph: boolean;
  /** Whether any weekday or PH selector was written. */
  readonly hasDaySelector: boolean;
  readonly years: readonly (readonly [number, number])[];
  readonly months: readonly (readonly [MonthDay, MonthDay])[];
  readonly weeks: readonly (readonly [number, number, number])[]; // from, to, step
  /** null without a time selector (the whole day); empty when the rule says `off`. */
  readonly spans: readonly Span[];
  /** Whether a time selector was written (24/7 counts as 00:00-24:00). */
  readonly hasTime: boolean;
  readonly modifier: Modifier;
  /** Whether the modifier was written (`open`, `off` …) rather than implied. */
  readonly explicitModifier: boolean;
  readonly comment: string | null;
  readonly kind: RuleKind;
  /** Offset of the rule in the source text. */
  readonly position: number;
}

export interface HoursError {
  /** Why the text is not valid, in English … */
  reason: string;
  /** … and in Chinese. */
  reason_zh?: string;
  /** Offset (UTF-16 units) in the text where the problem is. */
  position?: number;
}

export const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
export const DAY_MIN = 1440;

export class HoursSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly reasonZh: string,
    readonly position: number,
  ) {
    super(reason);
  }
}

// ---------- tokens ----------

type Token =
  | { kind: 'num'; value: number; text: string; pos: number }
  | { kind: 'word'; word: string; pos: number }
  | { kind: 'comment'; text: string; pos: number }
  | { kind: 'punct'; char: string; pos: number };

// Full-width and typographic variants typed with Chinese input methods. Each maps
// one UTF-16 unit to one, so error positions still point into the original text.
const NORMALISE: Record<string, string> = {
  '：': ':',
  '－': '-',
  '–': '-',
  '—': '-',
  '−': '-',
  '~': '-',
  '～': '-',
  '；': ';',
  '，': ',',
  '、': ',',
  '\u3000': ' ',
  '“': '"',
  '”': '"',
  '＋': '+',
  '［': '[',
  '］': ']',
  '／': '/',
  '｜': '|',
};

/** Replaces full-width characters and digits by their ASCII forms, keeping every offset. */
export function normaliseWidth(text: string): string {
  return Array.from(text, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48); // ０-９
    return NORMALISE[c] ?? c;
  }).join('');
}

const SOLAR = /^(sunrise|sunset|dawn|dusk)$/;

function tokenize(text: string): Token[] {
  const src = normaliseWidth(text);
  const re = /(\s+)|(\d+)|([A-Za-z]+)|"([^"]*)("?)|(\|\||[-,;:+/[\]()])|([\s\S])/y;
  const tokens: Token[] = [];
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const pos = m.index;
    const [, space, digits, word, comment, closing, punct, other] = m;
    if (space) continue;
    if (digits) tokens.push({ kind: 'num', value: Number(digits), text: digits, pos });
    else if (word) tokens.push({ kind: 'word', word: word.toLowerCase(), pos });
    else if (comment !== undefined) {
      if (!closing) throw new HoursSyntaxError('a comment opened with " is not closed', '备注缺少右引号 "', pos);
      tokens.push({ kind: 'comment', text: comment, pos });
    } else if (punct) tokens.push({ kind: 'punct', char: punct, pos });
    else if (other !== undefined) {
      const cjk = /[\u3400-\u9fff]/.test(other);
      if (cjk)
        throw new HoursSyntaxError(
          `write days as Mo Tu We Th Fr Sa Su PH and hours as 08:00-18:00, not '${other}'`,
          `无法识别“${other}”：请写成“周一至周五 8:00-18:00”或 OSM 格式`,
          pos,
        );
      if (other === '|') throw new HoursSyntaxError("write a fallback rule with '||'", "后备规则写作 '||'", pos);
      throw new HoursSyntaxError(`unexpected character '${other}'`, `多余的字符“${other}”`, pos);
    }
  }
  return tokens;
}

// ---------- parser ----------

const dayIndex = (word: string) => DAYS.findIndex((d) => d.toLowerCase() === word);
const monthIndex = (word: string) => MONTHS.findIndex((d) => d.toLowerCase() === word);
const MODIFIERS: Record<string, Modifier> = { open: 'open', closed: 'closed', off: 'closed', unknown: 'unknown' };

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly end: number,
  ) {}

  private peek(k = 0): Token | undefined {
    return this.tokens[this.i + k];
  }
  private fail(reason: string, zh: string, t = this.peek()): never {
    throw new HoursSyntaxError(reason, zh, t?.pos ?? this.end);
  }
  private isPunct(char: string, t = this.peek()): boolean {
    return t?.kind === 'punct' && t.char === char;
  }
  private isWord(pred: (w: string) => boolean, t = this.peek()): boolean {
    return t?.kind === 'word' && pred(t.word);
  }
  private isDayWord(t = this.peek()): boolean {
    return this.isWord((w) => dayIndex(w) >= 0 || w === 'ph' || w === 'sh', t);
  }
  private isYear(t = this.peek()): boolean {
    return t?.kind === 'num' && t.text.length === 4 && !this.isPunct(':', this.tokens[this.tokens.indexOf(t) + 1]);
  }
  private isTime(t = this.peek()): boolean {
    const next = t && this.tokens[this.tokens.indexOf(t) + 1];
    return (
      (t?.kind === 'num' && t.text.length <= 2 && this.isPunct(':', next)) ||
      this.isWord((w) => SOLAR.test(w), t) ||
      this.isPunct('(', t)
    );
  }
  /** Whether the next tokens start a new rule's selector (after `,`: an additional rule). */
  private startsSelector(t = this.peek()): boolean {
    return (
      this.isDayWord(t) ||
      this.isWord((w) => monthIndex(w) >= 0 || w === 'week', t) ||
      this.isYear(t) ||
      this.isWord((w) => w in MODIFIERS, t) ||
      t?.kind === 'comment'
    );
  }

  done(): boolean {
    return this.i >= this.tokens.length;
  }

  parseRule(kind: RuleKind): Rule {
    const position = this.peek()?.pos ?? this.end;
    const years: [number, number][] = [];
    const months: [MonthDay, MonthDay][] = [];
    const weeks: [number, number, number][] = [];
    const weekdays = DAYS.map(() => false);
    const nth: number[][] = DAYS.map(() => []);
    let ph = false;
    let hasDaySelector = false;
    let spans: Span[] = [];
    let hasTime = false;

    const first = this.peek();
    if (
      first?.kind === 'num' &&
      first.value === 24 &&
      this.isPunct('/', this.peek(1)) &&
      this.peek(2)?.kind === 'num' &&
      (this.peek(2) as { value: number }).value === 7
    ) {
      this.i += 3;
      spans = [{ from: 0, to: DAY_MIN }];
      hasTime = true;
    } else {
      // Wide-range selectors: years, months and dates, weeks.
      while (this.isYear()) this.parseYears(years);
      if (this.isWord((w) => monthIndex(w) >= 0)) this.parseMonths(months);
      if (this.isWord((w) => w === 'week')) this.parseWeeks(weeks);
      if (this.isPunct(':') && (years.length || months.length || weeks.length)) this.i++;
      // Small-range selectors: weekdays and holidays.
      while (this.isDayWord()) {
        hasDaySelector = true;
        const t = this.peek() as Extract<Token, { kind: 'word' }>;
        this.i++;
        if (t.word === 'ph') ph = true;
        else if (t.word === 'sh')
          this.fail(
            'school holidays (SH) are not supported: China has no common school calendar',
            '不支持学校假期 SH：中国没有统一的校历',
            t,
          );
        else this.parseWeekday(t, weekdays, nth);
        if (this.isPunct(',') && this.isDayWord(this.peek(1))) this.i++;
        else break;
      }
      if (this.isWord((w) => w === 'easter')) this.fail('easter is not supported', '不支持复活节 easter');
      if (
        (this.isPunct('+') || this.isPunct('-')) &&
        this.peek(1)?.kind === 'num' &&
        this.isWord((w) => /^days?$/.test(w), this.peek(2))
      ) {
        this.fail('date offsets (Sa[-1] +3 days) are not supported', '不支持日期偏移（如 Sa[-1] +3 days）');
      }
      if (this.isPunct(':') && hasDaySelector)
        this.fail("no ':' after weekdays; write 'Mo-Fr 08:00-18:00'", "星期后不加冒号，写作 'Mo-Fr 08:00-18:00'");
      const n = this.peek();
      if (n?.kind === 'num' && n.value === 24 && this.isPunct('/', this.peek(1)))
        this.fail(
          "'24/7' must stand alone in its rule; write Mo-Fr 00:00-24:00",
          '“24/7”只能单独使用；写作 Mo-Fr 00:00-24:00',
        );
      if (this.isTime()) {
        spans = this.parseTimes();
        hasTime = true;
      } else if (this.peek()?.kind === 'num') {
        const t = this.peek() as Extract<Token, { kind: 'num' }>;
        if (this.isPunct('-', this.peek(1)) && this.peek(2)?.kind === 'num' && !this.isPunct(':', this.peek(3))) {
          this.fail(
            `write hours with minutes, e.g. ${t.value}:00-${(this.peek(2) as { value: number }).value}:00`,
            `时间要写分钟，例如 ${t.value}:00-${(this.peek(2) as { value: number }).value}:00`,
          );
        }
        this.fail(`expected a time as HH:MM, found '${t.text}'`, `应为 时:分 形式的时间，这里是“${t.text}”`);
      }
    }

    let modifier: Modifier = 'open';
    let explicitModifier = false;
    let comment: string | null = null;
    const m = this.peek();
    if (m?.kind === 'word' && m.word in MODIFIERS) {
      modifier = MODIFIERS[m.word]!;
      explicitModifier = true;
      this.i++;
    }
    const c = this.peek();
    if (c?.kind === 'comment') {
      comment = c.text;
      this.i++;
      // A comment alone says the state is not known (as the specification reads it).
      if (!explicitModifier) modifier = 'unknown';
    }
    if (!hasTime && !explicitModifier && comment === null) {
      const t = this.peek();
      if (!t && (hasDaySelector || years.length || months.length || weeks.length))
        this.fail("a day selector needs hours or 'off' after it", '日期后面要写时间或“off”（休息）');
      if (!t) this.fail('no opening hours given', '没有填写开放时间');
      if (t.kind === 'word') this.unknownWord(t);
      if (!(t.kind === 'punct' && (t.char === ';' || t.char === '||')))
        this.fail('expected a time range such as 08:00-18:00', '应为时间段，例如 08:00-18:00', t);
      if (!hasDaySelector && !years.length && !months.length && !weeks.length)
        this.fail('no opening hours given', '没有填写开放时间', t);
      this.fail("a day selector needs hours or 'off' after it", '日期后面要写时间或“off”（休息）', t);
    }
    if (modifier === 'closed') spans = hasTime ? spans : [];
    return {
      weekdays: hasDaySelector ? weekdays : DAYS.map(() => true),
      nth,
      ph,
      hasDaySelector,
      years,
      months,
      weeks,
      spans,
      hasTime,
      modifier,
      explicitModifier,
      comment,
      kind,
      position,
    };
  }

  /** Consumes what separates this rule from the next; returns the next rule's kind, or null at the end. */
  separator(): RuleKind | null {
    const t = this.peek();
    if (!t) return null;
    if (this.isPunct(';')) {
      this.i++;
      return 'normal';
    }
    if (this.isPunct('||')) {
      this.i++;
      return 'fallback';
    }
    const prev = this.tokens[this.i - 1];
    const afterState = prev?.kind === 'comment' || this.isWord((w) => w in MODIFIERS, prev);
    if (this.isPunct(',') && (this.startsSelector(this.peek(1)) || (afterState && this.isTime(this.peek(1))))) {
      this.i++;
      return 'additional';
    }
    if (this.isWord((w) => monthIndex(w) >= 0 || w === 'week', t) && !this.isPunct(',', this.tokens[this.i - 1]))
      this.unknownWord(t as Extract<Token, { kind: 'word' }>);
    if (this.startsSelector(t) && !this.isWord((w) => w in MODIFIERS) && t.kind !== 'comment') {
      this.fail(
        "separate rules with ';', e.g. Mo-Fr 08:00-18:00; Sa 09:00-12:00",
        '多条规则之间用分号“;”隔开，例如 Mo-Fr 08:00-18:00; Sa 09:00-12:00',
      );
    }
    if (t.kind === 'word') this.unknownWord(t);
    if (this.isTime(t)) this.fail("separate time ranges with ','", '多个时间段之间用逗号“,”隔开');
    if (t.kind === 'comment') this.fail('only one comment per rule', '每条规则只能有一个备注');
    if (this.isPunct(',')) this.fail('expected a time range after ,', '逗号后应为时间段', this.peek(1));
    return this.fail(
      `unexpected '${t.kind === 'punct' ? t.char : t.kind === 'num' ? t.text : ''}'`,
      `多余的“${t.kind === 'punct' ? t.char : t.kind === 'num' ? t.text : ''}”`,
    );
  }

  private unknownWord(t: Extract<Token, { kind: 'word' }>): never {
    if (SOLAR.test(t.word))
      this.fail(
        'solar times (sunrise, sunset, dawn, dusk) are not supported',
        '不支持日出日落时间（sunrise、sunset 等）',
        t,
      );
    if (t.word === 'sh') this.fail('school holidays (SH) are not supported', '不支持学校假期 SH', t);
    if (t.word === 'easter') this.fail('easter is not supported', '不支持复活节 easter', t);
    if (dayIndex(t.word) >= 0 || t.word === 'ph') this.fail('expected a time range', '应为时间段', t);
    if (monthIndex(t.word) >= 0 || t.word === 'week')
      this.fail(
        'write months before weekdays and hours, e.g. Apr-Oct Mo-Fr 08:00-18:00',
        '月份写在星期和时间之前，例如 Apr-Oct Mo-Fr 08:00-18:00',
        t,
      );
    return this.fail(`unknown word '${t.word}'`, `无法识别的词“${t.word}”`, t);
  }

  private parseYears(out: [number, number][]): void {
    for (;;) {
      const from = this.peek() as Extract<Token, { kind: 'num' }>;
      this.i++;
      let to = from.value;
      if (this.isPunct('-') && this.isYear(this.peek(1))) {
        to = (this.peek(1) as { value: number }).value;
        this.i += 2;
      }
      if (this.isPunct('/'))
        this.fail('year steps (2020-2030/2) are not supported', '不支持隔年规则（如 2020-2030/2）');
      if (to < from.value) this.fail('the years of a range go forward', '年份范围应从小到大', from);
      out.push([from.value, to]);
      if (this.isPunct(',') && this.isYear(this.peek(1))) this.i++;
      else break;
    }
  }

  private monthDay(): MonthDay {
    const t = this.peek() as Extract<Token, { kind: 'word' }>;
    const month = monthIndex(t.word) + 1;
    this.i++;
    const d = this.peek();
    // `Feb 12: 10:00` and `Feb 12 10:00` give a day; `Feb 10:00` gives none.
    const dayThenColon =
      this.isPunct(':', this.peek(1)) && !(this.peek(2)?.kind === 'num' && !this.isPunct(':', this.peek(3)));
    if (d?.kind === 'num' && (!this.isPunct(':', this.peek(1)) || dayThenColon) && d.text.length <= 2) {
      if (d.value < 1 || d.value > [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!)
        this.fail(`${MONTHS[month - 1]} has no day ${d.value}`, `${month}月没有${d.value}日`, d);
      this.i++;
      return { month, day: d.value };
    }
    return { month };
  }

  private parseMonths(out: [MonthDay, MonthDay][]): void {
    for (;;) {
      const from = this.monthDay();
      let to = from;
      if (this.isPunct('-')) {
        const next = this.peek(1);
        if (this.isWord((w) => monthIndex(w) >= 0, next)) {
          this.i++;
          to = this.monthDay();
          if ((from.day === undefined) !== (to.day === undefined))
            this.fail(
              'give days on both ends of a date range (Apr 01-Oct 31) or none (Apr-Oct)',
              '日期范围两端都写日（Apr 01-Oct 31）或都不写（Apr-Oct）',
            );
        } else if (next?.kind === 'num' && from.day !== undefined && !this.isPunct(':', this.peek(2))) {
          this.i += 2;
          to = { month: from.month, day: next.value };
          if (next.value < from.day)
            this.fail('the days of a range within one month go forward', '同月日期范围应从小到大', next);
        } else if (next?.kind === 'num' && from.day === undefined) {
          this.fail('write months before weekdays and hours, e.g. Apr-Oct Mo-Fr 08:00-18:00', '月份写在星期和时间之前');
        }
      }
      out.push([from, to]);
      if (this.isPunct(',') && this.isWord((w) => monthIndex(w) >= 0, this.peek(1))) this.i++;
      else break;
    }
  }

  private weekNumber(): number {
    const t = this.peek();
    if (t?.kind !== 'num' || t.value < 1 || t.value > 53)
      this.fail('expected a week number 01-53', '应为周数 01-53', t);
    this.i++;
    return t.value;
  }

  private parseWeeks(out: [number, number, number][]): void {
    this.i++; // 'week'
    for (;;) {
      const from = this.weekNumber();
      let to = from;
      let step = 1;
      if (this.isPunct('-')) {
        this.i++;
        to = this.weekNumber();
        if (this.isPunct('/')) {
          this.i++;
          const s = this.peek();
          if (s?.kind !== 'num' || s.value < 2)
            this.fail('a week step is 2 or more (week 01-53/2)', '隔周步长至少为2（week 01-53/2）', s);
          step = s.value;
          this.i++;
        }
      }
      out.push([from, to, step]);
      if (this.isPunct(',') && this.peek(1)?.kind === 'num') this.i++;
      else if (this.isPunct(',') && this.isWord((w) => w === 'week', this.peek(1))) this.i += 2;
      else break;
    }
  }

  private parseWeekday(t: Extract<Token, { kind: 'word' }>, weekdays: boolean[], nth: number[][]): void {
    const from = dayIndex(t.word);
    if (this.isPunct('[')) {
      this.i++;
      const list: number[] = [];
      for (;;) {
        const neg = this.isPunct('-');
        if (neg) this.i++;
        const n = this.peek();
        if (n?.kind !== 'num' || n.value < 1 || n.value > 5)
          this.fail(
            'the nth weekday of a month is 1-5 or -1 to -5 (Mo[1], Su[-1])',
            '每月第几个星期几写作 1-5 或 -1 至 -5（如 Mo[1]、Su[-1]）',
            n,
          );
        this.i++;
        let last = n.value;
        if (!neg && this.isPunct('-') && this.peek(1)?.kind === 'num') {
          last = (this.peek(1) as { value: number }).value;
          this.i += 2;
        }
        for (let k = n.value; k <= last && k <= 5; k++) list.push(neg ? -k : k);
        if (this.isPunct(',')) this.i++;
        else break;
      }
      if (!this.isPunct(']')) this.fail("expected ']'", '缺少“]”');
      this.i++;
      weekdays[from] = true;
      nth[from] = [...(nth[from] ?? []), ...list];
      return;
    }
    let to = from;
    if (this.isPunct('-')) {
      this.i++;
      const last = this.peek();
      to = last?.kind === 'word' ? dayIndex(last.word) : -1;
      if (to < 0) this.fail('expected a weekday after -', '“-”后应为星期');
      this.i++;
    }
    // Ranges may wrap over the week's end (Fr-Mo).
    for (let d = from; ; d = (d + 1) % 7) {
      weekdays[d] = true;
      nth[d] = [];
      if (d === to) break;
    }
  }

  private time(): { minutes: number; text: string; pos: number } {
    const h = this.peek();
    if (this.isWord((w) => SOLAR.test(w), h) || this.isPunct('(', h))
      this.fail(
        'solar times (sunrise, sunset, dawn, dusk) are not supported',
        '不支持日出日落时间（sunrise、sunset 等）',
        h,
      );
    if (h?.kind !== 'num' || !this.isPunct(':', this.peek(1)) || this.peek(2)?.kind !== 'num') {
      return this.fail(
        `expected a time as HH:MM${h?.kind === 'num' ? `, found '${h.text}'` : ''}`,
        `应为 时:分 形式的时间${h?.kind === 'num' ? `，这里是“${h.text}”` : ''}`,
        h,
      );
    }
    const m = this.peek(2) as Extract<Token, { kind: 'num' }>;
    const text = `${h.text}:${m.text}`;
    if (m.text.length !== 2 || m.value > 59 || h.value > 48)
      this.fail(`'${text}' is not a time of day`, `“${text}”不是有效的时间`, h);
    this.i += 3;
    return { minutes: h.value * 60 + m.value, text, pos: h.pos };
  }

  private parseTimes(): Span[] {
    const spans: Span[] = [];
    for (;;) {
      const start = this.time();
      if (start.minutes >= DAY_MIN)
        this.fail(
          `a time range cannot start at ${start.text}`,
          `时间段不能从 ${start.text} 开始`,
          this.tokens[this.i - 3],
        );
      if (this.isPunct('+')) {
        this.i++;
        spans.push({ from: start.minutes, to: start.minutes, openEnd: true });
      } else {
        if (!this.isPunct('-')) {
          if (this.isPunct('/')) this.fail('repeating points in time are not supported', '不支持按间隔重复的时间点');
          this.fail(
            `expected '-' after ${start.text}: a time range such as ${start.text}-18:00`,
            `${start.text} 后应有“-”和结束时间`,
          );
        }
        this.i++;
        const stop = this.time();
        if (stop.minutes > 2 * DAY_MIN)
          this.fail(
            `'${stop.text}' is past the next day's end (48:00)`,
            `“${stop.text}”超过次日24点（48:00）`,
            this.tokens[this.i - 3],
          );
        const openEnd = this.isPunct('+');
        if (openEnd) this.i++;
        if (this.isPunct('/')) this.fail('repeating points in time are not supported', '不支持按间隔重复的时间点');
        // An end before the start runs past midnight into the next day; an end equal to
        // the start means 24 hours from it (as the specification reads `22:00-22:00`).
        spans.push({
          from: start.minutes,
          to: stop.minutes > start.minutes ? stop.minutes : (stop.minutes % DAY_MIN) + DAY_MIN,
          ...(openEnd ? { openEnd } : {}),
        });
      }
      if (this.isPunct(',') && this.isTime(this.peek(1))) this.i++;
      else if (!this.isTime()) break; // a plain space between ranges is tolerated
    }
    return spans;
  }
}

export interface ParsedHours {
  readonly rules: readonly Rule[];
  /** Canonical text (ASCII, one space after `;`), fit to store or show. */
  readonly text: string;
}

export function parseRules(text: string): { ok: true; hours: ParsedHours } | { ok: false; error: HoursError } {
  try {
    const tokens = tokenize(text);
    // Empty rules (`;;`, a trailing `;`) are harmless and skipped.
    const cleaned = tokens.filter(
      (t, i) =>
        !(
          t.kind === 'punct' &&
          t.char === ';' &&
          (i === 0 ||
            (tokens[i - 1]?.kind === 'punct' && (tokens[i - 1] as { char: string }).char === ';') ||
            i === tokens.length - 1)
        ),
    );
    // A trailing ',' after a time range is tolerated too.
    const last = cleaned[cleaned.length - 1];
    if (last?.kind === 'punct' && last.char === ',') cleaned.pop();
    if (cleaned.length === 0)
      return { ok: false, error: { reason: 'no opening hours given', reason_zh: '没有填写开放时间', position: 0 } };
    const parser = new Parser(cleaned, text.length);
    const rules: Rule[] = [];
    let kind: RuleKind | null = 'normal';
    while (kind) {
      rules.push(parser.parseRule(kind));
      kind = parser.separator();
    }
    return { ok: true, hours: { rules, text: formatRules(rules) } };
  } catch (e) {
    if (e instanceof HoursSyntaxError)
      return { ok: false, error: { reason: e.reason, reason_zh: e.reasonZh, position: e.position } };
    throw e;
  }
}

// ---------- formatting ----------

export const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const pad2 = (n: number) => String(n).padStart(2, '0');

function formatSpan(s: Span): string {
  if (s.openEnd && s.to === s.from) return `${hhmm(s.from)}+`;
  const end = s.to > DAY_MIN && s.from < DAY_MIN && s.to - DAY_MIN < s.from ? s.to - DAY_MIN : s.to;
  return `${hhmm(s.from)}-${hhmm(end)}${s.openEnd ? '+' : ''}`;
}

/** "08:00-18:00,22:00-06:00" or "off". */
export function formatSpans(spans: readonly Span[]): string {
  return spans.length === 0 ? 'off' : spans.map(formatSpan).join(',');
}

/** Weekday runs of a boolean week, Monday first: ["Mo-Fr", "Su"]. */
export function weekdayRuns(weekdays: readonly boolean[]): [number, number][] {
  const runs: [number, number][] = [];
  for (let d = 0; d < 7; d++) {
    if (!weekdays[d] || (d > 0 && weekdays[d - 1])) continue;
    let last = d;
    while (last < 6 && weekdays[last + 1]) last++;
    runs.push([d, last]);
  }
  return runs;
}

function formatMonthDay(md: MonthDay): string {
  return md.day === undefined ? MONTHS[md.month - 1]! : `${MONTHS[md.month - 1]} ${pad2(md.day)}`;
}

function formatDays(rule: Rule): string[] {
  const plain = rule.weekdays.map((on, d) => on && (rule.nth[d]?.length ?? 0) === 0);
  const items = weekdayRuns(plain).map(([a, b]) => (a === b ? DAYS[a]! : `${DAYS[a]}-${DAYS[b]}`));
  rule.weekdays.forEach((on, d) => {
    const n = rule.nth[d] ?? [];
    if (on && n.length) items.push(`${DAYS[d]}[${n.join(',')}]`);
  });
  if (rule.ph) items.push('PH');
  return items;
}

export function formatRule(rule: Rule): string {
  const parts: string[] = [];
  if (rule.years.length) parts.push(rule.years.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(','));
  if (rule.months.length) {
    parts.push(
      rule.months
        .map(([a, b]) => {
          if (a.month === b.month && a.day === b.day) return formatMonthDay(a);
          if (a.month === b.month && a.day !== undefined && b.day !== undefined)
            return `${formatMonthDay(a)}-${pad2(b.day)}`;
          return `${formatMonthDay(a)}-${formatMonthDay(b)}`;
        })
        .join(','),
    );
  }
  if (rule.weeks.length)
    parts.push(
      `week ${rule.weeks.map(([a, b, s]) => (a === b ? pad2(a) : `${pad2(a)}-${pad2(b)}${s > 1 ? `/${s}` : ''}`)).join(',')}`,
    );
  // `Mo-Su` stays written: a rule with a weekday selector overrides differently from one without.
  const days = rule.hasDaySelector ? formatDays(rule) : [];
  if (days.length) parts.push(days.join(','));
  const wholeDay =
    rule.hasTime &&
    rule.spans.length === 1 &&
    rule.spans[0]!.from === 0 &&
    rule.spans[0]!.to === DAY_MIN &&
    !rule.spans[0]!.openEnd;
  if (!parts.length && wholeDay && rule.modifier === 'open' && !rule.comment) return '24/7';
  if (rule.hasTime)
    parts.push(formatSpans(rule.spans.length ? rule.spans : []) === 'off' ? '' : formatSpans(rule.spans));
  if (rule.modifier === 'closed') parts.push('off');
  else if (rule.modifier === 'unknown' && (rule.explicitModifier || rule.comment === null)) parts.push('unknown');
  else if (rule.modifier === 'open' && !rule.hasTime) parts.push('open');
  if (rule.comment !== null) parts.push(`"${rule.comment}"`);
  return parts.filter(Boolean).join(' ');
}

export function formatRules(rules: readonly Rule[]): string {
  return rules
    .map(
      (r, i) => (i === 0 ? '' : r.kind === 'normal' ? '; ' : r.kind === 'additional' ? ', ' : ' || ') + formatRule(r),
    )
    .join('');
}

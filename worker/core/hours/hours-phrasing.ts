// Opening hours as street-office clerks write them in Chinese, turned into OSM
// `opening_hours` syntax: 周一至周五 8:00-20:00, 每天6:00-22:00, 24小时, 全天开放,
// 节假日休息, 法定节假日闭馆, 周一闭馆, 上午9点-11点半 下午1点半-5点,
// 夏季(5月-10月)6:00-21:00 冬季(11月-4月)6:30-20:00, with full-width punctuation.
// Pure. Every error names its position in the original text, in Chinese and English.
//
// Clerks write the exceptions anywhere ("周一闭馆，每天9:00-17:00"), so the rules are
// put in the order OSM needs: everyday and seasonal hours first, then days of the
// week, then closing days, then holidays.
import { DAYS, type HoursError, hhmm, MONTHS, normaliseWidth } from './opening-hours-syntax';

type Tok =
  | { t: 'days'; days: number[]; pos: number } // Monday 0
  | { t: 'day'; day: number; pos: number }
  | { t: 'every'; pos: number }
  | { t: 'ph'; pos: number }
  | { t: 'always'; pos: number }
  | { t: 'off'; pos: number }
  | { t: 'season'; label: string; pos: number }
  | { t: 'month'; month: number; day?: number; pos: number }
  | { t: 'time'; minutes: number; period: Period | null; nextDay: boolean; pos: number; text: string }
  | { t: 'dash'; pos: number }
  | { t: 'sep'; pos: number };

type Period = 'am' | 'noon' | 'pm' | 'night' | 'dawn';

const DAY_CHARS: Record<string, number> = {
  一: 0,
  二: 1,
  三: 2,
  四: 3,
  五: 4,
  六: 5,
  日: 6,
  天: 6,
  七: 6,
  '1': 0,
  '2': 1,
  '3': 2,
  '4': 3,
  '5': 4,
  '6': 5,
  '7': 6,
};
const PERIODS: Record<string, Period> = {
  上午: 'am',
  早上: 'am',
  早晨: 'am',
  清晨: 'am',
  早: 'am',
  中午: 'noon',
  午间: 'noon',
  下午: 'pm',
  午后: 'pm',
  晚上: 'night',
  傍晚: 'night',
  夜间: 'night',
  晚: 'night',
  夜: 'night',
  凌晨: 'dawn',
};
const CN_NUMBERS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  十一: 11,
  十二: 12,
};

// One alternation, tried at each position: longest phrases first.
const LEXICON: [RegExp, (m: RegExpExecArray, pos: number) => Tok | null | 'error'][] = [
  [/\s+|[,;，；、。.\n]+|[及和与]/y, (_m, pos) => ({ t: 'sep', pos })],
  [/[()（）【】[\]]|开放时间|营业时间|办公时间|服务时间|时间/y, () => null],
  [
    /全天24小时|24小时全天|全天开放|24小时开放|24小时营业|24小时服务|24小时|全天候|全天/y,
    (_m, pos) => ({ t: 'always', pos }),
  ],
  [/法定节假日|法定假日|节假日|节日|假日|公众假期/y, (_m, pos) => ({ t: 'ph', pos })],
  [/工作日/y, (_m, pos) => ({ t: 'days', days: [0, 1, 2, 3, 4], pos })],
  [/周末|双休日|公休日/y, (_m, pos) => ({ t: 'days', days: [5, 6], pos })],
  [/每天|每日|天天|全年|全周|一周七天|周一至周日|常年/y, (_m, pos) => ({ t: 'every', pos })],
  [/(?:周|星期|礼拜)([一二三四五六日天七1-7])/y, (m, pos) => ({ t: 'day', day: DAY_CHARS[m[1]!]!, pos })],
  [
    /暂停开放|停止开放|不开放|闭馆|闭园|休馆|闭店|关闭|休息|停业|不营业|歇业|关门|不办公/y,
    (_m, pos) => ({ t: 'off', pos }),
  ],
  [/夏季|冬季|春季|秋季|夏令时|冬令时|旺季|淡季|夏天|冬天/y, (m, pos) => ({ t: 'season', label: m[0], pos })],
  [
    /(\d{1,2})月(?:(\d{1,2})[日号])?/y,
    (m, pos) => ({ t: 'month', month: Number(m[1]), ...(m[2] ? { day: Number(m[2]) } : {}), pos }),
  ],
  [
    /(上午|早上|早晨|清晨|中午|午间|下午|午后|晚上|傍晚|夜间|凌晨|早|晚|夜)?\s*(次日|第二天)?\s*(\d{1,2}|十[一二]?|[一二两三四五六七八九])(?::(\d{2})|(?:点|时)(半|(\d{1,2})分?|[一二三]刻)?)?/y,
    (m, pos) => {
      const period = m[1] ? PERIODS[m[1]]! : null;
      const h = /\d/.test(m[3]!) ? Number(m[3]) : CN_NUMBERS[m[3]!];
      if (h === undefined) return 'error';
      const min =
        m[4] !== undefined
          ? Number(m[4])
          : m[5] === '半'
            ? 30
            : m[6] !== undefined
              ? Number(m[6])
              : m[5]?.endsWith('刻')
                ? 15 * ({ 一: 1, 二: 2, 三: 3 }[m[5][0]!] ?? 1)
                : 0;
      return { t: 'time', minutes: h * 60 + min, period, nextDay: m[2] !== undefined, pos, text: m[0] };
    },
  ],
  [/至|到|[-~—–]/y, (_m, pos) => ({ t: 'dash', pos })],
  [/开放|营业|开门|办公|服务|对外|照常|正常|均|全部|起/y, () => null],
];

class PhrasingError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    readonly position: number,
  ) {
    super(en);
  }
}

function lex(text: string): Tok[] {
  const src = normaliseWidth(text)
    .replace(/[（【]/g, '(')
    .replace(/[）】]/g, ')');
  const out: Tok[] = [];
  let pos = 0;
  outer: while (pos < src.length) {
    for (const [re, make] of LEXICON) {
      re.lastIndex = pos;
      const m = re.exec(src);
      if (!m || m[0].length === 0) continue;
      const tok = make(m, pos);
      if (tok === 'error') break;
      if (tok) out.push(tok);
      pos += m[0].length;
      continue outer;
    }
    const ch = src[pos]!;
    throw new PhrasingError(`第${pos + 1}个字符“${ch}”无法识别`, `cannot read '${ch}' at position ${pos + 1}`, pos);
  }
  return out;
}

/** A time's minutes after midnight, with 下午/晚上 read as afternoon and evening. */
function clock(tok: Extract<Tok, { t: 'time' }>, inherit: Period | null, after?: number): number {
  const period = tok.period ?? inherit;
  let m = tok.minutes;
  const h = Math.floor(m / 60);
  if ((period === 'pm' || period === 'night') && h < 12) m += 720;
  else if (period === 'noon' && h < 6) m += 720;
  // An end without its own 下午 that falls before the start is meant in the afternoon
  // (下午1点半-5点, 8点到6点); past midnight only when written (次日2:00, 凌晨2点).
  if (
    after !== undefined &&
    tok.period === null &&
    !tok.nextDay &&
    inherit !== 'dawn' &&
    m <= after &&
    m + 720 > after &&
    h < 12
  )
    m += 720;
  if (m > 24 * 60 || m % 60 >= 60)
    throw new PhrasingError(
      `第${tok.pos + 1}个字符处“${tok.text}”不是有效的时间`,
      `'${tok.text}' at position ${tok.pos + 1} is not a time of day`,
      tok.pos,
    );
  return m;
}

interface Draft {
  pos: number;
  months: string[];
  days: boolean[];
  hasDays: boolean;
  ph: boolean;
  times: string[];
  off: boolean;
  always: boolean;
  season: Extract<Tok, { t: 'season' }> | null;
}

const newDraft = (pos: number): Draft => ({
  pos,
  months: [],
  days: DAYS.map(() => false),
  hasDays: false,
  ph: false,
  times: [],
  off: false,
  always: false,
  season: null,
});
const hasBody = (d: Draft) => d.times.length > 0 || d.off || d.always;
const hasSelector = (d: Draft) => d.months.length > 0 || d.hasDays || d.ph || d.season !== null;

function monthText(tok: Extract<Tok, { t: 'month' }>): string {
  if (tok.month < 1 || tok.month > 12)
    throw new PhrasingError(
      `第${tok.pos + 1}个字符处没有${tok.month}月`,
      `there is no month ${tok.month} (position ${tok.pos + 1})`,
      tok.pos,
    );
  return tok.day === undefined
    ? MONTHS[tok.month - 1]!
    : `${MONTHS[tok.month - 1]} ${String(tok.day).padStart(2, '0')}`;
}

function dayRuns(days: boolean[]): string {
  const runs: string[] = [];
  for (let d = 0; d < 7; d++) {
    if (!days[d] || (d > 0 && days[d - 1])) continue;
    let last = d;
    while (last < 6 && days[last + 1]) last++;
    runs.push(last === d ? DAYS[d]! : `${DAYS[d]}-${DAYS[last]}`);
  }
  return runs.join(',');
}

function ruleText(d: Draft): string {
  const parts = [
    d.months.length ? d.months.join(',') : '',
    [d.hasDays ? dayRuns(d.days) : '', d.ph ? 'PH' : ''].filter(Boolean).join(','),
  ].filter(Boolean);
  if (d.off) return [...parts, 'off'].join(' ');
  if (d.always) return parts.length ? [...parts, '00:00-24:00'].join(' ') : '24/7';
  return [...parts, d.times.join(',')].join(' ');
}

/** Order OSM needs: everyday and seasonal hours, weekdays, closing days, holidays. */
function rank(d: Draft): number {
  if (d.ph) return 3;
  if (d.off) return 2;
  return d.hasDays ? 1 : 0;
}

/** Whether a text looks like Chinese phrasing rather than OSM syntax. */
export function looksChinese(text: string): boolean {
  return /[\u3400-\u9fff]/.test(text);
}

/** Chinese phrasing → OSM opening_hours, or where and why it cannot be read. */
export function chineseToOsm(text: string): { ok: true; value: string } | { ok: false; error: HoursError } {
  try {
    const toks = lex(text);
    const drafts: Draft[] = [];
    let d = newDraft(0);
    let period: Period | null = null;
    const flush = () => {
      if (hasSelector(d) && !hasBody(d)) {
        throw new PhrasingError(
          `第${d.pos + 1}个字符起的日期后面要写时间或“休息”`,
          `the days at position ${d.pos + 1} need hours or 休息 after them`,
          d.pos,
        );
      }
      if (d.season && !d.months.length) {
        throw new PhrasingError(
          `第${d.season.pos + 1}个字符处“${d.season.label}”要写明月份，例如“夏季(5月-10月)”`,
          `give the months of '${d.season.label}' (position ${d.season.pos + 1}), e.g. 夏季(5月-10月)`,
          d.season.pos,
        );
      }
      if (hasBody(d)) drafts.push(d);
    };
    const startSelector = (pos: number) => {
      if (hasBody(d)) {
        flush();
        d = newDraft(pos);
        period = null;
      } else if (!hasSelector(d)) d.pos = pos;
    };
    for (let i = 0; i < toks.length; i++) {
      const tok = toks[i]!;
      const next = toks[i + 1];
      switch (tok.t) {
        case 'sep':
          break;
        case 'season':
          startSelector(tok.pos);
          d.season = tok;
          break;
        case 'month': {
          startSelector(tok.pos);
          let text = monthText(tok);
          const end = toks[i + 2];
          if (next?.t === 'dash' && end?.t === 'month') {
            if ((tok.day === undefined) !== (end.day === undefined)) {
              throw new PhrasingError(
                `第${end.pos + 1}个字符处：日期范围两端都写日或都不写`,
                `give days on both ends of the date range or none (position ${end.pos + 1})`,
                end.pos,
              );
            }
            text = `${text}-${monthText(end)}`;
            i += 2;
          }
          d.months.push(text);
          break;
        }
        case 'every':
          startSelector(tok.pos);
          break;
        case 'ph':
          startSelector(tok.pos);
          d.ph = true;
          break;
        case 'days':
          startSelector(tok.pos);
          d.hasDays = true;
          for (const x of tok.days) d.days[x] = true;
          break;
        case 'day': {
          startSelector(tok.pos);
          d.hasDays = true;
          const end = toks[i + 2];
          if (next?.t === 'dash' && end?.t === 'day') {
            for (let x = tok.day; ; x = (x + 1) % 7) {
              d.days[x] = true;
              if (x === end.day) break;
            }
            i += 2;
          } else d.days[tok.day] = true;
          break;
        }
        case 'always':
          d.always = true;
          break;
        case 'off':
          if (!hasSelector(d))
            throw new PhrasingError(
              `第${tok.pos + 1}个字符处：写明哪天休息，例如“周一闭馆”“节假日休息”`,
              `say which days are closed (position ${tok.pos + 1}), e.g. 周一闭馆`,
              tok.pos,
            );
          if (hasBody(d) && !d.off) {
            // "周一 9:00-12:00 闭馆" is not meant; closing words end their own rule.
            throw new PhrasingError(
              `第${tok.pos + 1}个字符处：同一天不能既有时间又休息`,
              `a day cannot have hours and be closed (position ${tok.pos + 1})`,
              tok.pos,
            );
          }
          d.off = true;
          break;
        case 'time': {
          if (d.off) {
            flush();
            d = newDraft(tok.pos);
          }
          const dash = next;
          const end = toks[i + 2];
          if (dash?.t !== 'dash' || end?.t !== 'time') {
            throw new PhrasingError(
              `第${tok.pos + 1}个字符处“${tok.text}”后面要写结束时间，例如“8:00-18:00”`,
              `'${tok.text}' at position ${tok.pos + 1} needs an end time, e.g. 8:00-18:00`,
              tok.pos,
            );
          }
          period = tok.period ?? (end.period ? null : period);
          const from = clock(tok, period);
          const to = clock(end, tok.period ?? period, from);
          if (from === to)
            throw new PhrasingError(
              `第${tok.pos + 1}个字符处的时间段开始和结束相同`,
              `the range at position ${tok.pos + 1} starts and ends at the same time`,
              tok.pos,
            );
          d.times.push(`${hhmm(from)}-${hhmm(to)}`);
          i += 2;
          break;
        }
        case 'dash':
          throw new PhrasingError(
            `第${tok.pos + 1}个字符处多了一个“至/-”`,
            `unexpected range mark at position ${tok.pos + 1}`,
            tok.pos,
          );
      }
    }
    flush();
    if (drafts.length === 0)
      throw new PhrasingError(
        '没有读到开放时间，例如“周一至周五 8:00-18:00”',
        'no opening hours found, e.g. 周一至周五 8:00-18:00',
        0,
      );
    const ordered = drafts
      .map((x, i) => ({ x, i }))
      .sort((a, b) => rank(a.x) - rank(b.x) || a.i - b.i)
      .map(({ x }) => x);
    return { ok: true, value: ordered.map(ruleText).join('; ') };
  } catch (e) {
    if (e instanceof PhrasingError)
      return { ok: false, error: { reason: e.en, reason_zh: e.zh, position: e.position } };
    throw e;
  }
}

// Opening hours read aloud in plain words, in Chinese and English:
// `Mo-Fr 08:00-20:00; PH off` → "周一至周五 8:00–20:00；法定节假日休息" /
// "Mon–Fri 8:00–20:00; public holidays: closed". Pure.
import { DAY_MIN, type MonthDay, type ParsedHours, type Rule, type Span, weekdayRuns } from './opening-hours-syntax';

export interface Reading {
  readonly zh: string;
  readonly en: string;
}

const ZH_DAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const EN_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const EN_NTH = ['', '1st', '2nd', '3rd', '4th', '5th'];

const clock = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;

function spanZh(s: Span): string {
  if (s.openEnd && s.to === s.from) return `${clock(s.from)}起（结束时间不定）`;
  const end = s.to > DAY_MIN ? `次日${clock(s.to - DAY_MIN)}` : clock(s.to);
  return `${clock(s.from)}–${end}${s.openEnd ? '（之后不定）' : ''}`;
}

function spanEn(s: Span): string {
  if (s.openEnd && s.to === s.from) return `from ${clock(s.from)} (closing time unknown)`;
  const end = s.to > DAY_MIN ? `${clock(s.to - DAY_MIN)} next day` : clock(s.to);
  return `${clock(s.from)}–${end}${s.openEnd ? ' (then unknown)' : ''}`;
}

const mdZh = (m: MonthDay) => (m.day === undefined ? `${m.month}月` : `${m.month}月${m.day}日`);
const mdEn = (m: MonthDay) => (m.day === undefined ? EN_MONTHS[m.month - 1]! : `${EN_MONTHS[m.month - 1]} ${m.day}`);

function selectorZh(rule: Rule): string[] {
  const parts: string[] = [];
  if (rule.years.length) parts.push(rule.years.map(([a, b]) => (a === b ? `${a}年` : `${a}至${b}年`)).join('、'));
  if (rule.months.length)
    parts.push(
      rule.months
        .map(([a, b]) => (a.month === b.month && a.day === b.day ? mdZh(a) : `${mdZh(a)}至${mdZh(b)}`))
        .join('、'),
    );
  if (rule.weeks.length)
    parts.push(
      rule.weeks.map(([a, b, s]) => (a === b ? `第${a}周` : `第${a}至${b}周${s > 1 ? `（每${s}周）` : ''}`)).join('、'),
    );
  if (rule.hasDaySelector) {
    const plain = rule.weekdays.map((on, d) => on && (rule.nth[d]?.length ?? 0) === 0);
    const items = weekdayRuns(plain).map(([a, b]) =>
      a === b ? ZH_DAYS[a]! : b === a + 1 ? `${ZH_DAYS[a]}、${ZH_DAYS[b]}` : `${ZH_DAYS[a]}至${ZH_DAYS[b]}`,
    );
    rule.weekdays.forEach((on, d) => {
      for (const n of on ? (rule.nth[d] ?? []) : [])
        items.push(`每月${n > 0 ? `第${n}个` : n === -1 ? '最后一个' : `倒数第${-n}个`}${ZH_DAYS[d]}`);
    });
    if (rule.ph) items.push('法定节假日');
    parts.push(items.join('、'));
  } else if (!parts.length) parts.push('每天');
  return parts;
}

function selectorEn(rule: Rule): string[] {
  const parts: string[] = [];
  if (rule.years.length) parts.push(rule.years.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', '));
  if (rule.months.length)
    parts.push(
      rule.months
        .map(([a, b]) => (a.month === b.month && a.day === b.day ? mdEn(a) : `${mdEn(a)}–${mdEn(b)}`))
        .join(', '),
    );
  if (rule.weeks.length)
    parts.push(
      rule.weeks
        .map(([a, b, s]) => (a === b ? `week ${a}` : `weeks ${a}–${b}${s > 1 ? ` (every ${s})` : ''}`))
        .join(', '),
    );
  if (rule.hasDaySelector) {
    const plain = rule.weekdays.map((on, d) => on && (rule.nth[d]?.length ?? 0) === 0);
    const items = weekdayRuns(plain).map(([a, b]) =>
      a === b ? EN_DAYS[a]! : b === a + 1 ? `${EN_DAYS[a]}, ${EN_DAYS[b]}` : `${EN_DAYS[a]}–${EN_DAYS[b]}`,
    );
    rule.weekdays.forEach((on, d) => {
      for (const n of on ? (rule.nth[d] ?? []) : [])
        items.push(`${n > 0 ? EN_NTH[n] : n === -1 ? 'last' : `${EN_NTH[-n]} last`} ${EN_DAYS[d]} of the month`);
    });
    if (rule.ph) items.push('public holidays');
    parts.push(items.join(', '));
  } else if (!parts.length) parts.push('every day');
  return parts;
}

function ruleZh(rule: Rule): string {
  const sel = selectorZh(rule).join(' ');
  const whole = rule.hasTime && rule.spans.length === 1 && rule.spans[0]!.from === 0 && rule.spans[0]!.to === DAY_MIN;
  let body: string;
  if (rule.modifier === 'closed') body = rule.hasTime ? `${rule.spans.map(spanZh).join('、')} 休息` : '休息';
  else if (whole) body = '全天24小时开放';
  else if (!rule.hasTime) body = rule.modifier === 'unknown' ? '开放时间不定' : '全天开放';
  else body = rule.spans.map(spanZh).join('、') + (rule.modifier === 'unknown' ? '（时间不定）' : '');
  const text =
    sel === '每天' && (body === '全天24小时开放' || body === '休息')
      ? body
      : body === '休息'
        ? `${sel}${body}`
        : `${sel} ${body}`;
  return rule.comment ? `${text}（备注：${rule.comment}）` : text;
}

function ruleEn(rule: Rule): string {
  const sel = selectorEn(rule).join(' ');
  const whole = rule.hasTime && rule.spans.length === 1 && rule.spans[0]!.from === 0 && rule.spans[0]!.to === DAY_MIN;
  let body: string;
  if (rule.modifier === 'closed') body = rule.hasTime ? `closed ${rule.spans.map(spanEn).join(', ')}` : 'closed';
  else if (whole) body = 'open 24 hours';
  else if (!rule.hasTime) body = rule.modifier === 'unknown' ? 'hours unknown' : 'open all day';
  else body = rule.spans.map(spanEn).join(', ') + (rule.modifier === 'unknown' ? ' (hours unknown)' : '');
  const text = sel === 'every day' && body === 'open 24 hours' ? 'open 24 hours, every day' : `${sel} ${body}`;
  return rule.comment ? `${text} (note: ${rule.comment})` : text;
}

/** The hours in plain words, rule by rule, in Chinese and English. */
export function readingOf(hours: ParsedHours): Reading {
  const join = (texts: string[], seps: { normal: string; additional: string; fallback: string }) =>
    texts.map((t, i) => (i === 0 ? t : `${seps[hours.rules[i]!.kind]}${t}`)).join('');
  return {
    zh: join(hours.rules.map(ruleZh), { normal: '；', additional: '，另', fallback: '；其余时间：' }),
    en: join(hours.rules.map(ruleEn), { normal: '; ', additional: ', also ', fallback: '; otherwise: ' }),
  };
}

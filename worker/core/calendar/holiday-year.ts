// One year's holiday arrangement (days off and make-up working days) and the rules
// an arrangement must satisfy before linli uses it. Pure.

export interface HolidayPeriod {
  /** Chinese name, as in the notice (e.g. 春节). */
  readonly name: string;
  readonly en: string;
  /** First and last day off, inclusive. Every day in between is off. */
  readonly from: string;
  readonly to: string;
  /** Saturdays/Sundays that become working days for this holiday (调休上班). */
  readonly workdays: readonly string[];
}

export interface HolidayYear {
  /** The State Council notice the dates come from. */
  readonly source: string;
  readonly periods: readonly HolidayPeriod[];
}

/** `official`: the State Council's arrangement; `statutory`: computed from the law, provisional. */
export type CalendarKind = 'official' | 'statutory';

export interface ArrangementProblem {
  /** Where, in API naming: `periods[2].to`. */
  readonly name: string;
  readonly reason: string;
}

const YMD = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const isDate = (s: string) => YMD.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const weekday = (s: string) => new Date(`${s}T00:00:00Z`).getUTCDay(); // 0 Sunday

/** Every date of a period, from `from` to `to` inclusive. */
export function periodDays(p: Pick<HolidayPeriod, 'from' | 'to'>): string[] {
  const out: string[] = [];
  const last = Date.parse(`${p.to}T00:00:00Z`);
  for (let t = Date.parse(`${p.from}T00:00:00Z`); t <= last && out.length < 400; t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * What is wrong with an arrangement for `year`: dates outside the year or not real,
 * a period ending before it starts or longer than 10 days, a day both off and a
 * working day, a day in two periods, a make-up working day that is not a weekend day
 * (a weekday is a working day anyway). Empty when it may be used.
 */
export function arrangementProblems(year: number, arrangement: HolidayYear): ArrangementProblem[] {
  const problems: ArrangementProblem[] = [];
  const inYear = (s: string) => s.startsWith(`${year}-`);
  if (!arrangement.source.trim())
    problems.push({ name: 'source', reason: '写明国务院通知的名称和文号 / name the State Council notice' });
  if (arrangement.periods.length === 0)
    problems.push({ name: 'periods', reason: '至少一个假期 / at least one holiday period' });
  const offBy = new Map<string, number>();
  const workBy = new Map<string, number>();
  arrangement.periods.forEach((p, i) => {
    const at = `periods[${i}]`;
    if (!p.name.trim()) problems.push({ name: `${at}.name`, reason: '缺少节日名称 / the holiday needs a name' });
    for (const field of ['from', 'to'] as const) {
      if (!isDate(p[field]))
        problems.push({ name: `${at}.${field}`, reason: `'${p[field]}' 不是有效日期 YYYY-MM-DD / not a date` });
      else if (!inYear(p[field]) && !(field === 'from' && p[field].startsWith(`${year - 1}-12-`))) {
        problems.push({ name: `${at}.${field}`, reason: `${p[field]} 不在 ${year} 年内 / not within ${year}` });
      }
    }
    if (isDate(p.from) && isDate(p.to)) {
      if (p.to < p.from)
        problems.push({ name: `${at}.to`, reason: `结束日期早于开始日期 / ends before it starts (${p.from})` });
      else if (periodDays(p).length > 10)
        problems.push({ name: `${at}.to`, reason: '假期超过10天 / longer than 10 days' });
      else {
        for (const day of periodDays(p)) {
          const other = offBy.get(day);
          if (other !== undefined)
            problems.push({
              name: `${at}.from`,
              reason: `${day} 已属于第${other + 1}个假期 / already in period ${other + 1}`,
            });
          offBy.set(day, i);
        }
      }
    }
    p.workdays.forEach((w, j) => {
      const name = `${at}.workdays[${j}]`;
      if (!isDate(w)) problems.push({ name, reason: `'${w}' 不是有效日期 YYYY-MM-DD / not a date` });
      else if (!inYear(w) && !w.startsWith(`${year + 1}-01-`) && !w.startsWith(`${year - 1}-12-`))
        problems.push({ name, reason: `${w} 不在 ${year} 年内 / not within ${year}` });
      else if (weekday(w) !== 0 && weekday(w) !== 6)
        problems.push({ name, reason: `${w} 是工作日，无需调休 / is a weekday, a working day anyway` });
      else if (workBy.has(w)) problems.push({ name, reason: `${w} 重复 / listed twice` });
      workBy.set(w, i);
    });
  });
  for (const [day, i] of workBy) {
    if (offBy.has(day))
      problems.push({
        name: `periods[${i}].workdays`,
        reason: `${day} 既放假又上班 / both a day off and a working day`,
      });
  }
  return problems;
}

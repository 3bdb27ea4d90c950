// Values that parse but probably do not mean what their writer meant, each with a
// one-click fix (the value rewritten), as opening_hours.js warns. Pure.
import { DAY_MIN, formatRules, type ParsedHours, type Rule } from './opening-hours-syntax';

export interface HoursWarning {
  readonly code: 'ph_overridden' | 'same_days_overridden' | 'overnight_cut';
  readonly zh: string;
  readonly en: string;
  /** Offset in the canonical value of the rule the warning is about. */
  readonly position: number;
  /** The value with the fix applied, ready to store. */
  readonly fix: string;
}

const sameDates = (a: Rule, b: Rule) =>
  a.hasDaySelector === b.hasDaySelector &&
  a.ph === b.ph &&
  JSON.stringify([a.weekdays, a.nth, a.years, a.months, a.weeks]) ===
    JSON.stringify([b.weekdays, b.nth, b.years, b.months, b.weeks]);
const onlyHolidays = (r: Rule) => r.ph && !r.weekdays.some(Boolean);
/** A normal rule that replaces the day for some weekday (so also on a holiday falling on it). */
const replacesWeekdays = (r: Rule) =>
  r.kind === 'normal' && !(r.modifier === 'closed' && r.hasTime) && (!r.hasDaySelector || r.weekdays.some(Boolean));

const SEPARATOR_LENGTH = { normal: 2, additional: 2, fallback: 4 } as const; // '; ', ', ', ' || '

/** Offsets of each rule in the canonical text. */
function offsets(rules: readonly Rule[]): number[] {
  return rules.map((r, i) => (i === 0 ? 0 : formatRules(rules.slice(0, i)).length + SEPARATOR_LENGTH[r.kind]));
}

export function hoursWarnings(hours: ParsedHours): HoursWarning[] {
  const rules = hours.rules;
  const at = offsets(rules);
  const warnings: HoursWarning[] = [];

  // `PH off; Mo-Fr 08:00-18:00`: the later weekday rule wins on holidays too.
  const firstPh = rules.findIndex(
    (r, i) => onlyHolidays(r) && r.kind === 'normal' && rules.slice(i + 1).some(replacesWeekdays),
  );
  if (firstPh >= 0) {
    const holidayRules = rules.filter((r) => onlyHolidays(r) && r.kind === 'normal');
    const fixed = [...rules.filter((r) => !holidayRules.includes(r)), ...holidayRules];
    warnings.push({
      code: 'ph_overridden',
      position: at[firstPh]!,
      fix: formatRules(fixed.map((r, i) => (i === 0 && r.kind !== 'normal' ? { ...r, kind: 'normal' as const } : r))),
      zh: '节假日规则写在星期规则前面，会被后面的星期规则覆盖，节假日仍按星期开放；应把节假日规则放到最后',
      en: 'the PH rule comes before weekday rules, which replace it on holidays falling on those days; put it last',
    });
  }

  // `Mo-Fr 08:00-12:00; Mo-Fr 14:00-18:00`: the second replaces the first entirely.
  for (let i = 1; i < rules.length; i++) {
    const later = rules[i]!;
    if (later.kind !== 'normal' || later.modifier !== 'open' || !later.hasTime) continue;
    const j = rules.findIndex((r, k) => k < i && r.modifier === 'open' && r.hasTime && sameDates(r, later));
    if (j < 0) continue;
    const earlier = rules[j]!;
    const merged = { ...earlier, spans: [...earlier.spans, ...later.spans].sort((a, b) => a.from - b.from) };
    warnings.push({
      code: 'same_days_overridden',
      position: at[i]!,
      fix: formatRules(rules.flatMap((r, k) => (k === j ? [merged] : k === i ? [] : [r]))),
      zh: '两条规则的日期相同，后一条会完全取代前一条；如要两段时间都开放，应合并为一条',
      en: 'two rules name the same days, so the later replaces the earlier entirely; merge their hours into one rule',
    });
  }

  // `Mo-Fr 22:00-02:00; Sa 10:00-12:00`: Saturday's rule cuts Friday night short at midnight.
  for (let i = 1; i < rules.length; i++) {
    const later = rules[i]!;
    if (later.kind !== 'normal' || later.modifier === 'closed' || !later.hasDaySelector) continue;
    const cut = rules
      .slice(0, i)
      .some(
        (r) =>
          r.modifier !== 'closed' &&
          r.spans.some((s) => s.to > DAY_MIN) &&
          r.weekdays.some((on, d) => on && later.weekdays[(d + 1) % 7] && !r.weekdays[(d + 1) % 7]),
      );
    if (!cut) continue;
    warnings.push({
      code: 'overnight_cut',
      position: at[i]!,
      fix: formatRules(rules.map((r, k) => (k === i ? { ...r, kind: 'additional' as const } : r))),
      zh: '前一条规则的时间跨过午夜，这条规则会把次日凌晨的部分取消；如要保留，用逗号“,”连接这条规则',
      en: "an earlier rule runs past midnight into this rule's days, which cancels that part; join this rule with ',' to keep it",
    });
  }
  return warnings;
}
